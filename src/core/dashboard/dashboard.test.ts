import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/index.ts';
import { taskStatus } from '../status/status.ts';
import { defaultCalendar } from '../calendar/index.ts';
import { burnupSeries } from './burnup.ts';
import { monthsBetween, overdueHeatmap } from './heatmap.ts';
import { metPassedDeadlines, rankUnitTallies } from './ranking.ts';
import { countStatuses } from '../status/counts.ts';
import { missedOnTime, parseStatusList, statusTable } from './status-table.ts';

describe('statusTable', () => {
  it('computes each task from its own milestones, closure and progress', () => {
    const tasks = [
      { id: 1, closedOn: null, progressed: false }, // due 2021-06-30, today after → 逾期
      { id: 2, closedOn: '2021-06-20', progressed: true }, // closed before due → 已完成
      { id: 3, closedOn: '2021-07-05', progressed: true }, // closed after due → 逾期完成
      { id: 4, closedOn: null, progressed: true }, // no dated milestone → 推进中
      { id: 5, closedOn: null, progressed: false }, // nothing → 未启动
      { id: 6, closedOn: null, progressed: false }, // due in 2 working days → 临期
      { id: 7, closedOn: '2021-07-20', progressed: false }, // closure after today is ignored → 逾期
    ];
    const milestones = [
      { taskId: 1, dueDate: '2021-06-30' },
      { taskId: 2, dueDate: '2021-06-30' },
      { taskId: 3, dueDate: '2021-06-30' },
      { taskId: 4, dueDate: null },
      { taskId: 6, dueDate: '2021-07-13' },
      { taskId: 7, dueDate: '2021-07-01' },
      { taskId: 6, dueDate: '2021-12-31' },
    ];
    const s = statusTable(tasks, milestones, '2021-07-10', defaultCalendar);
    expect([...s.values()]).toEqual(['overdue', 'done', 'done_late', 'in_progress', 'not_started', 'due_soon', 'overdue']);
  });

  it('equals taskStatus (with statusesOf\'s retry) on any facts, days and 临期 settings', () => {
    const calendar = createCalendar();
    const last = calendar.coveredYears.at(-1)!;
    // Days around the checkpoints and the end of the covered years, where the look-ahead fails.
    const day = fc.constantFrom('2021-06-01', '2021-06-25', '2021-06-30', '2021-07-01', '2021-09-28', '2021-12-31', `${last}-12-24`, `${last}-12-30`, `${last}-12-31`);
    const maybe = fc.option(day, { nil: null });
    const facts = fc.record({
      closedOn: maybe,
      progressed: fc.boolean(),
      milestones: fc.array(fc.record({ dueDate: maybe, completedOn: maybe }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 6 }), day, fc.integer({ min: 0, max: 10 }), (tasks, today, n) => {
        const rows = tasks.map((t, i) => ({ id: i + 1, closedOn: t.closedOn, progressed: t.progressed }));
        const ms = tasks.flatMap((t, i) => t.milestones.map((m) => ({ taskId: i + 1, ...m })));
        let expected: Map<number, string> | Error;
        try {
          expected = new Map(tasks.map((t, i) => {
            const f = { milestones: t.milestones.map((m) => ({ ...m, hasProgress: false })), closedOn: t.closedOn, hasProgress: t.progressed };
            try {
              return [i + 1, taskStatus(f, today, calendar, { dueSoonWorkdays: n })] as const;
            } catch {
              return [i + 1, taskStatus(f, today, calendar, { dueSoonWorkdays: 0 })] as const;
            }
          }));
        } catch (e) {
          expected = e as Error;
        }
        if (expected instanceof Error) expect(() => statusTable(rows, ms, today, calendar, { dueSoonWorkdays: n })).toThrow();
        else expect(statusTable(rows, ms, today, calendar, { dueSoonWorkdays: n })).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to no 临期 when the look-ahead leaves the covered years, as statusesOf does', () => {
    const year = defaultCalendar.coveredYears.at(-1)!;
    const s = statusTable([{ id: 1, closedOn: null, progressed: true }], [{ taskId: 1, dueDate: `${year}-12-31` }], `${year}-12-30`, defaultCalendar);
    expect(s.get(1)).toBe('in_progress');
  });
});

it('counts statuses with a 4-decimal completion rate', () => {
  expect(countStatuses(['done', 'done_late', 'overdue'])).toEqual({ total: 3, notStarted: 0, inProgress: 0, dueSoon: 0, overdue: 1, done: 1, doneLate: 1, completionRate: 0.6667 });
  expect(countStatuses([]).completionRate).toBe(0);
});

it('parses a status list and refuses unknown names', () => {
  expect(parseStatusList('overdue, done_late,overdue')).toEqual(['overdue', 'done_late']);
  expect(parseStatusList('overdue,late')).toBeNull();
  expect(parseStatusList(' , ')).toBeNull();
});

it('tells milestones not met on time', () => {
  expect(missedOnTime('2021-06-30', null, '2021-06-30')).toBe(false);
  expect(missedOnTime('2021-06-30', null, '2021-07-01')).toBe(true);
  expect(missedOnTime('2021-06-30', '2021-06-30', '2021-08-01')).toBe(false);
  expect(missedOnTime('2021-06-30', '2021-07-02', '2021-08-01')).toBe(true);
  // A closure after today does not count yet: still open, and past due.
  expect(missedOnTime('2021-06-30', '2021-09-01', '2021-08-01')).toBe(true);
});

describe('rankUnitTallies', () => {
  it('scores with the snapshot weights 50/30/20 (without timeliness when no deadline has passed) and ranks ties by name without gaps', () => {
    const base = { overdue: 0, passed: 0, met: 0 };
    const ranked = rankUnitTallies([
      { unitId: 1, name: '乙局', tasks: 4, done: 2, reported: 0, ...base },
      { unitId: 2, name: '甲局', tasks: 2, done: 1, reported: 0, ...base },
      { unitId: 3, name: '丙局', tasks: 2, done: 2, reported: 2, ...base },
      { unitId: 4, name: '丁局', tasks: 3, done: 0, overdue: 3, passed: 3, met: 1, reported: 1 },
    ]);
    expect(ranked.map((r) => [r.unitId, r.score, r.rank])).toEqual([
      [3, 100, 1],
      // No deadline passed: completion and reporting alone, (0.5 × 0.5) / 0.7 = 35.7; 甲 (jiǎ) before 乙 (yǐ) in pinyin order.
      [2, 35.7, 2],
      [1, 35.7, 3],
      [4, 16.7, 4],
    ]);
    expect(ranked[3]).toMatchObject({ completionRate: 0, timelinessRate: 0.3333, reportingRate: 0.3333 });
  });

  it('meets passed deadlines only when each was completed by its due date', () => {
    const m = (dueDate: string | null, completedOn: string | null = null) => ({ dueDate, completedOn, hasProgress: false });
    expect(metPassedDeadlines([m('2021-06-30'), m(null)], null, '2021-06-30')).toBeNull();
    expect(metPassedDeadlines([m('2021-06-30')], null, '2021-07-01')).toBe(false);
    expect(metPassedDeadlines([m('2021-06-30')], '2021-06-30', '2021-07-01')).toBe(true);
    expect(metPassedDeadlines([m('2021-05-31', '2021-05-20'), m('2021-06-30')], '2021-07-02', '2021-08-01')).toBe(false);
    expect(metPassedDeadlines([m('2021-05-31', '2021-05-20'), m('2021-09-30')], null, '2021-08-01')).toBe(true);
  });
});

it('builds a weekly cumulative burn-up ending on the last day', () => {
  const tasks = [
    { lastDue: '2021-06-05', closedOn: '2021-06-01' },
    { lastDue: '2021-06-30', closedOn: null },
    { lastDue: null, closedOn: '2021-06-10' },
    { lastDue: '2021-06-12', closedOn: '2021-06-20' },
  ];
  expect(burnupSeries(tasks, '2021-05-26', '2021-06-30')).toEqual([
    { date: '2021-05-26', due: 0, done: 0 },
    { date: '2021-06-02', due: 0, done: 1 },
    { date: '2021-06-09', due: 1, done: 1 },
    { date: '2021-06-16', due: 2, done: 2 },
    { date: '2021-06-23', due: 2, done: 3 },
    { date: '2021-06-30', due: 3, done: 3 },
  ]);
  expect(burnupSeries(tasks, '2021-07-01', '2021-06-30')).toEqual([]);
});

it('maps missed milestones by unit and due month, top units first, months without gaps', () => {
  expect(monthsBetween('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
  const tasks = [
    { id: 1, closedOn: null, milestones: [{ dueDate: '2021-06-30' }, { dueDate: '2021-09-30' }] },
    { id: 2, closedOn: '2021-07-15', milestones: [{ dueDate: '2021-06-30' }, { dueDate: null }] },
    { id: 3, closedOn: '2021-06-01', milestones: [{ dueDate: '2021-06-30' }] }, // closed on time
    { id: 4, closedOn: null, milestones: [{ dueDate: '2021-08-31', completedOn: '2021-09-03' }] }, // own closure, late
  ];
  const units = new Map([[1, [10, 11]], [2, [11]], [3, [12]], [4, [13]]]);
  const names = new Map([[10, '甲'], [11, '乙'], [12, '丙'], [13, '各镇街']]);
  const h = overdueHeatmap(tasks, units, (id) => names.get(id)!, '2021-10-10', 30, (id) => id !== 13);
  expect(h.months).toEqual(['2021-06', '2021-07', '2021-08', '2021-09']);
  expect(h.units).toEqual([{ unitId: 11, name: '乙' }, { unitId: 10, name: '甲' }]);
  expect(h.cells).toEqual([[0, 0, 2], [0, 3, 1], [1, 0, 1], [1, 3, 1]]);
  expect(overdueHeatmap(tasks, units, (id) => names.get(id)!, '2021-10-10').units.map((u) => u.unitId)).toEqual([11, 10, 13]);
  expect(overdueHeatmap(tasks, units, (id) => names.get(id)!, '2021-10-10', 1).units).toHaveLength(1);
});
