import { ALIAS_REASON_LABELS as REASON_LABELS } from '#core/units/aliases.ts';
import { isPlanLevel, PLAN_LEVEL_LABELS, PLAN_LEVELS } from '#core/plans/types.ts';

export { PLAN_LEVEL_LABELS, PLAN_LEVELS };

/** 'district' → 区级; unknown or null → '—'. */
export function levelLabel(level: string | null | undefined): string {
  return isPlanLevel(level) ? PLAN_LEVEL_LABELS[level] : '—';
}

/** '2021-06' → 2021年6月. */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** '2021-06-30' → 6月30日, with the year when it differs from `year`. */
export function dayLabel(date: string, year?: number | null): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const md = `${Number(m[2])}月${Number(m[3])}日`;
  return year !== undefined && year !== null && Number(m[1]) === year ? md : `${m[1]}年${md}`;
}

/** Whether a YYYY-MM-DD is the last day of its month (month-end deadlines read as "月底"). */
export function isMonthEnd(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return Number(m[3]) === last;
}

/** Chinese words for why two unit names look like one unit. */
// Read by any reason string the page holds; the labels are core's (core/units/aliases.ts).
export const ALIAS_REASON_LABELS: Record<string, string> = REASON_LABELS;

/** '区审批服务局' shown with what the document wrote when that differs ("原文：区行政审批服务局"). */
export function asWrittenNote(unit: { name: string; asWritten: string }): string | null {
  return unit.asWritten && unit.asWritten !== unit.name ? `原文：${unit.asWritten}` : null;
}
