import type { Heatmap } from '#web/api/dashboard.ts';
import type { ChartClick, ChartOption } from '#web/components/chart.tsx';
import { monthLabel } from '#web/utils/format.ts';
import { base, shorten, text, type Drill, type Look } from './look.ts';

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
