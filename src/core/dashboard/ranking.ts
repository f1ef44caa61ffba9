import { metPassedDeadlines, RANKING_WEIGHTS, rankUnits } from '../rounds/snapshot.ts';
import type { UnitStanding } from '../rounds/types.ts';
import { rate } from './status-table.ts';

/** The circulars' weights (completion 50, timeliness 30, reporting 20), so the dashboard ranks as they do. */
export { RANKING_WEIGHTS };

/** What one unit's standing is computed from. */
export interface UnitTally {
  unitId: number;
  name: string;
  /** Distinct tasks the unit is named on (lead or responsible). */
  tasks: number;
  /** Of those, finished (已完成 or 逾期完成). */
  done: number;
  overdue: number;
  /** Tasks with a deadline passed by `asOf`, and of those the ones that met every passed deadline. */
  passed: number;
  met: number;
  /** Tasks on which the unit has a submitted or accepted report. */
  reported: number;
}

/**
 * A unit of the dashboard ranking: a round's standing, with reporting measured as the share of the
 * unit's tasks it has a submitted or accepted report on (there is no round due date to be late for).
 */
export type UnitRank = Omit<UnitStanding, 'reportingScore'> & { reportingRate: number };

// Timeliness is measured as a round snapshot measures it: one rule for circulars and dashboards.
export { metPassedDeadlines };

/**
 * Ranks units best first with the snapshot's `rankUnits`: score = 50% completion + 30% timeliness
 * + 20% reporting (×100, 1 decimal); equal scores ordered by name (pinyin), ranks without gaps.
 */
export function rankUnitTallies(tallies: readonly UnitTally[]): UnitRank[] {
  return rankUnits(
    tallies.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      tasks: u.tasks,
      done: u.done,
      overdue: u.overdue,
      completionRate: rate(u.done, u.tasks),
      timelinessRate: u.passed === 0 ? 1 : rate(u.met, u.passed),
      reportingScore: rate(u.reported, u.tasks),
      deadlinesPassed: u.passed,
    })),
  ).map(({ reportingScore, deadlinesPassed: _, ...u }) => ({ ...u, reportingRate: reportingScore }));
}
