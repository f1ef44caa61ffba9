import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { containsText, num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface TaskFilter {
  planId: number;
  sectionId?: number | undefined;
  unitId?: number | undefined;
  role?: 'lead' | 'responsible' | 'any' | undefined;
  /** YYYY-MM: tasks with a milestone due in that month. */
  month?: string | undefined;
  /** Tasks without any dated milestone. */
  noDeadline?: boolean | undefined;
  /** Folded search text (simplified, no spaces). */
  q?: string | undefined;
}

/** One page of a plan's tasks in document order, with the total count for the filter. */
export async function findTasks(db: Q, f: TaskFilter, page: { offset: number; limit: number }) {
  let base = db.selectFrom('tasks as t').leftJoin('sections as s', 's.id', 't.section_id').where('t.plan_id', '=', f.planId);
  if (f.sectionId) base = base.where('t.section_id', '=', f.sectionId);
  if (f.unitId) {
    const unitId = f.unitId;
    const role = f.role ?? 'any';
    base = base.where((eb) =>
      eb.exists(
        eb.selectFrom('task_units as tu').whereRef('tu.task_id', '=', 't.id').where('tu.unit_id', '=', unitId)
          .$if(role !== 'any', (qb) => qb.where('tu.role', '=', role as 'lead' | 'responsible'))
          .select('tu.id'),
      ),
    );
  }
  if (f.month) {
    const from = `${f.month}-01`, to = `${f.month}-31`;
    base = base.where((eb) => eb.exists(eb.selectFrom('milestones as m').whereRef('m.task_id', '=', 't.id').where('m.due_date', '>=', from).where('m.due_date', '<=', to).select('m.id')));
  }
  if (f.noDeadline) {
    base = base.where((eb) => eb.not(eb.exists(eb.selectFrom('milestones as m').whereRef('m.task_id', '=', 't.id').where('m.due_date', 'is not', null).select('m.id'))));
  }
  if (f.q) base = base.where(containsText('t.search_text', f.q));

  const [rows, count] = await Promise.all([
    base
      .select(['t.id', 't.section_id', 's.title as section_title', 't.path', 't.number', 't.title'])
      .orderBy('t.ordinal')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: num(count.c) };
}

export async function findTaskRow(db: Q, id: number) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.plan_id', 'p.number as plan_number', 'p.title as plan_title', 't.section_id', 't.path', 't.number', 't.title', 't.text', 't.span_start', 't.span_end', 't.spans', 't.closed_on'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** Lead and responsible units of the given tasks, in document order. */
export async function unitsOfTasks(db: Q, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .select(['tu.task_id', 'tu.role', 'tu.unit_id', 'u.name', 'tu.name_as_written', 'tu.ordinal'])
    .where('tu.task_id', 'in', taskIds)
    .orderBy('tu.task_id')
    .orderBy('tu.ordinal')
    .execute();
}

export async function milestonesOfTasks(db: Q, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db.selectFrom('milestones').selectAll().where('task_id', 'in', taskIds).orderBy('task_id').orderBy('ordinal').execute();
}

/** Dated milestones of a plan (optionally those of tasks one unit is named on), by due date. */
export async function findCalendar(db: Q, planId: number, unitId?: number) {
  let q = db
    .selectFrom('milestones as m')
    .innerJoin('tasks as t', 't.id', 'm.task_id')
    .leftJoin('sections as s', 's.id', 't.section_id')
    .select(['m.id', 'm.task_id', 'm.due_date', 'm.text', 'm.clause', 't.number', 't.title', 's.title as section_title'])
    .where('m.plan_id', '=', planId)
    .where('m.due_date', 'is not', null)
    .orderBy('m.due_date')
    .orderBy('t.ordinal');
  if (unitId) q = q.where((eb) => eb.exists(eb.selectFrom('task_units as tu').whereRef('tu.task_id', '=', 't.id').where('tu.unit_id', '=', unitId).select('tu.id')));
  return q.execute();
}

export async function countUndatedTasks(db: Q, planId: number, unitId?: number) {
  let q = db
    .selectFrom('tasks as t')
    .select((e) => e.fn.countAll().as('c'))
    .where('t.plan_id', '=', planId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('milestones as m').whereRef('m.task_id', '=', 't.id').where('m.due_date', 'is not', null).select('m.id'))));
  if (unitId) q = q.where((eb) => eb.exists(eb.selectFrom('task_units as tu').whereRef('tu.task_id', '=', 't.id').where('tu.unit_id', '=', unitId).select('tu.id')));
  return num((await q.executeTakeFirstOrThrow()).c);
}

/** What a policy needs to decide on a task: its section and the units named on it. */
/** Who answers for a task (lead and responsible units), with its section, plan and closure (销号) date. */
export async function findTaskScope(db: Q, taskId: number) {
  const task = await db.selectFrom('tasks').select(['id', 'section_id', 'plan_id', 'closed_on']).where('id', '=', taskId).executeTakeFirst();
  if (!task) return undefined;
  const units = await db.selectFrom('task_units').select(['unit_id', 'role']).where('task_id', '=', taskId).execute();
  return {
    sectionId: task.section_id,
    planId: task.plan_id,
    closedOn: task.closed_on,
    leadUnitIds: units.filter((u) => u.role === 'lead').map((u) => u.unit_id),
    responsibleUnitIds: units.filter((u) => u.role === 'responsible').map((u) => u.unit_id),
  };
}

export async function findContacts(db: Q, taskId: number) {
  return db.selectFrom('task_units').select(['id', 'unit_id', 'role', 'contact_name', 'contact_phone', 'note']).where('task_id', '=', taskId).orderBy('role').orderBy('ordinal').execute();
}

export async function updateContact(db: Q, taskId: number, unitId: number, c: { contact_name: string | null; contact_phone: string | null; note: string | null }) {
  await db.updateTable('task_units').set(c).where('task_id', '=', taskId).where('unit_id', '=', unitId).execute();
}

export async function findInstructions(db: Q, taskId: number) {
  return db
    .selectFrom('instructions as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['i.id', 'i.text', 'i.created_at', 'u.display_name'])
    .where('i.task_id', '=', taskId)
    .orderBy('i.id')
    .execute();
}

export async function insertInstruction(db: Q, i: { task_id: number; user_id: number; text: string; created_at: string }) {
  return (await db.insertInto('instructions').values(i).returning('id').executeTakeFirstOrThrow()).id;
}

/** Tasks on which any of the units is named, with the unit's role and contact. */
export async function tasksOfUnits(db: Q, unitIds: number[]) {
  if (!unitIds.length) return [];
  return db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.plan_id', 'p.number as plan_number', 't.number', 't.title', 't.ordinal', 't.closed_on', 'tu.role', 'tu.unit_id', 'tu.contact_name', 'tu.contact_phone', 'tu.note'])
    .where('tu.unit_id', 'in', unitIds)
    .orderBy('t.plan_id')
    .orderBy('t.ordinal')
    .execute();
}

/** A plan's tasks with what their status needs (section, closure). */
export async function tasksOfPlan(db: Q, planId: number) {
  return db.selectFrom('tasks').select(['id', 'section_id', 'closed_on']).where('plan_id', '=', planId).execute();
}
