import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#core/calendar/index.ts';
import { runReminders } from '../jobs/reminders.job.ts';
import { chinaMorning } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { addInspection, addUnit } from './test-fixtures.ts';

/**
 * Overdue rectification notices on the reminder ladder, driven by the reminders job with the clock:
 * a notice issued on 2026-09-30 is due 2026-10-13 (5 working days across 国庆); it is urged, supervised
 * and proposed for an interview 1, 5 and 10 working days later, once each, while a finding waits.
 */
let now = chinaMorning('2026-09-30').getTime();
let t: TestApp;
let unit: number;
let answeredUnit: number;
const log: Record<string, string[]> = {};

beforeAll(async () => {
  t = await createTestApp({}, { clock: () => now });
  unit = await addUnit(t, '区市场监督管理局');
  answeredUnit = await addUnit(t, '区行政审批服务局');
  await t.addUser('unitmgr', ['unit_manager'], unit);
  const a = await addInspection(t, { unitId: unit, inspectorIds: [], findings: [{ description: '窗口未公示收费标准' }, { description: '电话无人接听' }] });
  const b = await addInspection(t, { title: '专项督查', kind: 'focused', unitId: answeredUnit, inspectorIds: [], findings: [{ description: '材料重复提交' }] });
  for (const [insp, u] of [
    [a, unit],
    [b, answeredUnit],
  ] as const) {
    const res = await t.inject({ method: 'POST', url: '/api/rectifications/notices', payload: { inspectionId: insp.inspectionId, unitId: u } });
    expect(res.statusCode, res.body).toBe(201);
  }
  // The second unit answered in time: its notice never climbs.
  await t.deps.db.updateTable('inspection_findings').set({ status: 'answered' }).where('id', '=', b.findingIds[0]!).execute();

  for (let day = '2026-10-01'; day <= '2026-11-06'; day = addDays(day, 1)) {
    now = chinaMorning(day).getTime();
    const first = await runReminders(t.deps, { smtpUrl: undefined });
    const again = await runReminders(t.deps, { now: new Date(now + 30 * 60_000), smtpUrl: undefined });
    expect(again.created, `second run on ${day}`).toBe(0);
    if (first.created) {
      const rows = await t.deps.db
        .selectFrom('notifications')
        .select(['kind', 'unit_id', 'user_id'])
        .where('created_at', '=', chinaMorning(day).toISOString())
        .execute();
      log[day] = rows.map((r) => `${r.kind}:${r.unit_id === unit ? 'smj' : 'other'}:${r.user_id === null ? 'office' : 'account'}`).sort();
    }
  }
}, 120_000);
afterAll(async () => t?.close());

describe('overdue rectifications in the reminders job', () => {
  it('urges, supervises and proposes an interview 1, 5 and 10 working days after the deadline, once each', () => {
    expect(log).toEqual({
      '2026-10-14': ['urge:smj:account'],
      '2026-10-20': ['supervise:smj:account'],
      '2026-10-27': ['interview:smj:office'],
    });
  });

  it('tells the unit which notice, how late and how many findings remain', async () => {
    const urge = await t.deps.db
      .selectFrom('notifications')
      .select(['title', 'body', 'task_id', 'notice_key'])
      .where('kind', '=', 'urge')
      .executeTakeFirstOrThrow();
    expect(urge.title).toBe('【催办】关于2026年第三季度政务服务暗访发现问题限期整改的通知');
    expect(urge.body).toContain('整改期限为2026年10月13日，现已逾期 1 个工作日，仍有 2 个问题未报送整改情况');
    expect(urge.task_id).toBeNull();
    expect(urge.notice_key).toMatch(/^rectify:urge:\d+:\d+$/);
    t.forgetSessions(); // weeks later: sign in again
    const res = await t.inject({ method: 'GET', url: '/api/interview-suggestions' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([
      expect.objectContaining({ taskId: null, unitName: '区市场监督管理局', body: expect.stringContaining('建议约谈区市场监督管理局主要负责人') }),
    ]);
    const mine = await t.inject({ method: 'GET', url: '/api/notifications' }, 'unitmgr');
    expect(
      mine
        .json()
        .data.map((n: { kind: string }) => n.kind)
        .sort(),
    ).toEqual(['supervise', 'urge']);
  });
});
