import type { WorkCalendar } from '../calendar/index.ts';
import { UncoveredYearError } from '../calendar/index.ts';

/**
 * Reminder and escalation rules (pure). Given the open milestones and today's date, they say which
 * notices are due today. Each notice carries a stable idempotency key: the job records it in the same
 * transaction as the notification, so a notice is never sent twice, whatever runs the job and how often.
 */

/** 催办 (urge) → 督办 (supervise) → 约谈建议 (interview), in rising order. */
export const ESCALATION_LEVELS = ['urge', 'supervise', 'interview'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export type NoticeKind = 'remind' | EscalationLevel;

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = { remind: '到期提醒', urge: '催办', supervise: '督办', interview: '约谈建议' };

export interface ReminderSettings {
  /** Remind this many working days before each due date. Default [5, 2, 1]. */
  reminderOffsets: readonly number[];
  /** Escalate when a deadline is this many working days overdue. */
  escalation: readonly { level: EscalationLevel; afterWorkdays: number }[];
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  reminderOffsets: [5, 2, 1],
  escalation: [
    { level: 'urge', afterWorkdays: 1 },
    { level: 'supervise', afterWorkdays: 5 },
    { level: 'interview', afterWorkdays: 10 },
  ],
};

/** A deadline as the rules see it. */
export interface MilestoneInput {
  milestoneId: number;
  taskId: number;
  /** The units named on the task (lead and responsible): each gets its own notice. */
  unitIds: readonly number[];
  /** 'YYYY-MM-DD'; null deadlines ("持续推进") are never reminded. */
  dueDate: string | null;
  isDone: boolean;
}

export interface Notice {
  key: string;
  kind: NoticeKind;
  taskId: number;
  unitId: number;
  milestoneId: number;
  dueDate: string;
  /** Reminders: working days left until the due date (the offset). */
  workdaysLeft?: number;
  /** Escalations: working days overdue today. */
  workdaysOverdue?: number;
}

export interface NoticeResult {
  notices: Notice[];
  /** Milestones whose dates fall in a year the calendar does not cover: skipped, not guessed. */
  uncovered: { milestoneId: number; year: number }[];
}

/**
 * The highest escalation step reached after `days` working days overdue, or undefined before the first.
 * Task deadlines and rectification notices climb the same ladder with the same settings.
 */
export function escalationStepFor(days: number, settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS): ReminderSettings['escalation'][number] | undefined {
  return [...settings.escalation].sort((a, b) => b.afterWorkdays - a.afterWorkdays).find((s) => days >= s.afterWorkdays);
}

export const remindKey = (milestoneId: number, unitId: number, offset: number): string => `remind:${milestoneId}:${unitId}:${offset}`;
export const escalateKey = (level: EscalationLevel, taskId: number, unitId: number): string => `escalate:${level}:${taskId}:${unitId}`;

/**
 * The notices due on `today`, before filtering by the ledger of keys already sent.
 *
 * Reminders: offset N fires on the working day N working days before the due date
 * (`calendar.addWorkdays(due, -N)`). If that day was missed (the server was down) it is caught up on
 * any later day before the due date. Of several offsets reached, only the nearest one is returned:
 * "2 days left" supersedes a missed "5 days left", so a unit is not flooded after an outage.
 *
 * Escalation is per task and unit, counted from the earliest open milestone past its due date: level
 * L fires once that milestone is at least L.afterWorkdays working days overdue; again only the highest
 * level reached is returned (a missed 催办 is superseded by 督办).
 */
export function noticesDue(
  milestones: readonly MilestoneInput[],
  today: string,
  calendar: WorkCalendar,
  settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
): NoticeResult {
  const notices: Notice[] = [];
  const uncovered: NoticeResult['uncovered'] = [];
  const offsets = [...new Set(settings.reminderOffsets)].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
  /** Per task: the earliest overdue open milestone and how overdue it is. */
  const overdue = new Map<number, { m: MilestoneInput; due: string; days: number }>();

  for (const m of milestones) {
    if (m.isDone || m.dueDate === null) continue;
    const due = m.dueDate;
    try {
      if (today < due) {
        // The nearest offset whose fire day has come.
        const offset = offsets.find((n) => calendar.addWorkdays(due, -n) <= today);
        if (offset !== undefined)
          for (const unitId of m.unitIds)
            notices.push({
              key: remindKey(m.milestoneId, unitId, offset),
              kind: 'remind',
              taskId: m.taskId,
              unitId,
              milestoneId: m.milestoneId,
              dueDate: due,
              workdaysLeft: offset,
            });
      } else if (today > due) {
        const days = calendar.workdaysBetween(due, today);
        const seen = overdue.get(m.taskId);
        if (!seen || due < seen.due) overdue.set(m.taskId, { m, due, days });
      }
    } catch (e) {
      if (!(e instanceof UncoveredYearError)) throw e;
      uncovered.push({ milestoneId: m.milestoneId, year: e.year });
    }
  }

  for (const { m, due, days } of overdue.values()) {
    const step = escalationStepFor(days, settings);
    if (!step) continue;
    for (const unitId of m.unitIds)
      notices.push({
        key: escalateKey(step.level, m.taskId, unitId),
        kind: step.level,
        taskId: m.taskId,
        unitId,
        milestoneId: m.milestoneId,
        dueDate: due,
        workdaysOverdue: days,
      });
  }
  return { notices, uncovered };
}
