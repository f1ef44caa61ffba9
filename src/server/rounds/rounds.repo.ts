import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, RoundStatus } from '../db/schema.ts';
import { num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Report statuses that mean the unit has reported (see `isCountedReport`). */
const COUNTED = ['submitted', 'accepted', 'returned'] as const;

/** Splits id lists so that no statement exceeds the drivers' bound-parameter limits. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ── Rounds ────────────────────────────────────────────────────────────────────────────────────────

export async function insertRound(
  trx: Q,
  r: {
    title: string;
    period_start: string | null;
    period_end: string | null;
    due_date: string;
    note: string | null;
    created_by: number | null;
    created_at: string;
  },
) {
  const row = await trx
    .insertInto('rounds')
    .values({ ...r, status: 'open', closed_by: null, closed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRoundMembers(trx: Q, roundId: number, planIds: number[], unitIds: number[]) {
  await trx
    .insertInto('round_plans')
    .values(planIds.map((plan_id) => ({ round_id: roundId, plan_id })))
    .execute();
  for (const chunk of chunks(unitIds))
    await trx
      .insertInto('round_units')
      .values(chunk.map((unit_id) => ({ round_id: roundId, unit_id })))
      .execute();
}

export async function findRoundRows(db: Q, ids?: number[]) {
  let q = db.selectFrom('rounds').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (ids) q = q.where('id', 'in', ids.length ? ids : [0]);
  return q.execute();
}

export async function findRoundRow(db: Q, id: number) {
  return db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes an open round; false when it was no longer open (closed meanwhile by someone else). */
export async function closeRoundRow(trx: Q, id: number, closedBy: number | null, closedAt: string): Promise<boolean> {
  const r = await trx
    .updateTable('rounds')
    .set({ status: 'closed' as RoundStatus, closed_by: closedBy, closed_at: closedAt })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return num(r.numUpdatedRows) > 0;
}

export async function insertSnapshot(trx: Q, s: { round_id: number; taken_at: string; content: string; expected: number; reported: number }) {
  await trx.insertInto('round_snapshots').values(s).execute();
}

export async function findSnapshot(db: Q, roundId: number) {
  return db.selectFrom('round_snapshots').select(['content', 'taken_at']).where('round_id', '=', roundId).executeTakeFirst();
}

/** Plans of the given rounds, in plan id order. */
export async function plansOfRounds(db: Q, roundIds: number[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('round_plans as rp')
    .innerJoin('plans as p', 'p.id', 'rp.plan_id')
    .select(['rp.round_id', 'p.id', 'p.number', 'p.title'])
    .where('rp.round_id', 'in', roundIds)
    .orderBy('p.id')
    .execute();
}

export async function unitsOfRound(db: Q, roundId: number) {
  return db
    .selectFrom('round_units as ru')
    .innerJoin('units as u', 'u.id', 'ru.unit_id')
    .select(['u.id', 'u.name'])
    .where('ru.round_id', '=', roundId)
    .execute();
}

/** Per round: how many units it expects. */
export async function countUnitsOfRounds(db: Q, roundIds: number[]): Promise<Map<number, number>> {
  if (!roundIds.length) return new Map();
  const rows = await db
    .selectFrom('round_units')
    .select(['round_id', (eb) => eb.fn.countAll().as('n')])
    .where('round_id', 'in', roundIds)
    .groupBy('round_id')
    .execute();
  return new Map(rows.map((r) => [r.round_id, num(r.n)]));
}

/** Per round: how many of its units have a counted report for it (live). */
export async function countReportedUnits(db: Q, roundIds: number[]): Promise<Map<number, number>> {
  if (!roundIds.length) return new Map();
  const rows = await db
    .selectFrom('progress_reports as r')
    .innerJoin('round_units as ru', (j) => j.onRef('ru.round_id', '=', 'r.round_id').onRef('ru.unit_id', '=', 'r.unit_id'))
    .select(['ru.round_id', (eb) => eb.fn.count('r.unit_id').distinct().as('n')])
    .where('ru.round_id', 'in', roundIds)
    .where('r.status', 'in', COUNTED)
    .where('r.submitted_at', 'is not', null)
    .groupBy('ru.round_id')
    .execute();
  return new Map(rows.map((r) => [r.round_id, num(r.n)]));
}

/** The figures frozen with closed rounds' snapshots. */
export async function storedFigures(db: Q, roundIds: number[]) {
  if (!roundIds.length) return new Map<number, { expected: number; reported: number }>();
  const rows = await db.selectFrom('round_snapshots').select(['round_id', 'expected', 'reported']).where('round_id', 'in', roundIds).execute();
  return new Map(rows.map((r) => [r.round_id, { expected: num(r.expected), reported: num(r.reported) }]));
}

export async function circularIdsOfRounds(db: Q, roundIds: number[]) {
  if (!roundIds.length) return [];
  return db.selectFrom('circulars').select(['id', 'round_id']).where('round_id', 'in', roundIds).orderBy('id').execute();
}

/** The round's reports (drafts left out), oldest first. */
export async function reportsOfRound(db: Q, roundId: number) {
  return db
    .selectFrom('progress_reports')
    .select(['task_id', 'unit_id', 'status', 'submitted_at', 'stage', 'narrative'])
    .where('round_id', '=', roundId)
    .where('status', '!=', 'draft')
    .orderBy('id')
    .execute();
}

// ── Opening: plans and units ──────────────────────────────────────────────────────────────────────

export async function plansByIds(db: Q, ids: number[]) {
  if (!ids.length) return [];
  return db.selectFrom('plans').select(['id', 'number', 'title']).where('id', 'in', ids).execute();
}

export async function unitsByIds(db: Q, ids: number[]) {
  const out: { id: number; name: string }[] = [];
  for (const chunk of chunks(ids)) out.push(...(await db.selectFrom('units').select(['id', 'name']).where('id', 'in', chunk).execute()));
  return out;
}

/** Units named (lead or responsible) on a task of the plans; collective names ("各街道") left out when asked. */
export async function unitsNamedOnPlans(db: Q, planIds: number[], withoutCollective: boolean) {
  let q = db
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .select(['u.id', 'u.name'])
    .distinct()
    .where('tu.plan_id', 'in', planIds);
  if (withoutCollective) q = q.where('u.is_collective', '=', 0);
  return q.execute();
}

// ── Report tagging ────────────────────────────────────────────────────────────────────────────────

/** The open round, latest due date first, that includes the plan and the unit. */
export async function openRoundFor(db: Q, planId: number, unitId: number) {
  const row = await db
    .selectFrom('rounds as r')
    .innerJoin('round_plans as rp', 'rp.round_id', 'r.id')
    .innerJoin('round_units as ru', 'ru.round_id', 'r.id')
    .select('r.id')
    .where('r.status', '=', 'open')
    .where('rp.plan_id', '=', planId)
    .where('ru.unit_id', '=', unitId)
    .orderBy('r.due_date', 'desc')
    .orderBy('r.id', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Whether a round includes a plan and a unit. */
export async function roundIncludes(db: Q, roundId: number, planId: number, unitId: number) {
  const [plan, unit] = await Promise.all([
    db.selectFrom('round_plans').select('plan_id').where('round_id', '=', roundId).where('plan_id', '=', planId).executeTakeFirst(),
    db.selectFrom('round_units').select('unit_id').where('round_id', '=', roundId).where('unit_id', '=', unitId).executeTakeFirst(),
  ]);
  return { plan: plan !== undefined, unit: unit !== undefined };
}

export async function planOfTask(db: Q, taskId: number) {
  return (await db.selectFrom('tasks').select('plan_id').where('id', '=', taskId).executeTakeFirst())?.plan_id ?? null;
}

export async function setReportRound(trx: Q, reportId: number, roundId: number) {
  await trx.updateTable('progress_reports').set({ round_id: roundId }).where('id', '=', reportId).execute();
}

// ── My rounds ─────────────────────────────────────────────────────────────────────────────────────

export async function openRoundsOfUnit(db: Q, unitId: number) {
  return db
    .selectFrom('rounds as r')
    .innerJoin('round_units as ru', 'ru.round_id', 'r.id')
    .select(['r.id', 'r.title', 'r.due_date'])
    .where('r.status', '=', 'open')
    .where('ru.unit_id', '=', unitId)
    .orderBy('r.due_date')
    .orderBy('r.id')
    .execute();
}

/** The unit's tasks in the given plans with its role(s), in plan and document order. */
export async function tasksOfUnitInPlans(db: Q, unitId: number, planIds: number[]) {
  if (!planIds.length) return [];
  return db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .select(['t.id', 't.plan_id', 't.number', 't.title', 'tu.role'])
    .where('tu.unit_id', '=', unitId)
    .where('tu.plan_id', 'in', planIds)
    .orderBy('t.plan_id')
    .orderBy('t.ordinal')
    .execute();
}

/** (round, task) pairs on which the unit has a counted report. */
export async function reportedTasksOfUnit(db: Q, unitId: number, roundIds: number[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('progress_reports')
    .select(['round_id', 'task_id'])
    .distinct()
    .where('unit_id', '=', unitId)
    .where('round_id', 'in', roundIds)
    .where('status', 'in', COUNTED)
    .where('submitted_at', 'is not', null)
    .execute();
}

// ── Snapshot facts: a handful of set queries over the round's plans, never one per task ────────────

export async function sectionsOfPlans(db: Q, planIds: number[]) {
  return db
    .selectFrom('sections')
    .select(['id', 'plan_id', 'title', 'indicator_code'])
    .where('plan_id', 'in', planIds)
    .orderBy('plan_id')
    .orderBy('ordinal')
    .execute();
}

export async function goalsOfPlans(db: Q, planIds: number[]) {
  return db.selectFrom('plan_goals').select(['plan_id', 'text', 'due_date']).where('plan_id', 'in', planIds).orderBy('plan_id').orderBy('ordinal').execute();
}

export async function tasksOfPlans(db: Q, planIds: number[]) {
  return db
    .selectFrom('tasks')
    .select(['id', 'plan_id', 'section_id', 'number', 'title', 'closed_on'])
    .where('plan_id', 'in', planIds)
    .orderBy('plan_id')
    .orderBy('ordinal')
    .execute();
}

export async function milestonesOfPlans(db: Q, planIds: number[]) {
  return db
    .selectFrom('milestones')
    .select(['task_id', 'text', 'due_date', 'completed_on'])
    .where('plan_id', 'in', planIds)
    .orderBy('task_id')
    .orderBy('ordinal')
    .execute();
}

export async function taskUnitsOfPlans(db: Q, planIds: number[]) {
  return db
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .select(['tu.task_id', 'tu.unit_id', 'u.name', 'tu.role'])
    .where('tu.plan_id', 'in', planIds)
    .orderBy('tu.task_id')
    .orderBy('tu.role')
    .orderBy('tu.ordinal')
    .execute();
}

/** Ledger actions of every unit on the plans' tasks (the caller keeps the lead units'). */
export async function ledgerActionsOfPlans(db: Q, planIds: number[]) {
  return db
    .selectFrom('ledger_entries as l')
    .innerJoin('tasks as t', 't.id', 'l.task_id')
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .select(['l.task_id', 'l.unit_id', 'u.name as unit_name', 'l.action'])
    .where('t.plan_id', 'in', planIds)
    .orderBy('l.task_id')
    .orderBy('l.unit_id')
    .orderBy('l.ordinal')
    .execute();
}

/** Tasks of the plans with any report beyond a draft: "progress reported". */
export async function tasksWithProgressInPlans(db: Q, planIds: number[]) {
  const rows = await db
    .selectFrom('progress_reports as r')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .select('r.task_id')
    .distinct()
    .where('t.plan_id', 'in', planIds)
    .where('r.status', '!=', 'draft')
    .execute();
  return new Set(rows.map((r) => r.task_id));
}

/**
 * The latest submitted or accepted report per task of the plans, with its unit: one row per task,
 * picked by the database (ROW_NUMBER, in both SQLite and PostgreSQL) rather than by reading every report.
 */
export async function latestProgressOfPlans(db: Q, planIds: number[]) {
  const ranked = db
    .selectFrom('progress_reports as r')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select((eb) => [
      'r.task_id',
      'u.name as unit_name',
      'r.narrative',
      sql<number>`row_number() over (partition by ${eb.ref('r.task_id')} order by ${eb.ref('r.submitted_at')} desc, ${eb.ref('r.id')} desc)`.as('rn'),
    ])
    .where('t.plan_id', 'in', planIds)
    .where('r.status', 'in', ['submitted', 'accepted'])
    .where('r.submitted_at', 'is not', null);
  return db.selectFrom(ranked.as('x')).select(['x.task_id', 'x.unit_name', 'x.narrative']).where('x.rn', '=', 1).execute();
}

/** Evidence files per task of the plans, on reports beyond drafts. */
export async function evidenceCountsOfPlans(db: Q, planIds: number[]) {
  const rows = await db
    .selectFrom('attachments as a')
    .innerJoin('progress_reports as r', 'r.id', 'a.report_id')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .select(['r.task_id', (eb) => eb.fn.countAll().as('n')])
    .where('t.plan_id', 'in', planIds)
    .where('r.status', '!=', 'draft')
    .groupBy('r.task_id')
    .execute();
  return new Map(rows.map((r) => [r.task_id, num(r.n)]));
}
