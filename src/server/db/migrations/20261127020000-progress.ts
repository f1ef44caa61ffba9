import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/** Progress reports with evidence attachments, and task closing (销号). */
export function progress(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('progress_reports')
        .$call((t) => idColumn(t, dialect))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('narrative', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('reviewed_at', 'text')
        .addColumn('review_comment', 'text')
        .execute();
      await db.schema.createIndex('progress_reports_task_idx').on('progress_reports').columns(['task_id', 'unit_id']).execute();
      await db.schema.createIndex('progress_reports_status_idx').on('progress_reports').columns(['status', 'kind']).execute();

      await db.schema
        .createTable('attachments')
        .$call((t) => idColumn(t, dialect))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('progress_reports.id').onDelete('cascade'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attachments_report_idx').on('attachments').column('report_id').execute();

      await db.schema
        .createTable('task_events')
        .$call((t) => idColumn(t, dialect))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id'))
        .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
        .addColumn('report_id', 'integer')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('task_events_task_idx').on('task_events').column('task_id').execute();

      await db.schema.alterTable('tasks').addColumn('closed_on', 'text').execute();
      await db.schema.alterTable('tasks').addColumn('closed_by', 'integer').execute();
    },
  };
}
