import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '#core/auth/totp.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test/helpers.ts';

/** 等保2.0 level 3 asks administrators for two factors: the password and a TOTP code (RFC 6238). */
let t: TestApp;
let now = Date.parse('2026-12-07T02:00:10.000Z');
const KEY = 'a'.repeat(64);
beforeAll(async () => {
  t = await createTestApp({ TUIJIN_TOTP_KEY: KEY }, { clock: () => now });
});
afterAll(async () => t.close());

// Each request from its own address: the per-address sign-in limit is tested in login-rate-limit.test.ts.
let address = 0;
const remoteAddress = () => `10.7.${Math.floor(++address / 250)}.${address % 250}`;

async function signIn(username: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD }, remoteAddress: remoteAddress() });
  expect(res.statusCode, res.body).toBe(200);
  return { headers: { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': res.json().csrfToken as string }, me: res.json() };
}
const post = (url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method: 'POST', url, headers, remoteAddress: remoteAddress(), ...(payload ? { payload } : {}) });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const actions = async (username: string) =>
  (await t.deps.db.selectFrom('audit_events').select(['action', 'outcome']).where('actor_name', '=', username).where('action', 'like', 'auth.%').orderBy('id').execute()).map((a) => `${a.action}:${a.outcome}`);

let secret = '';
let recovery: string[] = [];

describe('enrolment', () => {
  it('gives an admin without a second factor a session that may only enrol it', async () => {
    await t.addUser('root2', ['admin']);
    const { headers, me } = await signIn('root2');
    expect(me.gate).toBe('enrol');
    for (const url of ['/api/users', '/api/plans', '/api/settings/security', '/api/audit']) {
      const res = await get(url, headers);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.message).toMatch(/双因素认证/);
    }
    expect((await post('/api/auth/password', headers, { currentPassword: TEST_PASSWORD, newPassword: 'Other-pass-2026' })).statusCode).toBe(403);

    const setup = await post('/api/auth/totp/setup', headers);
    expect(setup.statusCode, setup.body).toBe(200);
    secret = setup.json().secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.json().otpauthUri).toBe(`otpauth://totp/${encodeURIComponent('推进:root2')}?secret=${secret}&issuer=${encodeURIComponent('推进')}&algorithm=SHA1&digits=6&period=30`);
    expect(Buffer.from(setup.json().qrCode.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toMatch(/^<svg/);
    // Sealed at rest with TUIJIN_TOTP_KEY: the database never holds the secret as text.
    const row = await t.deps.db.selectFrom('users').select(['totp_pending_secret', 'totp_secret']).where('username', '=', 'root2').executeTakeFirstOrThrow();
    expect(row.totp_pending_secret).toMatch(/^gcm:/);
    expect(row.totp_pending_secret).not.toContain(secret);

    const wrong = await post('/api/auth/totp/confirm', headers, { code: totpCode(secret, now - 5 * 60_000) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/验证码不正确/);
    const ok = await post('/api/auth/totp/confirm', headers, { code: totpCode(secret, now) });
    expect(ok.statusCode, ok.body).toBe(200);
    recovery = ok.json().recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    // The session that enrolled may now work; the secret is never handed out again.
    expect((await get('/api/users', headers)).statusCode).toBe(200);
    expect((await get('/api/auth/me', headers)).json().gate).toBeNull();
    expect((await post('/api/auth/totp/setup', headers)).statusCode).toBe(409);
    const stored = await t.deps.db.selectFrom('recovery_codes').select('code_hash').execute();
    expect(stored).toHaveLength(10);
    for (const c of recovery) expect(stored.map((s) => s.code_hash)).not.toContain(c);
    expect(await actions('root2')).toEqual(['auth.login:ok', 'auth.totp_setup:ok', 'auth.totp_enrol:denied', 'auth.totp_enrol:ok']);
  });
});

describe('the code step at sign-in', () => {
  it('asks for the code after the password, accepts it once, and refuses its replay', async () => {
    now += 60_000;
    const a = await signIn('root2');
    expect(a.me.gate).toBe('code');
    const gated = await get('/api/users', a.headers);
    expect(gated.statusCode).toBe(403);
    expect(gated.json().error.message).toMatch(/动态验证码/);
    expect((await post('/api/auth/login/code', a.headers, { code: '000000' === totpCode(secret, now) ? '111111' : '000000' })).statusCode).toBe(400);
    const code = totpCode(secret, now);
    const ok = await post('/api/auth/login/code', a.headers, { code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().gate).toBeNull();
    expect((await get('/api/users', a.headers)).statusCode).toBe(200);

    // The same code again, on another sign-in within its 30 s: refused.
    const b = await signIn('root2');
    const replay = await post('/api/auth/login/code', b.headers, { code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.message).toMatch(/已使用/);
    // One step later the next code works (±1 step is accepted for clock drift, the previous one is not).
    expect((await post('/api/auth/login/code', b.headers, { code: totpCode(secret, now - 30_000) })).statusCode).toBe(400);
    now += 30_000;
    expect((await post('/api/auth/login/code', b.headers, { code: totpCode(secret, now) })).statusCode).toBe(200);
    // A session that passed needs no code.
    expect((await post('/api/auth/login/code', b.headers, { code: totpCode(secret, now + 30_000) })).statusCode).toBe(409);
  });

  it('takes a recovery code once instead of the code', async () => {
    const a = await signIn('root2');
    const first = recovery[0]!;
    const ok = await post('/api/auth/login/code', a.headers, { recoveryCode: first.toLowerCase() });
    expect(ok.statusCode, ok.body).toBe(200);
    const b = await signIn('root2');
    expect((await post('/api/auth/login/code', b.headers, { recoveryCode: first })).statusCode).toBe(400);
    const left = await t.deps.db.selectFrom('recovery_codes').select('used_at').where('used_at', 'is not', null).execute();
    expect(left).toHaveLength(1);
  });

  it('counts wrong codes against the account: the guess that locks it ends the session', async () => {
    await t.addUser('root3', ['admin']);
    const first = await signIn('root3');
    const setup = await post('/api/auth/totp/setup', first.headers);
    expect((await post('/api/auth/totp/confirm', first.headers, { code: totpCode(setup.json().secret, now) })).statusCode).toBe(200);
    const { headers } = await signIn('root3');
    const right = totpCode(setup.json().secret, now + 30_000);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const guess = String(100000 + i * 7919).padStart(6, '0');
      statuses.push((await post('/api/auth/login/code', headers, { code: guess === right ? '999999' : guess })).statusCode);
    }
    expect(statuses.slice(0, 9).every((s) => s === 400)).toBe(true);
    expect(statuses[9]).toBe(401);
    expect((await get('/api/auth/me', headers)).statusCode).toBe(401);
    const log = await actions('root3');
    expect(log.filter((a) => a === 'auth.totp:denied').length).toBeGreaterThanOrEqual(9);
    expect(log).toContain('auth.lock:denied');
    await t.deps.db.updateTable('users').set({ locked_until: null }).where('username', '=', 'root3').execute();
  });
});

describe('roles, reset and the settings', () => {
  it('asks the roles the setting lists for a second factor as well', async () => {
    const settings = (await t.inject({ method: 'GET', url: '/api/settings/security' }, 'security')).json();
    await t.addUser('coord2', ['coordinator']);
    expect((await signIn('coord2')).me.gate).toBeNull();
    expect((await t.inject({ method: 'PUT', url: '/api/settings/security', payload: { ...settings, totpRoles: ['coordinator'] } }, 'security')).statusCode).toBe(200);
    expect((await signIn('coord2')).me.gate).toBe('enrol');
    t.forgetSessions();
    await t.inject({ method: 'PUT', url: '/api/settings/security', payload: settings }, 'security');
  });

  it("lets the security administrator reset a user's second factor (lost phone): the user's sessions end and the next sign-in enrols again", async () => {
    const id = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'root2').executeTakeFirstOrThrow()).id;
    now += 60_000;
    const a = await signIn('root2');
    expect((await t.inject({ method: 'DELETE', url: `/api/users/${id}/totp` }, 'security')).statusCode).toBe(204);
    expect((await get('/api/auth/me', a.headers)).statusCode).toBe(401);
    expect((await signIn('root2')).me.gate).toBe('enrol');
    expect(await t.deps.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', id).execute()).toEqual([]);
    const reset = await t.deps.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'auth.totp_reset').executeTakeFirstOrThrow();
    expect(reset.entity_id).toBe(String(id));
  });
});

describe('secrets at rest', () => {
  it('seals with AES-256-GCM under the key, opens only with it, and keeps working without a key', async () => {
    const { openSecret, sealSecret } = await import('./second-factor.ts');
    const key = Buffer.alloc(32, 7);
    const sealed = sealSecret('GEZDGNBVGY3TQOJQ', key);
    expect(sealed).toMatch(/^gcm:/);
    expect(sealed).not.toContain('GEZDGNBV');
    expect(sealSecret('GEZDGNBVGY3TQOJQ', key)).not.toBe(sealed); // a fresh IV each time
    expect(openSecret(sealed, key)).toBe('GEZDGNBVGY3TQOJQ');
    expect(() => openSecret(sealed, Buffer.alloc(32, 8))).toThrow();
    expect(() => openSecret(sealed, undefined)).toThrow(/TUIJIN_TOTP_KEY/);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => openSecret(tampered, key)).toThrow();
    expect(openSecret(sealSecret('GEZDGNBV', undefined), undefined)).toBe('GEZDGNBV');
  });

  it('removes expired sessions of a user at the next sign-in', async () => {
    await t.addUser('sweeper', ['inspector']);
    await signIn('sweeper');
    now += 13 * 3_600_000;
    await signIn('sweeper');
    const rows = await t.deps.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('sessions.id').where('username', '=', 'sweeper').execute();
    expect(rows).toHaveLength(1);
  });
});
