import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function plans(db: Q) {
  return db.selectFrom('plans').select(['id', 'number', 'title', 'year']).orderBy('id', 'desc').execute();
}

/** Tasks of one plan, or of all plans, in document order. */
export async function tasksOfPlans(db: Q, planId?: number) {
  let q = db.selectFrom('tasks').select(['id', 'plan_id', 'section_id', 'number', 'title']);
  if (planId !== undefined) q = q.where('plan_id', '=', planId);
  return q.orderBy('plan_id').orderBy('ordinal').execute();
}

export async function leadUnits(db: Q, planId: number) {
  return db
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .select(['tu.task_id', 'u.name'])
    .where('tu.plan_id', '=', planId)
    .where('tu.role', '=', 'lead')
    .orderBy('tu.task_id')
    .orderBy('tu.ordinal')
    .execute();
}

export async function deadlines(db: Q, planId: number) {
  return db.selectFrom('milestones').select(['task_id', 'text']).where('plan_id', '=', planId).orderBy('task_id').orderBy('ordinal').execute();
}
