const KEY = 'tuijin.lastPlanId';

/** Remembers the plan last looked at, so that 截止日历 in the menu opens it. */
export function rememberPlan(id: number): void {
  try {
    localStorage.setItem(KEY, String(id));
  } catch {
    // Private mode or storage full: the calendar then opens the first plan, which is fine.
  }
}

/** The remembered plan if it is still among `ids`, else the first of `ids`, else null. */
export function pickPlan(ids: readonly number[], remembered: string | null): number | null {
  const id = remembered !== null ? Number(remembered) : NaN;
  if (ids.includes(id)) return id;
  return ids[0] ?? null;
}

export function recalledPlan(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
