import type { StatusCounts } from '../api/common.ts';
import type { WorkStatus } from './status.ts';

/** The StatusCounts field that counts each status. */
export const COUNT_KEYS: Record<WorkStatus, Exclude<keyof StatusCounts, 'total' | 'completionRate'>> = {
  not_started: 'notStarted',
  in_progress: 'inProgress',
  due_soon: 'dueSoon',
  overdue: 'overdue',
  done: 'done',
  done_late: 'doneLate',
};

/** Tasks per status and the completion rate ((done + done late) / total, 4 decimals; 0 without tasks). */
export function countStatuses(statuses: Iterable<WorkStatus>): StatusCounts {
  const c: StatusCounts = { total: 0, notStarted: 0, inProgress: 0, dueSoon: 0, overdue: 0, done: 0, doneLate: 0, completionRate: 0 };
  for (const s of statuses) {
    c.total += 1;
    c[COUNT_KEYS[s]] += 1;
  }
  c.completionRate = c.total === 0 ? 0 : Math.round(((c.done + c.doneLate) / c.total) * 10_000) / 10_000;
  return c;
}
