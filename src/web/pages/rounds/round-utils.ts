/**
 * Pure helpers of the dispatch pages (调度、通报): the next round's default title, how a unit stands in
 * a round, and how rates and periods read.
 */
import type { RoundUnit } from '#web/api/rounds.ts';
import { dayLabel } from '#web/utils/format.ts';

/** "第3期调度" after rounds titled 第1期 and 第2期; the count + 1 when no title carries a number. */
export function nextRoundTitle(titles: readonly string[]): string {
  let last = 0;
  for (const t of titles) {
    const m = /第\s*(\d+)\s*期/.exec(t);
    if (m) last = Math.max(last, Number(m[1]));
  }
  return `第${Math.max(last, titles.length) + 1}期调度`;
}

/** Where a unit stands in a round: reported by the due date, reported after it, or not yet. */
export type ReportState = 'onTime' | 'late' | 'missing';

export const REPORT_STATE_LABELS: Record<ReportState, string> = { onTime: '已报送', late: '逾期报送', missing: '未报送' };
export const REPORT_STATE_COLORS: Record<ReportState, string> = { onTime: 'success', late: 'warning', missing: 'error' };

export function reportState(unit: Pick<RoundUnit, 'reported' | 'late'>): ReportState {
  if (!unit.reported) return 'missing';
  return unit.late ? 'late' : 'onTime';
}

/** Missing first, then late, then on time; within each, by report time then name — the order a caller works down. */
const STATE_ORDER: Record<ReportState, number> = { missing: 0, late: 1, onTime: 2 };
export function compareUnits(a: RoundUnit, b: RoundUnit): number {
  return (
    STATE_ORDER[reportState(a)] - STATE_ORDER[reportState(b)] ||
    (a.reportedAt ?? '').localeCompare(b.reportedAt ?? '') ||
    a.name.localeCompare(b.name, 'zh-Hans-CN')
  );
}

/** Counts of a round's units by state. */
export function countUnits(units: readonly Pick<RoundUnit, 'reported' | 'late'>[]): Record<ReportState, number> {
  const counts: Record<ReportState, number> = { onTime: 0, late: 0, missing: 0 };
  for (const u of units) counts[reportState(u)] += 1;
  return counts;
}

/** 0.8532 → "85.3%"; 1 → "100%". */
export function percent(rate: number): string {
  if (!Number.isFinite(rate)) return '—';
  const p = Math.round(rate * 1000) / 10;
  return `${p}%`;
}

/** Share of `reported` in `expected` as a whole percent for a progress bar (0 when nobody is expected). */
export function progressPercent(reported: number, expected: number): number {
  return expected > 0 ? Math.round((reported / expected) * 100) : 0;
}

/** "2021年6月1日 至 6月30日"; one side alone when the other is missing; null with neither. */
export function periodLabel(start: string | null, end: string | null): string | null {
  if (start && end) return `${dayLabel(start)} 至 ${dayLabel(end, Number(start.slice(0, 4)))}`;
  if (start) return `${dayLabel(start)} 起`;
  if (end) return `截至 ${dayLabel(end)}`;
  return null;
}
