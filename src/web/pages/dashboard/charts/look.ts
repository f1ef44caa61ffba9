/** What every chart of the dashboards shares: the look (light 看板, dark cockpit), status colours, drill-downs. */
import type { TaskFilter } from '#web/api/dashboard.ts';
import type { ChartOption } from '#web/components/chart.tsx';
import { COUNT_KEYS } from '#core/status/counts.ts';
import type { WorkStatus } from '#core/status/status.ts';

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

export function text(look: Look): string {
  return look.dark ? '#d9e3f0' : '#595959';
}

export function splitLine(look: Look) {
  return { lineStyle: { color: look.dark ? 'rgba(255,255,255,0.12)' : '#f0f0f0' } };
}

export function base(look: Look): ChartOption {
  return {
    backgroundColor: 'transparent',
    // A canvas needs a real font list ('inherit' would void the whole font and fall back to 10px).
    textStyle: { fontSize: look.font, fontFamily: CHART_FONT },
    tooltip: { confine: true, textStyle: { fontSize: look.dark ? 16 : 12 } },
    legend: { top: 0, itemGap: look.dark ? 14 : 10, textStyle: { fontSize: look.dark ? look.font - 3 : look.font, color: text(look) }, itemWidth: look.dark ? 18 : 14, itemHeight: look.dark ? 12 : 10 },
    animationDuration: 400,
  };
}

/** Time-axis labels by level: the year at a year's start, the month at a month's start, else the day. */
export const TIME_LABELS = { year: '{yyyy}年', month: '{M}月', day: '{M}月{d}日' };
