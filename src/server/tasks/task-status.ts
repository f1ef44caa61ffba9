import { taskStatus, type MilestoneFacts, type WorkStatus } from '#core/status/status.ts';
import type { Deps } from '../context.ts';
import { milestonesOfTasks } from './tasks.repo.ts';
import { runtimeSettings } from '../settings/settings.service.ts';
import { tasksWithProgress } from '../reports/reports.repo.ts';

/**
 * Status of each task today, from its milestones, closure and reports. When today's look-ahead
 * reaches a year the working-day calendar does not cover, 临期 is not computed rather than guessed.
 */
export async function statusesOf(deps: Deps, tasks: { id: number; closed_on: string | null }[], today = deps.clock.today()): Promise<Map<number, WorkStatus>> {
  const ids = tasks.map((t) => t.id);
  const [milestones, progressed, settings] = await Promise.all([milestonesOfTasks(deps.db, ids), tasksWithProgress(deps.db, ids), runtimeSettings(deps)]);
  const { calendar } = settings;
  const dueSoonWorkdays = settings.reminders.dueSoonWorkdays;
  const byTask = new Map<number, MilestoneFacts[]>();
  for (const m of milestones) {
    const facts = { dueDate: m.due_date, completedOn: m.completed_on, hasProgress: false };
    const list = byTask.get(m.task_id);
    if (list) list.push(facts);
    else byTask.set(m.task_id, [facts]);
  }
  const out = new Map<number, WorkStatus>();
  for (const t of tasks) {
    const facts = { milestones: byTask.get(t.id) ?? [], closedOn: t.closed_on, hasProgress: progressed.has(t.id) };
    try {
      out.set(t.id, taskStatus(facts, today, calendar, { dueSoonWorkdays }));
    } catch {
      out.set(t.id, taskStatus(facts, today, calendar, { dueSoonWorkdays: 0 }));
    }
  }
  return out;
}
