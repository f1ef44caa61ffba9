import type { WorkCalendar } from '../calendar/index.ts';
import { completionAsOf, isDoneStatus, taskStatus, WORK_STATUSES, type MilestoneFacts, type StatusOptions, type WorkStatus } from '../status/status.ts';
import { countStatuses } from '../rounds/snapshot.ts';

/** A task as the dashboards read it: its closure and whether any non-draft report exists. */
export interface StatusTask {
  id: number;
  closedOn: string | null;
  progressed: boolean;
}

/** One milestone's due date ('YYYY-MM-DD' or null for 持续推进) and own completion (销号), by task. */
export interface StatusMilestone {
  taskId: number;
  dueDate: string | null;
  completedOn?: string | null;
}

/**
 * Every task's status on `today` from bulk rows, with the same facts and the same fallback as the
 * server's per-request `statusesOf`: a milestone is completed by its own closure or the task's,
 * "progress" is any non-draft report on the task, and when the 临期 look-ahead reaches a year the
 * calendar lacks, 临期 is not computed for that task rather than guessed.
 * Linear in tasks + milestones: milestones are grouped once into a Map.
 */
export function statusTable(tasks: readonly StatusTask[], milestones: readonly StatusMilestone[], today: string, calendar: WorkCalendar, options: StatusOptions = {}): Map<number, WorkStatus> {
  const byTask = new Map<number, MilestoneFacts[]>();
  for (const m of milestones) {
    const facts: MilestoneFacts = { dueDate: m.dueDate, completedOn: m.completedOn ?? null, hasProgress: false };
    const list = byTask.get(m.taskId);
    if (list) list.push(facts);
    else byTask.set(m.taskId, [facts]);
  }
  const cal = memoised(calendar);
  const out = new Map<number, WorkStatus>();
  for (const t of tasks) {
    const facts = { milestones: byTask.get(t.id) ?? [], closedOn: t.closedOn, hasProgress: t.progressed };
    try {
      out.set(t.id, taskStatus(facts, today, cal, options));
    } catch {
      out.set(t.id, taskStatus(facts, today, cal, { dueSoonWorkdays: 0 }));
    }
  }
  return out;
}

/**
 * The calendar with `addWorkdays` remembered: a status sweep asks "today + 6 working days" once per
 * open milestone, always the same question, and each answer parses dates.
 */
function memoised(calendar: WorkCalendar): WorkCalendar {
  const answers = new Map<string, string | Error>();
  return {
    coveredYears: calendar.coveredYears,
    isWorkday: (date) => calendar.isWorkday(date),
    workdaysBetween: (a, b) => calendar.workdaysBetween(a, b),
    nextWorkday: (date) => calendar.nextWorkday(date),
    lastWorkdayOnOrBefore: (date) => calendar.lastWorkdayOnOrBefore(date),
    addWorkdays(date, n) {
      const key = `${date}|${n}`;
      let answer = answers.get(key);
      if (answer === undefined) {
        try {
          answer = calendar.addWorkdays(date, n);
        } catch (e) {
          answer = e instanceof Error ? e : new Error(String(e));
        }
        answers.set(key, answer);
      }
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

/** A rate rounded to 4 decimals, 0 over nothing. */
export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/** The snapshot's tally, so dashboard and circular counts are the same function. */
export { countStatuses };

/** Parses the drill-down's `status` list ("overdue,done_late"); null when any item is unknown. */
export function parseStatusList(text: string): WorkStatus[] | null {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) return null;
  return items.every((s): s is WorkStatus => (WORK_STATUSES as readonly string[]).includes(s)) ? [...new Set(items)] : null;
}

/**
 * Whether a milestone was not met on time as of `today`: completed (by its own closure or the task's)
 * after its due date, or still open with its due date passed — the milestone statuses 逾期完成 and 逾期.
 */
export function missedOnTime(dueDate: string, closedOn: string | null, today: string, completedOn: string | null = null): boolean {
  const completed = completionAsOf({ dueDate, completedOn, hasProgress: false }, today, closedOn);
  return completed !== null ? completed > dueDate : today > dueDate;
}

export { isDoneStatus };
