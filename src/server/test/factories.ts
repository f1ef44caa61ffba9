import type { Kysely } from 'kysely';
import type { Role } from '#core/auth/policy.ts';
import { addDays } from '#core/calendar/index.ts';
import type { RoundSnapshot } from '#core/rounds/types.ts';
import { readUnitSubtree } from '../auth/unit-tree.ts';
import type { Actor } from '../context.ts';
import { submitReport } from '../reports/reports.service.ts';
import { chinaDay } from '#core/calendar/dates.ts';
import { importSeed, type TestApp } from './helpers.ts';
import type { RoundCreate, RoundDetail } from '#core/api/rounds.ts';
import { closeRound as closeRoundService } from '../rounds/rounds.service.ts';
import { sampleSnapshot } from '#core/rounds/sample-snapshot.ts';
import type { DB } from '../db/schema.ts';

/**
 * Test data built through the app's own tables and services: plans and tasks, rounds opened, reported
 * and closed, a stored sample round. One module, so a test file reads its world from one place.
 */

/** 09:00 in Beijing on `date` (a China date). */
export const chinaMorning = (date: string): Date => new Date(`${date}T01:00:00.000Z`);

/** The actor of an account, as a request signed in with it would carry, for calling services with a clock. */
export async function actorFor(t: TestApp, username: string): Promise<Actor> {
  const u = await t.deps.db.selectFrom('users').select(['id', 'unit_id', 'roles']).where('username', '=', username).executeTakeFirstOrThrow();
  const unitScope = u.unit_id === null ? [] : await readUnitSubtree(t.deps, u.unit_id);
  return { userId: u.id, unitId: u.unit_id, name: username, ip: null, principal: { userId: u.id, unitId: u.unit_id, roles: JSON.parse(u.roles) as Role[], unitScope, leaderSectionIds: [] } };
}

export interface ReportingUnit {
  unitId: number;
  name: string;
  /** A unit_manager account of the unit, `unit-<unitId>`. */
  username: string;
  /** A task of the plan the unit leads (so it may send consolidated reports on it). */
  taskId: number;
}

/**
 * `count` distinct non-collective units that lead a task of the plan, in document order, each with a
 * unit_manager account (created once) and a task of its own (no two units share one).
 */
export async function reportingUnits(t: TestApp, planId: number, count: number): Promise<ReportingUnit[]> {
  const rows = await t.deps.db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as tk', 'tk.id', 'tu.task_id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .select(['tu.unit_id', 'u.name', 'tu.task_id'])
    .where('tu.plan_id', '=', planId)
    .where('tu.role', '=', 'lead')
    .where('u.is_collective', '=', 0)
    .orderBy('tk.ordinal')
    .orderBy('tu.ordinal')
    .execute();
  const out: ReportingUnit[] = [];
  for (const r of rows) {
    if (out.length === count) break;
    // Distinct tasks too, so each unit's report is the latest progress of its own task.
    if (out.some((u) => u.unitId === r.unit_id || u.taskId === r.task_id)) continue;
    const username = `unit-${r.unit_id}`;
    const exists = await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (!exists) await t.addUser(username, ['unit_manager'], r.unit_id);
    out.push({ unitId: r.unit_id, name: r.name, username, taskId: r.task_id });
  }
  if (out.length < count) throw new Error(`plan ${planId} has only ${out.length} lead units`);
  return out;
}

/** Opens a round through the API as the coordinator (today's due date unless given); throws unless 201. */
export async function openRound(t: TestApp, body: Partial<RoundCreate> & { planIds: number[] }): Promise<RoundDetail> {
  const res = await t.inject({ method: 'POST', url: '/api/rounds', payload: { title: '第1期调度', dueDate: chinaDay(Date.now()), ...body } });
  if (res.statusCode !== 201) throw new Error(`open round failed: ${res.statusCode} ${res.body}`);
  return res.json() as RoundDetail;
}

/**
 * A unit's consolidated report on its task, created and submitted through the API; with `at`, the
 * submission goes through the service with that clock (a report made on another day).
 * Returns the report as the API answers it.
 */
export async function reportFor(
  t: TestApp,
  unit: ReportingUnit,
  opts: { roundId?: number; stage?: 'in_progress' | 'basically_done' | 'done'; narrative?: string; at?: Date } = {},
): Promise<{ id: number; roundId: number | null; status: string; submittedAt: string | null }> {
  const payload = { unitId: unit.unitId, kind: 'consolidated', stage: opts.stage ?? 'basically_done', narrative: opts.narrative ?? `${unit.name}已基本完成改革任务。`, ...(opts.roundId && { roundId: opts.roundId }) };
  const created = await t.inject({ method: 'POST', url: `/api/tasks/${unit.taskId}/reports`, payload }, unit.username);
  if (created.statusCode !== 201) throw new Error(`report failed: ${created.statusCode} ${created.body}`);
  const id = created.json().id as number;
  if (opts.at) {
    const r = await submitReport(t.deps, await actorFor(t, unit.username), id, opts.at);
    return { id, roundId: r.roundId, status: r.status, submittedAt: r.submittedAt };
  }
  const submitted = await t.inject({ method: 'POST', url: `/api/reports/${id}/submit` }, unit.username);
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.statusCode} ${submitted.body}`);
  return submitted.json();
}

/** Closes a round as the coordinator: through the API, or through the service with a clock (`at`). */
export async function closeRound(t: TestApp, roundId: number, at?: Date): Promise<RoundDetail> {
  if (at) return closeRoundService(t.deps, await actorFor(t, 'coordinator'), roundId, at);
  const res = await t.inject({ method: 'POST', url: `/api/rounds/${roundId}/close` });
  if (res.statusCode !== 200) throw new Error(`close round failed: ${res.statusCode} ${res.body}`);
  return res.json() as RoundDetail;
}

export interface ClosedRound {
  planId: number;
  round: RoundDetail;
  snapshot: RoundSnapshot;
  /** The unit that reported on time and the one that reported a day late. */
  onTime: ReportingUnit;
  late: ReportingUnit;
}

/**
 * A closed round on a plan (the seed plan, imported when `planId` is not given), for tests of what
 * is built on a snapshot (circulars, dashboards). Due today; every non-collective unit of the plan
 * is expected; one unit reports today (on time), another tomorrow (late); the round closes the day
 * after tomorrow, so `snapshot.asOf` is that day. Both reports are at stage 基本完成, so both appear in
 * `snapshot.goodPractices`; every other unit is missing.
 */
export async function openAndCloseRound(t: TestApp, opts: { planId?: number; title?: string } = {}): Promise<ClosedRound> {
  const planId = opts.planId ?? (await importSeed(t));
  const [onTime, late] = (await reportingUnits(t, planId, 2)) as [ReportingUnit, ReportingUnit];
  const today = chinaDay(Date.now());
  const opened = await openRound(t, { title: opts.title ?? '第1期调度', planIds: [planId], dueDate: today });
  await reportFor(t, onTime, { roundId: opened.id, narrative: `${onTime.name}推行“一窗受理”，办理时限压减一半。` });
  await reportFor(t, late, { roundId: opened.id, narrative: `${late.name}已基本完成改革任务。`, at: chinaMorning(addDays(today, 1)) });
  const round = await closeRound(t, opened.id, chinaMorning(addDays(today, 2)));
  const res = await t.inject({ method: 'GET', url: `/api/rounds/${opened.id}/snapshot` });
  if (res.statusCode !== 200) throw new Error(`snapshot failed: ${res.statusCode} ${res.body}`);
  return { planId, round, snapshot: res.json() as RoundSnapshot, onTime, late };
}

/** A plan with one task due 2021-10-08 (right after 国庆), a lead and a responsible unit. */
export async function seedTask(db: Kysely<DB>, dueDate = '2021-10-08') {
  const at = new Date().toISOString();
  const plan = await db.insertInto('plans').values({ number: '测政发〔2021〕1号', issuer: '测试区人民政府', issue_date: '2021-05-01', title: '测试行动方案', year: 2021, level: 'district', parent_plan_id: null, file_name: null, source_hash: `h-${Math.random()}`, source_text: '', created_at: at }).returning('id').executeTakeFirstOrThrow();
  const task = await db.insertInto('tasks').values({ plan_id: plan.id, section_id: null, ordinal: 1, number: '1', path: '[]', title: '压减开办企业时间', text: '国庆节后前完成。', search_text: '', span_start: null, span_end: null, spans: null }).returning('id').executeTakeFirstOrThrow();
  const milestone = await db.insertInto('milestones').values({ task_id: task.id, plan_id: plan.id, ordinal: 0, text: '10月8日前', clause: '10月8日前完成', due_date: dueDate, span_start: null, span_end: null }).returning('id').executeTakeFirstOrThrow();
  const unit = async (name: string) => (await db.insertInto('units').values({ name, is_collective: 0, parent_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const lead = await unit(`区审批服务局-${plan.id}`);
  const resp = await unit(`区市场监管局-${plan.id}`);
  await db.insertInto('task_units').values([
    { task_id: task.id, plan_id: plan.id, unit_id: lead, role: 'lead', ordinal: 0, name_as_written: '区审批服务局' },
    { task_id: task.id, plan_id: plan.id, unit_id: resp, role: 'responsible', ordinal: 0, name_as_written: '区市场监管局' },
  ]).execute();
  return { planId: plan.id, taskId: task.id, milestoneId: milestone.id, lead, resp };
}

/**
 * Stores a round with its snapshot the way the rounds service does (rows `rounds` and
 * `round_snapshots`), without any plan behind it: the circular reads only the snapshot.
 * Returns the round id; the stored snapshot carries it.
 */
export async function insertSampleRound(db: Kysely<DB>, snapshot: RoundSnapshot = sampleSnapshot(), status: 'open' | 'closed' = 'closed'): Promise<number> {
  const { id } = await db
    .insertInto('rounds')
    .values({
      title: snapshot.round.title, period_start: snapshot.round.periodStart, period_end: snapshot.round.periodEnd, due_date: snapshot.round.dueDate, status, note: null,
      created_by: null, created_at: '2021-06-01T01:00:00.000Z', closed_by: null, closed_at: status === 'closed' ? snapshot.takenAt : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (status === 'closed') {
    await db.insertInto('round_snapshots').values({ round_id: id, taken_at: snapshot.takenAt, content: JSON.stringify({ ...snapshot, round: { ...snapshot.round, id } }) }).execute();
  }
  return id;
}
