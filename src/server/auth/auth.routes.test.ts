import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, importSeed, TEST_PASSWORD, type TestApp } from '../test/helpers.ts';
import { DEFAULT_SECURITY_SETTINGS } from '#core/auth/session-policy.ts';

const LOCK_AFTER_FAILURES = DEFAULT_SECURITY_SETTINGS.lockAfterFailures;

let t: TestApp;
let planId: number;
beforeAll(async () => {
  t = await createTestApp();
  planId = await importSeed(t);
});
afterAll(async () => t.close());

const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const unitByName = async (name: string) => (await t.deps.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('sign-in and sessions', () => {
  it('signs in with an HttpOnly SameSite=Lax cookie and answers me; signs out', async () => {
    const res = await login('coordinator', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/);
    const headers = { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': res.json().csrfToken };
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).json()).toMatchObject({ username: 'coordinator', roles: ['coordinator'] });
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('marks the cookie Secure behind an HTTPS proxy it trusts, and ignores forwarded headers otherwise', async () => {
    const direct = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'coordinator', password: TEST_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(direct.headers['set-cookie']).not.toMatch(/Secure/);
    const proxied = await createTestApp({ TRUST_PROXY: '1' });
    const res = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'coordinator', password: TEST_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['set-cookie']).toMatch(/Secure/);
    await proxied.close();
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const a = await login('coordinator', 'wrong');
    const b = await login('nobody', 'wrong');
    expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    expect(a.json().error.message).toBe(b.json().error.message);
  });

  it('locks an account after ten wrong passwords; the right one fails until the lock ends, with the same answer; admins see the lock', async () => {
    await t.addUser('locky', ['unit_staff'], await unitByName('区税务局'));
    const wrong = await login('locky', 'wrong-0');
    for (let i = 1; i < LOCK_AFTER_FAILURES - 1; i++) expect((await login('locky', `wrong-${i}`)).statusCode).toBe(401);
    const locking = await login('locky', 'wrong-last');
    const right = await login('locky', TEST_PASSWORD);
    // Locking and locked answer exactly as a wrong password does: nothing tells the guesser the account is locked.
    for (const r of [locking, right]) {
      expect(r.statusCode).toBe(401);
      expect(r.body).toBe(wrong.body);
    }
    expect(wrong.json().error.message).toMatch(/用户名或密码错误.*锁定/);
    const users = (await t.inject({ method: 'GET', url: '/api/users?q=locky' }, 'admin')).json();
    expect(Date.parse(users.data[0].lockedUntil)).toBeGreaterThan(Date.now());
    // The lock ends: move it into the past, as time would.
    await t.deps.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000).toISOString() }).where('username', '=', 'locky').execute();
    expect((await login('locky', TEST_PASSWORD)).statusCode).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_events').select(['action', 'after']).where('actor_name', '=', 'locky').where('action', 'like', 'auth.%').orderBy('id').execute();
    expect(audit.filter((a) => a.action === 'auth.lock')).toHaveLength(1);
    expect(audit.map((a) => a.action).slice(-3)).toEqual(['auth.lock', 'auth.login', 'auth.login']);
    expect(JSON.parse(audit.at(-2)!.after!).reason).toBe('locked');
  });

  it('changes a password only with the current one and a strong new one, and signs out everywhere', async () => {
    await t.addUser('changer', ['inspector']);
    const s = await t.sessionOf('changer');
    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: s, payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/至少 10 位/);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: s, payload: { currentPassword: 'nope', newPassword: 'Another-strong-9' } });
    expect(wrong.json().error.message).toMatch(/当前密码不正确/);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: s, payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-strong-9' } });
    expect(ok.statusCode).toBe(204);
    expect((await login('changer', 'Another-strong-9')).statusCode).toBe(200);
    const all = await t.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: s });
    expect(all.json().sessions).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s })).statusCode).toBe(401);
  });
});

describe('a unit writes only its own tasks', () => {
  it("refuses a unit manager's crafted write to another unit's task and logs the refusal; its own task succeeds with before and after", async () => {
    const tax = await unitByName('区税务局');
    await t.addUser('tax', ['unit_manager'], tax);
    const tasks = await t.deps.db.selectFrom('task_units').select(['task_id', 'unit_id']).where('plan_id', '=', planId).execute();
    const own = tasks.find((x) => x.unit_id === tax)!;
    const taxTasks = new Set(tasks.filter((x) => x.unit_id === tax).map((x) => x.task_id));
    const other = tasks.find((x) => !taxTasks.has(x.task_id))!;
    const body = { contactName: '李四', contactPhone: '0632-1234567', note: '已建立台账' };

    const crafted = await t.inject({ method: 'PATCH', url: `/api/tasks/${other.task_id}/units/${other.unit_id}`, payload: body }, 'tax');
    expect(crafted.statusCode).toBe(403);
    expect(crafted.json().error.message).toMatch(/本单位/);
    const spoofed = await t.inject({ method: 'PATCH', url: `/api/tasks/${other.task_id}/units/${tax}`, payload: body }, 'tax');
    expect(spoofed.statusCode).toBe(403);
    const denied = await t.deps.db.selectFrom('audit_events').selectAll().where('outcome', '=', 'denied').where('action', '=', 'task.contact').execute();
    expect(denied.map((d) => d.entity_id)).toEqual([String(other.task_id), String(other.task_id)]);
    expect(denied[0]!.actor_name).toBe('tax');

    const mine = await t.inject({ method: 'PATCH', url: `/api/tasks/${own.task_id}/units/${tax}`, payload: body }, 'tax');
    expect(mine.statusCode).toBe(200);
    const ok = await t.deps.db.selectFrom('audit_events').selectAll().where('outcome', '=', 'ok').where('action', '=', 'task.contact').executeTakeFirstOrThrow();
    expect(JSON.parse(ok.before!)).toMatchObject({ unitId: tax, contact_name: null });
    expect(JSON.parse(ok.after!)).toMatchObject({ unitId: tax, contact_name: '李四', note: '已建立台账' });
    const audit = (await t.inject({ method: 'GET', url: '/api/audit?action=task.contact&outcome=ok' }, 'auditor')).json();
    expect(audit.total).toBe(1);
    expect(audit.data[0].after.contact_name).toBe('李四');

    const my = (await t.inject({ method: 'GET', url: '/api/me/tasks' }, 'tax')).json();
    expect(new Set(my.data.map((x: { id: number }) => x.id))).toEqual(taxTasks);
    expect(my.data.find((x: { id: number }) => x.id === own.task_id).contactName).toBe('李四');
  });

  it('lets a unit above write for the unit below it (unit hierarchy)', async () => {
    const tax = await unitByName('区税务局');
    const parent = await t.deps.db.insertInto('units').values({ name: '区财税工作组', is_collective: 0, parent_id: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    const set = await t.inject({ method: 'PATCH', url: `/api/units/${tax}`, payload: { parentId: parent.id } });
    expect(set.json().parentName).toBe('区财税工作组');
    const cycle = await t.inject({ method: 'PATCH', url: `/api/units/${parent.id}`, payload: { parentId: tax } });
    expect(cycle.statusCode).toBe(400);
    await t.addUser('group', ['unit_manager'], parent.id);
    const own = await t.deps.db.selectFrom('task_units').select('task_id').where('unit_id', '=', tax).executeTakeFirstOrThrow();
    const res = await t.inject({ method: 'PATCH', url: `/api/tasks/${own.task_id}/units/${tax}`, payload: { contactName: '王五', contactPhone: null, note: null } }, 'group');
    expect(res.statusCode).toBe(200);
  });

  it('lets a leader instruct on the sections they command only', async () => {
    const [s1, s2] = await t.deps.db.selectFrom('sections').select('id').where('plan_id', '=', planId).orderBy('ordinal').limit(2).execute();
    await t.addUser('boss', ['leader'], null, [s1!.id]);
    const inS1 = await t.deps.db.selectFrom('tasks').select('id').where('section_id', '=', s1!.id).executeTakeFirstOrThrow();
    const inS2 = await t.deps.db.selectFrom('tasks').select('id').where('section_id', '=', s2!.id).executeTakeFirstOrThrow();
    const ok = await t.inject({ method: 'POST', url: `/api/tasks/${inS1.id}/instructions`, payload: { text: '请加快推进，6月底前报送进展。' } }, 'boss');
    expect(ok.statusCode).toBe(201);
    const no = await t.inject({ method: 'POST', url: `/api/tasks/${inS2.id}/instructions`, payload: { text: '越权批示' } }, 'boss');
    expect(no.statusCode).toBe(403);
    const detail = (await t.inject({ method: 'GET', url: `/api/tasks/${inS1.id}` }, 'boss')).json();
    expect(detail.canInstruct).toBe(true);
    expect(detail.instructions.map((i: { text: string }) => i.text)).toEqual(['请加快推进，6月底前报送进展。']);
  });
});
