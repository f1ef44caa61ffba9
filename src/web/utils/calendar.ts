/** Shaping the plan calendar (`GET /api/plans/:id/calendar`) for the month list and the month grid. */
export interface DatedItem {
  date: string;
  taskId: number;
}

export interface MonthBucket<T extends DatedItem> {
  month: string;
  items: T[];
}

/** Items of all months keyed by day (YYYY-MM-DD), for drawing a month grid. */
export function itemsByDate<T extends DatedItem>(months: readonly MonthBucket<T>[]): Map<string, T[]> {
  const byDate = new Map<string, T[]>();
  for (const m of months) {
    for (const item of m.items) {
      const list = byDate.get(item.date);
      if (list) list.push(item);
      else byDate.set(item.date, [item]);
    }
  }
  return byDate;
}

/**
 * The month to open on: `today`'s month when it has items, else the next month that has any, else
 * the last month (a plan that is over shows its end), or null without items.
 */
export function defaultMonth(months: readonly MonthBucket<DatedItem>[], today: string): string | null {
  const withItems = months
    .filter((m) => m.items.length > 0)
    .map((m) => m.month)
    .sort();
  if (withItems.length === 0) return null;
  const current = today.slice(0, 7);
  return withItems.find((m) => m >= current) ?? withItems[withItems.length - 1] ?? null;
}

/** Number of distinct tasks among a month's milestones (a task may have two in one month). */
export function countTasks(items: readonly DatedItem[]): number {
  return new Set(items.map((i) => i.taskId)).size;
}

/** Where a day stands relative to today: for colouring due dates. */
export function dueState(date: string, today: string): 'past' | 'soon' | 'later' {
  if (date < today) return 'past';
  const inTwoWeeks = new Date(`${today}T00:00:00Z`);
  inTwoWeeks.setUTCDate(inTwoWeeks.getUTCDate() + 14);
  return date <= inTwoWeeks.toISOString().slice(0, 10) ? 'soon' : 'later';
}
