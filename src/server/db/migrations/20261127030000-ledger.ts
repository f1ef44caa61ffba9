import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/** Implementation plans (落实方案) per task, their ledger entries (台账条目), and their review. */
export function ledger(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('ledger_entries')
        .$call((t) => idColumn(t, dialect))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('milestone_id', 'integer', (c) => c.references('milestones.id').onDelete('set null'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('owner', 'text')
        .addColumn('start_date', 'text')
        .addColumn('due_date', 'text')
        .addColumn('deliverable', 'text')
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ledger_entries_task_idx').on('ledger_entries').columns(['task_id', 'unit_id']).execute();

      await db.schema
        .createTable('task_plans')
        .addColumn('task_id', 'integer', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
        .addColumn('reviewed_at', 'text')
        .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('review_comment', 'text')
        .execute();
    },
  };
}
