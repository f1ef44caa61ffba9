import { describe, expect, it } from 'vitest';
import { dueWithin, roleCounts, sortByDue, type DueTask } from './my-tasks.ts';

const t = (id: number, nextDue: string | null, role: DueTask['role'] = 'lead', number = String(id), planId = 1): DueTask => ({
  id,
  planId,
  number,
  role,
  nextDue,
});

describe('my tasks', () => {
  it('puts the soonest deadline first and undated tasks last', () => {
    const sorted = sortByDue([t(1, null), t(2, '2021-09-30'), t(3, '2021-06-30'), t(10, '2021-06-30'), t(4, null, 'lead', '2')]);
    expect(sorted.map((x) => x.id)).toEqual([3, 10, 2, 1, 4]);
  });

  it('orders task numbers numerically', () => {
    expect(sortByDue([t(1, null, 'lead', '12'), t(2, null, 'lead', '3'), t(3, null, 'lead', '3.1')]).map((x) => x.number)).toEqual(['3', '3.1', '12']);
  });

  it('counts distinct tasks by role', () => {
    expect(roleCounts([t(1, null, 'lead'), t(1, null, 'responsible'), t(2, null, 'responsible')])).toEqual({ total: 2, lead: 1, responsible: 2 });
  });

  it('counts tasks due within days', () => {
    const tasks = [t(1, '2021-06-29'), t(2, '2021-06-30'), t(3, '2021-07-14'), t(4, '2021-07-15'), t(5, null)];
    expect(dueWithin(tasks, '2021-06-30', 14)).toBe(2);
  });
});
