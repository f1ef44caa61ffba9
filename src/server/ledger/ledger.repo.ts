import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../db/dialect.ts';
import type { DB, LedgerEntryTable, TaskPlanStatus } from '../db/schema.ts';
import { num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;

export type LedgerEntryInput = Pick<LedgerEntryTable, 'milestone_id' | 'action' | 'owner' | 'start_date' | 'due_date' | 'deliverable'>;

export async function entriesOfTasks(db: Q, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db
    .selectFrom('ledger_entries as l')
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .select(['l.id', 'l.task_id', 'l.unit_id', 'u.name as unit_name', 'l.milestone_id', 'l.action', 'l.owner', 'l.start_date', 'l.due_date', 'l.deliverable', 'l.ordinal'])
    .where('l.task_id', 'in', taskIds)
    .orderBy('l.task_id')
    .orderBy('l.unit_id')
    .orderBy('l.ordinal')
    .execute();
}

export async function findEntry(db: Q, id: number) {
  return db.selectFrom('ledger_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEntry(db: Q, e: LedgerEntryInput & { task_id: number; unit_id: number; created_by: number | null; now: string }) {
  const { now, ...rest } = e;
  const max = await db.selectFrom('ledger_entries').select((x) => x.fn.max('ordinal').as('m')).where('task_id', '=', e.task_id).where('unit_id', '=', e.unit_id).executeTakeFirst();
  return (await db.insertInto('ledger_entries').values({ ...rest, ordinal: Number(max?.m ?? 0) + 1, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateEntry(db: Q, id: number, patch: Partial<LedgerEntryInput> & { updated_at: string }) {
  await db.updateTable('ledger_entries').set(patch).where('id', '=', id).execute();
}

export async function deleteEntry(db: Q, id: number) {
  await db.deleteFrom('ledger_entries').where('id', '=', id).execute();
}

/** Replaces a unit's entries on a task (the Excel import writes a unit's whole 具体举措 cell). */
export async function replaceUnitEntries(db: Q, taskId: number, unitId: number, actions: string[], userId: number | null, now: string) {
  await db.deleteFrom('ledger_entries').where('task_id', '=', taskId).where('unit_id', '=', unitId).execute();
  if (actions.length) {
    await db
      .insertInto('ledger_entries')
      .values(actions.map((action, i) => ({ task_id: taskId, unit_id: unitId, milestone_id: null, action, owner: null, start_date: null, due_date: null, deliverable: null, ordinal: i + 1, created_by: userId, created_at: now, updated_at: now })))
      .execute();
  }
}

export async function findPlanOfTask(db: Q, taskId: number) {
  return db.selectFrom('task_plans').selectAll().where('task_id', '=', taskId).executeTakeFirst();
}

export async function plansOfTasks(db: Q, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db.selectFrom('task_plans').selectAll().where('task_id', 'in', taskIds).execute();
}

export async function upsertPlan(db: Q, taskId: number, patch: { status: TaskPlanStatus; submitted_at?: string; submitted_by?: number | null; reviewed_at?: string | null; reviewed_by?: number | null; review_comment?: string | null }) {
  const existing = await findPlanOfTask(db, taskId);
  if (existing) await db.updateTable('task_plans').set(patch).where('task_id', '=', taskId).execute();
  else await db.insertInto('task_plans').values({ task_id: taskId, submitted_at: null, submitted_by: null, reviewed_at: null, reviewed_by: null, review_comment: null, ...patch }).execute();
}

/**
 * In a transaction: locks the task's row until commit, so ledger writes and plan transitions of one
 * task run one after the other (a submit cannot slip between an edit's status check and its write).
 * On SQLite there is nothing to do: Kysely runs every query on one connection and a transaction holds
 * it, so transactions are already serial.
 * FOR NO KEY UPDATE, not FOR UPDATE: it excludes the other lockers just the same, but not the KEY SHARE
 * lock a foreign-key check takes, so a transaction that inserts a row pointing at the task (a review's
 * task event) is not made to wait, which deadlocked with a submit waiting for that transaction's rows.
 */
export async function lockTask(trx: Transaction<DB>, dialect: Dialect, taskId: number): Promise<void> {
  if (dialect === 'postgres') await trx.selectFrom('tasks').select('id').where('id', '=', taskId).forNoKeyUpdate().execute();
}

/**
 * Moves the task's plan to `patch.status` only if it is now in one of `from` (a missing plan counts as
 * draft, and is created for the move). True when it moved; false when another request moved it first.
 */
export async function transitionPlan(trx: Transaction<DB>, taskId: number, from: readonly TaskPlanStatus[], patch: Parameters<typeof upsertPlan>[2]): Promise<boolean> {
  if (from.includes('draft')) {
    await trx.insertInto('task_plans').values({ task_id: taskId, status: 'draft', submitted_at: null, submitted_by: null, reviewed_at: null, reviewed_by: null, review_comment: null }).onConflict((oc) => oc.column('task_id').doNothing()).execute();
  }
  const r = await trx.updateTable('task_plans').set(patch).where('task_id', '=', taskId).where('status', 'in', from).executeTakeFirst();
  return num(r.numUpdatedRows) > 0;
}

/** A plan's tasks in order with their section's ordinal: all of them, or those naming `unitId`. */
export async function ledgerTasks(db: Q, planId: number, unitId: number | null) {
  let q = db.selectFrom('tasks as t').leftJoin('sections as s', 's.id', 't.section_id').select(['t.id', 't.number', 't.title', 't.closed_on', 's.ordinal as section_ordinal']).where('t.plan_id', '=', planId).orderBy('t.ordinal');
  if (unitId) q = q.where((eb) => eb.exists(eb.selectFrom('task_units as tu').whereRef('tu.task_id', '=', 't.id').where('tu.unit_id', '=', unitId).select('tu.id')));
  return q.execute();
}
