import { completionAsOf, type MilestoneFacts } from './status.ts';

/** A dated goal of the plan every unit is measured against ("6月底前取得实质性进展"). */
export interface Checkpoint {
  text: string;
  /** 'YYYY-MM-DD'; goals without a date are skipped by `summariseCheckpoints`. */
  date: string | null;
}

/** 未到期 until the checkpoint day has passed, then 达标 or 未达标. */
export const CHECKPOINT_STATES = ['pending', 'met', 'missed'] as const;
export type CheckpointStateName = (typeof CHECKPOINT_STATES)[number];

export const CHECKPOINT_STATE_LABELS: Record<CheckpointStateName, string> = {
  pending: '未到期',
  met: '达标',
  missed: '未达标',
};

/** The part of a task a checkpoint measures. */
export interface CheckpointWork {
  milestones: readonly MilestoneFacts[];
  /** The task's closure (销号) day, which completes its open milestones. */
  closedOn?: string | null;
}

/** A task as the checkpoint summary sees it. */
export interface CheckpointTask<UnitId = string, SectionId = string> extends CheckpointWork {
  sectionId: SectionId;
  /** Every unit named on the task, lead and responsible: each is measured on all of it. */
  unitIds: readonly UnitId[];
}

/** Milestone counts of one checkpoint, over the milestones due on or before its date. */
export interface CheckpointCounts {
  /** Dated milestones due on or before the checkpoint date. */
  due: number;
  /** Of those, completed on or before the checkpoint date (late ones included). */
  doneByCheckpoint: number;
  /** Of those, completed (by `today`) after their own due date. */
  doneLate: number;
  /** Of those, still open on `today` and past their due date. */
  overdue: number;
}

export interface CheckpointState {
  checkpoint: Checkpoint;
  counts: CheckpointCounts;
  state: CheckpointStateName;
}

/**
 * One checkpoint measured over some tasks (one unit's or one section's) on `today`.
 * - Only milestones with a due date on or before the checkpoint date count; a task's closure
 *   completes its open milestones on the closure day. Completions after `today` are ignored.
 * - State: 未到期 while `today` is on or before the checkpoint date (the day itself still counts);
 *   afterwards 达标 when every counted milestone was completed by the checkpoint date (also when
 *   none was due — the counts show `due: 0`), else 未达标.
 */
export function checkpointState(checkpoint: Checkpoint & { date: string }, tasks: readonly CheckpointWork[], today: string): CheckpointState {
  const counts: CheckpointCounts = { due: 0, doneByCheckpoint: 0, doneLate: 0, overdue: 0 };
  for (const task of tasks) {
    for (const m of task.milestones) {
      if (m.dueDate === null || m.dueDate > checkpoint.date) continue;
      counts.due += 1;
      const completed = completionAsOf(m, today, task.closedOn ?? null);
      if (completed !== null && completed <= checkpoint.date) counts.doneByCheckpoint += 1;
      if (completed !== null && completed > m.dueDate) counts.doneLate += 1;
      if (completed === null && today > m.dueDate) counts.overdue += 1;
    }
  }
  const state: CheckpointStateName = today <= checkpoint.date ? 'pending' : counts.doneByCheckpoint === counts.due ? 'met' : 'missed';
  return { checkpoint, counts, state };
}

export interface CheckpointSummary<UnitId, SectionId> {
  /** Per unit, one state per dated checkpoint in the order given. */
  byUnit: Map<UnitId, CheckpointState[]>;
  /** Per section, one state per dated checkpoint in the order given. */
  bySection: Map<SectionId, CheckpointState[]>;
}

/**
 * Every dated checkpoint for every unit and every section that has tasks. A task counts once for
 * each distinct unit named on it and once for its section.
 */
export function summariseCheckpoints<UnitId, SectionId>(
  goals: readonly Checkpoint[],
  tasks: readonly CheckpointTask<UnitId, SectionId>[],
  today: string,
): CheckpointSummary<UnitId, SectionId> {
  const dated = goals.filter((g): g is Checkpoint & { date: string } => g.date !== null);
  const unitTasks = new Map<UnitId, CheckpointTask<UnitId, SectionId>[]>();
  const sectionTasks = new Map<SectionId, CheckpointTask<UnitId, SectionId>[]>();
  const push = <K>(map: Map<K, CheckpointTask<UnitId, SectionId>[]>, key: K, task: CheckpointTask<UnitId, SectionId>) => {
    const list = map.get(key);
    if (list) list.push(task);
    else map.set(key, [task]);
  };
  for (const task of tasks) {
    for (const unitId of new Set(task.unitIds)) push(unitTasks, unitId, task);
    push(sectionTasks, task.sectionId, task);
  }
  const measure = <K>(map: Map<K, CheckpointTask<UnitId, SectionId>[]>) =>
    new Map([...map].map(([key, list]) => [key, dated.map((g) => checkpointState(g, list, today))] as const));
  return { byUnit: measure(unitTasks), bySection: measure(sectionTasks) };
}
