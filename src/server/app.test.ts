import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

it('answers health', async () => {
  const res = await t.inject({ method: 'GET', url: '/api/health' });
  expect(res.json()).toEqual({ status: 'ok' });
});

it('serves an OpenAPI document that lists every API route', async () => {
  const doc = (await t.inject({ method: 'GET', url: '/api/docs/json' })).json();
  expect(doc.openapi).toMatch(/^3\./);
  for (const p of ['/api/plans', '/api/plans/{id}/tasks', '/api/tasks/{id}', '/api/imports', '/api/units/{id}/merge']) expect(Object.keys(doc.paths)).toContain(p);
});

it('answers unknown API paths with a JSON 404 and sends security headers', async () => {
  const res = await t.inject({ method: 'GET', url: '/api/nope' });
  expect(res.statusCode).toBe(404);
  expect(res.json().error.code).toBe('NOT_FOUND');
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
});

it('rejects malformed JSON with 400 and no stack trace', async () => {
  const res = await t.inject({ method: 'PATCH', url: '/api/plans/1', headers: { 'content-type': 'application/json' }, payload: '{"title":' });
  expect(res.statusCode).toBe(400);
  expect(res.body).not.toMatch(/at .*\.ts|stack/i);
});
