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
  // Every registered API route, downloads included, with its method (the document itself aside).
  const documented = new Set(Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
  const routes = t.app.routeRegistry.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/docs/json' && r.method !== 'HEAD');
  expect(routes.length).toBeGreaterThan(100);
  for (const r of routes) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
});

it('documents file downloads with their media types and a binary body', async () => {
  const doc = (await t.inject({ method: 'GET', url: '/api/docs/json' })).json();
  const ok = (path: string) => doc.paths[path].get.responses['200'].content as Record<string, { schema: { type: string; format: string } }>;
  expect(Object.keys(ok('/api/circulars/{id}.pdf'))).toEqual(['application/pdf']);
  expect(Object.keys(ok('/api/plans/{id}/ledger.xlsx'))).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  expect(ok('/api/tasks/{id}/supervision-notice.docx')['application/vnd.openxmlformats-officedocument.wordprocessingml.document']!.schema).toMatchObject({ type: 'string', format: 'binary' });
  // The errors of a download are JSON like every other answer.
  expect(doc.paths['/api/attachments/{id}'].get.responses['404'].content['application/json']).toBeDefined();
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
