import { FundProjectionScreenOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Segmented, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  getBurnup,
  getDashboardSummary,
  getHeatmap,
  getRoadmap,
  getRoundTrend,
  getSectionProgress,
  getUnitRanking,
  type UnitRanking,
} from '#web/api/dashboard.ts';
import { Chart } from '#web/components/chart.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import {
  burnupDrill,
  burnupOption,
  heatmapDrill,
  heatmapOption,
  heatmapView,
  LIGHT,
  percent,
  roadmapDrill,
  roadmapOption,
  roadmapRows,
  roundDrill,
  roundsInOrder,
  roundsOption,
  sectionsDrill,
  sectionsOption,
  shorten,
  unitDrill,
  unitsOption,
  type Drill,
} from './charts.ts';
import { DrillDrawer } from './components/drill-drawer.tsx';
import { PlanSelect, usePlanParam, usePlans } from './components/plan-select.tsx';
import { SummaryCards } from './components/summary-cards.tsx';

const HEATMAP_UNITS = 30;

function NoData({ text, height = 240 }: { text: string; height?: number }) {
  return (
    <div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />
    </div>
  );
}

/** 看板: where the plans stand — figures, burn-up against the goals, sections, units, overdue months, rounds, roadmap; every chart opens its tasks. */
export default function DashboardPage() {
  const [planId, setPlanId] = usePlanParam();
  const [params, setParams] = useSearchParams();
  const plans = usePlans();
  const [version, setVersion] = useState(0);
  const [drill, setDrill] = useState<Drill | null>(null);
  const deps = [planId, version];

  const summary = useRequest((signal) => getDashboardSummary(planId, signal), deps);
  const burnup = useRequest((signal) => getBurnup(planId, signal), deps);
  const sections = useRequest((signal) => getSectionProgress(planId, signal), deps);
  const units = useRequest((signal) => getUnitRanking(planId, undefined, signal), deps);
  const heatmap = useRequest((signal) => getHeatmap(planId, signal), deps);
  const rounds = useRequest((signal) => getRoundTrend(planId, signal), deps);

  const plan = plans.data?.data.find((p) => p.id === planId) ?? null;
  const year = plan?.year ?? (burnup.data ? Number(burnup.data.asOf.slice(0, 4)) : null);
  const sectionRows = sections.data?.data ?? [];

  // The roadmap's section: from the URL, else the first section with tasks.
  const sectionParam = Number(params.get('sectionId'));
  const roadmapSection = sectionRows.find((s) => s.sectionId === sectionParam) ?? sectionRows.find((s) => s.counts.total > 0) ?? null;
  const roadmapSectionId = roadmapSection?.sectionId ?? null;
  const roadmap = useRequest(
    (signal) => (roadmapSectionId === null ? Promise.resolve({ data: [] }) : getRoadmap(planId, roadmapSectionId, signal)),
    [planId, roadmapSectionId, version],
  );
  const setRoadmapSection = (id: number) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('sectionId', String(id));
      return next;
    }, { replace: true });

  const [tone, setTone] = useState<'top' | 'bottom'>('top');
  const [unitView, setUnitView] = useState<'chart' | 'table'>('chart');
  const ranked = units.data?.data ?? [];
  const shownUnits = useMemo(() => (tone === 'top' ? ranked.slice(0, 20) : ranked.slice(-10)), [ranked, tone]);

  const burnupChart = useMemo(() => (burnup.data ? burnupOption(burnup.data, LIGHT, year) : null), [burnup.data, year]);
  const sectionsChart = useMemo(() => sectionsOption(sectionRows, LIGHT), [sectionRows]);
  const unitsChart = useMemo(() => unitsOption(shownUnits, LIGHT, tone), [shownUnits, tone]);
  const heat = useMemo(() => (heatmap.data ? heatmapView(heatmap.data, HEATMAP_UNITS) : null), [heatmap.data]);
  const heatChart = useMemo(() => (heat ? heatmapOption(heat, LIGHT) : null), [heat]);
  const roundRows = useMemo(() => roundsInOrder(rounds.data?.data ?? []), [rounds.data]);
  const roundsChart = useMemo(() => roundsOption(roundRows, LIGHT), [roundRows]);
  const roadRows = useMemo(() => roadmapRows(roadmap.data?.data ?? []), [roadmap.data]);
  const roadChart = useMemo(() => roadmapOption(roadRows, LIGHT, summary.data?.asOf ?? null, year), [roadRows, summary.data, year]);

  useEffect(() => {
    document.title = `看板${plan ? ` · ${plan.number ?? plan.title}` : ''} - 推进 · 方案落实平台`;
  }, [plan]);

  const open = (d: Drill | null) => d && setDrill(d);
  // With every plan shown, sections of different plans may share a title: say whose.
  const planLabel = (id: number) => {
    const p = plans.data?.data.find((x) => x.id === id);
    return p ? (p.number ?? shorten(p.title, 12)) : `方案 ${id}`;
  };

  const unitColumns: TableColumnsType<UnitRanking> = [
    { title: '排名', dataIndex: 'rank', width: 52, align: 'center' },
    { title: '单位', dataIndex: 'name', ellipsis: true, render: (name: string, u) => <Link to={`/units/${u.unitId}`} onClick={(e) => e.stopPropagation()}>{name}</Link> },
    { title: '得分', dataIndex: 'score', width: 60, align: 'right', render: (v: number) => v.toFixed(1) },
    { title: '完成率', dataIndex: 'completionRate', width: 70, align: 'right', render: (v: number) => percent(v) },
    { title: '按期率', dataIndex: 'timelinessRate', width: 70, align: 'right', render: (v: number) => percent(v) },
    { title: '报送率', dataIndex: 'reportingRate', width: 70, align: 'right', render: (v: number) => percent(v) },
    { title: '逾期', dataIndex: 'overdue', width: 52, align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
  ];

  const sectionsHeight = Math.min(900, Math.max(260, Math.min(sectionRows.length, 30) * 30 + 60));
  const roadmapHeight = Math.max(240, Math.min(roadRows.length, 40) * 26 + 60);

  return (
    <>
      <PageHeader
        title="看板"
        subTitle={summary.data ? `数据截至 ${dayLabel(summary.data.asOf)} · ${summary.data.plans} 个方案 · ${summary.data.units} 个单位` : undefined}
        extra={
          <>
            <PlanSelect plans={plans.data?.data} value={planId} onChange={setPlanId} />
            <Button icon={<ReloadOutlined />} onClick={() => setVersion((v) => v + 1)}>刷新</Button>
            <Link to={`/cockpit${planId ? `?planId=${planId}` : ''}`}>
              <Button type="primary" icon={<FundProjectionScreenOutlined />} data-testid="open-cockpit">领导驾驶舱</Button>
            </Link>
          </>
        }
      />
      <SummaryCards summary={summary.data} onDrill={setDrill} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Card size="small" title="完成进度与目标节点" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>按周累计 · 点击图中查看当月到期任务</Typography.Text>}>
            {burnupChart ? (
              <Chart testId="chart-burnup" option={burnupChart} height={340} loading={burnup.loading} onGridClick={(v) => open(burnupDrill(v))} />
            ) : (
              <NoData text={burnup.error ? '加载失败' : '加载中…'} height={340} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title="历次调度趋势" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>已结束的调度</Typography.Text>}>
            {roundRows.length > 0 ? (
              <Chart testId="chart-rounds" option={roundsChart} height={340} loading={rounds.loading} onClick={(c) => open(roundDrill(roundRows, c))} />
            ) : (
              <NoData text={rounds.loading ? '加载中…' : '还没有结束的调度'} height={340} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title="各章节（指标）进展" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>点击色块查看任务</Typography.Text>}>
            {sectionRows.length > 0 ? (
              <Chart testId="chart-sections" option={sectionsChart} height={sectionsHeight} loading={sections.loading} onClick={(c) => open(sectionsDrill(sectionRows, c))} />
            ) : (
              <NoData text={sections.loading ? '加载中…' : '没有章节'} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title="单位排名"
            extra={
              <Space size={8}>
                <Segmented<'top' | 'bottom'> size="small" value={tone} onChange={setTone} options={[{ value: 'top', label: '前20名' }, { value: 'bottom', label: '后10名' }]} data-testid="units-tone" />
                <Segmented<'chart' | 'table'> size="small" value={unitView} onChange={setUnitView} options={[{ value: 'chart', label: '图' }, { value: 'table', label: '表' }]} />
              </Space>
            }
            styles={{ body: unitView === 'table' ? { padding: 0 } : undefined }}
          >
            {shownUnits.length === 0 ? (
              <NoData text={units.loading ? '加载中…' : '没有参与排名的单位'} height={sectionsHeight} />
            ) : unitView === 'chart' ? (
              <Chart
                testId="chart-units"
                option={unitsChart}
                height={Math.max(sectionsHeight, shownUnits.length * 26 + 20)}
                loading={units.loading}
                onClick={(c) => shownUnits[c.dataIndex] && setDrill(unitDrill(shownUnits[c.dataIndex]!))}
              />
            ) : (
              <Table<UnitRanking>
                rowKey="unitId"
                size="small"
                columns={unitColumns}
                dataSource={shownUnits}
                pagination={false}
                rowClassName={() => 'tj-row-clickable'}
                onRow={(u) => ({ onClick: () => setDrill(unitDrill(u)) })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title="逾期热力图"
            extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>未按期完成的时间节点 · 单位 × 到期月份 · 最多的 {HEATMAP_UNITS} 个单位</Typography.Text>}
          >
            {heat && heat.cells.length > 0 && heatChart ? (
              <Chart testId="chart-heatmap" option={heatChart} height={Math.max(300, heat.units.length * 24 + 90)} loading={heatmap.loading} onClick={(c) => open(heatmapDrill(heat, c))} />
            ) : (
              <NoData text={heatmap.loading ? '加载中…' : '没有未按期完成的时间节点'} height={300} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title="推进路线图"
            extra={
              <Select<number>
                size="small"
                style={{ width: 300 }}
                value={roadmapSectionId ?? undefined}
                placeholder="选择章节"
                onChange={setRoadmapSection}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="roadmap-section"
                options={sectionRows.map((s) => ({ value: s.sectionId, label: `${planId === null ? `${planLabel(s.planId)} · ` : ''}${s.title}（${s.counts.total}）` }))}
                popupMatchSelectWidth={false}
              />
            }
          >
            {roadRows.length > 0 ? (
              <Chart testId="chart-roadmap" option={roadChart} height={roadmapHeight} loading={roadmap.loading} onClick={(c) => open(roadmapDrill(roadRows, c))} />
            ) : (
              <NoData text={roadmap.loading ? '加载中…' : '本章节没有任务'} height={300} />
            )}
          </Card>
        </Col>
      </Row>
      <DrillDrawer planId={planId} drill={drill} onClose={() => setDrill(null)} />
    </>
  );
}
