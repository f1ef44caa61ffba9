/**
 * What is left of the hand-kept mirror of the API: every other shape now comes from its contract in
 * src/core/api/ (type-only imports).
 */
// imports: moves to core/api/imports.ts with issue 10's draft work
import type { PlanSummary } from '../../core/api/plans.ts';
import type { Span } from '../../core/api/common.ts';
import type { DraftTask } from '../../core/draft/types.ts';
import type { DraftWarning } from '../../core/draft/warnings.ts';
import type { PlanLevel } from '../../core/plans/types.ts';

// The import pages read the plan summary through this file; they move to its contract with issue 10.
export type { DraftTask, DraftWarning, PlanSummary, Span };

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

/** One level of the document's numbering as the reader detected it. */
export interface DraftReadingLevel {
  /** The marker form's id, e.g. "cn-paren" for （一）; what "tasks are at this level" sends. */
  form: string;
  /** The first marker of this form as written. */
  example: string;
  depth: number;
  count: number;
  isTaskLevel: boolean;
}

/** The coordinator's structure choice the draft was last read with; a field left out is the reader's own choice. */
export interface DraftReadOptions {
  taskLevel?: string;
  /** Offsets into `source`, each the start of a line that starts a task. */
  taskStarts?: number[];
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
  structure: { levels: DraftReadingLevel[] };
  /** What the reader and the unit check are unsure of, still open. */
  warnings: DraftWarning[];
  readOptions: DraftReadOptions;
}

/** What a re-read did (`POST /api/imports/:id/reread`). */
export interface RereadSummary {
  tasks: number;
  region: Span[];
  reread: number;
  keptEdits: number;
  keptAdded: number;
  droppedEdits: number;
}

export interface DraftContent {
  document: DraftDocument;
  goals: DraftGoal[];
  tasks: DraftTask[];
}
