/**
 * What the rectification pages show and offer, from the contract's rows: the deadline in words, and
 * which step of the finding's loop the signed-in user may take. The server decides again; these only
 * hide what it would refuse.
 */
import type { FindingStatus } from '#core/inspections/findings.ts';
import { workdaysBetween } from '#core/calendar/index.ts';

export type DeadlineTone = 'done' | 'overdue' | 'soon' | 'open';

/**
 * "剩 3 个工作日", "今日到期", "逾期 2 个工作日" (working days by the shipped calendar; calendar days
 * when the year is not covered), or "已销号" once closed.
 */
export function deadlineText(
  dueDate: string | null,
  today: string,
  status: FindingStatus | 'notice',
  isOverdue: boolean,
): { text: string; tone: DeadlineTone } {
  if (status === 'closed') return { text: '已销号', tone: 'done' };
  if (!dueDate) return { text: '未下发通知', tone: 'open' };
  let n: number;
  let unit = '个工作日';
  try {
    n = workdaysBetween(today, dueDate);
  } catch {
    n = Math.round((Date.parse(dueDate) - Date.parse(today)) / 86_400_000);
    unit = '天';
  }
  if (isOverdue || n < 0) return { text: `逾期 ${Math.max(1, -n)} ${unit}`, tone: 'overdue' };
  if (n === 0) return { text: '今日到期', tone: 'soon' };
  return { text: `剩 ${n} ${unit}`, tone: n <= 2 ? 'soon' : 'open' };
}

export const TONE_COLORS: Record<DeadlineTone, string> = { done: 'green', overdue: 'red', soon: 'orange', open: 'blue' };

/** A unit answers a finding while it is being rectified or came back from a failed re-check. */
export function mayAnswer(status: FindingStatus): boolean {
  return status === 'noticed' || status === 'returned';
}

/** An inspector re-checks a finding the unit has reported on. */
export function mayRecheck(status: FindingStatus): boolean {
  return status === 'answered';
}

/** 整改率 as a percentage with one decimal, or '—' before anything was noticed. */
export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}
