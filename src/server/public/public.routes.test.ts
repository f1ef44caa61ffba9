import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, importSeed, type TestApp } from '../test/helpers.ts';
import { pickTask } from '../test/finders.ts';

let t: TestApp;
let planId: number;
beforeAll(async () => {
  t = await createTestApp();
  planId = await importSeed(t);
  // Internal material the public must never see: a staff member, a report narrative with evidence, a leader's instruction.
  const picked = await pickTask(t, planId);
  const task = { id: picked.taskId };
  const lead = { unit_id: picked.leadUnitId };
  await t.addUser('zhang.san', ['unit_staff'], lead.unit_id);
  const report = await t.inject(
    {
      method: 'POST',
      url: `/api/tasks/${task.id}/reports`,
      payload: { unitId: lead.unit_id, kind: 'consolidated', stage: 'in_progress', narrative: '内部进展：机密测试语句甲乙丙' },
    },
    'zhang.san',
  );
  expect(report.statusCode, report.body).toBe(201);
});
afterAll(async () => t.close());

/** Every key path of a JSON value, arrays collapsed to []. */
function fieldsOf(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(value)) for (const v of value) for (const f of fieldsOf(v, `${prefix}[]`)) out.add(f);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(`${prefix}.${k}`);
      for (const f of fieldsOf(v, `${prefix}.${k}`)) out.add(f);
    }
  return out;
}

const COUNTS = ['total', 'notStarted', 'inProgress', 'dueSoon', 'overdue', 'done', 'doneLate', 'completionRate'];

describe('public progress page', () => {
  it('lists plans without a session, with exactly these fields', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/public/plans' }, null);
    expect(res.statusCode, res.body).toBe(200);
    expect([...fieldsOf(res.json())].sort()).toEqual([
      '.data',
      '.data[].done',
      '.data[].id',
      '.data[].number',
      '.data[].tasks',
      '.data[].title',
      '.data[].year',
    ]);
    expect(res.json().data[0]).toMatchObject({ id: planId, number: '山政发〔2021〕7号', tasks: 199 });
  });

  it("shows a plan's tasks and statuses by section, and returns exactly these fields, nothing internal", async () => {
    const res = await t.inject({ method: 'GET', url: `/api/public/plans/${planId}` }, null);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect([...fieldsOf(body)].sort()).toEqual(
      [
        '.asOf',
        '.counts',
        ...COUNTS.map((c) => `.counts.${c}`),
        '.plan',
        '.plan.id',
        '.plan.issueDate',
        '.plan.issuer',
        '.plan.number',
        '.plan.title',
        '.sections',
        '.sections[].counts',
        ...COUNTS.map((c) => `.sections[].counts.${c}`),
        '.sections[].tasks',
        '.sections[].title',
        '.sections[].tasks[].deadline',
        '.sections[].tasks[].leadUnits',
        '.sections[].tasks[].number',
        '.sections[].tasks[].status',
        '.sections[].tasks[].title',
      ].sort(),
    );
    expect(body.sections).toHaveLength(19);
    expect(body.sections.reduce((n: number, s: { tasks: unknown[] }) => n + s.tasks.length, 0)).toBe(199);
    expect(body.counts.total).toBe(199);
    expect(body.sections.reduce((n: number, s: { counts: { total: number } }) => n + s.counts.total, 0)).toBe(199);
    // The first task has progress now, so it is not 未启动; its deadline wording comes from the plan.
    expect(body.sections[0].tasks[0].status).not.toBe('not_started');
    expect(body.sections[0].tasks[0].leadUnits.length).toBeGreaterThan(0);
    expect(res.body).not.toContain('机密测试语句');
    expect(res.body).not.toContain('zhang.san');
  });

  it('answers 404 with 公开页面已关闭 when an admin turns it off, and serves it again when turned on', async () => {
    expect((await t.inject({ method: 'PUT', url: '/api/settings/public-page', payload: { enabled: false } }, 'admin')).statusCode).toBe(200);
    for (const url of ['/api/public/plans', `/api/public/plans/${planId}`]) {
      const res = await t.inject({ method: 'GET', url }, null);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('公开页面已关闭');
    }
    expect((await t.inject({ method: 'PUT', url: '/api/settings/public-page', payload: { enabled: true } }, 'admin')).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/public/plans' }, null)).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/public/plans/999999' }, null)).statusCode).toBe(404);
  });
});
