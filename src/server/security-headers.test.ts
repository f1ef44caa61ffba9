import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { createTestApp, importSeed, multipart, type TestApp } from './test/helpers.ts';
import { firstLeadTask } from './test/finders.ts';

/**
 * Issue 9 (等保2.0: security headers): every answer — the web page, the API, a download — carries the
 * CSP (self only, no framing, no plugins), X-Frame-Options DENY, nosniff and a referrer policy; evidence
 * and other files download as attachments.
 */
let t: TestApp;
let web: FastifyInstance;
let evidenceId: number;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('header test evidence')]);

beforeAll(async () => {
  t = await createTestApp();
  const plan = await importSeed(t);
  const lead = await firstLeadTask(t, plan);
  await t.addUser('dw', ['unit_manager'], lead.unit_id);
  const report = await t.inject(
    { method: 'POST', url: `/api/tasks/${lead.task_id}/reports`, payload: { unitId: lead.unit_id, kind: 'part', stage: 'in_progress', narrative: '进展' } },
    'dw',
  );
  expect(report.statusCode, report.body).toBe(201);
  expect((await t.inject({ method: 'POST', url: `/api/reports/${report.json().id}/attachments`, ...multipart('现场照片.png', PNG) }, 'dw')).statusCode).toBe(
    201,
  );
  evidenceId = (await t.deps.db.selectFrom('attachments').select('id').where('report_id', '=', report.json().id).executeTakeFirstOrThrow()).id;
  // The same app serving a (stand-in) built web app, as `tuijin serve` does.
  const webDir = mkdtempSync(join(tmpdir(), 'tuijin-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><html><head><title>推进</title></head><body><div id="root"></div></body></html>');
  web = await buildApp({ deps: t.deps, webDir });
  await web.ready();
});
afterAll(async () => {
  await web.close();
  await t.close();
});

/** The policy, directive by directive. */
function csp(header: string | string[] | number | undefined): Map<string, string> {
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]),
  );
}

function expectSecurityHeaders(headers: Record<string, string | string[] | number | undefined>, what: string) {
  const policy = csp(headers['content-security-policy']);
  expect(policy.get('default-src'), what).toBe("'self'");
  expect(policy.get('script-src'), what).toBe("'self'");
  expect(policy.get('frame-ancestors'), what).toBe("'none'");
  expect(policy.get('object-src'), what).toBe("'none'");
  expect(policy.get('base-uri'), what).toBe("'self'");
  // antd's CSS-in-JS needs inline styles; scripts stay 'self' only.
  expect(policy.get('style-src'), what).toBe("'self' 'unsafe-inline'");
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['x-powered-by'], what).toBeUndefined();
  // Kept from helmet's defaults when the plugin was replaced by a fixed header set.
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(headers['cross-origin-resource-policy'], what).toBe('same-origin');
  expect(headers['strict-transport-security'], what).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  expect(headers['x-xss-protection'], what).toBe('0');
}

describe('security headers', () => {
  it('on the web page, also on a client-side route', async () => {
    for (const url of ['/', '/plans/1/tasks']) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expectSecurityHeaders(res.headers, url);
    }
  });

  it('on API answers, errors included', async () => {
    const ok = await t.inject({ method: 'GET', url: '/api/plans' });
    expect(ok.statusCode).toBe(200);
    expectSecurityHeaders(ok.headers, 'GET /api/plans');
    // Not kept by the browser or a proxy after sign-out.
    expect(ok.headers['cache-control']).toBe('no-store');
    const refused = await t.inject({ method: 'GET', url: '/api/plans' }, null);
    expect(refused.statusCode).toBe(401);
    expectSecurityHeaders(refused.headers, '401');
    expect((await t.inject({ method: 'GET', url: '/api/nowhere' })).headers['cache-control']).toBe('no-store');
  });

  it('on evidence downloads: an attachment with its checked type, never rendered in the page', async () => {
    const res = await t.inject({ method: 'GET', url: `/api/attachments/${evidenceId}` }, 'dw');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`);
    expectSecurityHeaders(res.headers, 'evidence download');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.equals(PNG)).toBe(true);
  });

  it('on the other downloads (.xlsx exports and templates)', async () => {
    for (const [url, as] of [
      ['/api/users/template.xlsx', 'admin'],
      ['/api/audit.xlsx', 'auditor'],
    ] as const) {
      const res = await t.inject({ method: 'GET', url }, as);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-disposition'], url).toMatch(/^attachment; /);
      expectSecurityHeaders(res.headers, url);
    }
  });
});
