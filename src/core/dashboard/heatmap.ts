import { missedOnTime } from './status-table.ts';

/** A task as the heat map reads it: its closure and its milestones. */
export interface HeatmapTask {
  id: number;
  closedOn: string | null;
  milestones: readonly { dueDate: string | null; completedOn?: string | null }[];
}

export interface Heatmap {
  months: string[];
  units: { unitId: number; name: string }[];
  /** [unitIndex, monthIndex, count], only non-zero cells. */
  cells: [number, number, number][];
}

/** Every month 'YYYY-MM' from `first` to `last` inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 600; guard += 1) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * Milestones not met on time (逾期 or 逾期完成 on `today`), counted for every unit named on the task
 * that `counts` accepts, by due month. The `top` units with most such milestones are kept (ties by
 * name); months run without gaps from the first to the last month with a count among them.
 */
export function overdueHeatmap(
  tasks: readonly HeatmapTask[],
  unitsOfTask: ReadonlyMap<number, readonly number[]>,
  nameOf: (unitId: number) => string,
  today: string,
  top = 30,
  counts: (unitId: number) => boolean = () => true,
): Heatmap {
  const perUnit = new Map<number, Map<string, number>>();
  for (const t of tasks) {
    const units = unitsOfTask.get(t.id);
    if (!units) continue;
    for (const m of t.milestones) {
      if (m.dueDate === null || !missedOnTime(m.dueDate, t.closedOn, today, m.completedOn ?? null)) continue;
      const month = m.dueDate.slice(0, 7);
      for (const unitId of units) {
        if (!counts(unitId)) continue;
        let months = perUnit.get(unitId);
        if (!months) perUnit.set(unitId, (months = new Map()));
        months.set(month, (months.get(month) ?? 0) + 1);
      }
    }
  }
  const collator = new Intl.Collator('zh-CN');
  const totals = [...perUnit].map(([unitId, months]) => ({ unitId, name: nameOf(unitId), months, total: [...months.values()].reduce((a, b) => a + b, 0) }));
  totals.sort((a, b) => b.total - a.total || collator.compare(a.name, b.name) || a.unitId - b.unitId);
  const kept = totals.slice(0, top);
  const present = kept.flatMap((u) => [...u.months.keys()]).sort();
  const months = present.length ? monthsBetween(present[0]!, present[present.length - 1]!) : [];
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const cells: [number, number, number][] = [];
  kept.forEach((u, ui) => {
    for (const [month, count] of u.months) cells.push([ui, monthIndex.get(month)!, count]);
  });
  cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { months, units: kept.map((u) => ({ unitId: u.unitId, name: u.name })), cells };
}
