import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * "One node runs it": a row per job name, taken with one conditional upsert (insert, or take over a
 * lock whose holder let it expire). The same statement works on SQLite and PostgreSQL, and on
 * PostgreSQL `ON CONFLICT` settles two nodes racing for it. The expiry frees the lock of a node that
 * died mid-run.
 */
export async function acquireJobLock(db: Kysely<DB>, name: string, now: Date, ttlMs: number): Promise<string | null> {
  const holder = randomUUID();
  const expires_at = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto('job_locks')
    .values({ name, holder, expires_at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ holder, expires_at }).where('job_locks.expires_at', '<', now.toISOString()))
    .execute();
  const row = await db.selectFrom('job_locks').select('holder').where('name', '=', name).executeTakeFirst();
  return row?.holder === holder ? holder : null;
}

/** Releases the lock if `holder` still has it. */
export async function releaseJobLock(db: Kysely<DB>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_locks').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Extends the lock `holder` still has, for a run longer than one TTL; false when it was lost (expired and taken). */
export async function renewJobLock(db: Kysely<DB>, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const r = await db
    .updateTable('job_locks')
    .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
