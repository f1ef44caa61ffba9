import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

it('limits sign-in attempts per client address before any password is checked, across accounts', async () => {
  const login = (username: string, password: string, remoteAddress = '10.0.0.7') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  for (let i = 0; i < 30; i++) expect((await login(`spray${i}`, 'guess')).statusCode).toBe(401);
  const limited = await login('coordinator', TEST_PASSWORD);
  expect(limited.statusCode).toBe(429);
  expect(limited.json().error.message).toMatch(/过于频繁/);
  // Another address is not affected, and a forged X-Forwarded-For does not move the limit without TRUST_PROXY.
  expect((await login('coordinator', TEST_PASSWORD, '10.0.0.8')).statusCode).toBe(200);
  const forged = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'coordinator', password: TEST_PASSWORD },
    remoteAddress: '10.0.0.7',
    headers: { 'x-forwarded-for': '1.2.3.4' },
  });
  expect(forged.statusCode).toBe(429);
});

describe('X-Forwarded-For cannot sidestep the address limit (RELIABILITY.md §3)', () => {
  const spoofed = (app: TestApp['app'], i: number, xff: (i: number) => string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `xff${i}`, password: 'guess' },
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': xff(i) },
    });

  it('without a trusted proxy, a new X-Forwarded-For on every attempt still hits the limit of the socket address', async () => {
    const res = [];
    for (let i = 0; i < 31; i++) res.push((await spoofed(t.app, i, (n) => `198.51.100.${n}`)).statusCode);
    expect(res.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(res[30]).toBe(429);
  });

  const envs: Record<string, string>[] = [{ TRUST_PROXY: '1' }, { TUIJIN_TRUST_PROXY: '1' }, { TUIJIN_TRUST_PROXY: '127.0.0.0/8, 10.20.0.0/16' }];
  for (const env of envs) {
    it(`behind a proxy that appends to the header (${JSON.stringify(env)}), the client's own first entries are ignored`, async () => {
      const proxied = await createTestApp(env);
      try {
        // The client forges a new leftmost entry each time; the proxy appends the address it saw, 203.0.113.7.
        const res = [];
        for (let i = 0; i < 31; i++) res.push((await spoofed(proxied.app, i, (n) => `198.51.100.${n}, 203.0.113.7`)).statusCode);
        expect(res.slice(0, 30).every((s) => s === 401)).toBe(true);
        expect(res[30]).toBe(429);
        const ips = await proxied.deps.db.selectFrom('audit_events').select('client_ip').distinct().where('action', '=', 'auth.login').execute();
        expect(ips.map((r) => r.client_ip)).toEqual(['203.0.113.7']);
        // Another real client behind the same proxy is not limited.
        expect((await spoofed(proxied.app, 99, () => '203.0.113.8')).statusCode).toBe(401);
      } finally {
        await proxied.close();
      }
    });
  }
});
