import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ACTION_ROLES, ROLES } from '#core/auth/policy.ts';
import { num } from '../db/util.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { AUDIT_THROTTLE } from './audit-context.ts';
import { AUDIT_PAYLOAD_MAX_BYTES, AUDIT_QUERY_MAX_CHARS, recordAudit } from './audit.repo.ts';

/** Finding 3 (RELIABILITY.md §7): one signed-in user grew the audit table by 45 MB with 3,000 refused writes. */
let t: TestApp;
// Someone the policy keeps out of round.manage, whatever roles it lists.
const outsider = ROLES.find((r) => !ACTION_ROLES['round.manage']!.includes(r))!;
beforeAll(async () => {
  t = await createTestApp();
  await t.addUser('flooder', [outsider]);
});
afterAll(async () => {
  vi.useRealTimers();
  await t.close();
});

const stats = async (actor: string) => {
  const r = await t.deps.db
    .selectFrom('audit_events')
    .select((e) => [e.fn.countAll().as('rows'), e.fn.sum(e.fn('length', ['after'])).as('chars')])
    .where('actor_name', '=', actor)
    .where('outcome', '=', 'denied')
    .executeTakeFirstOrThrow();
  return { rows: num(r.rows), chars: num(r.chars) };
};

it('keeps 3,000 refused writes with 15 KB query strings to a few short rows and one summary with the count', async () => {
  const pad = 'x'.repeat(15_000);
  for (let i = 0; i < 3_000; i++) {
    const res = await t.inject({ method: 'POST', url: `/api/rounds?pad=${pad}`, payload: {} }, 'flooder');
    expect(res.statusCode).toBe(403);
  }
  const during = await stats('flooder');
  expect(during.rows).toBe(AUDIT_THROTTLE.burst);
  // Each row holds the path and at most AUDIT_QUERY_MAX_CHARS of the query: 10 rows, not 45 MB.
  expect(during.chars).toBeLessThan(AUDIT_THROTTLE.burst * (AUDIT_QUERY_MAX_CHARS + 200));
  const first = await t.deps.db.selectFrom('audit_events').select(['after', 'entity_id']).where('actor_name', '=', 'flooder').where('outcome', '=', 'denied').orderBy('id').executeTakeFirstOrThrow();
  expect(JSON.parse(first.after!)).toEqual({ url: '/api/rounds', query: `pad=${pad.slice(0, AUDIT_QUERY_MAX_CHARS - 4)}`, truncated: true, reason: 'forbidden' });
  expect(first.entity_id).toBe('POST /api/rounds');

  // The next refusal after the minute writes the summary of the 2,990 left out, then itself.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + AUDIT_THROTTLE.windowMs + 1_000);
  expect((await t.inject({ method: 'POST', url: '/api/rounds', payload: {} }, 'flooder')).statusCode).toBe(403);
  vi.useRealTimers();
  const after = await stats('flooder');
  expect(after.rows).toBe(AUDIT_THROTTLE.burst + 2);
  expect(after.chars).toBeLessThan(8_000);
  const rows = await t.deps.db.selectFrom('audit_events').select(['after', 'action']).where('actor_name', '=', 'flooder').orderBy('id', 'desc').limit(2).execute();
  expect(JSON.parse(rows[1]!.after!)).toMatchObject({ repeated: 3_000 - AUDIT_THROTTLE.burst });
  expect(rows[1]!.action).toBe('round.manage');
  expect(JSON.parse(rows[0]!.after!)).toEqual({ url: '/api/rounds', reason: 'forbidden' });
}, 120_000);

it('caps any before/after payload at the documented size', async () => {
  await recordAudit(t.deps.db, { action: 'test.big', entityType: 'test', before: { text: '长'.repeat(100_000) }, after: { ok: true } });
  const row = await t.deps.db.selectFrom('audit_events').select(['before', 'after']).where('action', '=', 'test.big').executeTakeFirstOrThrow();
  expect(Buffer.byteLength(row.before!)).toBeLessThan(AUDIT_PAYLOAD_MAX_BYTES);
  expect(JSON.parse(row.before!)).toMatchObject({ truncated: true, bytes: 300_011 });
  expect(JSON.parse(row.before!).head).toMatch(/^\{"text":"长长/);
  expect(row.after).toBe('{"ok":true}');
});
