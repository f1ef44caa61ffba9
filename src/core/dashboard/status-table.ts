import type { WorkCalendar } from '../calendar/index.ts';
import { completionAsOf, DEFAULT_DUE_SOON_WORKDAYS, isDoneStatus, WORK_STATUSES, type StatusOptions, type WorkStatus } from '../status/status.ts';

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
 *
 * The rules are `taskStatus`'s (src/core/status/status.ts), evaluated without building per-milestone
 * arrays: the 临期 limit is the same for every milestone on `today`, so it is asked of the calendar
 * once. Linear in tasks + milestones; a property test holds it equal to `taskStatus`.
 */
export function statusTable(tasks: readonly StatusTask[], milestones: readonly StatusMilestone[], today: string, calendar: WorkCalendar, options: StatusOptions = {}): Map<number, WorkStatus> {
  const byTask = Map.groupBy(milestones, (m) => m.taskId);
  const statusOf = statusFunction(today, calendar, options);
  const out = new Map<number, WorkStatus>();
  for (const t of tasks) out.set(t.id, statusOf(t, byTask.get(t.id) ?? []));
  return out;
}

/**
 * `statusTable` for one task at a time, for callers that already hold each task's milestones: the
 * returned function computes a task's status on `today` from its closure, progress and milestones.
 */
export function statusFunction(today: string, calendar: WorkCalendar, options: StatusOptions = {}) {
  const n = options.dueSoonWorkdays ?? DEFAULT_DUE_SOON_WORKDAYS;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`临期工作日数应为非负整数：${n}`);
  // A due date before this limit is 临期 (see isWithinWorkdays in status.ts). Asked on first need, as
  // taskStatus only asks when a milestone reaches that rule; when the calendar cannot answer, the
  // limit with 0 days — statusesOf's retry.
  let soon: string | null | undefined;
  let fallback: string | undefined;
  const soonLimit = (): string => {
    if (soon === undefined) {
      try {
        soon = calendar.addWorkdays(today, n + 1);
      } catch {
        soon = null;
      }
    }
    if (soon !== null) return soon;
    return (fallback ??= calendar.addWorkdays(today, 1));
  };
  return (t: { closedOn: string | null; progressed: boolean }, milestones: readonly { dueDate: string | null; completedOn?: string | null }[]): WorkStatus => {
    const closedOn = t.closedOn !== null && t.closedOn <= today ? t.closedOn : null;
    let dated = 0;
    let finished = 0;
    let late = false;
    let overdue = false;
    let dueSoon = false;
    let progress = t.progressed;
    for (const m of milestones) {
      const own = m.completedOn != null && m.completedOn <= today ? m.completedOn : null;
      if (own !== null) progress = true;
      if (m.dueDate === null) continue;
      dated += 1;
      const completed = own === null ? closedOn : closedOn === null || own <= closedOn ? own : closedOn;
      if (completed !== null) {
        finished += 1;
        if (completed > m.dueDate) late = true;
      } else if (today > m.dueDate) overdue = true;
      else if (m.dueDate < soonLimit()) dueSoon = true;
    }
    if (closedOn !== null || (dated > 0 && finished === dated)) return late ? 'done_late' : 'done';
    if (overdue) return 'overdue';
    if (dueSoon) return 'due_soon';
    return progress ? 'in_progress' : 'not_started';
  };
}

/** A rate rounded to 4 decimals, 0 over nothing. */
export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/** The snapshot's tally, so dashboard and circular counts are the same function. */

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
  const completed = completionAsOf({ completedOn }, today, closedOn);
  return completed !== null ? completed > dueDate : today > dueDate;
}

export { isDoneStatus };
