import { describe, expect, it } from 'vitest';
import { countTasks, defaultMonth, dueState, itemsByDate } from './calendar.ts';

const months = [
  {
    month: '2021-06',
    items: [
      { date: '2021-06-05', taskId: 1 },
      { date: '2021-06-30', taskId: 1 },
      { date: '2021-06-30', taskId: 2 },
    ],
  },
  { month: '2021-07', items: [] },
  { month: '2021-09', items: [{ date: '2021-09-30', taskId: 3 }] },
];

describe('calendar shaping', () => {
  it('groups milestones by day', () => {
    const byDate = itemsByDate(months);
    expect([...byDate.keys()]).toEqual(['2021-06-05', '2021-06-30', '2021-09-30']);
    expect(byDate.get('2021-06-30')!.map((i) => i.taskId)).toEqual([1, 2]);
  });

  it('opens on the current or next month with items, else the last one', () => {
    expect(defaultMonth(months, '2021-06-15')).toBe('2021-06');
    expect(defaultMonth(months, '2021-07-01')).toBe('2021-09');
    expect(defaultMonth(months, '2026-11-27')).toBe('2021-09');
    expect(defaultMonth(months, '2020-01-01')).toBe('2021-06');
    expect(defaultMonth([], '2021-01-01')).toBeNull();
  });

  it('counts distinct tasks', () => {
    expect(countTasks(months[0]!.items)).toBe(2);
  });

  it('tells past, soon and later due dates apart', () => {
    expect(dueState('2021-06-30', '2021-07-01')).toBe('past');
    expect(dueState('2021-06-30', '2021-06-30')).toBe('soon');
    expect(dueState('2021-07-14', '2021-06-30')).toBe('soon');
    expect(dueState('2021-07-15', '2021-06-30')).toBe('later');
  });
});
