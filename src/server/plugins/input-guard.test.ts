import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAndCloseRound } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { firstLeadTask } from '../test/finders.ts';
import { findBadText, textProblem } from './input-guard.ts';

describe('textProblem / findBadText', () => {
  it('refuses U+0000 and lone surrogates, accepts CJK text and paired surrogates (emoji)', () => {
    expect(textProblem('区审批服务局')).toBeNull();
    expect(textProblem('完成 ✅ 😀')).toBeNull();
    expect(textProblem('a\u0000b')).toMatch(/空字符/);
    expect(textProblem('\uD83D')).toMatch(/代理项/);
    expect(textProblem('x\uDE00y')).toMatch(/代理项/);
  });

  it('names the field, also deep in arrays and in keys, without recursion', () => {
    expect(findBadText({ tasks: [{ title: 'ok' }, { title: 'a\u0000' }] }, 'body')).toEqual({
      field: 'body.tasks.1.title',
      message: expect.stringMatching(/空字符/),
    });
    expect(findBadText({ blocks: { 'k\u0000': 'v' } }, 'body')?.field).toBe('body.blocks.k?');
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findBadText(deep, 'body')?.message).toMatch(/空字符/);
  });
});

// The requests of RELIABILITY §1 rows 17–37: each reached PostgreSQL with a NUL byte and answered 500
// (SQLite stored it and answered 2xx). Each must now be refused with 400 naming the field, on both.
describe('a NUL byte anywhere in a request', () => {
  let t: TestApp;
  let ids: { plan: number; section: number; task: number; unit: number; dwTask: number; circular: number };
  beforeAll(async () => {
    t = await createTestApp();
    const { planId, round } = await openAndCloseRound(t);
    const tu = await firstLeadTask(t, planId);
    const section = await t.deps.db.selectFrom('sections').select('id').where('plan_id', '=', planId).orderBy('id').executeTakeFirstOrThrow();
    await t.addUser('dw', ['unit_manager'], tu.unit_id);
    await t.addUser('leader', ['leader'], null, [section.id]);
    const task = await t.deps.db.selectFrom('tasks').select('id').where('section_id', '=', section.id).orderBy('id').executeTakeFirstOrThrow();
    const c = await t.inject({ method: 'POST', url: `/api/rounds/${round.id}/circulars` });
    expect(c.statusCode).toBe(201);
    ids = { plan: planId, section: section.id, task: task.id, unit: tu.unit_id, dwTask: tu.task_id, circular: c.json().id };
  });
  afterAll(async () => t.close());

  const cases: { name: string; as: string | null; req: () => { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object }; field: string }[] =
    [
      {
        name: 'sign-in, anonymous',
        as: null,
        req: () => ({ method: 'POST', url: '/api/auth/login', payload: { username: '\u0000', password: 'xxx' } }),
        field: 'body.username',
      },
      {
        name: 'sign-in, NUL inside',
        as: null,
        req: () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'a\u0000b', password: 'x' } }),
        field: 'body.username',
      },
      { name: 'task search', as: 'dw', req: () => ({ method: 'GET', url: `/api/plans/${ids.plan}/tasks?q=%00` }), field: 'query.q' },
      { name: 'unit search', as: 'dw', req: () => ({ method: 'GET', url: '/api/units?q=%00' }), field: 'query.q' },
      { name: 'audit actor', as: 'auditor', req: () => ({ method: 'GET', url: '/api/audit?actor=%00' }), field: 'query.actor' },
      { name: 'audit action', as: 'auditor', req: () => ({ method: 'GET', url: '/api/audit?action=%00' }), field: 'query.action' },
      { name: 'audit entityType', as: 'auditor', req: () => ({ method: 'GET', url: '/api/audit?entityType=%00' }), field: 'query.entityType' },
      { name: 'audit export actor', as: 'auditor', req: () => ({ method: 'GET', url: '/api/audit.xlsx?actor=%00' }), field: 'query.actor' },
      { name: 'audit export action', as: 'auditor', req: () => ({ method: 'GET', url: '/api/audit.xlsx?action=a%00' }), field: 'query.action' },
      { name: 'audit export entityType', as: 'auditor', req: () => ({ method: 'GET', url: '/api/audit.xlsx?entityType=%00' }), field: 'query.entityType' },
      { name: 'user search', as: 'admin', req: () => ({ method: 'GET', url: '/api/users?q=%00' }), field: 'query.q' },
      {
        name: 'section indicator',
        as: 'coordinator',
        req: () => ({ method: 'PATCH', url: `/api/sections/${ids.section}`, payload: { indicatorCode: '\u0000' } }),
        field: 'body.indicatorCode',
      },
      {
        name: 'contact name',
        as: 'dw',
        req: () => ({
          method: 'PATCH',
          url: `/api/tasks/${ids.dwTask}/units/${ids.unit}`,
          payload: { contactName: '\u0000', contactPhone: '123', note: 'xxx' },
        }),
        field: 'body.contactName',
      },
      {
        name: 'contact note',
        as: 'dw',
        req: () => ({
          method: 'PATCH',
          url: `/api/tasks/${ids.dwTask}/units/${ids.unit}`,
          payload: { contactName: '张三', contactPhone: '123', note: '\u0000' },
        }),
        field: 'body.note',
      },
      { name: 'alias path param', as: 'coordinator', req: () => ({ method: 'DELETE', url: `/api/units/${ids.unit}/aliases/%00` }), field: 'params.alias' },
      { name: 'alias path param, 1%00', as: 'admin', req: () => ({ method: 'DELETE', url: `/api/units/${ids.unit}/aliases/1%00` }), field: 'params.alias' },
      {
        name: 'round title',
        as: 'coordinator',
        req: () => ({ method: 'POST', url: '/api/rounds', payload: { title: '\u0000', dueDate: '2030-01-31', planIds: [ids.plan] } }),
        field: 'body.title',
      },
      {
        name: 'round note',
        as: 'coordinator',
        req: () => ({ method: 'POST', url: '/api/rounds', payload: { title: '第2期', note: '\u0000', dueDate: '2030-01-31', planIds: [ids.plan] } }),
        field: 'body.note',
      },
      {
        name: 'circular title',
        as: 'coordinator',
        req: () => ({ method: 'PATCH', url: `/api/circulars/${ids.circular}`, payload: { title: '\u0000' } }),
        field: 'body.title',
      },
      {
        name: 'circular number',
        as: 'coordinator',
        req: () => ({ method: 'PATCH', url: `/api/circulars/${ids.circular}`, payload: { docNumber: '\u0000' } }),
        field: 'body.docNumber',
      },
      {
        name: 'circular issuer',
        as: 'coordinator',
        req: () => ({ method: 'PATCH', url: `/api/circulars/${ids.circular}`, payload: { issuer: '\u0000' } }),
        field: 'body.issuer',
      },
      {
        name: 'instruction',
        as: 'leader',
        req: () => ({ method: 'POST', url: `/api/tasks/${ids.task}/instructions`, payload: { text: '\u0000' } }),
        field: 'body.text',
      },
      {
        name: 'lone surrogate in a round title',
        as: 'coordinator',
        req: () => ({ method: 'POST', url: '/api/rounds', payload: { title: '第\uD800期', dueDate: '2030-01-31', planIds: [ids.plan] } }),
        field: 'body.title',
      },
    ];

  it.each(cases)('$name → 400 naming $field, nothing written', async ({ as, req, field }) => {
    const maxAudit = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('audit_events')
            .select((e) => e.fn.max('id').as('m'))
            .executeTakeFirstOrThrow()
        ).m,
      );
    if (as) await t.sessionOf(as); // signing in is audited; only the refused request is measured
    const before = await maxAudit();
    const res = await t.inject(req(), as);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('INVALID_INPUT');
    expect(res.json().error.message).toContain(field);
    expect(res.json().error.details[0].field).toBe(field);
    expect(await maxAudit()).toBe(before);
  });

  it('still checks the session first: anonymous search with %00 → 401', async () => {
    expect((await t.inject({ method: 'GET', url: `/api/plans/${ids.plan}/tasks?q=%00` }, null)).statusCode).toBe(401);
  });

  it('leaves ordinary text alone', async () => {
    const ok = await t.inject({ method: 'GET', url: `/api/plans/${ids.plan}/tasks?q=${encodeURIComponent('营业执照')}` }, 'dw');
    expect(ok.statusCode).toBe(200);
  });
});
