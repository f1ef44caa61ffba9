/** Shaping the unit's task list (`GET /api/me/tasks`): soonest deadline first, and the counts by role. */
export interface DueTask {
  id: number;
  planId: number;
  number: string;
  role: 'lead' | 'responsible';
  nextDue: string | null;
}

/** Soonest `nextDue` first (overdue ones lead), undated last; then by plan and task number. */
export function sortByDue<T extends DueTask>(tasks: readonly T[]): T[] {
  return [...tasks].sort((a, b) => {
    if (a.nextDue !== b.nextDue) {
      if (a.nextDue === null) return 1;
      if (b.nextDue === null) return -1;
      return a.nextDue < b.nextDue ? -1 : 1;
    }
    if (a.planId !== b.planId) return a.planId - b.planId;
    return a.number.localeCompare(b.number, 'zh-CN', { numeric: true });
  });
}

export interface RoleCounts {
  /** Distinct tasks (a unit both leads and shares a task only rarely, but then it counts once). */
  total: number;
  lead: number;
  responsible: number;
}

export function roleCounts(tasks: readonly DueTask[]): RoleCounts {
  const all = new Set<number>();
  const lead = new Set<number>();
  const responsible = new Set<number>();
  for (const t of tasks) {
    all.add(t.id);
    (t.role === 'lead' ? lead : responsible).add(t.id);
  }
  return { total: all.size, lead: lead.size, responsible: responsible.size };
}

/** How many tasks fall due from `today` to `today` + `days` (inclusive), for the "due soon" figure. */
export function dueWithin(tasks: readonly DueTask[], today: string, days: number): number {
  const end = new Date(`${today}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + days);
  const last = end.toISOString().slice(0, 10);
  return new Set(tasks.filter((t) => t.nextDue !== null && t.nextDue >= today && t.nextDue <= last).map((t) => t.id)).size;
}
