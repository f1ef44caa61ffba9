import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Indexes the dashboards read through on the province-scale data set (20,000 tasks, 200,000 reports):
 * "has this task / this unit on this task a report in status X" is answered from the index alone,
 * and a section's tasks and a plan's unit links are found without scanning their tables.
 */
export function dashboardIndexes(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('progress_reports_task_status_idx').on('progress_reports').columns(['task_id', 'status', 'unit_id']).execute();
      await db.schema.createIndex('tasks_section_idx').on('tasks').columns(['section_id', 'ordinal']).execute();
      await db.schema.createIndex('task_units_plan_idx').on('task_units').columns(['plan_id', 'task_id']).execute();
      await db.schema.createIndex('ledger_entries_task_start_idx').on('ledger_entries').columns(['task_id', 'start_date']).execute();
    },
  };
}
