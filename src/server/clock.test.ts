import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '#core/calendar/dates.ts';
import { clockOf } from './clock.ts';
import { createTestApp, importSeed, type TestApp } from './test/helpers.ts';
import { firstLeadTask } from './test/finders.ts';

describe('clockOf', () => {
  it('reads every form of now from one source, with today counted in China', () => {
    let ms = Date.parse('2021-06-30T15:59:59.000Z');
    const clock = clockOf(() => ms);
    expect(clock.iso()).toBe('2021-06-30T15:59:59.000Z');
    expect(clock.today()).toBe('2021-06-30');
    ms += 1000; // midnight in Beijing
    expect(clock.now().toISOString()).toBe('2021-06-30T16:00:00.000Z');
    expect(clock.today()).toBe('2021-07-01');
    expect(chinaDay(clock.iso())).toBe('2021-07-01');
  });
});

/** A test sets the time once, in createTestApp, and every use case of the app follows it. */
describe('one clock for the whole app', () => {
  const at = Date.parse('2021-07-01T02:00:00.000Z'); // 10:00 on 1 July 2021 in China
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => at });
  });
  afterAll(async () => t?.close());

  it('dates the dashboard, a new report and the plan import by it', async () => {
    const planId = await importSeed(t);
    const plan = await t.deps.db.selectFrom('plans').select('created_at').where('id', '=', planId).executeTakeFirstOrThrow();
    expect(plan.created_at).toBe('2021-07-01T02:00:00.000Z');
    const summary = await t.inject({ method: 'GET', url: `/api/dashboard/summary?planId=${planId}` });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json().asOf).toBe('2021-07-01');
    const lead = await firstLeadTask(t, planId);
    await t.addUser('dw', ['unit_manager'], lead.unit_id);
    const created = await t.inject(
      { method: 'POST', url: `/api/tasks/${lead.task_id}/reports`, payload: { unitId: lead.unit_id, kind: 'part', stage: 'in_progress', narrative: '进展' } },
      'dw',
    );
    expect(created.statusCode, created.body).toBe(201);
    const row = await t.deps.db.selectFrom('progress_reports').select('created_at').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(row.created_at).toBe('2021-07-01T02:00:00.000Z');
  });
});
