import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, seedBytes, type TestApp } from './test/helpers.ts';
import { firstLeadTask } from './test/finders.ts';

/**
 * RELIABILITY §2 (finding 6): check-then-act races. Each test fires the same transition many times at
 * once (Promise.all over app.inject, so the requests interleave on the event loop and, on PostgreSQL,
 * run in separate pooled connections) and asserts that exactly one applies and the rest get 409, with
 * one audit row and one timeline event. On PostgreSQL every one of these applied several times before
 * the transitions became conditional writes; SQLite serialises transactions and passed already.
 */
let t: TestApp;
let planId: number;
let task: { id: number; lead: number };
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const statuses = (res: { statusCode: number }[]) => res.map((r) => r.statusCode).sort();
const count = async (table: 'audit_events' | 'task_events' | 'plans', where: (q: any) => any) =>
  Number((await where(t.deps.db.selectFrom(table).select((e: any) => e.fn.countAll().as('n'))).executeTakeFirstOrThrow()).n);
const times = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

describe('concurrent transitions: exactly one applies', () => {
  it('10 commits of one import draft → 1 × 201, 9 × 409, one plan', async () => {
    const up = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('shanting-2021-7.txt', seedBytes()) });
    expect(up.statusCode).toBe(201);
    const res = await times(10, () => t.inject({ method: 'POST', url: `/api/imports/${up.json().id}/commit` }));
    expect(statuses(res)).toEqual([201, ...Array(9).fill(409)]);
    expect(res.filter((r) => r.statusCode === 409).map((r) => r.json().error.message)).toEqual(Array(9).fill('该草稿已提交导入'));
    expect(await count('plans', (q) => q)).toBe(1);
    planId = res.find((r) => r.statusCode === 201)!.json().planId;
    const tu = await firstLeadTask(t, planId);
    task = { id: tu.task_id, lead: tu.unit_id };
    await t.addUser('lead', ['unit_manager'], task.lead);
  });

  it('20 ledger submits of one task → 1 × 200, 19 × 409, one submit event and audit row', async () => {
    const add = await t.inject({ method: 'POST', url: `/api/tasks/${task.id}/ledger`, payload: { unitId: task.lead, action: '制定实施方案' } }, 'lead');
    expect(add.statusCode).toBe(201);
    const res = await times(20, () => t.inject({ method: 'POST', url: `/api/tasks/${task.id}/ledger/submit` }, 'lead'));
    expect(statuses(res), res.map((r) => r.body).join('\n')).toEqual([200, ...Array(19).fill(409)]);
    expect(res.filter((r) => r.statusCode === 409).every((r) => r.json().error.message === '落实方案已报送，等待审核')).toBe(true);
    expect(
      await count('audit_events', (q) => q.where('action', '=', 'ledger.submit').where('entity_id', '=', String(task.id)).where('outcome', '=', 'ok')),
    ).toBe(1);
    expect(await count('task_events', (q) => q.where('task_id', '=', task.id).where('kind', '=', 'plan'))).toBe(1);
  });

  it('a ledger edit racing a submit lands before it or is refused, never inside a submitted plan', async () => {
    // Returned so it can be submitted again; then submits and edits at once.
    expect(
      (await t.inject({ method: 'POST', url: `/api/tasks/${task.id}/ledger/review`, payload: { decision: 'return', comment: '请细化' } })).statusCode,
    ).toBe(200);
    const res = await Promise.all([
      t.inject({ method: 'POST', url: `/api/tasks/${task.id}/ledger/submit` }, 'lead'),
      ...Array.from({ length: 6 }, (_, i) =>
        t.inject({ method: 'POST', url: `/api/tasks/${task.id}/ledger`, payload: { unitId: task.lead, action: `追加举措 ${i}` } }, 'lead'),
      ),
    ]);
    expect(res[0]!.statusCode).toBe(200);
    const submittedAt = (await t.deps.db.selectFrom('task_plans').select('submitted_at').where('task_id', '=', task.id).executeTakeFirstOrThrow())
      .submitted_at!;
    const entries = await t.deps.db.selectFrom('ledger_entries').select(['action', 'created_at']).where('task_id', '=', task.id).execute();
    for (const r of res.slice(1)) expect([201, 409]).toContain(r.statusCode);
    // Every entry that was written was written before the submit.
    for (const e of entries) expect(e.created_at <= submittedAt).toBe(true);
    expect(entries.length).toBe(1 + res.slice(1).filter((r) => r.statusCode === 201).length);
  });

  it('10 alternating ledger reviews → exactly one decision', async () => {
    const res = await times(10, (i) =>
      t.inject({
        method: 'POST',
        url: `/api/tasks/${task.id}/ledger/review`,
        payload: i % 2 ? { decision: 'return', comment: '退回' } : { decision: 'approve', comment: null },
      }),
    );
    expect(statuses(res)).toEqual([200, ...Array(9).fill(409)]);
    expect(
      await count('audit_events', (q) =>
        q.where('action', 'in', ['ledger.approve', 'ledger.return']).where('entity_id', '=', String(task.id)).where('outcome', '=', 'ok'),
      ),
    ).toBe(2); // the earlier return, and this one
  });

  let reportId: number;
  it('10 submits of one report → 1 × 200, 9 × 409', async () => {
    const created = await t.inject(
      {
        method: 'POST',
        url: `/api/tasks/${task.id}/reports`,
        payload: { unitId: task.lead, kind: 'consolidated', stage: 'in_progress', narrative: '按计划推进' },
      },
      'lead',
    );
    expect(created.statusCode).toBe(201);
    reportId = created.json().id;
    const res = await times(10, () => t.inject({ method: 'POST', url: `/api/reports/${reportId}/submit` }, 'lead'));
    expect(statuses(res)).toEqual([200, ...Array(9).fill(409)]);
    expect(await count('audit_events', (q) => q.where('action', '=', 'report.submit').where('entity_id', '=', String(reportId)))).toBe(1);
  });

  it('10 alternating report reviews → exactly one decision, one review event', async () => {
    const res = await times(10, (i) =>
      t.inject({
        method: 'POST',
        url: `/api/reports/${reportId}/review`,
        payload: i % 2 ? { decision: 'return', comment: '请补充' } : { decision: 'accept', comment: null },
      }),
    );
    expect(statuses(res)).toEqual([200, ...Array(9).fill(409)]);
    expect(await count('audit_events', (q) => q.where('action', 'in', ['report.accept', 'report.return']).where('entity_id', '=', String(reportId)))).toBe(1);
    expect(await count('task_events', (q) => q.where('report_id', '=', reportId).where('kind', '=', 'review'))).toBe(1);
  });

  it('10 reopens of a closed task → 1 × 200, 9 × 409', async () => {
    await t.deps.db.updateTable('tasks').set({ closed_on: '2021-09-30' }).where('id', '=', task.id).execute();
    const res = await times(10, () => t.inject({ method: 'POST', url: `/api/tasks/${task.id}/reopen`, payload: { reason: '需补充材料' } }));
    expect(statuses(res)).toEqual([200, ...Array(9).fill(409)]);
    expect(await count('task_events', (q) => q.where('task_id', '=', task.id).where('kind', '=', 'reopen'))).toBe(1);
  });

  it('10 reopens of a closed milestone → 1 × 200, 9 × 409', async () => {
    const m = await t.deps.db.selectFrom('milestones').select('id').where('task_id', '=', task.id).executeTakeFirstOrThrow();
    await t.deps.db.updateTable('milestones').set({ completed_on: '2021-06-30' }).where('id', '=', m.id).execute();
    const res = await times(10, () => t.inject({ method: 'POST', url: `/api/milestones/${m.id}/reopen`, payload: { reason: '需补充材料' } }));
    expect(statuses(res)).toEqual([200, ...Array(9).fill(409)]);
    expect(await count('audit_events', (q) => q.where('action', '=', 'milestone.reopen').where('entity_id', '=', String(m.id)))).toBe(1);
  });

  it('20 creates of one username → 1 × 201, 19 × 409 naming the username, never 500', async () => {
    const res = await times(20, () =>
      t.inject({ method: 'POST', url: '/api/users', payload: { username: 'fuzzuser1', displayName: '测试', unitId: null, roles: ['leader'] } }, 'admin'),
    );
    expect(statuses(res), res.map((r) => r.body).join('\n')).toEqual([201, ...Array(19).fill(409)]);
    expect(res.filter((r) => r.statusCode === 409).every((r) => r.json().error.message === '用户名“fuzzuser1”已存在')).toBe(true);
    expect(await count('audit_events', (q) => q.where('action', '=', 'user.create').where('after', 'like', '%fuzzuser1%'))).toBe(1);
  });
});
