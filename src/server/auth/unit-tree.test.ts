import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../context.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test/helpers.ts';
import { watchStatements } from '../test/query-observers.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import { resolveSession } from './auth.service.ts';

/**
 * issue 9 §5: every request read the session, then every unit with a parent (the whole units table)
 * for the unit subtree. Now one statement reads session, user and the unit tree's version; the tree is
 * held per database and read again only when a write to units (on any node) moved the version.
 */
let t: TestApp;
/** Statements sent through `node`. */
const counter = { statements: 0 };
/** The app's database seen through a statement counter; another app node writes through `t.deps.db`. */
let node: Deps;
let token: string;
let top: number;
beforeAll(async () => {
  t = await createTestApp();
  node = {
    ...t.deps,
    db: t.deps.db.withPlugin(
      watchStatements(() => {
        counter.statements++;
      }),
    ),
  };
  const now = new Date().toISOString();
  const unit = (name: string, parent_id: number | null) =>
    t.deps.db.insertInto('units').values({ name, is_collective: 0, parent_id, created_at: now }).returning('id').executeTakeFirstOrThrow();
  top = (await unit('县发改局', null)).id;
  await unit('县发改局办公室', top);
  await t.addUser('staffer', ['unit_staff'], top);
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staffer', password: TEST_PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
});
afterAll(async () => t.close());

const scopeNames = async () => {
  const s = await resolveSession(node, token);
  const ids = [...s!.principal.unitScope];
  const names = await t.deps.db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
  return ids.map((id) => names.find((n) => n.id === id)!.name);
};
const idOf = async (name: string) => (await t.deps.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('session lookup with the unit subtree', () => {
  it('takes one statement per request once the unit tree is held', async () => {
    expect(await scopeNames()).toEqual(['县发改局', '县发改局办公室']);
    counter.statements = 0;
    const s = await resolveSession(node, token);
    expect(s!.principal.unitScope).toHaveLength(2);
    expect(counter.statements).toBe(1);
  });

  it('sees a unit another node adds below, moves away or deletes, on the very next request', async () => {
    const office = await idOf('县发改局办公室');
    // Plain statements on the database, not through this app's code: as another app node would write.
    await t.deps.db.insertInto('units').values({ name: '县发改局价格股', is_collective: 0, parent_id: office, created_at: new Date().toISOString() }).execute();
    expect(await scopeNames()).toEqual(['县发改局', '县发改局办公室', '县发改局价格股']);
    await t.deps.db.updateTable('units').set({ parent_id: null }).where('id', '=', office).execute();
    expect(await scopeNames()).toEqual(['县发改局']);
    await t.deps.db.updateTable('units').set({ parent_id: top }).where('id', '=', office).execute();
    expect(await scopeNames()).toEqual(['县发改局', '县发改局办公室', '县发改局价格股']);
    await t.deps.db.deleteFrom('units').where('name', '=', '县发改局价格股').execute();
    expect(await scopeNames()).toEqual(['县发改局', '县发改局办公室']);
  });

  it('sees a parent change and a merge made through the API', async () => {
    const other = (
      await t.deps.db
        .insertInto('units')
        .values({ name: '县统计局', is_collective: 0, parent_id: null, created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const patch = await t.inject({ method: 'PATCH', url: `/api/units/${other}`, payload: { parentId: top } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(await scopeNames()).toEqual(['县发改局', '县发改局办公室', '县统计局']);
    const under = (
      await t.deps.db
        .insertInto('units')
        .values({ name: '县统计局调查队', is_collective: 0, parent_id: null, created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect(await scopeNames()).toEqual(['县发改局', '县发改局办公室', '县统计局']);
    await t.deps.db
      .insertInto('units')
      .values({ name: '县统计局调查队一组', is_collective: 0, parent_id: under, created_at: new Date().toISOString() })
      .execute();
    const merge = await t.inject({ method: 'POST', url: `/api/units/${under}/merge`, payload: { intoUnitId: other } });
    expect(merge.statusCode, merge.body).toBe(200);
    expect(await scopeNames()).toEqual(['县发改局', '县发改局办公室', '县统计局', '县统计局调查队一组']);
  });

  it('does not read the tree again for a rename', async () => {
    await scopeNames();
    await t.deps.db.updateTable('units').set({ name: '县发展和改革局' }).where('id', '=', top).execute();
    counter.statements = 0;
    await resolveSession(node, token);
    expect(counter.statements).toBe(1);
  });
});
