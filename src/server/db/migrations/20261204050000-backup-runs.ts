import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/**
 * One row per backup run (scheduled or by the job's caller): when it started and ended, what it
 * wrote, whether the archive verified, what retention removed, or why it failed. The settings page
 * shows the latest, and the scheduler reads the last scheduled start to know whether a run is due.
 */
export function backupRuns(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('backup_runs')
        .$call((t) => idColumn(t, dialect))
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('file', 'text')
        .addColumn('size', 'bigint')
        .addColumn('sha256', 'text')
        .addColumn('rows', 'integer')
        .addColumn('files', 'integer')
        .addColumn('removed', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('backup_runs_started_idx').on('backup_runs').columns(['trigger', 'started_at']).execute();
    },
  };
}
