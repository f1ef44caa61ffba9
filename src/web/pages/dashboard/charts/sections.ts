import type { SectionProgress } from '#web/api/dashboard.ts';
import type { ChartClick, ChartOption } from '#web/components/chart.tsx';
import { WORK_STATUS_LABELS, type WorkStatus } from '#core/status/status.ts';
import { base, COUNT_KEYS, shorten, splitLine, STACK_ORDER, STATUS_CHART_COLORS, text, type Drill, type Look } from './look.ts';

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
