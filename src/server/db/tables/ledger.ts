/** Ledgers (台账): entries and the lead unit's implementation plan per task. */
import type { Generated } from 'kysely';
import type { LedgerPlanStatus } from '#core/ledger/rules.ts';

export interface LedgerEntryTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number;
  /** The task milestone this action serves, if any. */
  milestone_id: number | null;
  action: string;
  owner: string | null;
  start_date: string | null;
  due_date: string | null;
  deliverable: string | null;
  ordinal: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type TaskPlanStatus = LedgerPlanStatus;

/** The lead unit's implementation plan for a task: its ledger as a whole, submitted for approval. */
export interface TaskPlanTable {
  task_id: number;
  status: TaskPlanStatus;
  submitted_at: string | null;
  submitted_by: number | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  review_comment: string | null;
}
