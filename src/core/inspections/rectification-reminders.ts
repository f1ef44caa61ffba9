import type { WorkCalendar } from '../calendar/index.ts';
import { UncoveredYearError } from '../calendar/index.ts';
import { DEFAULT_REMINDER_SETTINGS, escalationStepFor, type EscalationLevel, type ReminderSettings } from '../reminders/reminders.ts';
import { awaitsUnit, type RectificationStatus } from './rectification.ts';

/**
 * Overdue rectifications on the reminder ladder (催办 → 督办 → 约谈建议), with the same steps the admin set
 * for task deadlines. A notice climbs while any of its findings still waits for the unit (never answered,
 * or returned by a failed re-check) past the notice's deadline; once every finding is answered or closed
 * it stops. Keys are per notice and level, so each step is sent once.
 */
export interface NoticeOverdueInput {
  noticeId: number;
  unitId: number;
  dueDate: string;
  statuses: readonly RectificationStatus[];
}

export interface RectificationEscalation {
  key: string;
  level: EscalationLevel;
  noticeId: number;
  unitId: number;
  dueDate: string;
  workdaysOverdue: number;
  /** Findings of the notice still waiting for the unit. */
  openFindings: number;
}

export const rectificationKey = (level: EscalationLevel, noticeId: number, unitId: number): string => `rectify:${level}:${noticeId}:${unitId}`;

/** The escalations due on `today` (before filtering by keys already sent), and the notices the calendar cannot count. */
export function rectificationEscalations(
  notices: readonly NoticeOverdueInput[],
  today: string,
  calendar: WorkCalendar,
  settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
): { escalations: RectificationEscalation[]; uncovered: { noticeId: number; year: number }[] } {
  const escalations: RectificationEscalation[] = [];
  const uncovered: { noticeId: number; year: number }[] = [];
  for (const n of notices) {
    const open = n.statuses.filter(awaitsUnit).length;
    if (open === 0 || today <= n.dueDate) continue;
    try {
      const days = calendar.workdaysBetween(n.dueDate, today);
      const step = escalationStepFor(days, settings);
      if (!step) continue;
      escalations.push({
        key: rectificationKey(step.level, n.noticeId, n.unitId),
        level: step.level,
        noticeId: n.noticeId,
        unitId: n.unitId,
        dueDate: n.dueDate,
        workdaysOverdue: days,
        openFindings: open,
      });
    } catch (e) {
      if (!(e instanceof UncoveredYearError)) throw e;
      uncovered.push({ noticeId: n.noticeId, year: e.year });
    }
  }
  return { escalations, uncovered };
}
