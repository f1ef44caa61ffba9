/**
 * What is left of the hand-kept mirror of the API: every shape now comes from its contract in
 * src/core/api/ (type-only imports). The import pages still read theirs through this file.
 */
import type { Span } from '#core/api/common.ts';
import type { DraftDocument, DraftGoal, DraftReadingLevel, ImportDraft, ReadOptions, RereadSummary } from '#core/api/imports.ts';
import type { PlanSummary } from '#core/api/plans.ts';
import type { DraftTask } from '#core/draft/types.ts';
import type { DraftWarning } from '#core/draft/warnings.ts';

export type { DraftDocument, DraftGoal, DraftReadingLevel, DraftTask, DraftWarning, ImportDraft, PlanSummary, RereadSummary, Span };

/** The coordinator's structure choice the draft was last read with; a field left out is the reader's own choice. */
export type DraftReadOptions = ReadOptions;

/** What the editor saves: the document head, goals and tasks (the reading stays the server's). */
export interface DraftContent {
  document: DraftDocument;
  goals: DraftGoal[];
  tasks: DraftTask[];
}
