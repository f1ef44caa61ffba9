import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import { num } from '../db/util.ts';

type Q = Kysely<DB>;

/**
 * The data version: every write records an audit event in its transaction, so the newest audit id
 * changes whenever anything a dashboard shows may have changed.
 */
export async function dataVersion(db: Q): Promise<number> {
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('v')).executeTakeFirst();
  return num(row?.v);
}

export async function findPlans(db: Q, planId: number | undefined) {
  let q = db.selectFrom('plans').select(['id', 'number', 'title', 'issue_date', 'created_at']).orderBy('id');
  if (planId !== undefined) q = q.where('id', '=', planId);
  return q.execute();
}

export async function findGoals(db: Q, planId: number | undefined) {
  let q = db.selectFrom('plan_goals').select(['plan_id', 'text', 'due_date']).where('due_date', 'is not', null).orderBy('due_date').orderBy('plan_id').orderBy('ordinal');
  if (planId !== undefined) q = q.where('plan_id', '=', planId);
  return q.execute();
}

export async function findSections(db: Q, planId: number | undefined) {
  let q = db.selectFrom('sections').select(['id', 'plan_id', 'title', 'indicator_code']).orderBy('plan_id').orderBy('ordinal');
  if (planId !== undefined) q = q.where('plan_id', '=', planId);
  return q.execute();
}

export async function findSection(db: Q, id: number) {
  return db.selectFrom('sections').select(['id', 'plan_id']).where('id', '=', id).executeTakeFirst();
}

/**
 * The tasks of the scope in plan and document order, each with "any non-draft report" (the progress
 * fact of `statusesOf`) answered by an index probe per task rather than a scan of all reports.
 */
export async function findTasks(db: Q, planId: number | undefined) {
  let q = db
    .selectFrom('tasks as t')
    .select((eb) => [
      't.id', 't.plan_id', 't.section_id', 't.number', 't.title', 't.closed_on',
      eb.case().when(eb.exists(eb.selectFrom('progress_reports as r').select(sql.lit(1).as('x')).whereRef('r.task_id', '=', 't.id').where('r.status', '!=', 'draft'))).then(1).else(0).end().as('progressed'),
    ])
    .orderBy('t.plan_id')
    .orderBy('t.ordinal');
  if (planId !== undefined) q = q.where('t.plan_id', '=', planId);
  return q.execute();
}

export async function findMilestones(db: Q, planId: number | undefined) {
  let q = db.selectFrom('milestones').select(['task_id', 'due_date']);
  if (planId !== undefined) q = q.where('plan_id', '=', planId);
  return q.execute();
}

/**
 * Every unit named on a task of the scope, in the document's order, with whether the unit has a
 * submitted or accepted report on that task (the reporting rate of the ranking).
 */
export async function findTaskUnits(db: Q, planId: number | undefined) {
  let q = db
    .selectFrom('task_units as tu')
    .select((eb) => [
      'tu.task_id', 'tu.unit_id', 'tu.role',
      eb
        .case()
        .when(
          eb.exists(
            eb.selectFrom('progress_reports as r').select(sql.lit(1).as('x')).whereRef('r.task_id', '=', 'tu.task_id').whereRef('r.unit_id', '=', 'tu.unit_id').where('r.status', 'in', ['submitted', 'accepted']),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('reported'),
    ])
    .orderBy('tu.task_id')
    .orderBy('tu.ordinal');
  if (planId !== undefined) q = q.where('tu.plan_id', '=', planId);
  return q.execute();
}

export async function findUnits(db: Q) {
  return db.selectFrom('units').select(['id', 'name', 'is_collective']).execute();
}

/** Earliest start date of the lead units' ledger actions, per task of a section or a plan. */
export async function ledgerStarts(db: Q, scope: { planId?: number | undefined; sectionId?: number | undefined }) {
  let q = db
    .selectFrom('ledger_entries as le')
    .innerJoin('tasks as t', 't.id', 'le.task_id')
    .select((eb) => ['le.task_id', eb.fn.min('le.start_date').as('start')])
    .where('le.start_date', 'is not', null)
    .groupBy('le.task_id');
  if (scope.planId !== undefined) q = q.where('t.plan_id', '=', scope.planId);
  if (scope.sectionId !== undefined) q = q.where('t.section_id', '=', scope.sectionId);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.task_id, r.start as string]));
}

/** Closed rounds with a snapshot, in closing order; with `planId`, only rounds that include the plan. */
export async function closedRounds(db: Q, planId: number | undefined) {
  let q = db
    .selectFrom('rounds as ro')
    .innerJoin('round_snapshots as s', 's.round_id', 'ro.id')
    .select(['ro.id', 'ro.title', 'ro.closed_at', 'ro.due_date', 's.taken_at'])
    .where('ro.status', '=', 'closed')
    .orderBy('ro.closed_at')
    .orderBy('ro.id');
  if (planId !== undefined) q = q.where((eb) => eb.exists(eb.selectFrom('round_plans as rp').select(sql.lit(1).as('x')).whereRef('rp.round_id', '=', 'ro.id').where('rp.plan_id', '=', planId)));
  return q.execute();
}

/**
 * The parts of stored snapshots the trend needs, picked out by the database's JSON functions: a
 * snapshot carries the whole ledger (every task), so reading it whole into the app would cost far
 * more than these three small members.
 */
export async function snapshotFigures(db: Q, dialect: Dialect, roundIds: number[]) {
  if (!roundIds.length) return [];
  const pick = (path: string) =>
    dialect === 'postgres' ? sql<string>`(s.content::json -> ${sql.lit(path)})::text` : sql<string>`json_extract(s.content, ${sql.lit(`$.${path}`)})`;
  return db
    .selectFrom('round_snapshots as s')
    .select([sql<number>`s.round_id`.as('round_id'), pick('overall').as('overall'), pick('reporting').as('reporting'), pick('bySection').as('by_section')])
    .where('s.round_id', 'in', roundIds)
    .execute();
}
