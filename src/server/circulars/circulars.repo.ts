import type { Kysely, Transaction } from 'kysely';
import type { CircularTable, DB } from '../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** The round a circular is written from, and its frozen snapshot (JSON) once closed. */
export async function findRoundWithSnapshot(db: Q, roundId: number) {
  return db
    .selectFrom('rounds as r')
    .leftJoin('round_snapshots as s', 's.round_id', 'r.id')
    .select(['r.id', 'r.title', 'r.status', 's.content'])
    .where('r.id', '=', roundId)
    .executeTakeFirst();
}

/** The issuer of the round's first plan, the default 发文机关 of a new circular. */
export async function issuerOfPlans(db: Q, planIds: number[]): Promise<string | null> {
  if (!planIds.length) return null;
  const row = await db.selectFrom('plans').select('issuer').where('id', 'in', planIds).where('issuer', 'is not', null).orderBy('id').executeTakeFirst();
  return row?.issuer ?? null;
}

const columns = [
  'c.id',
  'c.round_id',
  'r.title as round_title',
  'c.title',
  'c.doc_number',
  'c.issuer',
  'c.status',
  'c.blocks',
  'c.created_at',
  'c.updated_at',
  'c.issued_at',
  'c.docx_sha256',
  'c.pdf_sha256',
  'c.xlsx_sha256',
] as const;

export async function findCircularRow(db: Q, id: number) {
  return db
    .selectFrom('circulars as c')
    .innerJoin('rounds as r', 'r.id', 'c.round_id')
    .leftJoin('round_snapshots as s', 's.round_id', 'c.round_id')
    .select([...columns, 's.content as snapshot'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CircularRow = NonNullable<Awaited<ReturnType<typeof findCircularRow>>>;

/** Circulars newest first; without drafts for readers who may not see them. */
export async function findCircularRows(db: Q, includeDrafts: boolean) {
  let q = db
    .selectFrom('circulars as c')
    .innerJoin('rounds as r', 'r.id', 'c.round_id')
    .select([...columns]);
  if (!includeDrafts) q = q.where('c.status', '=', 'issued');
  return q.orderBy('c.id', 'desc').execute();
}

export async function insertCircular(
  trx: Q,
  c: Pick<CircularTable, 'round_id' | 'title' | 'doc_number' | 'issuer' | 'blocks' | 'created_by' | 'created_at' | 'updated_at'>,
): Promise<number> {
  const row = await trx
    .insertInto('circulars')
    .values({ ...c, status: 'draft' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a draft; false when it is no longer a draft (issued meanwhile) or gone. */
export async function updateDraft(
  trx: Q,
  id: number,
  set: Partial<Pick<CircularTable, 'title' | 'doc_number' | 'issuer' | 'blocks' | 'updated_at'>>,
): Promise<boolean> {
  const res = await trx.updateTable('circulars').set(set).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Marks a draft issued with its archived files; false when another request issued it first. */
export async function markIssued(
  trx: Q,
  id: number,
  set: Pick<CircularTable, 'issued_by' | 'issued_at' | 'updated_at' | 'docx_sha256' | 'pdf_sha256' | 'xlsx_sha256'>,
): Promise<boolean> {
  const res = await trx
    .updateTable('circulars')
    .set({ ...set, status: 'issued' })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteDraft(trx: Q, id: number): Promise<boolean> {
  const res = await trx.deleteFrom('circulars').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
