import type { Kysely, Transaction } from 'kysely';
import type { DB, NewPlan, PlanUpdate } from '../db/schema.ts';
import { num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Plans with their task and section counts, newest first. */
export async function listPlans(db: Q) {
  const rows = await db
    .selectFrom('plans as p')
    .select((eb) => [
      'p.id', 'p.number', 'p.title', 'p.issuer', 'p.issue_date', 'p.year', 'p.level',
      eb.selectFrom('tasks').whereRef('tasks.plan_id', '=', 'p.id').select((e) => e.fn.countAll().as('c')).as('task_count'),
      eb.selectFrom('sections').whereRef('sections.plan_id', '=', 'p.id').select((e) => e.fn.countAll().as('c')).as('section_count'),
    ])
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, task_count: num(r.task_count), section_count: num(r.section_count) }));
}

export async function findPlanRow(db: Q, id: number) {
  return db
    .selectFrom('plans')
    .select(['id', 'number', 'issuer', 'issue_date', 'title', 'year', 'level', 'parent_plan_id', 'file_name', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findPlanSource(db: Q, id: number) {
  return db.selectFrom('plans').select(['source_text']).where('id', '=', id).executeTakeFirst();
}

/** The plan a document was already imported as: same text, or same document number. */
export async function findDuplicatePlan(db: Q, sourceHash: string, number: string | null) {
  let q = db.selectFrom('plans').select(['id', 'number', 'title']).where('source_hash', '=', sourceHash);
  if (number) q = db.selectFrom('plans').select(['id', 'number', 'title']).where((eb) => eb.or([eb('source_hash', '=', sourceHash), eb('number', '=', number)]));
  return q.executeTakeFirst();
}

export async function findGoals(db: Q, planId: number) {
  return db.selectFrom('plan_goals').selectAll().where('plan_id', '=', planId).orderBy('ordinal').execute();
}

export async function findSections(db: Q, planId: number) {
  const rows = await db
    .selectFrom('sections as s')
    .leftJoin('indicators as i', 'i.code', 's.indicator_code')
    .select((eb) => [
      's.id', 's.ordinal', 's.heading', 's.title', 's.indicator_code', 'i.name as indicator_name',
      eb.selectFrom('tasks').whereRef('tasks.section_id', '=', 's.id').select((e) => e.fn.countAll().as('c')).as('task_count'),
    ])
    .where('s.plan_id', '=', planId)
    .orderBy('s.ordinal')
    .execute();
  return rows.map((r) => ({ ...r, task_count: num(r.task_count) }));
}

export async function findSection(db: Q, id: number) {
  return db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Counts shown on the plan overview. */
export async function countPlanFigures(db: Q, planId: number) {
  const [tasks, deadlines, units] = await Promise.all([
    db.selectFrom('tasks').select((e) => e.fn.countAll().as('c')).where('plan_id', '=', planId).executeTakeFirstOrThrow(),
    db.selectFrom('milestones').select((e) => e.fn.countAll().as('c')).where('plan_id', '=', planId).where('due_date', 'is not', null).executeTakeFirstOrThrow(),
    db.selectFrom('task_units').select((e) => e.fn.count('unit_id').distinct().as('c')).where('plan_id', '=', planId).executeTakeFirstOrThrow(),
  ]);
  return { taskCount: num(tasks.c), deadlineCount: num(deadlines.c), unitCount: num(units.c) };
}

export async function insertPlan(trx: Q, plan: NewPlan): Promise<number> {
  const row = await trx.insertInto('plans').values(plan).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlanRow(trx: Q, id: number, patch: PlanUpdate): Promise<void> {
  await trx.updateTable('plans').set(patch).where('id', '=', id).execute();
}

export async function updateSectionIndicator(trx: Q, id: number, code: string | null): Promise<void> {
  await trx.updateTable('sections').set({ indicator_code: code }).where('id', '=', id).execute();
}

export async function indicatorExists(db: Q, code: string): Promise<boolean> {
  return (await db.selectFrom('indicators').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function listIndicators(db: Q) {
  return db.selectFrom('indicators').selectAll().orderBy('ordinal').execute();
}

export interface GoalRow { ordinal: number; text: string; due_date: string | null; span_start: number | null; span_end: number | null }
export async function insertGoals(trx: Q, planId: number, goals: GoalRow[]): Promise<void> {
  if (goals.length) await trx.insertInto('plan_goals').values(goals.map((g) => ({ ...g, plan_id: planId }))).execute();
}

export async function insertSection(trx: Q, s: { plan_id: number; ordinal: number; heading: string; title: string; indicator_code: string | null }): Promise<number> {
  return (await trx.insertInto('sections').values(s).returning('id').executeTakeFirstOrThrow()).id;
}

export interface TaskRow {
  plan_id: number; section_id: number | null; ordinal: number; number: string; path: string; title: string; text: string;
  search_text: string; span_start: number | null; span_end: number | null; spans: string | null;
}
export async function insertTask(trx: Q, t: TaskRow): Promise<number> {
  return (await trx.insertInto('tasks').values(t).returning('id').executeTakeFirstOrThrow()).id;
}

export interface TaskUnitRow { task_id: number; plan_id: number; unit_id: number; role: 'lead' | 'responsible'; ordinal: number; name_as_written: string }
export interface MilestoneRow { task_id: number; plan_id: number; ordinal: number; text: string; clause: string; due_date: string | null; span_start: number | null; span_end: number | null }

/** Inserts rows in chunks so PostgreSQL's parameter limit and SQLite's variable limit are never hit. */
export async function insertTaskUnitsAndMilestones(trx: Q, units: TaskUnitRow[], milestones: MilestoneRow[]): Promise<void> {
  for (let i = 0; i < units.length; i += 500) await trx.insertInto('task_units').values(units.slice(i, i + 500)).execute();
  for (let i = 0; i < milestones.length; i += 400) await trx.insertInto('milestones').values(milestones.slice(i, i + 400)).execute();
}

export async function anyPlan(db: Q): Promise<boolean> {
  return (await db.selectFrom('plans').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function allSectionIds(db: Q): Promise<{ id: number }[]> {
  return db.selectFrom('sections').select('id').execute();
}
