import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
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

/** What a bulk read covers: every plan, one plan, or (to refresh after writes) a few tasks. */
export interface Scope {
  planId?: number | undefined;
  taskIds?: number[] | undefined;
}

/**
 * The per-task facts kept by triggers in the write's transaction (migration 20261204060000): any
 * non-draft report, the units with a submitted or accepted report, the units named on the task.
 */
type FactsTable = {
  dashboard_task_facts: { task_id: number; progressed: number; reported_units: string | null; units: string | null; milestones: string | null };
};

/**
 * On PostgreSQL a bulk read of numbers, dates and id lists comes back as one text, a line per row
 * and `|` between fields ('' for NULL), split here: decoding 20,000 rows of 7 fields in
 * node-postgres costs the event loop 3-4× the CPU of splitting the same facts out of one string,
 * and PostgreSQL builds the text as fast as it sends the rows (bench/plans/tasks.txt). Never for
 * free text: the values must not contain `|` or a line break.
 */
// biome-ignore lint/suspicious/noExplicitAny: any select of any tables; the helper only wraps it in string_agg.
async function textRows(db: Q, inner: SelectQueryBuilder<any, any, any>, columns: readonly string[], order: readonly string[]): Promise<string[][]> {
  const fields = sql.join(columns.map((c) => sql`coalesce(${sql.ref(`x.${c}`)}::text, '')`), sql`, `);
  const by = sql.join(order.map((c) => sql.ref(`x.${c}`)));
  const row = await db.selectFrom(inner.as('x')).select(sql<string | null>`string_agg(concat_ws('|', ${fields}), E'\n' ORDER BY ${by})`.as('t')).executeTakeFirst();
  return row?.t ? row.t.split('\n').map((line) => line.split('|')) : [];
}

const orNull = (v: string): string | null => (v === '' ? null : v);

/**
 * The tasks of the scope in plan and document order, each with its row of facts: "any non-draft
 * report" (the progress fact of `statusesOf`), the units with a submitted or accepted report, the
 * units named on the task ("12*,40": document order, lead marked) and its milestones. One join of
 * two 20,000-row tables instead of reading 16,000 milestones, 51,600 links and 200,000 reports.
 */
export interface TaskRow {
  id: number;
  plan_id: number;
  section_id: number | null;
  closed_on: string | null;
  progressed: number | string;
  units: string | null;
  reported_units: string | null;
  /** "due~completed" per milestone in document order ('' for none), comma-separated. */
  milestones: string | null;
}

export async function findTasks(db: Q, scope: Scope, dialect: Dialect = 'sqlite'): Promise<TaskRow[]> {
  let q = db
    .withTables<FactsTable>()
    .selectFrom('tasks as t')
    .leftJoin('dashboard_task_facts as f', 'f.task_id', 't.id')
    .select((eb) => ['t.id', 't.plan_id', 't.section_id', 't.closed_on', eb.fn.coalesce('f.progressed', sql.lit(0)).as('progressed'), 'f.units', 'f.reported_units', 'f.milestones']);
  if (scope.planId !== undefined) q = q.where('t.plan_id', '=', scope.planId);
  if (scope.taskIds !== undefined) q = q.where('t.id', 'in', scope.taskIds);
  if (dialect !== 'postgres') return q.orderBy('t.plan_id').orderBy('t.ordinal').execute();
  const rows = await textRows(db, q.select('t.ordinal'), ['id', 'plan_id', 'section_id', 'closed_on', 'progressed', 'units', 'reported_units', 'milestones'], ['plan_id', 'ordinal']);
  return rows.map(([id, plan, section, closed, progressed, units, reported, milestones]): TaskRow => ({
    id: Number(id), plan_id: Number(plan), section_id: section ? Number(section) : null, closed_on: orNull(closed!), progressed: Number(progressed), units: orNull(units!), reported_units: orNull(reported!), milestones: orNull(milestones!),
  }));
}

/** Numbers and titles of the tasks a list shows: some tasks, a section's or a plan's. */
export async function findTaskTitles(db: Q, scope: Scope & { sectionId?: number | undefined }) {
  if (scope.taskIds !== undefined && scope.taskIds.length === 0) return new Map<number, { number: string; title: string }>();
  let q = db.selectFrom('tasks').select(['id', 'number', 'title']);
  if (scope.planId !== undefined) q = q.where('plan_id', '=', scope.planId);
  if (scope.sectionId !== undefined) q = q.where('section_id', '=', scope.sectionId);
  if (scope.taskIds !== undefined) q = q.where('id', 'in', scope.taskIds);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, { number: r.number, title: r.title }]));
}

/** The writes recorded after `since` up to `until` (at most `limit`), oldest first. */
export async function auditSince(db: Q, since: number, until: number, limit: number) {
  return db.selectFrom('audit_events').select(['id', 'entity_type', 'entity_id', 'outcome']).where('id', '>', since).where('id', '<=', until).orderBy('id').limit(limit).execute();
}

/** The tasks some reports or milestones belong to. */
export async function tasksOfReports(db: Q, reportIds: number[]) {
  if (!reportIds.length) return [];
  return (await db.selectFrom('progress_reports').select('task_id').where('id', 'in', reportIds).execute()).map((r) => r.task_id);
}

export async function tasksOfMilestones(db: Q, milestoneIds: number[]) {
  if (!milestoneIds.length) return [];
  return (await db.selectFrom('milestones').select('task_id').where('id', 'in', milestoneIds).execute()).map((r) => r.task_id);
}

/**
 * Distinct accountable (non-collective) units named on tasks of the scope: the ranking's length.
 * One probe of the (unit, role) link index per unit (~1 ms on PostgreSQL at 1,000 units) rather than
 * a distinct count over all 51,600 links (~20 ms, bench/plans/units.txt).
 */
export async function countAccountableUnits(db: Q, planId: number | undefined): Promise<number> {
  const row = await db
    .selectFrom('units as u')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('u.is_collective', '=', 0)
    .where((eb) => eb.exists(eb.selectFrom('task_units as tu').select(sql.lit(1).as('x')).whereRef('tu.unit_id', '=', 'u.id').$if(planId !== undefined, (q) => q.where('tu.plan_id', '=', planId!))))
    .executeTakeFirst();
  return num(row?.n);
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

/** A closed round's trend figures, kept once picked out of its snapshot. */
export interface RoundFigures {
  overall: { total: number; done: number; doneLate: number; overdue: number; completionRate: number };
  reporting: { expected: number; onTime: number; late: number };
  /** Per plan of the round: tasks, finished and overdue, summed over its sections. */
  byPlan: Record<string, { total: number; finished: number; overdue: number }>;
}

type FiguresTable = {
  dashboard_round_figures: { round_id: number; taken_at: string; figures: string };
};

export async function storedRoundFigures(db: Q, roundIds: number[]) {
  if (!roundIds.length) return [];
  return db.withTables<FiguresTable>().selectFrom('dashboard_round_figures').select(['round_id', 'taken_at', 'figures']).where('round_id', 'in', roundIds).execute();
}

export async function storeRoundFigures(db: Q, rows: { round_id: number; taken_at: string; figures: string }[]) {
  if (!rows.length) return;
  await db.withTables<FiguresTable>().insertInto('dashboard_round_figures').values(rows).onConflict((oc) => oc.column('round_id').doNothing()).execute();
}

/**
 * The members of stored snapshots the trend needs, picked out by the database's JSON functions in
 * one parse per snapshot: a snapshot carries the whole ledger (every task), so reading it whole into
 * the app would cost far more than these three small members.
 */
export async function snapshotMembers(db: Q, dialect: Dialect, roundIds: number[]) {
  if (!roundIds.length) return [];
  const picked =
    dialect === 'postgres'
      ? sql<string>`json_build_array(s.content::json -> 'overall', s.content::json -> 'reporting', s.content::json -> 'bySection')::text`
      : sql<string>`json_extract(s.content, '$.overall', '$.reporting', '$.bySection')`;
  return db.selectFrom('round_snapshots as s').select(['s.round_id', 's.taken_at', picked.as('members')]).where('s.round_id', 'in', roundIds).execute();
}
