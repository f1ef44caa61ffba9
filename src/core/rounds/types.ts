import type { StatusCounts } from '../api/common.ts';
import type { CheckpointStateName } from '../status/checkpoints.ts';
import type { WorkStatus } from '../status/status.ts';

/**
 * What a dispatch round (调度) froze when it closed: the figures a circular (通报) is written from.
 * It is stored as JSON and never recomputed, so a circular never changes after it is issued.
 * `version` lets a later shape be read next to older snapshots.
 */
export interface RoundSnapshot {
  version: 1;
  round: { id: number; title: string; periodStart: string | null; periodEnd: string | null; dueDate: string };
  /** When the round closed (ISO timestamp) and the China date the statuses were computed for. */
  takenAt: string;
  asOf: string;
  plans: { id: number; number: string | null; title: string }[];
  overall: StatusCounts;
  /** Per section (= indicator for a business-environment plan), in plan and section order. */
  bySection: { planId: number; sectionId: number; title: string; indicatorCode: string | null; counts: StatusCounts }[];
  /** The plans' dated goals measured on `asOf`, over all tasks of the round's plans. */
  checkpoints: { text: string; date: string; due: number; doneByCheckpoint: number; overdue: number; state: CheckpointStateName }[];
  /** Open tasks past a deadline, most overdue first. */
  overdue: { taskId: number; planId: number; number: string; title: string; leadUnits: string[]; responsibleUnits: string[]; dueDate: string; workdaysOverdue: number }[];
  /** Units of the round, best first (see `rankUnits`). */
  units: UnitStanding[];
  /** Who reported for the round, by its due date or late, and who did not. */
  reporting: {
    expected: number;
    onTime: number;
    late: number;
    missing: { unitId: number; name: string }[];
    /** Every unit of the round as it stood at close: a closed round's detail is read from here. */
    units?: UnitReporting[];
  };
  /** Reports of the round that completed work (stage 基本完成 / 已完成): candidates for 好的做法. */
  goodPractices: { taskId: number; number: string; title: string; unitName: string; narrative: string }[];
  /** Every task of the round's plans: the ledger appended to the circular (.xlsx). */
  tasks: SnapshotTask[];
}

// One shape for the snapshot, the dashboards and the public page: the contract's.
export type { StatusCounts };

export interface UnitStanding {
  unitId: number;
  name: string;
  /** Tasks the unit is named on (lead or responsible) in the round's plans. */
  tasks: number;
  done: number;
  overdue: number;
  /** done / tasks (done late included). */
  completionRate: number;
  /** Of the tasks with a deadline passed by `asOf`, the share completed on time. 1 when none has passed. */
  timelinessRate: number;
  /** 1 reported by the round's due date, 0.5 reported late, 0 not reported. */
  reportingScore: number;
  /** Weighted score 0–100 the ranking is sorted by; see `rankUnits` for the weights. */
  score: number;
  rank: number;
}

/**
 * Whether a unit has reported for a round. A report counts once it has been submitted: submitted,
 * accepted, or returned for revision afterwards (the unit did report; the review judges its content).
 */
export interface UnitReporting {
  unitId: number;
  name: string;
  reported: boolean;
  /** The first submission of a counted report (ISO timestamp). */
  reportedAt: string | null;
  /** Reported after the round's due date (China date of `reportedAt` later than `dueDate`). */
  late: boolean;
  /** Counted reports of the unit for the round. */
  reports: number;
}

export interface SnapshotTask {
  taskId: number;
  planId: number;
  number: string;
  title: string;
  sectionTitle: string | null;
  leadUnits: string[];
  responsibleUnits: string[];
  /** Deadlines as written and as dates ('YYYY-MM-DD' or null for 持续推进). */
  deadlines: { text: string; date: string | null }[];
  /** The lead unit's ledger actions (具体举措), one line each. */
  actions: string[];
  status: WorkStatus;
  /** The latest submitted or accepted progress narrative, and its unit. */
  latestProgress: string | null;
  evidenceCount: number;
}
