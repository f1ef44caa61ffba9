import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * What the dashboards read through on the province-scale data set (20,000 tasks, 200,000 reports):
 * covering indexes for the bulk reads of the per-task status table, and a small table of each closed
 * round's trend figures so the trend chart never re-reads multi-megabyte snapshots.
 */
export function dashboardIndexes(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      // Covering, in (task, unit) order: "which tasks have a non-draft report" and "which units
      // reported on which task" are one scan of this index without sorting, "has this task a report"
      // one probe.
      await db.schema.createIndex('progress_reports_task_unit_status_idx').on('progress_reports').columns(['task_id', 'unit_id', 'status']).execute();
      // Covering: the per-task status table reads every task of a scope from the index alone (the
      // table rows also hold the long text and search text).
      await db.schema.createIndex('tasks_dashboard_idx').on('tasks').columns(['plan_id', 'ordinal', 'id', 'section_id', 'closed_on']).execute();
      await db.schema.createIndex('tasks_section_idx').on('tasks').columns(['section_id', 'ordinal']).execute();
      await db.schema.createIndex('task_units_plan_idx').on('task_units').columns(['plan_id', 'task_id', 'ordinal', 'unit_id', 'role']).execute();
      await db.schema.createIndex('milestones_plan_task_idx').on('milestones').columns(['plan_id', 'task_id', 'due_date']).execute();
      await db.schema.createIndex('ledger_entries_task_start_idx').on('ledger_entries').columns(['task_id', 'start_date']).execute();
      // A closed round's trend figures, picked once out of its (large, never changing) snapshot.
      await db.schema
        .createTable('dashboard_round_figures')
        .addColumn('round_id', 'integer', (c) => c.primaryKey().references('rounds.id').onDelete('cascade'))
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull()) // JSON { overall, reporting, bySection }
        .execute();
    },
  };
}
