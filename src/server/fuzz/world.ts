import { hashPassword } from '../auth/passwords.ts';
import { insertSampleRound } from '../test/factories.ts';
import { createTestApp, importSeed, multipart, seedBytes, TEST_PASSWORD, type TestApp } from '../test/helpers.ts';
import { ANONYMOUS, type Persona } from './generator.ts';
import type { JsonSchema, Operation } from './openapi.ts';
import { SAMPLE_TEXT, schemaOfKnownBody, type IdLookup } from './sample.ts';

/**
 * The personas of a run: no session, a unit manager of a lead unit, the coordinator, and the three
 * administrators of 三权分立 (system, security, audit), so that every route is reached by a role that may use it.
 */
export const PERSONAS: readonly Persona[] = [ANONYMOUS, 'fuzz_unit', 'coordinator', 'admin', 'security', 'auditor'];

/** Real objects for path parameters and body ids, so mutated requests reach services and not only 404s. */
export interface WorldIds {
  plan: number;
  section: number;
  task: number;
  milestone: number;
  /** The unit manager's own unit, named on the task as lead. */
  unit: number;
  /** Another unit, for the unit-maintenance routes (rename, aliases, merge target) so the persona's unit stays. */
  spareUnit: number;
  /** A third unit, the one the merge route merges (away) into the spare unit. */
  mergeableUnit: number;
  /** A draft report with evidence, of the unit manager's unit. */
  report: number;
  /** A submitted consolidated report with evidence, for the review routes. */
  submittedReport: number;
  attachment: number;
  ledger: number;
  round: number;
  circular: number;
  importDraft: number;
  notification: number;
  /** An account the admin's writes may change, never a persona. */
  victim: number;
}

export interface World {
  t: TestApp;
  ids: WorldIds;
  /** Good bodies of routes whose document schema is open, by `METHOD /route`, as schemas (settings read back from the app). */
  knownBodies: Record<string, JsonSchema>;
  pathValue(op: Operation, name: string): string;
  /**
   * Makes a persona able to sign in again (password, active, unlocked) after a request the run sent
   * legitimately changed it: an admin's reset or deactivation of an id that coerces to it.
   */
  restorePersona(username: string): Promise<void>;
  idOf: IdLookup;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fuzz evidence')]);

async function created(res: Promise<{ statusCode: number; body: string; json(): { id: number } }>, what: string): Promise<number> {
  const r = await res;
  if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(`fuzz world: ${what} → ${r.statusCode} ${r.body.slice(0, 200)}`);
  return r.json().id;
}

/**
 * A migrated app with the seed plan and one of each object a route can name: a draft report with
 * evidence, a ledger entry, a dispatch round, a draft circular, an import draft and a notification.
 */
export async function createWorld(env: Record<string, string> = {}): Promise<World> {
  const t = await createTestApp(env);
  const plan = await importSeed(t);
  const db = t.deps.db;
  const task = await db.selectFrom('tasks').select(['id', 'section_id']).where('plan_id', '=', plan).orderBy('ordinal').executeTakeFirstOrThrow();
  const lead = await db.selectFrom('task_units').select('unit_id').where('task_id', '=', task.id).where('role', '=', 'lead').executeTakeFirstOrThrow();
  const [spare, mergeable] = await db.selectFrom('units').select('id').where('id', '!=', lead.unit_id).orderBy('id', 'desc').limit(2).execute();
  if (!spare || !mergeable) throw new Error('fuzz world: the seed plan has too few units');
  const indicator = (await t.inject({ method: 'GET', url: '/api/indicators' })).json() as { data: { code: string }[] };
  const milestone = await db.selectFrom('milestones').select('id').where('task_id', '=', task.id).orderBy('ordinal').executeTakeFirst();
  await t.addUser('fuzz_unit', ['unit_manager'], lead.unit_id);
  const victim = await t.addUser('fuzz_victim', ['unit_staff'], lead.unit_id);
  const report = await created(t.inject({ method: 'POST', url: `/api/tasks/${task.id}/reports`, payload: { unitId: lead.unit_id, kind: 'consolidated', stage: 'in_progress', narrative: '模糊测试草稿' } }, 'fuzz_unit'), 'report');
  const attachment = await created(t.inject({ method: 'POST', url: `/api/reports/${report}/attachments`, ...multipart('佐证.png', PNG) }, 'fuzz_unit'), 'attachment');
  // A submitted consolidated report with evidence, for the review routes: accepting it closes the task, reopening opens it again.
  const submitted = await created(t.inject({ method: 'POST', url: `/api/tasks/${task.id}/reports`, payload: { unitId: lead.unit_id, kind: 'consolidated', stage: 'done', narrative: '模糊测试：已完成' } }, 'fuzz_unit'), 'submitted report');
  await created(t.inject({ method: 'POST', url: `/api/reports/${submitted}/attachments`, ...multipart('验收.png', PNG) }, 'fuzz_unit'), 'evidence');
  const submit = await t.inject({ method: 'POST', url: `/api/reports/${submitted}/submit` }, 'fuzz_unit');
  if (submit.statusCode !== 200) throw new Error(`fuzz world: submit → ${submit.statusCode} ${submit.body.slice(0, 200)}`);
  const ledger = await created(t.inject({ method: 'POST', url: `/api/tasks/${task.id}/ledger`, payload: { unitId: lead.unit_id, action: '模糊测试台账事项' } }, 'fuzz_unit'), 'ledger entry');
  const round = await created(t.inject({ method: 'POST', url: '/api/rounds', payload: { title: '模糊测试调度', dueDate: '2021-06-30', planIds: [plan] } }), 'round');
  const circular = await created(t.inject({ method: 'POST', url: `/api/rounds/${await insertSampleRound(db)}/circulars` }), 'circular');
  // The seed under another document number: a new draft rather than a 409.
  const other = Buffer.from(seedBytes().toString('utf8').replaceAll('〔2021〕7号', '〔2021〕99号'));
  const importDraft = await created(t.inject({ method: 'POST', url: '/api/imports', ...multipart('fuzz.txt', other) }), 'import draft');
  const settings = (await t.inject({ method: 'GET', url: '/api/settings' }, 'admin')).json() as { reminders: unknown; publicPage: unknown };
  const retention = (await t.inject({ method: 'GET', url: '/api/audit/retention' }, 'admin')).json() as { days: number };
  const knownBodies = {
    'PUT /api/settings/reminders': schemaOfKnownBody(settings.reminders),
    'PUT /api/settings/public-page': schemaOfKnownBody(settings.publicPage),
    'PUT /api/settings/audit-retention': schemaOfKnownBody({ days: retention.days }),
  };
  const notification = (await db.selectFrom('notifications').select('id').orderBy('id').executeTakeFirst())?.id ?? 1;
  const ids: WorldIds = {
    plan, section: task.section_id!, task: task.id, milestone: milestone?.id ?? 1, unit: lead.unit_id, spareUnit: spare.id, mergeableUnit: mergeable.id,
    report, submittedReport: submitted, attachment, ledger, round, circular, importDraft, notification, victim,
  };
  const byResource: Record<string, number> = {
    plans: plan, sections: ids.section, tasks: task.id, milestones: ids.milestone, units: spare.id, imports: importDraft, users: victim,
    reports: report, attachments: attachment, ledger, notifications: notification, rounds: round, circulars: circular,
  };
  return {
    t,
    ids,
    knownBodies,
    async restorePersona(username) {
      const hash = await hashPassword(TEST_PASSWORD);
      await db.updateTable('users').set({ password_hash: hash, must_change_password: 0, is_active: 1, failed_logins: 0, locked_until: null }).where('username', '=', username).execute();
    },
    pathValue(op, name) {
      if (name === 'unitId') return String(lead.unit_id);
      if (name === 'attachmentId') return String(attachment);
      // The alias the sample body of POST /api/units/:id/aliases adds, so the delete can find it.
      if (name === 'alias') return encodeURIComponent(SAMPLE_TEXT);
      if (op.route === '/api/units/:id/merge') return String(mergeable.id);
      if (name === 'year') return '2026';
      if (op.route === '/api/reports/:id/review') return String(submitted);
      // The resource a parameter names is the path segment before it: /api/tasks/:id → a task.
      const segments = op.route.split('/');
      const at = segments.findIndex((s) => s.startsWith(`:${name}`));
      return String(byResource[segments[at - 1] ?? ''] ?? plan);
    },
    idOf(field) {
      const f = field.replace(/Ids?$/, '').toLowerCase();
      // No parent is always a valid parent; a milestone is only for consolidated reports, so none by default.
      const map: Record<string, number | string | null> = {
        plan, parentplan: null, parent: null, section: ids.section, task: task.id, milestone: null, unit: lead.unit_id, intounit: spare.id, round, report, user: victim,
        indicatorcode: indicator.data[0]?.code ?? null, holiday: '2026-10-08', workday: '2026-10-10',
      };
      return map[f];
    },
  };
}
