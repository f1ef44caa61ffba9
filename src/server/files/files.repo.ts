import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * Every column that names a stored file by its SHA-256. A new table that keeps files in the store
 * must be added here, or the file collector will take its files for orphans.
 */
const FILE_COLUMNS = [
  { table: 'attachments', column: 'sha256' },
  { table: 'circulars', column: 'docx_sha256' },
  { table: 'circulars', column: 'pdf_sha256' },
  { table: 'circulars', column: 'xlsx_sha256' },
  { table: 'inspection_evidence', column: 'sha256' },
  { table: 'rectification_notices', column: 'docx_sha256' },
  { table: 'rectification_notices', column: 'pdf_sha256' },
  { table: 'rectification_evidence', column: 'sha256' },
  { table: 'case_circulars', column: 'docx_sha256' },
  { table: 'case_circulars', column: 'pdf_sha256' },
] as const;

/** The hashes of every stored file some row refers to. */
export async function referencedHashes(db: Q): Promise<Set<string>> {
  const hashes = new Set<string>();
  for (const { table, column } of FILE_COLUMNS) {
    const rows = await db.selectFrom(table).select(`${column} as sha256`).distinct().where(column, 'is not', null).execute();
    for (const r of rows) if (r.sha256) hashes.add(r.sha256);
  }
  return hashes;
}

/** True when some row still refers to the file `sha256`. */
export async function isHashReferenced(db: Q, sha256: string): Promise<boolean> {
  for (const { table, column } of FILE_COLUMNS) {
    if (await db.selectFrom(table).select(column).where(column, '=', sha256).limit(1).executeTakeFirst()) return true;
  }
  return false;
}
