import type { Kysely, Transaction } from 'kysely';
import type { DB, ImportDraftStatus } from '../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function insertDraft(trx: Q, d: { file_name: string; source_hash: string; source_text: string; content: string }, now: string): Promise<number> {
  const row = await trx.insertInto('import_drafts').values({ ...d, status: 'draft', plan_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findDraft(db: Q, id: number) {
  return db.selectFrom('import_drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDraftContent(trx: Q, id: number, content: string, now: string): Promise<void> {
  await trx.updateTable('import_drafts').set({ content, updated_at: now }).where('id', '=', id).execute();
}

export async function setDraftStatus(trx: Q, id: number, status: ImportDraftStatus, planId: number | null, now: string): Promise<void> {
  await trx.updateTable('import_drafts').set({ status, plan_id: planId, updated_at: now }).where('id', '=', id).execute();
}

/** Moves a draft that is still a draft to `status`; false when a concurrent request moved it first. */
export async function claimDraft(trx: Q, id: number, status: Exclude<ImportDraftStatus, 'draft'>, now: string): Promise<boolean> {
  const r = await trx.updateTable('import_drafts').set({ status, updated_at: now }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
