/**
 * What is left of the hand-kept mirror of the API: every other shape now comes from its contract in
 * src/core/api/ (type-only imports).
 */
// imports: moves to core/api/imports.ts with issue 10's draft work
import type { PlanSummary } from '../../core/api/plans.ts';
import type { Span } from '../../core/api/common.ts';
import type { DraftTask } from '../../core/draft/types.ts';
import type { PlanLevel } from '../../core/plans/types.ts';

// The import pages read the plan summary through this file; they move to its contract with issue 10.
export type { PlanSummary };

export interface DraftDocument {
  number: string | null;
  issuer: string | null;
  date: string | null;
  title: string | null;
  plan_year: number | null;
  level: PlanLevel | null;
  parentPlanId?: number | null;
}

export interface DraftGoal {
  text: string;
  date: string | null;
  span?: Span | null;
}

export interface ImportDraft {
  id: number;
  fileName: string;
  status: 'draft' | 'committed' | 'discarded';
  planId?: number | null;
  document: DraftDocument;
  goals: DraftGoal[];
  tasks: DraftTask[];
  /** The normalised document text all spans point into. */
  source: string;
}

export interface DraftContent {
  document: DraftDocument;
  goals: DraftGoal[];
  tasks: DraftTask[];
}
