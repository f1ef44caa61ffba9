import type { RoundTrend } from '#web/api/dashboard.ts';
import type { ChartClick, ChartOption } from '#web/components/chart.tsx';
import { base, percent, shorten, splitLine, STATUS_CHART_COLORS, text, type Drill, type Look } from './look.ts';

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
