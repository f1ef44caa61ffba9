import { addDays } from '../calendar/dates.ts';

export interface BurnupPoint {
  date: string;
  /** Tasks whose last dated deadline is on or before `date`. */
  due: number;
  /** Tasks closed (销号) on or before `date`. */
  done: number;
}

/** A task as the burn-up sees it: its last dated deadline and its closure day. */
export interface BurnupTask {
  lastDue: string | null;
  closedOn: string | null;
}

/** Weekly points at most; a range longer than this is thinned to keep the chart readable. */
const MAX_POINTS = 260;

/**
 * Cumulative due vs done, one point a week from `start` (then every 7 days) and a last point on
 * `end`. Tasks without any dated deadline are never due; a closure counts on its day. Sorted sweeps,
 * so the cost is O(n log n) in tasks whatever the number of points.
 */
export function burnupSeries(tasks: readonly BurnupTask[], start: string, end: string): BurnupPoint[] {
  if (end < start) return [];
  const dues = tasks
    .map((t) => t.lastDue)
    .filter((d): d is string => d !== null)
    .sort();
  const closures = tasks
    .map((t) => t.closedOn)
    .filter((d): d is string => d !== null)
    .sort();
  const dates: string[] = [];
  for (let d = start; d < end && dates.length < MAX_POINTS; d = addDays(d, 7)) dates.push(d);
  dates.push(end);
  let i = 0;
  let j = 0;
  return dates.map((date) => {
    while (i < dues.length && dues[i]! <= date) i += 1;
    while (j < closures.length && closures[j]! <= date) j += 1;
    return { date, due: i, done: j };
  });
}
