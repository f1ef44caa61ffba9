import type { Deps } from '../context.ts';
import { milestonesOfTasks } from './tasks.repo.ts';

export interface Deadline {
  text: string;
  date: string | null;
}

/** Each task's deadlines (its milestones' phrases and dates), in document order. */
export async function deadlinesByTask(deps: Deps, taskIds: number[]): Promise<Map<number, Deadline[]>> {
  const map = new Map<number, Deadline[]>();
  for (const m of await milestonesOfTasks(deps.db, [...new Set(taskIds)]))
    map.set(m.task_id, [...(map.get(m.task_id) ?? []), { text: m.text, date: m.due_date }]);
  return map;
}

/** The earliest dated deadline, or null when none has a date. */
export function nextDue(deadlines: readonly Deadline[]): string | null {
  return (
    deadlines
      .map((d) => d.date)
      .filter((d): d is string => d != null)
      .sort()[0] ?? null
  );
}

/** Soonest next deadline first, undated last. */
export const bySoonestDue = (a: { nextDue: string | null }, b: { nextDue: string | null }): number => (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999');
