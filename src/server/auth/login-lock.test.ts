import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test/helpers.ts';

/**
 * RELIABILITY.md §3: 200 wrong passwords in 4 parallel waves of 50 never locked the account (a lost
 * update on failed_logins), and the right password among 50 parallel guesses signed in. Each guess
 * comes from its own address, as in the probe, so the per-address limit plays no part.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

let address = 0;
const login = (username: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: `10.9.${Math.floor(++address / 250)}.${address % 250}`,
  });

describe('the account lock under concurrent guesses', () => {
  it('200 wrong passwords in 4 parallel waves of 50 lock the account, and the right password is refused afterwards', async () => {
    await t.addUser('dw09', ['inspector']);
    const statuses: number[] = [];
    for (let wave = 0; wave < 4; wave++) {
      const res = await Promise.all(Array.from({ length: 50 }, (_, i) => login('dw09', `wrong-${wave}-${i}`)));
      statuses.push(...res.map((r) => r.statusCode));
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const row = await t.deps.db.selectFrom('users').select(['locked_until', 'failed_logins']).where('username', '=', 'dw09').executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    expect(Date.parse(row.locked_until!)).toBeGreaterThan(Date.now());
    expect((await login('dw09', TEST_PASSWORD)).statusCode).toBe(401);
    // The lock was audited.
    const locks = await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'auth.lock').where('actor_name', '=', 'dw09').execute();
    expect(locks.length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('counts every one of parallel guesses: 9 at once leave the count at 9, unlocked; the 10th locks', async () => {
    await t.addUser('dw10', ['inspector']);
    const nine = await Promise.all(Array.from({ length: 9 }, (_, i) => login('dw10', `wrong-${i}`)));
    expect(nine.every((r) => r.statusCode === 401)).toBe(true);
    const row = () => t.deps.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('username', '=', 'dw10').executeTakeFirstOrThrow();
    expect(await row()).toEqual({ failed_logins: 9, locked_until: null });
    await login('dw10', 'wrong-10');
    const locked = await row();
    expect(locked.failed_logins).toBe(0);
    expect(Date.parse(locked.locked_until!)).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect((await login('dw10', TEST_PASSWORD)).statusCode).toBe(401);
  }, 60_000);

  it("locks at the office's configured count: 5 parallel guesses lock when the setting says 5", async () => {
    const settings = (await t.inject({ method: 'GET', url: '/api/settings/security' }, 'security')).json();
    expect(
      (await t.inject({ method: 'PUT', url: '/api/settings/security', payload: { ...settings, lockAfterFailures: 5, lockMinutes: 60 } }, 'security'))
        .statusCode,
    ).toBe(200);
    await t.addUser('dw12', ['inspector']);
    const row = () => t.deps.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('username', '=', 'dw12').executeTakeFirstOrThrow();
    await Promise.all(Array.from({ length: 4 }, (_, i) => login('dw12', `wrong-${i}`)));
    expect(await row()).toEqual({ failed_logins: 4, locked_until: null });
    const fifth = await login('dw12', 'wrong-5');
    expect(fifth.json().error.message).toMatch(/连续输错 5 次.*锁定 60 分钟/);
    expect(Date.parse((await row()).locked_until!)).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect((await t.inject({ method: 'PUT', url: '/api/settings/security', payload: settings }, 'security')).statusCode).toBe(200);
  }, 60_000);

  it('a right password fired among 50 parallel wrong ones does not sign in once they have locked the account', async () => {
    await t.addUser('dw11', ['inspector']);
    const wrong = await Promise.all(Array.from({ length: 49 }, (_, i) => login('dw11', `wrong-${i}`)));
    expect(wrong.every((r) => r.statusCode === 401)).toBe(true);
    const again = await Promise.all([
      ...Array.from({ length: 25 }, (_, i) => login('dw11', `again-${i}`)),
      login('dw11', TEST_PASSWORD),
      ...Array.from({ length: 24 }, (_, i) => login('dw11', `more-${i}`)),
    ]);
    expect(again.map((r) => r.statusCode).filter((s) => s === 200)).toEqual([]);
  }, 60_000);
});

describe('no username enumeration', () => {
  it('answers an unknown user, a wrong password and a locked account with the same status and body, in about the same time', async () => {
    await t.addUser('real', ['inspector']);
    await t.addUser('held', ['inspector']);
    await t.deps.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 3_600_000).toISOString() })
      .where('username', '=', 'held')
      .execute();
    const cases = { unknown: ['ghost-user', 'Wrong-pass-1'], wrong: ['real', 'Wrong-pass-1'], locked: ['held', TEST_PASSWORD] } as const;
    const times: Record<string, number[]> = { unknown: [], wrong: [], locked: [] };
    const bodies = new Set<string>();
    const statuses = new Set<number>();
    // Interleaved, so load on the machine affects all three alike. 8 rounds keep 'real' under the lock count.
    for (let round = 0; round < 8; round++) {
      for (const [name, [u, p]] of Object.entries(cases)) {
        const start = performance.now();
        const res = await login(u, p);
        times[name]!.push(performance.now() - start);
        bodies.add(res.body);
        statuses.add(res.statusCode);
      }
    }
    expect([...statuses]).toEqual([401]);
    expect(bodies.size).toBe(1);
    expect(res0Headers(await login('ghost-user', 'x'))).toEqual(res0Headers(await login('held', 'x')));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const m = Object.values(times).map(median);
    // Each answer hashes a password (a dummy one for an unknown user): medians within a factor of 2, not 0 ms vs 90 ms.
    expect(Math.max(...m) / Math.min(...m)).toBeLessThan(2);
  }, 60_000);
});

/** The headers that could tell the cases apart (content length and type; no cookie on a refusal). */
function res0Headers(r: { headers: Record<string, unknown> }) {
  return { length: r.headers['content-length'], type: r.headers['content-type'], cookie: r.headers['set-cookie'] };
}
