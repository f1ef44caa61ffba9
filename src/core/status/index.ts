export {
  completionAsOf,
  DEFAULT_DUE_SOON_WORKDAYS,
  isDoneStatus,
  milestoneStatus,
  taskStatus,
  WORK_STATUS_LABELS,
  WORK_STATUSES,
  type MilestoneFacts,
  type StatusOptions,
  type TaskFacts,
  type WorkStatus,
} from './status.ts';
export {
  CHECKPOINT_STATE_LABELS,
  checkpointState,
  summariseCheckpoints,
  type Checkpoint,
  type CheckpointCounts,
  type CheckpointState,
  type CheckpointStateName,
  type CheckpointSummary,
  type CheckpointTask,
  type CheckpointWork,
} from './checkpoints.ts';
export { countStatuses } from './counts.ts';
