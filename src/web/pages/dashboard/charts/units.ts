import type { UnitRanking } from '#web/api/dashboard.ts';
import type { ChartOption } from '#web/components/chart.tsx';
import { base, percent, shorten, splitLine, text, type Drill, type Look } from './look.ts';

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
