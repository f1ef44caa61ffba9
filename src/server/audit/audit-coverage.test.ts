import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '#core/auth/policy.ts';
import { insertSampleRound } from '../test/factories.ts';
import { pickTask } from '../test/finders.ts';
import { createTestApp, importSeed, TEST_PASSWORD, type TestApp } from '../test/helpers.ts';
import { observeWrites } from '../test/query-observers.ts';
import { MANUAL, NOT_GENERIC, type Res } from './audit-coverage/index.ts';

/**
 * "Every write audited", checked over the route table rather than route by route: every POST, PUT,
 * PATCH and DELETE route the app registers is called as a user allowed to, with a body built from its
 * OpenAPI schema and the ids of what earlier calls created; each call that succeeds must have written an
 * audit row with outcome 'ok' before the answer came back. A route added later is walked the same way.
 * Routes that a generic call cannot make succeed are listed with the reason in audit-coverage/<feature>.ts, and
 * are exercised by a request written for them there (MANUAL); a route in neither stays unexercised and
 * fails the test.
 * A query observer on the app's database sees which tables each request wrote: a request that wrote any
 * table but the audit trail's own bookkeeping must have written an audit row, and every route must be
 * seen writing at least once (a 2xx that changed nothing, e.g. an empty PATCH, does not count).
 */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Who calls a route of each action (accounts made in beforeAll). */
const CALLER: Record<Action, string | null> = {
  'public.read': null,
  'plan.read': 'dw',
  'plan.manage': 'coordinator',
  'unit.manage': 'coordinator',
  'task.unit.write': 'dw',
  'task.instruct': 'leader',
  'report.review': 'coordinator',
  'round.manage': 'coordinator',
  'inspection.read': 'coordinator',
  'inspection.manage': 'coordinator',
  'inspection.record': 'inspector',
  'rectification.answer': 'dw',
  'practice.submit': 'dw',
  'practice.review': 'coordinator',
  'account.read': 'admin',
  'account.manage': 'admin',
  'security.manage': 'security',
  'audit.read': 'auditor',
  'audit.manage': 'auditor',
  'settings.manage': 'admin',
  'self.manage': 'selfie',
};

/**
 * Field values a schema cannot tell (a real indicator code, a phone number's characters, a user name's
 * pattern, the report kind a review needs): a fuzzer's dictionary, by field name.
 */
const HINTS: Record<string, () => unknown> = {
  indicatorCode: () => 'starting-business',
  contactPhone: () => '0632-1234567',
  username: () => 'coverage_user',
  kind: () => 'consolidated',
  intoUnitId: () => ids.otherUnit,
  // Nullable references: none (a made-up parent would be refused as a cycle).
  parentPlanId: () => null,
  parentId: () => null,
};

/**
 * Per-route ids instead of the shared ones. The merge takes a unit nobody has written for: merging the
 * walk's unit (with its reports and ledger) is refused — on main it failed a foreign key (500; units.repo
 * mergeUnitRows moves task_units and aliases only), the fuzz branch answers it with a 409.
 */
const ROUTE_IDS: Record<string, Record<string, () => number | string>> = {
  'POST /api/units/:id/merge': { units: () => ids.mergeSource! },
};

/** Ids no answer carries: looked up when a route needs them. */
const LOOKUPS: Record<string, () => Promise<number | string | undefined>> = {
  notifications: async () =>
    (
      await t.deps.db
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '=', Number(ids.dwUser))
        .where('read_at', 'is', null)
        .orderBy('id')
        .executeTakeFirst()
    )?.id,
  alias: async () => (await t.deps.db.selectFrom('unit_aliases').select('alias').where('unit_id', '=', Number(ids.units)).executeTakeFirst())?.alias,
};

/** Writes that are bookkeeping of a request rather than its effect: the session's touch on every request, job locks, the audit trail itself. */
const isBookkeeping = (w: string) => /^\w+ (audit_events|audit_purge_permits|job_locks)$/.test(w) || w === 'update sessions';

const observer = observeWrites();

let t: TestApp;
const ids: Record<string, number | string> = {};
/** Routes seen answering 2xx after writing data, with the audit rows ('ok') of that request. */
const succeeded = new Map<string, string[]>();
/** Requests that wrote data but no audit row. */
const unaudited: string[] = [];
/** Requests that changed or deleted audit rows (none may: the trail is append-only, only the retention job purges). */
const auditTampering: string[] = [];
/** Runs a request, then files it: wrote data (audited or not), or changed nothing. */
async function observe(key: string, run: () => Promise<Res>): Promise<Res> {
  const before = await maxAuditId();
  observer.written = [];
  const res = await run();
  const tables = [...new Set(observer.written.filter((x) => !isBookkeeping(x)))];
  for (const w of observer.written) if (/^(update|delete) audit_(events|archives)$/.test(w)) auditTampering.push(`${key}: ${w}`);
  if (res.statusCode < 300 && tables.length > 0) {
    const actions = await okRowsSince(before);
    succeeded.set(key, actions);
    if (actions.length === 0) unaudited.push(`${key} wrote ${tables.join(', ')} without an audit row`);
  }
  return res;
}
const failures: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  // Routes and services read `deps.db` per call, so from here on every query passes the observer.
  t.deps.db = t.deps.db.withPlugin(observer);
  ids.plans = await importSeed(t);
  const picked = await pickTask(t, Number(ids.plans));
  const task = { id: picked.taskId, section_id: picked.sectionId };
  const lead = { unit_id: picked.leadUnitId };
  const milestone = await t.deps.db.selectFrom('milestones').select('id').where('task_id', '=', task.id).orderBy('id').executeTakeFirst();
  Object.assign(ids, { tasks: task.id, units: lead.unit_id, unitId: lead.unit_id, sections: task.section_id!, milestones: milestone?.id ?? 0, year: 2027 });
  ids.dwUser = await t.addUser('dw', ['unit_manager'], lead.unit_id);
  const others = await t.deps.db
    .selectFrom('units')
    .select('id')
    .where('id', '!=', lead.unit_id)
    .where('is_collective', '=', 0)
    .orderBy('id')
    .limit(2)
    .execute();
  ids.otherUnit = others[0]!.id;
  ids.mergeSource = others[1]!.id;
  await t.addUser('leader', ['leader'], null, [task.section_id!]);
  await t.addUser('inspector', ['inspector']);
  await t.addUser('selfie', ['unit_staff'], lead.unit_id);
  ids.users = await t.addUser('victim', ['unit_staff'], lead.unit_id);
  // Notifications come from the reminders job; two for the unit manager, as it would send them.
  for (const title of ['临期提醒', '逾期催办']) {
    await t.deps.db
      .insertInto('notifications')
      .values({
        user_id: Number(ids.dwUser),
        unit_id: lead.unit_id,
        kind: 'remind',
        task_id: task.id,
        milestone_id: null,
        notice_key: null,
        title,
        body: title,
        created_at: new Date().toISOString(),
        read_at: null,
      })
      .execute();
  }
  // A closed round with a snapshot, so that a circular can be drafted from it.
  ids.closedRound = await insertSampleRound(t.deps.db);
});
afterAll(async () => t.close());

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};

let serial = 0;
/** The smallest value a JSON schema accepts, as far as the schema says (dates, enums, lengths, bounds). */
function example(s: Schema | undefined, name = ''): unknown {
  if (!s) return undefined;
  const hint = HINTS[name];
  if (hint) return hint();
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const options = s.anyOf ?? s.oneOf;
  if (options) return example(options.find((o) => o.type !== 'null') ?? options[0], name);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // Nothing required (a PATCH): every field, so that the call changes something.
      const keys = s.required?.length ? s.required : Object.keys(s.properties ?? {});
      for (const k of keys) out[k] = example(s.properties?.[k], k);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => example(s.items, name));
    case 'integer':
    case 'number': {
      // planId, unitIds, milestoneId…: an id of that kind that exists (a unit's when the kind is not known).
      const ref = /^(\w+?)Ids?$/.exec(name);
      if (ref) return ids[`${ref[1]}s`] ?? ids.units;
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return s.maximum !== undefined ? Math.min(min, s.maximum) : min;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string': {
      if (s.format === 'date' || /date|due|start|end/i.test(name) || s.pattern?.includes('\\d{4}')) return '2021-06-30';
      // Unique per call: two drafts must not share a document number.
      const text = `覆盖测试${name}${(serial += 1)}`;
      const min = s.minLength ?? 1;
      const v = text.length >= min ? text : text.padEnd(min, '测');
      return s.maxLength !== undefined ? v.slice(0, s.maxLength) : v;
    }
    default:
      return undefined;
  }
}

/** The route's URL with its params filled from what exists; null while one is not known yet. */
async function concrete(method: string, url: string): Promise<string | null> {
  const override = ROUTE_IDS[`${method} ${url}`] ?? {};
  const value = (k: string) => (override[k] ? override[k]() : ids[k]);
  const keys = [...url.matchAll(/\/([^/:]+)\/:(\w+)/g)].map((m) => (m[2] === 'id' ? m[1]! : m[2]!));
  for (const k of keys)
    if (value(k) === undefined && LOOKUPS[k]) {
      const v = await LOOKUPS[k]();
      if (v !== undefined) ids[k] = v;
    }
  if (keys.some((k) => value(k) === undefined)) return null;
  return url.replace(/\/([^/:]+)\/:(\w+)/g, (_m, seg: string, param: string) => `/${seg}/${encodeURIComponent(String(value(param === 'id' ? seg : param)))}`);
}

const maxAuditId = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('audit_events')
        .select((e) => e.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m ?? 0,
  );
async function okRowsSince(id: number): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_events')
    .select(['action', 'outcome'])
    .where('id', '>', id)
    .where('outcome', '=', 'ok')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

/** Calls one route as its caller; on success remembers the id it created (keyed like the params that take it). */
async function attempt(method: string, url: string, action: Action, body: unknown, opts: { fresh?: boolean } = {}) {
  const path = await concrete(method, url);
  if (path === null) return null;
  const as = CALLER[action];
  // Sign in first, so that the sign-in's own audit row is not counted for the route.
  let headers: Record<string, string> = {};
  if (as) {
    if (opts.fresh) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.8.0.1', payload: { username: as, password: TEST_PASSWORD } });
      headers = { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': res.json().csrfToken };
    } else headers = await t.sessionOf(as);
  }
  const res = await observe(`${method} ${url}`, () =>
    t.app.inject({ method: method as 'POST', url: path, headers, ...(body === undefined ? {} : { payload: body as object }) }),
  );
  if (res.statusCode >= 300) return res;
  const json = res.body
    ? (() => {
        try {
          return res.json();
        } catch {
          return null;
        }
      })()
    : null;
  const created = json?.id ?? json?.user?.id ?? json?.entries?.at(-1)?.id;
  const last = /\/([a-z-]+)$/.exec(url)?.[1];
  if (method === 'POST' && typeof created === 'number' && last) ids[last] = created;
  return res;
}

/** Runs one hand-written request of a route in NOT_GENERIC, observed like the generic ones. */
async function measure(key: string, run: () => Promise<Res>): Promise<Res> {
  const res = await observe(key, run);
  if (res.statusCode >= 300) failures.push(`${key} (hand-written) → ${res.statusCode} ${res.body.slice(0, 160)}`);
  else if (!succeeded.has(key)) failures.push(`${key} (hand-written) → ${res.statusCode} but changed nothing`);
  return res;
}

describe('audit coverage', () => {
  it('lists a hand-written request for every route it cannot call generically, and only for routes that exist', () => {
    expect(Object.keys(MANUAL).sort()).toEqual(Object.keys(NOT_GENERIC).sort());
    const registered = new Set(t.app.routeRegistry.map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(NOT_GENERIC)) expect(registered.has(key), key).toBe(true);
  });

  it('walks every write route: each one that succeeds has written an audit row', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>> };
    const routes = t.app.routeRegistry.filter((r) => UNSAFE.has(r.method) && !(`${r.method} ${r.url}` in NOT_GENERIC));
    // Deletes, merges, sign-outs and "mark all read" last: they take away what the others act on.
    const last = (r: { method: string; url: string }) => r.method === 'DELETE' || /merge|logout|read-all/.test(r.url);
    const ordered = [...routes.filter((r) => !last(r)), ...routes.filter(last)];
    const bodyOf = (method: string, url: string) => {
      const op = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      const schema = op?.requestBody?.content?.['application/json']?.schema;
      return schema ? example(schema) : method === 'DELETE' ? undefined : {};
    };
    // A few passes: a route whose id comes from another route's answer runs once that one has. The
    // hand-written requests run after the first pass, once reports, rounds and circulars exist.
    for (let pass = 0; pass < 3; pass++) {
      for (const r of ordered) {
        const key = `${r.method} ${r.url}`;
        if (succeeded.has(key)) continue;
        if (last(r) && pass < 2) continue;
        const res = await attempt(r.method, r.url, r.action, bodyOf(r.method, r.url), { fresh: /logout/.test(r.url) });
        if (pass === 2 && !succeeded.has(key)) failures.push(`${key} → ${res ? `${res.statusCode} ${res.body.slice(0, 160)}` : 'no id for its params'}`);
      }
      if (pass === 0) for (const run of Object.values(MANUAL)) await run({ t, ids, measure });
    }
    expect(failures).toEqual([]);
    const unsafe = t.app.routeRegistry.filter((r) => UNSAFE.has(r.method)).map((r) => `${r.method} ${r.url}`);
    expect([...succeeded.keys()].sort()).toEqual(unsafe.sort());
    expect(unaudited).toEqual([]);
    expect(auditTampering).toEqual([]);
    for (const [key, actions] of succeeded) expect(actions.length, key).toBeGreaterThan(0);
  }, 180_000);
});
