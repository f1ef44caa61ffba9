import { RANKING_WEIGHTS, rankUnits } from '../rounds/snapshot.ts';
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

export interface UnitRank {
  unitId: number;
  name: string;
  tasks: number;
  done: number;
  overdue: number;
  completionRate: number;
  /** 1 when none of the unit's deadlines has passed yet. */
  timelinessRate: number;
  /** Share of the unit's tasks it has a submitted or accepted report on. */
  reportingRate: number;
  score: number;
  rank: number;
}

/**
 * Whether a task met its deadlines passed by `asOf` (due before it): each completed — by itself or by
 * the task's closure — on or before its due date; null when none has passed. The rule of a round
 * snapshot's timeliness.
 */
export function metPassedDeadlines(milestones: readonly { dueDate: string | null; completedOn?: string | null }[], closedOn: string | null, asOf: string): boolean | null {
  const closed = closedOn !== null && closedOn <= asOf ? closedOn : null;
  let any = false;
  for (const m of milestones) {
    if (m.dueDate === null || m.dueDate >= asOf) continue;
    any = true;
    // completionAsOf: the earlier of its own closure and the task's, ignoring days after asOf.
    const own = m.completedOn != null && m.completedOn <= asOf ? m.completedOn : null;
    const done = own === null ? closed : closed === null || own <= closed ? own : closed;
    if (done === null || done > m.dueDate) return false;
  }
  return any ? true : null;
}

/**
 * Ranks units best first with the snapshot's `rankUnits`: score = 50% completion + 30% timeliness
 * + 20% reporting (×100, 1 decimal); equal scores ordered by name (pinyin), ranks without gaps.
 */
export function rankUnitTallies(tallies: readonly UnitTally[]): UnitRank[] {
  return rankUnits(
    tallies.map((u) => ({
      unitId: u.unitId, name: u.name, tasks: u.tasks, done: u.done, overdue: u.overdue,
      completionRate: rate(u.done, u.tasks), timelinessRate: u.passed === 0 ? 1 : rate(u.met, u.passed), reportingScore: rate(u.reported, u.tasks), deadlinesPassed: u.passed,
    })),
  ).map(({ reportingScore, deadlinesPassed: _, ...u }) => ({ ...u, reportingRate: reportingScore }));
}
