import type { Burnup } from '#web/api/dashboard.ts';
import type { ChartOption } from '#web/components/chart.tsx';
import { dayLabel, monthLabel } from '#web/utils/format.ts';
import { base, shorten, splitLine, STATUS_CHART_COLORS, text, TIME_LABELS, type Drill, type Look } from './look.ts';

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


/** A click on the burn-up (anywhere over the plot) stands for the tasks due in the month under it. */
export function burnupDrill(value: number[]): Drill | null {
  const at = value[0];
  if (at === undefined || !Number.isFinite(at)) return null;
  // The time axis reads 'YYYY-MM-DD' as local midnight; read the month back the same way.
  const d = new Date(at);
  const month = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  return { title: `${monthLabel(month)}到期的任务`, filter: { month } };
}
