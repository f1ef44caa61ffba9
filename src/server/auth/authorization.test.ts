import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ROLES, ROLES, type Role } from '#core/auth/policy.ts';
import { createTestApp, importSeed, multipart, type TestApp } from '../test/helpers.ts';
import { pickTask } from '../test/finders.ts';
import { insertSampleRound } from '../test/factories.ts';

/**
 * Generated from the route registry: every API route × every role (and no session) must answer as
 * the policy table says. A route added without a policy action stops the app from starting, and a
 * route whose guard disagrees with the table fails here.
 */
let t: TestApp;
let ids: {
  plan: number;
  task: number;
  unit: number;
  victim: number;
  section: number;
  round: number;
  circular: number;
  inspection: number;
  finding: number;
  evidence: number;
};
beforeAll(async () => {
  t = await createTestApp();
  const plan = await importSeed(t);
  const picked = await pickTask(t, plan);
  const task = { id: picked.taskId, section_id: picked.sectionId };
  const lead = { unit_id: picked.leadUnitId };
  ids = {
    plan,
    task: task.id,
    unit: lead.unit_id,
    section: task.section_id!,
    victim: await t.addUser('victim', ['unit_staff'], lead.unit_id),
    round: 0,
    circular: 0,
    inspection: 0,
    finding: 0,
    evidence: 0,
  };
  // One account per role; unit roles belong to a unit named on the task, the leader commands its section.
  for (const role of ROLES)
    if (role !== 'admin' && role !== 'coordinator')
      await t.addUser(role, [role], role.startsWith('unit_') ? lead.unit_id : null, role === 'leader' ? [ids.section] : []);
  ids.round = (await t.inject({ method: 'POST', url: '/api/rounds', payload: { title: '第1期调度', dueDate: '2021-06-30', planIds: [plan] } })).json().id;
  // A draft circular of a closed round (a hand-built snapshot): its routes then act on a real circular.
  ids.circular = (await t.inject({ method: 'POST', url: `/api/rounds/${await insertSampleRound(t.deps.db)}/circulars` })).json().id;
  // An open inspection of the lead unit with the inspector on it, a visit, a finding and a photo: every role reaches its service.
  const inspector = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'inspector').executeTakeFirstOrThrow();
  const scope = { unitIds: [lead.unit_id] };
  ids.inspection = (
    await t.inject({
      method: 'POST',
      url: '/api/inspections',
      payload: {
        title: '明察',
        kind: 'open',
        basis: '决定',
        periodStart: '2026-12-01',
        periodEnd: '2026-12-31',
        scope,
        targetUnitIds: [lead.unit_id],
        inspectorIds: [inspector.id],
      },
    })
  ).json().id;
  const visit = await t.inject(
    {
      method: 'POST',
      url: `/api/inspections/${ids.inspection}/visits`,
      payload: { unitId: lead.unit_id, visitedAt: '2026-12-03T09:00:00+08:00', place: '窗口' },
    },
    'inspector',
  );
  const finding = await t.inject(
    {
      method: 'POST',
      url: `/api/inspections/${ids.inspection}/findings`,
      payload: { visitId: visit.json().id, description: '问题', category: 'service', severity: 'minor', foundAt: '2026-12-03T09:10:00+08:00' },
    },
    'inspector',
  );
  ids.finding = finding.json().id;
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  ids.evidence = (await t.inject({ method: 'POST', url: `/api/findings/${ids.finding}/evidence`, ...multipart('p.png', png) }, 'inspector')).json().id;
  if (!ids.inspection || !ids.finding || !ids.evidence) throw new Error('the inspection fixtures were not made');
});
afterAll(async () => t.close());

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Routes that end the caller's own session are given a fresh one, so the cached sessions survive.
const endsSession = (url: string) => url.startsWith('/api/auth/logout');

function concrete(url: string): string {
  return url
    .replace(/^\/api\/users\/:id/, `/api/users/${ids.victim}`)
    .replace(/^\/api\/tasks\/:id\/units\/:unitId/, `/api/tasks/${ids.task}/units/${ids.unit}`)
    .replace(/^\/api\/tasks\/:id/, `/api/tasks/${ids.task}`)
    .replace(/^\/api\/sections\/:id/, `/api/sections/${ids.section}`)
    .replace(/^\/api\/units\/:id\/aliases\/:alias/, `/api/units/${ids.unit}/aliases/none`)
    .replace(/^\/api\/units\/:id/, `/api/units/${ids.unit}`)
    .replace(/^\/api\/rounds\/:id/, `/api/rounds/${ids.round}`)
    .replace(/^\/api\/circulars\/:id/, `/api/circulars/${ids.circular}`)
    .replace(/^\/api\/inspections\/:id/, `/api/inspections/${ids.inspection}`)
    .replace(/^\/api\/findings\/:id/, `/api/findings/${ids.finding}`)
    .replace(/^\/api\/inspection-evidence\/:id/, `/api/inspection-evidence/${ids.evidence}`)
    .replace(/:id/g, String(ids.plan));
}

// Each sign-in comes from an address of its own: eight roles signing in again and again would trip the per-address sign-in limit.
let logins = 0;
async function signIn(username: string): Promise<Record<string, string>> {
  logins += 1;
  return t.signIn(username, `10.9.${logins >> 8}.${logins & 255}`);
}
const sessions = new Map<string, Record<string, string>>();
const forgetSessions = () => sessions.clear();
async function sessionOf(username: string) {
  const cached = sessions.get(username);
  if (cached) return cached;
  const headers = await signIn(username);
  sessions.set(username, headers);
  return headers;
}

async function call(method: string, url: string, as: string | null, withCsrf = true) {
  let headers: Record<string, string> = {};
  if (as) {
    if (endsSession(url)) headers = await signIn(as);
    else headers = { ...(await sessionOf(as)) };
    if (!withCsrf) delete headers['x-csrf-token'];
  }
  const payload = UNSAFE.has(method) ? {} : undefined;
  return t.app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });
}

describe('every route × every role', () => {
  it('has routes and names a known action for each', () => {
    expect(t.app.routeRegistry.length).toBeGreaterThan(25);
    for (const r of t.app.routeRegistry) expect(Object.keys(ACTION_ROLES)).toContain(r.action);
  });

  it('allows exactly the roles of the policy table, and the public only public routes', async () => {
    const mismatches: string[] = [];
    // Routes that sign out run last: logout-all ends every session of the user.
    const routes = [...t.app.routeRegistry].sort((a, b) => Number(endsSession(a.url)) - Number(endsSession(b.url)));
    for (const route of routes) {
      const allowed = ACTION_ROLES[route.action];
      for (const as of [null, ...ROLES] as (Role | null)[]) {
        const res = await call(route.method, concrete(route.url), as);
        const expectAllowed = allowed === null || (as !== null && allowed.includes(as));
        const denied = res.statusCode === 401 || res.statusCode === 403;
        if (res.statusCode >= 500 || expectAllowed === denied)
          mismatches.push(`${route.method} ${route.url} as ${as ?? 'public'} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (!expectAllowed && as === null) expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      }
    }
    forgetSessions();
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('answers every state-changing route without a session with 401, and without the CSRF token with 403', async () => {
    for (const route of t.app.routeRegistry.filter((r) => UNSAFE.has(r.method) && ACTION_ROLES[r.action] !== null)) {
      const anon = await call(route.method, concrete(route.url), null);
      expect(anon.statusCode, `${route.method} ${route.url}`).toBe(401);
      const role = ACTION_ROLES[route.action]![0]!;
      const noCsrf = await call(route.method, concrete(route.url), role, false);
      if (endsSession(route.url)) forgetSessions();
      expect(noCsrf.statusCode, `${route.method} ${route.url} without CSRF`).toBe(403);
      expect(noCsrf.json().error.message).toMatch(/CSRF/);
    }
  });

  it('covers the backup setting routes: settings.manage, so admins only', async () => {
    const rows = t.app.routeRegistry
      .filter((r) => r.url === '/api/settings/backup')
      .map((r) => `${r.method} ${r.action}`)
      .sort();
    expect(rows).toEqual(['GET settings.manage', 'PUT settings.manage']);
    for (const as of [null, ...ROLES] as (Role | null)[]) {
      const res = await call('GET', '/api/settings/backup', as);
      expect(res.statusCode, `GET /api/settings/backup as ${as ?? 'public'}`).toBe(
        as === null ? 401 : ACTION_ROLES['settings.manage']!.includes(as) ? 200 : 403,
      );
    }
  });

  it('covers the draft re-read route with the right of editing a draft', async () => {
    const actionOf = (method: string, url: string) => t.app.routeRegistry.find((r) => r.method === method && r.url === url)?.action;
    expect(actionOf('POST', '/api/imports/:id/reread')).toBe('plan.manage');
    expect(actionOf('POST', '/api/imports/:id/reread')).toBe(actionOf('PUT', '/api/imports/:id'));
    for (const as of [null, ...ROLES] as (Role | null)[]) {
      const res = await call('POST', '/api/imports/999999/reread', as);
      // Allowed callers reach the service, which answers that there is no such draft.
      expect(res.statusCode, `POST /api/imports/:id/reread as ${as ?? 'public'}`).toBe(
        as === null ? 401 : ACTION_ROLES['plan.manage']!.includes(as) ? 404 : 403,
      );
    }
  });

  it('has no route that changes or deletes the audit trail', () => {
    const auditRoutes = t.app.routeRegistry.filter((r) => r.url.startsWith('/api/audit'));
    expect(auditRoutes.length).toBeGreaterThan(0);
    expect(auditRoutes.every((r) => r.method === 'GET')).toBe(true);
  });

  it('gives the audit trail to the audit administrator alone, and no one else a route of theirs (三权分立)', async () => {
    const auditRoutes = t.app.routeRegistry.filter((r) => r.action === 'audit.read' || r.action === 'audit.manage');
    expect(auditRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['GET /api/audit', 'GET /api/audit.xlsx', 'GET /api/audit/archives/:id', 'PUT /api/settings/audit-retention']),
    );
    for (const route of auditRoutes) {
      for (const as of ROLES.filter((r) => r !== 'audit_admin')) {
        expect((await call(route.method, concrete(route.url), as)).statusCode, `${route.method} ${route.url} as ${as}`).toBe(403);
      }
    }
    // And the audit administrator changes nothing but the retention: every other write is refused.
    const writes = t.app.routeRegistry.filter(
      (r) => UNSAFE.has(r.method) && r.action !== 'audit.manage' && ACTION_ROLES[r.action] !== null && ACTION_ROLES[r.action] !== ROLES && !endsSession(r.url),
    );
    for (const route of writes) expect((await call(route.method, concrete(route.url), 'audit_admin')).statusCode, `${route.method} ${route.url}`).toBe(403);
  }, 60_000);
});
