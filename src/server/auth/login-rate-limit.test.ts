import { afterAll, beforeAll, expect, it } from 'vitest';
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
  const forged = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'coordinator', password: TEST_PASSWORD }, remoteAddress: '10.0.0.7', headers: { 'x-forwarded-for': '1.2.3.4' } });
  expect(forged.statusCode).toBe(429);
});
