import { EditOutlined, FileProtectOutlined, NotificationOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ASSIGNMENT_SOURCE_LABELS, isCovertKind } from '#core/inspections/kinds.ts';
import { findFindings, findVisits, getInspection, getTaxonomy, releaseInspection, type InspectionDetail } from '#web/api/inspections.ts';
import { useCan, useMe } from '#web/auth/auth-context.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { periodLabel } from '#web/pages/rounds/round-utils.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { KindTag, ReleaseTag } from '../components/tags.tsx';
import { usesDraw } from '../inspection-utils.ts';
import { NoticeModal } from '#web/pages/rectifications/components/notice-modal.tsx';
import { DrawPanel } from './draw-panel.tsx';
import { FindingsCard } from './findings-card.tsx';
import { VisitsCard } from './visits-card.tsx';

/** The units an inspector records at: the targets they were drawn for, or every target when named on the whole plan. */
function recordableUnits(plan: InspectionDetail, userId: number): { id: number; name: string }[] {
  const mine = plan.inspectors.filter((i) => i.userId === userId);
  if (mine.length === 0) return [];
  const wholePlan = mine.some((i) => i.targetUnitId === null);
  return plan.targets.filter((t) => wholePlan || mine.some((i) => i.targetUnitId === t.unitId)).map((t) => ({ id: t.unitId, name: t.name }));
}

/**
 * A plan's page (督查计划详情): basis and scope, the draw, targets and inspectors, visits on their
 * schematic map, the findings with their counts; the coordinator releases the findings to the units.
 */
export default function InspectionDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const me = useMe();
  const can = useCan();
  const mayManage = can('inspection.manage');
  const plan = useRequest((signal) => getInspection(id, signal), [id]);
  // A unit sees visits and findings only once released: before that it does not ask (nothing to show, no refusal to toast).
  const hidden = plan.data ? plan.data.access === 'unit' && !plan.data.releasedAt : true;
  const visits = useRequest((signal) => (hidden ? Promise.resolve({ data: [] }) : findVisits(id, signal)), [id, hidden]);
  const findings = useRequest((signal) => (hidden ? Promise.resolve({ data: [], total: 0 }) : findFindings({ inspectionId: id }, signal)), [id, hidden]);
  const taxonomy = useRequest((signal) => getTaxonomy(signal), []);
  const [noticing, setNoticing] = useState(false);
  const units = useMemo(() => (plan.data ? recordableUnits(plan.data, me.id) : []), [plan.data, me.id]);

  if (plan.loading && !plan.data) return <PageLoading />;
  if (!plan.data) return <LoadFailed error={plan.error} what="督查计划" onRetry={plan.reload} />;
  const p = plan.data;
  const mayRecord = can('inspection.record') && units.length > 0;
  const findingRows = findings.data?.data ?? [];

  const release = () =>
    modal.confirm({
      title: `发布“${p.title}”的问题？`,
      content: (
        <>
          发布后，各被检查单位可看到与本单位有关的 {findingRows.length} 条问题
          {isCovertKind(p.kind) ? '，暗访计划本身也随之对其可见' : ''}；发布不可撤回。
        </>
      ),
      okText: '发布',
      okButtonProps: { 'data-testid': 'inspection-release-confirm' },
      cancelText: '取消',
      onOk: async () => {
        try {
          plan.setData(await releaseInspection(p.id));
          void message.success('问题已发布');
        } catch {
          // Shown by the request policy.
        }
      },
    });

  const reloadAll = () => {
    plan.reload();
    visits.reload();
    findings.reload();
  };

  const overview = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="督查时间">{periodLabel(p.periodStart, p.periodEnd)}</Descriptions.Item>
          <Descriptions.Item label="督查依据">{p.basis}</Descriptions.Item>
          <Descriptions.Item label="问题发布">{p.releasedAt ? shanghaiTime(p.releasedAt, 'minute') : '未发布'}</Descriptions.Item>
          <Descriptions.Item label="范围内单位" span={{ xs: 1, sm: 2, lg: 3 }}>
            {p.scope.units.map((u) => u.name).join('、') || '—'}
          </Descriptions.Item>
          {p.methodNotes && (
            <Descriptions.Item label="方法说明" span={{ xs: 1, sm: 2, lg: 3 }}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{p.methodNotes}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {usesDraw(p.kind) && (mayManage || p.draw) && <DrawPanel inspection={p} mayDraw={mayManage && !p.releasedAt} onDrawn={(next) => plan.setData(next)} />}
      <Card size="small" title={`检查对象（${p.targets.length}）`} data-testid="targets-card">
        <Table
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={p.targets}
          onRow={(t) => ({ 'data-testid': 'target-row', 'data-unit-id': t.unitId }) as object}
          columns={[
            { title: '单位', dataIndex: 'name' },
            { title: '来源', dataIndex: 'source', width: 90, render: (s: keyof typeof ASSIGNMENT_SOURCE_LABELS) => ASSIGNMENT_SOURCE_LABELS[s] },
            {
              title: '督查人员',
              key: 'inspectors',
              // One name once, whether named on the whole plan, drawn for this target, or both.
              render: (_, t) =>
                [...new Set(p.inspectors.filter((i) => i.targetUnitId === t.unitId || i.targetUnitId === null).map((i) => i.displayName))].join('、') || '—',
            },
          ]}
        />
      </Card>
    </Space>
  );

  return (
    <>
      <PageHeader
        title={p.title}
        subTitle={
          <Space size={6}>
            <KindTag kind={p.kind} />
            <ReleaseTag releasedAt={p.releasedAt} />
          </Space>
        }
        crumbs={[{ title: '督查计划', to: '/inspections' }, { title: p.title }]}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reloadAll}>
              刷新
            </Button>
            {mayManage && !p.releasedAt && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/inspections/${p.id}/edit`)} data-testid="inspection-edit">
                编辑
              </Button>
            )}
            {mayManage && p.releasedAt && findingRows.some((f) => f.status === 'found' && f.polarity === 'problem') && (
              <Button type="primary" icon={<FileProtectOutlined />} onClick={() => setNoticing(true)} data-testid="inspection-notice">
                下发整改通知
              </Button>
            )}
            {mayManage && !p.releasedAt && (
              <Button type="primary" icon={<NotificationOutlined />} onClick={release} disabled={findingRows.length === 0} data-testid="inspection-release">
                发布问题
              </Button>
            )}
          </>
        }
      />
      <Tabs
        defaultActiveKey="overview"
        items={[
          { key: 'overview', label: '概况', children: overview },
          {
            key: 'visits',
            label: `走访（${visits.data?.data.length ?? 0}）`,
            children: (
              <VisitsCard
                inspectionId={p.id}
                visits={visits.data?.data ?? []}
                recordableUnits={units}
                mayRecord={mayRecord}
                onVisitCreated={() => visits.reload()}
              />
            ),
          },
          {
            key: 'findings',
            label: `问题清单（${findingRows.length}）`,
            children: taxonomy.data ? (
              <FindingsCard
                inspectionId={p.id}
                findings={findingRows}
                taxonomy={taxonomy.data}
                mayImport={mayRecord && !p.releasedAt}
                onImported={() => findings.reload()}
              />
            ) : (
              <PageLoading />
            ),
          },
        ]}
      />
      {mayManage && p.releasedAt && (
        <NoticeModal
          open={noticing}
          inspectionId={p.id}
          onClose={() => setNoticing(false)}
          onCreated={(n) => {
            setNoticing(false);
            navigate(`/rectifications/notices/${n.id}`);
          }}
        />
      )}
    </>
  );
}
