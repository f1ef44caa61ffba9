import type { WorkCalendar } from '../calendar/index.ts';

export const WORK_STATUSES = ['not_started', 'in_progress', 'due_soon', 'overdue', 'done', 'done_late'] as const;

/** The status of a milestone or task on a given day. */
export type WorkStatus = (typeof WORK_STATUSES)[number];

export const WORK_STATUS_LABELS: Record<WorkStatus, string> = { not_started: '未启动', in_progress: '推进中', due_soon: '临期', overdue: '逾期', done: '已完成', done_late: '逾期完成' };

/** Whether a status means the work is finished (on time or late). */
export function isDoneStatus(status: WorkStatus): boolean {
  return status === 'done' || status === 'done_late';
}

export interface StatusOptions {
  /** 临期 when no more than this many working days are left until the due date. Default 5. */
  dueSoonWorkdays?: number;
}

export const DEFAULT_DUE_SOON_WORKDAYS = 5;

/** What a milestone's status is computed from. Dates are 'YYYY-MM-DD'. */
export interface MilestoneFacts {
  /** The due date; null when the plan gives none ("持续推进"). */
  dueDate: string | null;
  /** The day the coordinator accepted it as done (销号); null while open. */
  completedOn: string | null;
  /** Whether any progress has been reported on it. */
  hasProgress: boolean;
}

/** What a task's status is computed from. */
export interface TaskFacts {
  milestones: readonly MilestoneFacts[];
  /** The day the coordinator closed the whole task (销号); null while open. */
  closedOn?: string | null;
  /** Progress reported on the task as a whole, not on one milestone. */
  hasProgress?: boolean;
}

/**
 * The day a milestone counts as completed as of `today`: its own completion, else its task's
 * closure. A date after `today` is ignored, so that the status "as of" a past day can be computed.
 */
export function completionAsOf(m: Pick<MilestoneFacts, 'completedOn'>, today: string, closedOn: string | null = null): string | null {
  const dates = [m.completedOn, closedOn].filter((d): d is string => d !== null && d <= today);
  return dates.length === 0 ? null : dates.reduce((a, b) => (a <= b ? a : b));
}

/**
 * A milestone's status on `today`, by the first rule that applies:
 * 1. completed on or before `today`: 已完成 when completed on or before the due date (or there is no
 *    due date), else 逾期完成. Dates compare by calendar day: a Saturday due date is not moved.
 * 2. `today` is after the due date: 逾期.
 * 3. no more than `dueSoonWorkdays` working days are left, i.e. `workdaysBetween(today, due) <= N`
 *    (working days after today up to and including the due date; 0 on the due day itself): 临期.
 * 4. progress reported: 推进中; otherwise 未启动. A milestone with no due date is never 临期 or 逾期.
 * Throws `UncoveredYearError` only when rule 3 needs a year the calendar lacks.
 */
export function milestoneStatus(m: MilestoneFacts, today: string, calendar: WorkCalendar, options: StatusOptions = {}, closedOn: string | null = null): WorkStatus {
  const completed = completionAsOf(m, today, closedOn);
  if (completed !== null) return m.dueDate !== null && completed > m.dueDate ? 'done_late' : 'done';
  if (m.dueDate !== null) {
    if (today > m.dueDate) return 'overdue';
    if (isWithinWorkdays(today, m.dueDate, options.dueSoonWorkdays ?? DEFAULT_DUE_SOON_WORKDAYS, calendar)) return 'due_soon';
  }
  return m.hasProgress ? 'in_progress' : 'not_started';
}

/**
 * A task's status on `today`, by the first rule that applies:
 * 1. closed by the coordinator (on or before `today`): 已完成, or 逾期完成 when any dated milestone was
 *    completed — by itself or by the closure — after its due date.
 * 2. it has dated milestones and all of them are completed: 已完成, or 逾期完成 when any was late.
 *    Milestones without a date do not hold a task open; a task with no dated milestone is finished
 *    only by closure.
 * 3. any open milestone is 逾期: 逾期.
 * 4. any open milestone is 临期: 临期.
 * 5. any progress on the task or a milestone, or any milestone completed: 推进中.
 * 6. otherwise 未启动.
 */
export function taskStatus(task: TaskFacts, today: string, calendar: WorkCalendar, options: StatusOptions = {}): WorkStatus {
  const closedOn = task.closedOn != null && task.closedOn <= today ? task.closedOn : null;
  const dated = task.milestones.filter((m) => m.dueDate !== null);
  const statuses = dated.map((m) => milestoneStatus(m, today, calendar, options, closedOn));
  const anyLate = statuses.includes('done_late');
  if (closedOn !== null || (dated.length > 0 && statuses.every(isDoneStatus))) return anyLate ? 'done_late' : 'done';
  if (statuses.includes('overdue')) return 'overdue';
  if (statuses.includes('due_soon')) return 'due_soon';
  const anyProgress =
    task.hasProgress === true || task.milestones.some((m) => m.hasProgress || completionAsOf(m, today) !== null);
  return anyProgress ? 'in_progress' : 'not_started';
}

/**
 * Whether `due` (on or after `today`) is at most `n` working days away. Walks forward only n + 1
 * working days, so a far due date in a year without holiday data does not throw.
 */
function isWithinWorkdays(today: string, due: string, n: number, calendar: WorkCalendar): boolean {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`临期工作日数应为非负整数：${n}`);
  // workdaysBetween(today, due) <= n  ⟺  due comes before working day n + 1 after today.
  return due < calendar.addWorkdays(today, n + 1);
}
