import { CalendarOutlined, EditOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Row, Select, Statistic, Table, Timeline, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { findIndicators, getPlan, updateSection } from '#web/api/plans.ts';
import type { Indicator, PlanDetail, Section } from '#core/api/plans.ts';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useCan, useMe } from '#web/auth/auth-context.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel, levelLabel } from '#web/utils/format.ts';
import { rememberPlan } from '#web/utils/last-plan.ts';
import { CheckpointsCard } from './components/checkpoints-card.tsx';
import { LedgerExcelCard } from './components/ledger-excel.tsx';
import { PlanEditDrawer } from './components/plan-edit-drawer.tsx';

/** The indicator a section maps to, changed in place. */
function IndicatorSelect({ section, indicators, onChanged }: { section: Section; indicators: Indicator[]; onChanged: (s: Section) => void }) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  return (
    <Select
      size="small"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={saving}
      placeholder="未对应指标"
      value={section.indicator?.code ?? null}
      style={{ width: '100%' }}
      options={indicators.map((i) => ({ value: i.code, label: i.name }))}
      onChange={async (code: string | null | undefined) => {
        setSaving(true);
        try {
          const saved = await updateSection(section.id, code ?? null);
          onChanged(saved);
          void message.success(code ? `已对应到「${saved.indicator?.name ?? code}」` : '已取消对应指标');
        } catch {
          // Shown by the request policy.
        } finally {
          setSaving(false);
        }
      }}
    />
  );
}

/** 方案概览: what the plan is, its dated goals, and its sections with the indicators they serve. */
export default function PlanOverviewPage() {
  const id = Number(useParams().id);
  const plan = useRequest((signal) => getPlan(id, signal), [id]);
  const indicators = useRequest((signal) => findIndicators(signal), []);
  const [editing, setEditing] = useState(false);
  const can = useCan();
  const me = useMe();
  const mayManage = can('plan.manage');
  const ledgerUnit = can('task.unit.write') && me.unitId !== null ? { id: me.unitId, name: me.unitName ?? '本单位' } : null;

  useEffect(() => {
    if (plan.data) rememberPlan(plan.data.id);
  }, [plan.data]);

  if (plan.loading && !plan.data) return <PageLoading />;
  if (!plan.data) return <LoadFailed error={plan.error} what="方案" onRetry={plan.reload} />;
  const p: PlanDetail = plan.data;

  const replaceSection = (s: Section) => plan.setData({ ...p, sections: p.sections.map((x) => (x.id === s.id ? { ...x, ...s } : x)) });

  const mapped = p.sections.filter((s) => s.indicator).length;
  const maxTasks = Math.max(1, ...p.sections.map((s) => s.taskCount));
  const columns: ColumnsType<Section> = [
    { title: '序号', dataIndex: 'ordinal', width: 56, align: 'center' },
    {
      title: '章节',
      dataIndex: 'title',
      width: 320,
      render: (title: string, s) => (
        <Link to={`/plans/${p.id}/tasks?sectionId=${s.id}`} title={s.heading}>
          {title}
        </Link>
      ),
    },
    {
      title: '对应指标',
      key: 'indicator',
      width: 260,
      render: (_, s) =>
        mayManage ? (
          <IndicatorSelect section={s} indicators={indicators.data?.data ?? []} onChanged={replaceSection} />
        ) : (
          s.indicator?.name ?? <Typography.Text type="secondary">未对应指标</Typography.Text>
        ),
    },
    {
      title: '任务数',
      dataIndex: 'taskCount',
      render: (n: number, s) => (
        <Link to={`/plans/${p.id}/tasks?sectionId=${s.id}`} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <span style={{ width: 28, textAlign: 'right' }}>{n}</span>
          <span style={{ flex: 1, maxWidth: 360, height: 8, background: '#f0f0f0', borderRadius: 4 }}>
            <span style={{ display: 'block', width: `${(n / maxTasks) * 100}%`, height: '100%', background: '#5b8ff9', borderRadius: 4 }} />
          </span>
        </Link>
      ),
    },
  ];


  return (
    <>
      <PageHeader
        title={p.title}
        subTitle={p.number}
        crumbs={[{ title: '方案列表', to: '/plans' }, { title: p.number ?? p.title }]}
        extra={
          <>
            {mayManage && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="plan-edit">编辑信息</Button>}
            <Link to={`/plans/${p.id}/calendar`}><Button icon={<CalendarOutlined />}>截止日历</Button></Link>
            <Link to={`/plans/${p.id}/tasks`}><Button type="primary" icon={<UnorderedListOutlined />}>任务列表</Button></Link>
          </>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card size="small" title="基本信息" style={{ marginBottom: 12 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xxl: 3 }}
              styles={{ label: { width: 80 } }}
              items={[
                { key: 'number', label: '文号', children: p.number ?? '—' },
                { key: 'issuer', label: '发文机关', children: p.issuer ?? '—' },
                { key: 'date', label: '发文日期', children: p.date ?? '—' },
                { key: 'year', label: '年度', children: p.year ?? '—' },
                { key: 'level', label: '层级', children: levelLabel(p.level) },
                {
                  key: 'parent',
                  label: '上级方案',
                  children: p.parentPlan ? <Link to={`/plans/${p.parentPlan.id}`}>{p.parentPlan.number ?? p.parentPlan.title}</Link> : '—',
                },
                ...(p.fileName ? [{ key: 'file', label: '来源文件', children: p.fileName }] : []),
              ]}
            />
          </Card>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Row gutter={12}>
              <Col span={6}><Statistic title="任务" value={p.taskCount} suffix="项" /></Col>
              <Col span={6}>
                <Statistic title="章节" value={p.sections.length} suffix="个" />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{mapped} 个已对应营商环境指标</Typography.Text>
              </Col>
              <Col span={6}><Statistic title="时间节点" value={p.deadlineCount} suffix="个" /></Col>
              <Col span={6}><Statistic title="涉及单位" value={p.unitCount} suffix="个" /></Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="目标节点" style={{ marginBottom: 12, height: 'calc(100% - 12px)' }}>
            {p.goals.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="方案未写明阶段目标" />
            ) : (
              <Timeline
                style={{ marginTop: 8, marginBottom: -16 }}
                items={p.goals.map((g) => ({
                  color: g.date ? 'blue' : 'gray',
                  content: (
                    <>
                      <Typography.Text strong style={{ marginInlineEnd: 8 }}>{g.date ? dayLabel(g.date, p.year) : '未定日期'}</Typography.Text>
                      {g.text}
                    </>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <CheckpointsCard planId={p.id} year={p.year} />
      <LedgerExcelCard planId={p.id} unit={ledgerUnit} />
      <Card size="small" title={`章节与指标（${p.sections.length}）`} styles={{ body: { padding: 0 } }}>
        <Table<Section> rowKey="id" size="small" columns={columns} dataSource={p.sections} pagination={false} />
      </Card>
      <PlanEditDrawer
        plan={p}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          plan.setData({ ...p, ...saved });
          setEditing(false);
        }}
      />
    </>
  );
}
