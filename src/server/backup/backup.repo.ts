import type { Kysely, Selectable, Transaction } from 'kysely';
import type { BackupRunStatus, BackupRunTable, BackupTrigger, DB } from '../db/schema.ts';
import { num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface BackupRun {
  id: number;
  trigger: BackupTrigger;
  status: BackupRunStatus;
  startedAt: string;
  finishedAt: string | null;
  file: string | null;
  size: number | null;
  sha256: string | null;
  rows: number | null;
  files: number | null;
  removed: string[];
  error: string | null;
}

function toRun(r: Selectable<BackupRunTable>): BackupRun {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    file: r.file,
    // bigint comes back from pg as a string.
    size: r.size == null ? null : num(r.size),
    sha256: r.sha256,
    rows: r.rows == null ? null : num(r.rows),
    files: r.files == null ? null : num(r.files),
    removed: r.removed ? (JSON.parse(r.removed) as string[]) : [],
    error: r.error,
  };
}

export async function insertRun(db: Q, trigger: BackupTrigger, startedAt: string): Promise<number> {
  const r = await db
    .insertInto('backup_runs')
    .values({
      trigger,
      status: 'running',
      started_at: startedAt,
      finished_at: null,
      file: null,
      size: null,
      sha256: null,
      rows: null,
      files: null,
      removed: null,
      error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface RunEnd {
  status: Exclude<BackupRunStatus, 'running'>;
  finishedAt: string;
  file?: string | null;
  size?: number | null;
  sha256?: string | null;
  rows?: number | null;
  files?: number | null;
  removed?: string[];
  error?: string | null;
}

export async function finishRun(db: Q, id: number, end: RunEnd): Promise<void> {
  await db
    .updateTable('backup_runs')
    .set({
      status: end.status,
      finished_at: end.finishedAt,
      file: end.file ?? null,
      size: end.size ?? null,
      sha256: end.sha256 ?? null,
      rows: end.rows ?? null,
      files: end.files ?? null,
      removed: end.removed?.length ? JSON.stringify(end.removed) : null,
      error: end.error ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Marks runs still 'running' as failed: called while holding the job lock, so no run is really in
 * progress, and such a row is what a node that died mid-backup left behind. Returns how many.
 */
export async function failInterruptedRuns(db: Q, at: string, error: string): Promise<number> {
  const r = await db.updateTable('backup_runs').set({ status: 'failed', finished_at: at, error }).where('status', '=', 'running').executeTakeFirst();
  return num(r.numUpdatedRows);
}

/** When the last run of `trigger` started: the scheduler's "has this slot been run" question. */
export async function lastStartOf(db: Q, trigger: BackupTrigger): Promise<Date | null> {
  const r = await db.selectFrom('backup_runs').select('started_at').where('trigger', '=', trigger).orderBy('started_at', 'desc').limit(1).executeTakeFirst();
  return r ? new Date(r.started_at) : null;
}

export async function recentRuns(db: Q, limit: number): Promise<BackupRun[]> {
  const rows = await db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRun);
}

export async function findRun(db: Q, id: number): Promise<BackupRun | null> {
  const r = await db.selectFrom('backup_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRun(r) : null;
}

/** Active accounts with the admin role: who is told when a scheduled backup fails. */
export async function activeAdminIds(db: Q): Promise<number[]> {
  const rows = await db.selectFrom('users').select(['id', 'roles']).where('is_active', '=', 1).where('roles', 'like', '%admin%').orderBy('id').execute();
  return rows.filter((r) => (JSON.parse(r.roles) as string[]).includes('admin')).map((r) => r.id);
}
