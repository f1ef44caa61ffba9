import { ArrowLeftOutlined, FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Empty, theme } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { getBurnup, getDashboardSummary, getHeatmap, getRoundTrend, getSectionProgress, getUnitRanking } from '#web/api/dashboard.ts';
import { Chart } from '#web/components/chart.tsx';
import { PRODUCT_NAME } from '#web/config/product.ts';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import {
  burnupDrill,
  burnupOption,
  DARK,
  gaugeOption,
  heatmapDrill,
  heatmapOption,
  heatmapView,
  percent,
  roundDrill,
  roundsInOrder,
  roundsOption,
  sectionsDrill,
  sectionsOption,
  STATUS_CHART_COLORS,
  unitDrill,
  unitsOption,
  type Drill,
} from '../dashboard/charts.ts';
import { DrillDrawer } from '../dashboard/components/drill-drawer.tsx';
import './cockpit.css';
import { PlanSelect, usePlanParam, usePlans } from '../dashboard/components/plan-select.tsx';

const REFRESH_MS = 60_000;

/** A dark panel with a title, filling its grid cell. */
function Panel({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="tj-cockpit-panel" data-testid={testId}>
      <div className="tj-cockpit-panel-title">
        <span>{title}</span>
        {extra && <span className="tj-cockpit-panel-extra">{extra}</span>}
      </div>
      <div style={{ flex: 1, minHeight: 0 }}>{children}</div>
    </section>
  );
}

function Blank({ text }: { text: string }) {
  return (
    <div style={{ height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={{ color: '#8fa3bf', fontSize: 18 }}>{text}</span>} />
    </div>
  );
}

/** Whether the page is full screen, and a switch (the browser's Fullscreen API). */
function useFullscreen(): [boolean, () => void] {
  const [on, setOn] = useState(() => typeof document !== 'undefined' && document.fullscreenElement !== null);
  useEffect(() => {
    const sync = () => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return [on, toggle];
}

function useWindowHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const sync = () => setHeight(window.innerHeight);
    window.addEventListener('resize', sync);
    return () => window.removeEventListener('resize', sync);
  }, []);
  return height;
}

/**
 * The height each section's bar gets in the lower panel (cockpit.css: the grid's rows are 1 : 1.3 of
 * what the header and the figures leave), less the panel's title, the legend and the axis.
 */
function sectionRowPx(screenHeight: number, rows: number): number | undefined {
  if (rows === 0 || screenHeight < 700) return undefined;
  const grid = screenHeight - 16 - 56 - 14 - 98 - 14 - 20;
  return (grid * (1.3 / 2.3) - 36 - 40 - 30) / rows;
}

/** 领导驾驶舱: the key figures and six charts in large type on a dark screen for meetings, refreshed every minute. */
export default function CockpitPage() {
  const [planId, setPlanId] = usePlanParam();
  const plans = usePlans();
  const [tick, setTick] = useState(0);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [fullscreen, toggleFullscreen] = useFullscreen();
  const screenHeight = useWindowHeight();

  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);

  const deps = [planId, tick];
  const summary = useRequest((signal) => getDashboardSummary(planId, signal), deps);
  const burnup = useRequest((signal) => getBurnup(planId, signal), deps);
  const sections = useRequest((signal) => getSectionProgress(planId, signal), deps);
  const units = useRequest((signal) => getUnitRanking(planId, 10, signal), deps);
  const heatmap = useRequest((signal) => getHeatmap(planId, signal), deps);
  const rounds = useRequest((signal) => getRoundTrend(planId, signal), deps);

  // "更新于" is when the figures last arrived, not when the timer fired.
  useEffect(() => {
    if (summary.data && !summary.loading) setUpdatedAt(shanghaiTime(new Date().toISOString()).slice(11));
  }, [summary.data, summary.loading]);

  const plan = plans.data?.data.find((p) => p.id === planId) ?? null;
  useEffect(() => {
    document.title = `领导驾驶舱${plan ? ` · ${plan.number ?? plan.title}` : ''} - ${PRODUCT_NAME}`;
  }, [plan]);

  const year = plan?.year ?? (burnup.data ? Number(burnup.data.asOf.slice(0, 4)) : null);
  const sectionRows = sections.data?.data ?? [];
  const unitRows = units.data?.data ?? [];
  const roundRows = useMemo(() => roundsInOrder(rounds.data?.data ?? []), [rounds.data]);
  const heat = useMemo(() => (heatmap.data ? heatmapView(heatmap.data, 10) : null), [heatmap.data]);

  const gaugeChart = useMemo(() => gaugeOption(summary.data?.counts.completionRate ?? 0, DARK), [summary.data]);
  const burnupChart = useMemo(() => (burnup.data ? burnupOption(burnup.data, DARK, year) : null), [burnup.data, year]);
  const sectionsChart = useMemo(() => sectionsOption(sectionRows, DARK, sectionRowPx(screenHeight, sectionRows.length)), [sectionRows, screenHeight]);
  const unitsChart = useMemo(() => unitsOption(unitRows, DARK, 'top'), [unitRows]);
  const heatChart = useMemo(() => (heat ? heatmapOption(heat, DARK) : null), [heat]);
  const roundsChart = useMemo(() => roundsOption(roundRows, DARK), [roundRows]);

  const c = summary.data?.counts;
  const figures = [
    { key: 'tasks', label: '总任务', value: c?.total, color: '#fff', drill: { title: '全部任务', filter: {} } },
    { key: 'done', label: '已完成', value: c ? c.done + c.doneLate : undefined, color: STATUS_CHART_COLORS.done, drill: { title: '已完成的任务', filter: { status: ['done', 'done_late'] } } },
    { key: 'in-progress', label: '推进中', value: c?.inProgress, color: '#4096ff', drill: { title: '推进中的任务', filter: { status: 'in_progress' } } },
    { key: 'due-soon', label: '临期', value: c?.dueSoon, color: STATUS_CHART_COLORS.due_soon, drill: { title: '临期的任务', filter: { status: 'due_soon' } } },
    { key: 'overdue', label: '逾期', value: c?.overdue, color: '#ff4d4f', drill: { title: '逾期的任务', filter: { status: 'overdue' } } },
  ] satisfies { key: string; label: string; value: number | undefined; color: string; drill: Drill }[];
  const open = (d: Drill | null) => d && setDrill(d);

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#4f8ad9', fontSize: 14 } }}>
      <div className="tj-cockpit" data-testid="cockpit">
        <header className="tj-cockpit-head">
          <Link to={`/dashboard${planId ? `?planId=${planId}` : ''}`} className="tj-cockpit-back" title="返回看板">
            <ArrowLeftOutlined />
          </Link>
          <h1>领导驾驶舱</h1>
          <PlanSelect plans={plans.data?.data} value={planId} onChange={setPlanId} style={{ width: 380 }} className="tj-cockpit-select" />
          <span style={{ flex: 1 }} />
          {summary.data && <span className="tj-cockpit-meta">数据截至 {dayLabel(summary.data.asOf)}</span>}
          <span className="tj-cockpit-meta" data-testid="cockpit-updated">更新于 {updatedAt ?? '—'}</span>
          <Button size="large" icon={fullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleFullscreen} data-testid="cockpit-fullscreen">
            {fullscreen ? '退出全屏' : '全屏'}
          </Button>
        </header>
        <div className="tj-cockpit-figures">
          {figures.map((f) => (
            <button type="button" key={f.key} className="tj-cockpit-figure" onClick={() => setDrill(f.drill)} data-testid={`cockpit-${f.key}`} data-value={f.value ?? ''}>
              <span className="tj-cockpit-figure-label">{f.label}</span>
              <span className="tj-cockpit-figure-value" style={{ color: f.color }}>
                {f.value ?? '—'}
                <small>项</small>
              </span>
            </button>
          ))}
          <div className="tj-cockpit-figure">
            <span className="tj-cockpit-figure-label">完成率</span>
            <span className="tj-cockpit-figure-value" style={{ color: STATUS_CHART_COLORS.done }} data-testid="cockpit-rate">
              {c ? percent(c.completionRate) : '—'}
            </span>
          </div>
        </div>
        <div className="tj-cockpit-grid">
          <Panel title="总体完成率">
            <Chart testId="cockpit-gauge" option={gaugeChart} theme="dark" height="100%" />
          </Panel>
          <Panel title="完成进度与目标节点" testId="cockpit-burnup-panel">
            {burnupChart ? <Chart testId="cockpit-burnup" option={burnupChart} theme="dark" height="100%" onGridClick={(v) => open(burnupDrill(v))} /> : <Blank text="加载中…" />}
          </Panel>
          <Panel title="历次调度趋势">
            {roundRows.length ? <Chart testId="cockpit-rounds" option={roundsChart} theme="dark" height="100%" onClick={(x) => open(roundDrill(roundRows, x))} /> : <Blank text={rounds.loading ? '加载中…' : '还没有结束的调度'} />}
          </Panel>
          <Panel title="各章节（指标）进展">
            {sectionRows.length ? <Chart testId="cockpit-sections" option={sectionsChart} theme="dark" height="100%" onClick={(x) => open(sectionsDrill(sectionRows, x))} /> : <Blank text={sections.loading ? '加载中…' : '没有章节'} />}
          </Panel>
          <Panel title="单位排名前10">
            {unitRows.length ? (
              <Chart testId="cockpit-units" option={unitsChart} theme="dark" height="100%" onClick={(x) => unitRows[x.dataIndex] && setDrill(unitDrill(unitRows[x.dataIndex]!))} />
            ) : (
              <Blank text={units.loading ? '加载中…' : '没有参与排名的单位'} />
            )}
          </Panel>
          <Panel title="逾期热力图" extra="单位 × 到期月份">
            {heat && heatChart && heat.cells.length ? <Chart testId="cockpit-heatmap" option={heatChart} theme="dark" height="100%" onClick={(x) => open(heatmapDrill(heat, x))} /> : <Blank text={heatmap.loading ? '加载中…' : '没有未按期完成的节点'} />}
          </Panel>
        </div>
        <DrillDrawer planId={planId} drill={drill} onClose={() => setDrill(null)} />
      </div>
    </ConfigProvider>
  );
}
