import { statusTable } from '#core/dashboard/status-table.ts';
import type { WorkStatus } from '#core/status/status.ts';
import type { Deps } from '../context.ts';
import { milestonesOfTasks } from './tasks.repo.ts';
import { runtimeSettings } from '../settings/settings.service.ts';
import { tasksWithProgress } from '../reports/reports.repo.ts';

/**
 * Status of each task today, from its milestones, closure and reports: core's one assembler
 * (statusTable), the same the dashboards' cached table uses. When today's look-ahead reaches a year the
 * working-day calendar does not cover, 临期 is not computed rather than guessed. A caller that has
 * read the tasks' milestones already passes them, so they are not read twice.
 */
export async function statusesOf(
  deps: Deps,
  tasks: { id: number; closed_on: string | null }[],
  today = deps.clock.today(),
  milestones?: readonly { task_id: number; due_date: string | null; completed_on: string | null }[],
): Promise<Map<number, WorkStatus>> {
  const ids = tasks.map((t) => t.id);
  const [rows, progressed, settings] = await Promise.all([
    milestones ?? milestonesOfTasks(deps.db, ids),
    tasksWithProgress(deps.db, ids),
    runtimeSettings(deps),
  ]);
  return statusTable(
    tasks.map((t) => ({ id: t.id, closedOn: t.closed_on, progressed: progressed.has(t.id) })),
    rows.map((m) => ({ taskId: m.task_id, dueDate: m.due_date, completedOn: m.completed_on })),
    today,
    settings.calendar,
    { dueSoonWorkdays: settings.reminders.dueSoonWorkdays },
  );
}
