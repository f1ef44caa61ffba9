/** A checkpoint's state (met, missed, pending): core's labels with their tag colours. */
import { CHECKPOINT_STATE_LABELS, type CheckpointStateName } from '#core/status/checkpoints.ts';

export { CHECKPOINT_STATE_LABELS };

export const CHECKPOINT_STATE_COLORS: Record<CheckpointStateName, string> = {
  pending: 'default',
  met: 'success',
  missed: 'error',
};
