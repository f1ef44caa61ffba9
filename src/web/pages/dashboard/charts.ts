import { COUNT_KEYS } from '../../../core/status/counts.ts';
/**
 * The dashboards' chart options, built from the API's answers. Shared by 看板 (light, normal type) and
 * the cockpit (dark, large type): `look` sets the sizes and colours. Each builder also says what a
 * click on one of its bars, cells or points means as a drill-down filter.
 */
import type { Burnup, Heatmap, RoadmapTask, RoundTrend, SectionProgress, StatusCounts, TaskFilter, UnitRanking } from '../../api/dashboard.ts';
import type { ChartClick, ChartOption } from '../../components/chart.tsx';
import { WORK_STATUS_LABELS, type WorkStatus } from '../../../core/status/status.ts';
import { dayLabel, monthLabel } from '../../utils/format.ts';

export interface Look {
  dark: boolean;
  /** Base font size of axis labels and legends. */
  font: number;
}

const CHART_FONT = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export const LIGHT: Look = { dark: false, font: 12 };
export const DARK: Look = { dark: true, font: 16 };

/** Chart colours per status, the same hues as the status tags (green done, red overdue, …). */
export const STATUS_CHART_COLORS: Record<WorkStatus, string> = {
  done: '#52c41a',
  done_late: '#d4b106',
  in_progress: '#1677ff',
  due_soon: '#fa8c16',
  overdue: '#f5222d',
  not_started: '#bfbfbf',
};

/** Stacking order: finished work first, then work under way, then what has not begun. */
export const STACK_ORDER: readonly WorkStatus[] = ['done', 'done_late', 'in_progress', 'due_soon', 'overdue', 'not_started'];

export { COUNT_KEYS };

/**
 * A drill-down: the drawer's title and the filter of GET /api/dashboard/tasks; or, for a point of the
 * rounds' trend, the round whose frozen snapshot lists the tasks that were overdue when it closed.
 */
export type Drill = { title: string; filter: TaskFilter; roundId?: undefined } | { title: string; roundId: number; filter?: undefined };

/** 0.4567 → '45.7%'. */
export function percent(rate: number, digits = 1): string {
  return `${(rate * 100).toFixed(digits)}%`;
}

/** Cut a long label to `max` characters with an ellipsis (axis labels of long section titles). */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function text(look: Look): string {
  return look.dark ? '#d9e3f0' : '#595959';
}

function splitLine(look: Look) {
  return { lineStyle: { color: look.dark ? 'rgba(255,255,255,0.12)' : '#f0f0f0' } };
}

function base(look: Look): ChartOption {
  return {
    backgroundColor: 'transparent',
    // A canvas needs a real font list ('inherit' would void the whole font and fall back to 10px).
    textStyle: { fontSize: look.font, fontFamily: CHART_FONT },
    tooltip: { confine: true, textStyle: { fontSize: look.dark ? 16 : 12 } },
    legend: { top: 0, itemGap: look.dark ? 14 : 10, textStyle: { fontSize: look.dark ? look.font - 3 : look.font, color: text(look) }, itemWidth: look.dark ? 18 : 14, itemHeight: look.dark ? 12 : 10 },
    animationDuration: 400,
  };
}

// ——— Burn-up ———

/** Cumulative tasks due and tasks closed by week, with the plan's dated goals as vertical lines. */
export function burnupOption(burnup: Burnup, look: Look, year: number | null = null): ChartOption {
  // The goal's words usually begin with their date ("6月底前…"); name the date only when they do not.
  const goalLines = burnup.checkpoints.map((c) => {
    const day = dayLabel(c.date, year);
    const words = /^\d+月/.test(c.text) ? c.text : `${day} ${c.text}`;
    return { xAxis: c.date, name: `${day}：${c.text}`, label: { formatter: shorten(words, look.dark ? 9 : 16) } };
  });
  const symbols = burnup.series.length <= 60;
  return {
    ...base(look),
    grid: { left: 8, right: look.dark ? 24 : 16, top: look.dark ? 44 : 32, bottom: 8, containLabel: true },
    tooltip: { ...base(look).tooltip, trigger: 'axis' },
    xAxis: {
      type: 'time',
      axisLabel: { fontSize: look.font, color: text(look), formatter: TIME_LABELS, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', name: '任务数', nameTextStyle: { color: text(look), fontSize: look.font }, axisLabel: { fontSize: look.font, color: text(look) }, splitLine: splitLine(look) },
    series: [
      {
        name: '应完成（累计）',
        type: 'line',
        step: 'end',
        showSymbol: symbols,
        symbolSize: look.dark ? 6 : 4,
        lineStyle: { width: look.dark ? 3 : 2, type: 'dashed' },
        itemStyle: { color: '#8c8c8c' },
        data: burnup.series.map((p) => [p.date, p.due]),
        markLine: {
          symbol: 'none',
          silent: false,
          lineStyle: { color: look.dark ? 'rgba(255,120,117,0.7)' : 'rgba(179,38,30,0.55)', type: 'dashed', width: look.dark ? 2 : 1 },
          label: { position: 'insideEndTop', color: look.dark ? '#ffb4a9' : '#b3261e', fontSize: look.dark ? 14 : 11, distance: 4 },
          tooltip: { formatter: (p: unknown) => `${(p as { name: string }).name}` },
          data: goalLines,
        },
      },
      {
        name: '已完成（累计）',
        type: 'line',
        step: 'end',
        showSymbol: symbols,
        symbolSize: look.dark ? 6 : 4,
        lineStyle: { width: look.dark ? 4 : 2 },
        areaStyle: { opacity: 0.15 },
        itemStyle: { color: STATUS_CHART_COLORS.done },
        data: burnup.series.map((p) => [p.date, p.done]),
      },
    ],
  };
}

/** Time-axis labels by level: the year at a year's start, the month at a month's start, else the day. */
const TIME_LABELS = { year: '{yyyy}年', month: '{M}月', day: '{M}月{d}日' };

/** A click on the burn-up (anywhere over the plot) stands for the tasks due in the month under it. */
export function burnupDrill(value: number[]): Drill | null {
  const at = value[0];
  if (at === undefined || !Number.isFinite(at)) return null;
  // The time axis reads 'YYYY-MM-DD' as local midnight; read the month back the same way.
  const d = new Date(at);
  const month = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  return { title: `${monthLabel(month)}到期的任务`, filter: { month } };
}

// ——— Sections ———

/**
 * Each section (indicator) as a horizontal bar split by status. `rowPx`, the height each bar gets when
 * known (the cockpit's fixed panel), lets every section be named in a type that fits; otherwise labels
 * that do not fit are skipped (every bar keeps its tooltip).
 */
export function sectionsOption(sections: SectionProgress[], look: Look, rowPx?: number): ChartOption {
  const nameAll = rowPx !== undefined && rowPx >= 14;
  const labels = sections.map((s) => shorten(s.title, look.dark ? 12 : 16));
  const many = sections.length > 30;
  return {
    ...base(look),
    grid: { left: 8, right: many ? 36 : 16, top: look.dark ? 40 : 30, bottom: 8, containLabel: true },
    tooltip: { ...base(look).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', axisLabel: { fontSize: look.font, color: text(look) }, splitLine: splitLine(look) },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisLabel: { fontSize: nameAll ? Math.min(look.font, Math.floor(rowPx * 0.85)) : look.font, color: text(look), interval: nameAll ? 0 : 'auto' },
      axisTick: { show: false },
    },
    dataZoom: many ? [{ type: 'slider', yAxisIndex: 0, right: 4, width: 16, startValue: 0, endValue: 29, showDetail: false }, { type: 'inside', yAxisIndex: 0 }] : [],
    series: STACK_ORDER.map((status) => ({
      name: WORK_STATUS_LABELS[status],
      type: 'bar',
      stack: 'status',
      barMaxWidth: look.dark ? 26 : 18,
      itemStyle: { color: STATUS_CHART_COLORS[status] },
      emphasis: { focus: 'series' },
      data: sections.map((s) => s.counts[COUNT_KEYS[status]]),
    })),
  };
}

export function sectionsDrill(sections: SectionProgress[], click: ChartClick): Drill | null {
  const section = sections[click.dataIndex];
  const status = click.seriesIndex === undefined ? undefined : STACK_ORDER[click.seriesIndex];
  if (!section || !status) return null;
  return { title: `${section.title} · ${WORK_STATUS_LABELS[status]}`, filter: { sectionId: section.sectionId, status } };
}

/** The section's bar segment for a status: where the browser test clicks (centre of the segment). */
export function segmentCentre(sections: SectionProgress[], index: number, status: WorkStatus): number {
  const counts = sections[index]!.counts;
  let before = 0;
  for (const s of STACK_ORDER) {
    if (s === status) break;
    before += counts[COUNT_KEYS[s]];
  }
  return before + counts[COUNT_KEYS[status]] / 2;
}

// ——— Units ———

/** Units by score as horizontal bars, best at the top; the tooltip gives the three rates. */
export function unitsOption(units: UnitRanking[], look: Look, tone: 'top' | 'bottom'): ChartOption {
  return {
    ...base(look),
    legend: { show: false },
    grid: { left: 8, right: look.dark ? 56 : 44, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      ...base(look).tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const u = units[(p as { dataIndex: number }).dataIndex];
        if (!u) return '';
        return [
          `<b>第 ${u.rank} 名 ${u.name}</b>`,
          `综合得分 ${u.score.toFixed(1)}`,
          `完成率 ${percent(u.completionRate)}（${u.done}/${u.tasks}）`,
          `按期率 ${percent(u.timelinessRate)}`,
          `报送率 ${percent(u.reportingRate)}`,
          `逾期 ${u.overdue} 项`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'value', max: 100, axisLabel: { fontSize: look.font, color: text(look) }, splitLine: splitLine(look) },
    yAxis: {
      type: 'category',
      inverse: true,
      data: units.map((u) => `${u.rank}. ${shorten(u.name, look.dark ? 7 : 12)}`),
      axisLabel: { fontSize: look.font, color: text(look) },
      axisTick: { show: false },
    },
    series: [
      {
        name: '综合得分',
        type: 'bar',
        barMaxWidth: look.dark ? 22 : 14,
        itemStyle: { color: tone === 'top' ? '#2f6db5' : '#f5222d', borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', fontSize: look.dark ? 15 : 11, color: text(look), formatter: (p: unknown) => Number((p as { value: number }).value).toFixed(1) },
        data: units.map((u) => u.score),
      },
    ],
  };
}

export function unitDrill(unit: UnitRanking): Drill {
  return { title: `${unit.name} 的任务`, filter: { unitId: unit.unitId } };
}

// ——— Heat map ———

export interface HeatmapView {
  months: string[];
  units: { unitId: number; name: string }[];
  /** [monthIndex, unitIndex, count] in the trimmed unit list. */
  cells: [number, number, number][];
  max: number;
  /** Units left out to keep the chart readable. */
  hidden: number;
}

/** The `limit` units with the most milestones missed, most first, re-indexed for the chart. */
export function heatmapView(heatmap: Heatmap, limit: number): HeatmapView {
  const totals = new Map<number, number>();
  for (const [u, , n] of heatmap.cells) totals.set(u, (totals.get(u) ?? 0) + n);
  const missing = [...totals.entries()].filter(([, n]) => n > 0);
  const order = missing.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).map(([u]) => u);
  const index = new Map(order.map((u, i) => [u, i]));
  const cells: [number, number, number][] = [];
  let max = 0;
  for (const [u, m, n] of heatmap.cells) {
    const i = index.get(u);
    if (i === undefined || n === 0) continue;
    cells.push([m, i, n]);
    max = Math.max(max, n);
  }
  return {
    months: heatmap.months,
    units: order.map((u) => heatmap.units[u]!),
    cells,
    max,
    hidden: missing.length - order.length,
  };
}

export function heatmapOption(view: HeatmapView, look: Look): ChartOption {
  return {
    ...base(look),
    legend: { show: false },
    grid: { left: 8, right: 16, top: 8, bottom: look.dark ? 8 : 64, containLabel: true },
    tooltip: {
      ...base(look).tooltip,
      formatter: (p: unknown) => {
        const [m, u, n] = (p as { data: [number, number, number] }).data;
        return `${view.units[u]?.name ?? ''}<br/>${monthLabel(view.months[m] ?? '')}：未按期完成 ${n} 项`;
      },
    },
    xAxis: { type: 'category', data: view.months.map((m) => `${Number(m.slice(5))}月`), splitArea: { show: true }, axisLabel: { fontSize: look.font, color: text(look) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: view.units.map((u) => shorten(u.name, look.dark ? 7 : 12)),
      splitArea: { show: true },
      axisLabel: { fontSize: look.font, color: text(look) },
    },
    visualMap: {
      // The cells carry their numbers; on the cockpit the colour scale would only take room.
      show: !look.dark,
      min: 0,
      max: Math.max(1, view.max),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: look.dark ? 200 : 160,
      textStyle: { color: text(look), fontSize: look.font },
      inRange: { color: look.dark ? ['#3a1e1e', '#ff7875', '#ff4d4f'] : ['#fff1f0', '#ff9c6e', '#cf1322'] },
    },
    series: [
      {
        name: '未按期完成',
        type: 'heatmap',
        data: view.cells,
        label: { show: true, fontSize: look.dark ? 14 : 11 },
        emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0,0,0,0.4)' } },
      },
    ],
  };
}

export function heatmapDrill(view: HeatmapView, click: ChartClick): Drill | null {
  if (!Array.isArray(click.data)) return null;
  const [m, u] = click.data as [number, number, number];
  const unit = view.units[u];
  const month = view.months[m];
  if (!unit || !month) return null;
  // The cell counts milestones missed; their tasks are overdue or were finished late.
  return { title: `${unit.name} · ${monthLabel(month)}到期、未按期完成的任务`, filter: { unitId: unit.unitId, month, status: ['overdue', 'done_late'] } };
}

// ——— Rounds ———

/** Closed rounds in the order they closed, whatever order they came in. */
export function roundsInOrder(rounds: readonly RoundTrend[]): RoundTrend[] {
  const at = (r: RoundTrend) => r.closedAt ?? r.dueDate;
  return [...rounds].sort((a, b) => at(a).localeCompare(at(b)) || a.roundId - b.roundId);
}

/** Completion and reporting rates at each closed round (调度), oldest first. */
export function roundsOption(rounds: RoundTrend[], look: Look): ChartOption {
  const line = (name: string, color: string, values: number[]): ChartOption['series'] => ({
    name,
    type: 'line',
    symbolSize: look.dark ? 12 : 8,
    lineStyle: { width: look.dark ? 4 : 2 },
    itemStyle: { color },
    label: { show: true, position: 'top', fontSize: look.dark ? 14 : 11, color: text(look), formatter: (p: unknown) => percent(Number((p as { value: number }).value), 0) },
    data: values,
  });
  return {
    ...base(look),
    grid: { left: 8, right: 24, top: look.dark ? 48 : 36, bottom: 8, containLabel: true },
    tooltip: {
      ...base(look).tooltip,
      trigger: 'axis',
      valueFormatter: (v: unknown) => percent(Number(v)),
    },
    xAxis: { type: 'category', data: rounds.map((r) => shorten(r.title, 10)), axisLabel: { fontSize: look.font, color: text(look) } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { fontSize: look.font, color: text(look), formatter: (v: number) => percent(v, 0) }, splitLine: splitLine(look) },
    series: [
      line('完成率', STATUS_CHART_COLORS.done, rounds.map((r) => r.completionRate)),
      line('报送率', '#2f6db5', rounds.map((r) => r.reportingRate)),
    ] as ChartOption['series'],
  };
}

export function roundDrill(rounds: RoundTrend[], click: ChartClick): Drill | null {
  const round = rounds[click.dataIndex];
  if (!round) return null;
  return { title: `${round.title} 结束时的逾期任务`, roundId: round.roundId };
}

// ——— Roadmap ———

export interface RoadmapRow {
  task: RoadmapTask;
  start: number;
  end: number;
  /** No deadline (持续推进): drawn to the end of the axis, hatched lighter. */
  open: boolean;
}

const DAY = 86_400_000;

function dayMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Bars from each task's start to its last deadline; open-ended tasks run to the latest end. */
export function roadmapRows(tasks: RoadmapTask[]): RoadmapRow[] {
  const ends = tasks.map((t) => (t.end ? dayMs(t.end) : Number.NaN)).filter((n) => !Number.isNaN(n));
  const starts = tasks.map((t) => dayMs(t.start)).filter((n) => !Number.isNaN(n));
  const horizon = Math.max(...ends, ...starts.map((s) => s + 30 * DAY));
  return tasks.map((task) => {
    const start = dayMs(task.start);
    const end = task.end ? dayMs(task.end) : horizon;
    return { task, start, end: Math.max(end, start + DAY), open: task.end === null };
  });
}

export function roadmapOption(rows: RoadmapRow[], look: Look, asOf: string | null, year: number | null): ChartOption {
  const many = rows.length > 40;
  return {
    ...base(look),
    legend: { show: false },
    grid: { left: 8, right: many ? 36 : 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      ...base(look).tooltip,
      formatter: (p: unknown) => {
        const row = rows[(p as { dataIndex: number }).dataIndex];
        if (!row) return '';
        const t = row.task;
        return [
          `<b>${t.number} ${t.title}</b>`,
          `${WORK_STATUS_LABELS[t.status]} · ${dayLabel(t.start, year)} — ${t.end ? dayLabel(t.end, year) : '持续推进'}`,
          t.leadUnits.length ? `牵头：${t.leadUnits.join('、')}` : '',
        ]
          .filter(Boolean)
          .join('<br/>');
      },
    },
    xAxis: {
      type: 'time',
      position: 'top',
      axisLabel: { fontSize: look.font, color: text(look), formatter: TIME_LABELS, hideOverlap: true },
      splitLine: { show: true, ...splitLine(look) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => `${r.task.number} ${shorten(r.task.title, look.dark ? 12 : 18)}`),
      axisLabel: { fontSize: look.font, color: text(look) },
      axisTick: { show: false },
    },
    dataZoom: many ? [{ type: 'slider', yAxisIndex: 0, right: 4, width: 16, startValue: 0, endValue: 39, showDetail: false }, { type: 'inside', yAxisIndex: 0 }] : [],
    series: [
      {
        type: 'custom',
        name: '任务',
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r, i) => ({ value: [i, r.start, r.end], itemStyle: { color: STATUS_CHART_COLORS[r.task.status], opacity: r.open ? 0.45 : 1 } })),
        renderItem: (params, api) => {
          const index = api.value(0);
          const from = api.coord([api.value(1), index]);
          const to = api.coord([api.value(2), index]);
          const size = api.size?.([0, 1]);
          const height = (Array.isArray(size) ? (size[1] as number) : 20) * 0.6;
          const coordSys = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
          const x = Math.max(from[0]!, coordSys.x);
          const width = Math.min(to[0]!, coordSys.x + coordSys.width) - x;
          if (width <= 0) return null;
          return {
            type: 'rect',
            shape: { x, y: from[1]! - height / 2, width, height, r: 2 },
            style: api.style(),
          };
        },
        markLine: asOf
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#b3261e', type: 'dashed' },
              label: { formatter: '今天', color: '#b3261e', fontSize: look.font },
              data: [{ xAxis: asOf }],
            }
          : undefined,
      },
    ],
  };
}

export function roadmapDrill(rows: RoadmapRow[], click: ChartClick): Drill | null {
  const row = rows[click.dataIndex];
  if (!row) return null;
  const t = row.task;
  return { title: `本章节${WORK_STATUS_LABELS[t.status]}的任务（含 ${t.number}）`, filter: { sectionId: t.sectionId ?? undefined, status: t.status } };
}

// ——— Completion gauge (cockpit) ———

export function gaugeOption(rate: number, look: Look): ChartOption {
  return {
    ...base(look),
    legend: { show: false },
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        radius: '92%',
        progress: { show: true, width: look.dark ? 22 : 14, itemStyle: { color: STATUS_CHART_COLORS.done } },
        axisLine: { lineStyle: { width: look.dark ? 22 : 14, color: [[1, look.dark ? 'rgba(255,255,255,0.12)' : '#f0f0f0']] } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { offsetCenter: [0, '32%'], fontSize: look.dark ? 20 : 13, color: text(look) },
        detail: { offsetCenter: [0, '-6%'], fontSize: look.dark ? 44 : 28, fontWeight: 700, color: look.dark ? '#fff' : '#262626', formatter: (v: number) => `${v.toFixed(1)}%` },
        data: [{ value: Math.round(rate * 1000) / 10, name: '完成率' }],
      },
    ],
  };
}
