import type { ChartOption } from '#web/components/chart.tsx';
import { base, STATUS_CHART_COLORS, text, type Look } from './look.ts';

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
