import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#core/calendar/index.ts';
import { runReminders } from '../jobs/reminders.job.ts';
import { chinaMorning, seedTask } from '../test/factories.ts';
import { statusesOf } from '../tasks/task-status.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { runtimeSettings } from './settings.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const get = async () => (await t.inject({ method: 'GET', url: '/api/settings' }, 'admin')).json();

describe('settings', () => {
  it('start from the defaults: reminders 5, 2, 1 before; 催办 1, 督办 5, 约谈 10 after; 临期 5; public page open; 2020–2026 covered', async () => {
    const s = await get();
    expect(s.reminders).toEqual({ dueSoonWorkdays: 5, reminderOffsets: [5, 2, 1], escalation: [{ level: 'urge', afterWorkdays: 1 }, { level: 'supervise', afterWorkdays: 5 }, { level: 'interview', afterWorkdays: 10 }] });
    expect(s.publicPage).toEqual({ enabled: true });
    expect(s.coveredYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect((await t.inject({ method: 'GET', url: '/api/settings' }, 'coordinator')).statusCode).toBe(403);
  });

  it('applies changed reminder rules to the next job run and to 临期, and audits the change', async () => {
    const ids = await seedTask(t.deps.db, '2021-06-30');
    const put = await t.inject({ method: 'PUT', url: '/api/settings/reminders', payload: { dueSoonWorkdays: 8, reminderOffsets: [3], escalation: [{ level: 'urge', afterWorkdays: 2 }, { level: 'supervise', afterWorkdays: 6 }, { level: 'interview', afterWorkdays: 12 }] } }, 'admin');
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().reminders.reminderOffsets).toEqual([3]);

    // 2021-06-30 is a Wednesday: 3 working days before it is 06-25 (Friday); the old 5/2/1 would fire on 06-23, 06-28, 06-29.
    const fired: string[] = [];
    for (let day = '2021-06-21'; day <= '2021-07-02'; day = addDays(day, 1)) {
      const run = await runReminders(t.deps, { now: chinaMorning(day), smtpUrl: undefined });
      if (run.created) fired.push(day);
    }
    expect(fired).toEqual(['2021-06-25', '2021-07-02']); // the reminder, then 催办 2 working days after the deadline
    const kinds = await t.deps.db.selectFrom('notifications').select('kind').distinct().where('task_id', '=', ids.taskId).execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['remind', 'urge']);

    // 临期 now reaches 8 working days ahead: on 2021-06-18 (8 working days before 06-30) the task is due soon.
    const statuses = await statusesOf(t.deps, [{ id: ids.taskId, closed_on: null }], '2021-06-18');
    expect(statuses.get(ids.taskId)).toBe('due_soon');
    const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'settings.update').where('entity_id', '=', 'reminders').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!).reminderOffsets).toEqual([5, 2, 1]);
    expect(JSON.parse(audit.after!).reminderOffsets).toEqual([3]);
  });

  it('refuses bad reminder rules with a Chinese message and changes nothing', async () => {
    const before = await get();
    for (const payload of [
      { ...before.reminders, reminderOffsets: [2, 2] },
      { ...before.reminders, escalation: before.reminders.escalation.slice(0, 2) },
      { ...before.reminders, dueSoonWorkdays: -1 },
      [1, 2],
    ]) {
      const res = await t.inject({ method: 'PUT', url: '/api/settings/reminders', payload: payload as object }, 'admin');
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await get()).toEqual(before);
  });

  it('adds a calendar year the built-in data lacks (2027), so its deadlines get working days, and removes it again', async () => {
    await expect(runtimeSettings(t.deps).then((s) => s.calendar.isWorkday('2027-01-04'))).rejects.toThrow(/2027/);
    const year = { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] };
    const put = await t.inject({ method: 'PUT', url: '/api/settings/calendar/2027', payload: year }, 'admin');
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().coveredYears).toContain(2027);
    const cal = (await runtimeSettings(t.deps)).calendar;
    expect(cal.isWorkday('2027-01-01')).toBe(false); // Friday, 元旦
    expect(cal.isWorkday('2027-01-09')).toBe(true); // Saturday, make-up workday
    // (12-31, 01-11]: 01-04…01-08 (5), the make-up Saturday 01-09, Monday 01-11 = 7; 01-01…01-03 and 01-10 are off.
    expect(cal.workdaysBetween('2026-12-31', '2027-01-11')).toBe(7);

    const del = await t.inject({ method: 'DELETE', url: '/api/settings/calendar/2027' }, 'admin');
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().coveredYears).not.toContain(2027);
    expect((await t.inject({ method: 'DELETE', url: '/api/settings/calendar/2027' }, 'admin')).statusCode).toBe(404);
  });

  it('refuses calendar data that is wrong and keeps the stored years', async () => {
    const before = await get();
    const cases: [object, RegExp][] = [
      [{ holidays: ['2028-01-01'], workdays: [] }, /不在 2027 年内/],
      [{ holidays: [], workdays: ['2027-01-04'] }, /不是周末/],
      [{ holidays: ['2027-02-30'], workdays: [] }, /日期格式无效/],
    ];
    for (const [payload, message] of cases) {
      const res = await t.inject({ method: 'PUT', url: '/api/settings/calendar/2027', payload }, 'admin');
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    expect((await t.inject({ method: 'PUT', url: '/api/settings/calendar/1999', payload: { holidays: [], workdays: [] } }, 'admin')).statusCode).toBe(400);
    expect(await get()).toEqual(before);
  });
});
