import { rate } from './status-table.ts';

/**
 * Weights of the unit score (0–100): completion 50, timeliness 30, reporting 20 — the weights of
 * `UnitStanding.score` in round snapshots, so the dashboard ranks units as circulars do.
 */
export const SCORE_WEIGHTS = { completion: 50, timeliness: 30, reporting: 20 } as const;

/** What one unit's standing is computed from. */
export interface UnitTally {
  unitId: number;
  name: string;
  /** Distinct tasks the unit is named on (lead or responsible). */
  tasks: number;
  /** Of those, finished (已完成 or 逾期完成). */
  done: number;
  overdue: number;
  /** Tasks whose last deadline has passed by `asOf`, and of those the ones finished on time (已完成). */
  due: number;
  dueOnTime: number;
  /** Tasks on which the unit has a submitted or accepted report. */
  reported: number;
}

export interface UnitRank {
  unitId: number;
  name: string;
  tasks: number;
  done: number;
  overdue: number;
  completionRate: number;
  /** 1 when none of the unit's tasks is due yet. */
  timelinessRate: number;
  reportingRate: number;
  score: number;
  rank: number;
}

/** Score 0–100 with one decimal, from rates in 0–1. */
export function unitScore(completionRate: number, timelinessRate: number, reportingRate: number): number {
  const w = SCORE_WEIGHTS;
  return Math.round((w.completion * completionRate + w.timeliness * timelinessRate + w.reporting * reportingRate) * 10) / 10;
}

/**
 * Ranks units best first: by score, then completion, then name (zh-CN collation) so the order is
 * stable. Equal scores share a rank (1, 2, 2, 4) — a leader reading the table should not see two
 * units with the same score ranked apart.
 */
export function rankUnitTallies(tallies: readonly UnitTally[]): UnitRank[] {
  const rows = tallies.map((u) => {
    const completionRate = rate(u.done, u.tasks);
    const timelinessRate = u.due === 0 ? 1 : rate(u.dueOnTime, u.due);
    const reportingRate = rate(u.reported, u.tasks);
    return {
      unitId: u.unitId, name: u.name, tasks: u.tasks, done: u.done, overdue: u.overdue,
      completionRate, timelinessRate, reportingRate, score: unitScore(completionRate, timelinessRate, reportingRate), rank: 0,
    };
  });
  const collator = new Intl.Collator('zh-CN');
  rows.sort((a, b) => b.score - a.score || b.completionRate - a.completionRate || collator.compare(a.name, b.name) || a.unitId - b.unitId);
  rows.forEach((r, i) => {
    r.rank = i > 0 && rows[i - 1]!.score === r.score ? rows[i - 1]!.rank : i + 1;
  });
  return rows;
}
