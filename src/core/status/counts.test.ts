import { expect, it } from 'vitest';
import { countStatuses } from './counts.ts';

it('counts tasks per status and rounds the completion rate to four decimals', () => {
  expect(countStatuses(['done', 'done_late', 'overdue', 'not_started', 'in_progress', 'due_soon'])).toEqual({
    total: 6,
    notStarted: 1,
    inProgress: 1,
    dueSoon: 1,
    overdue: 1,
    done: 1,
    doneLate: 1,
    completionRate: 0.3333,
  });
  expect(countStatuses([])).toEqual({ total: 0, notStarted: 0, inProgress: 0, dueSoon: 0, overdue: 0, done: 0, doneLate: 0, completionRate: 0 });
});
