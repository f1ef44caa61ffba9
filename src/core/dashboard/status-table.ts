import type { WorkCalendar } from '../calendar/index.ts';
import { completionAsOf, isDoneStatus, taskStatus, WORK_STATUSES, type MilestoneFacts, type WorkStatus } from '../status/status.ts';
import type { StatusCounts } from '../rounds/types.ts';

/** A task as the dashboards read it: its closure and whether any non-draft report exists. */
export interface StatusTask {
  id: number;
  closedOn: string | null;
  progressed: boolean;
}

/** One milestone's due date ('YYYY-MM-DD' or null for 持续推进), by task. */
export interface StatusMilestone {
  taskId: number;
  dueDate: string | null;
}

/**
 * Every task's status on `today` from bulk rows, with the same facts and the same fallback as the
 * server's per-request `statusesOf`: milestones carry no completion of their own (the task's closure
 * completes them), "progress" is any non-draft report on the task, and when the 临期 look-ahead
 * reaches a year the calendar lacks, 临期 is not computed for that task rather than guessed.
 * Linear in tasks + milestones: milestones are grouped once into a Map.
 */
export function statusTable(tasks: readonly StatusTask[], milestones: readonly StatusMilestone[], today: string, calendar: WorkCalendar): Map<number, WorkStatus> {
  const byTask = new Map<number, MilestoneFacts[]>();
  for (const m of milestones) {
    const facts: MilestoneFacts = { dueDate: m.dueDate, completedOn: null, hasProgress: false };
    const list = byTask.get(m.taskId);
    if (list) list.push(facts);
    else byTask.set(m.taskId, [facts]);
  }
  const out = new Map<number, WorkStatus>();
  for (const t of tasks) {
    const facts = { milestones: byTask.get(t.id) ?? [], closedOn: t.closedOn, hasProgress: t.progressed };
    try {
      out.set(t.id, taskStatus(facts, today, calendar));
    } catch {
      out.set(t.id, taskStatus(facts, today, calendar, { dueSoonWorkdays: 0 }));
    }
  }
  return out;
}

const COUNT_KEY: Record<WorkStatus, Exclude<keyof StatusCounts, 'total' | 'completionRate'>> = {
  not_started: 'notStarted',
  in_progress: 'inProgress',
  due_soon: 'dueSoon',
  overdue: 'overdue',
  done: 'done',
  done_late: 'doneLate',
};

/** A rate rounded to 4 decimals, 0 over nothing. */
export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/** Tallies statuses into `StatusCounts` (completion = done + done late over all). */
export function countStatuses(statuses: Iterable<WorkStatus>): StatusCounts {
  const c: StatusCounts = { total: 0, notStarted: 0, inProgress: 0, dueSoon: 0, overdue: 0, done: 0, doneLate: 0, completionRate: 0 };
  for (const s of statuses) {
    c.total += 1;
    c[COUNT_KEY[s]] += 1;
  }
  c.completionRate = rate(c.done + c.doneLate, c.total);
  return c;
}

/** Parses the drill-down's `status` list ("overdue,done_late"); null when any item is unknown. */
export function parseStatusList(text: string): WorkStatus[] | null {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) return null;
  return items.every((s): s is WorkStatus => (WORK_STATUSES as readonly string[]).includes(s)) ? [...new Set(items)] : null;
}

/**
 * Whether a milestone was not met on time as of `today`: completed (by the task's closure) after its
 * due date, or still open with its due date passed — the milestone statuses 逾期完成 and 逾期.
 */
export function missedOnTime(dueDate: string, closedOn: string | null, today: string): boolean {
  const completed = completionAsOf({ dueDate, completedOn: null, hasProgress: false }, today, closedOn);
  return completed !== null ? completed > dueDate : today > dueDate;
}

export { isDoneStatus };
