import type { ParsedTask, TaskSpans } from '../parse/types.ts';

/**
 * One task of an import draft as the coordinator edits it before committing (the `DraftTask` of the
 * imports API). `key` is stable across edits so that the editor can keep a row selected while rows
 * around it move; `spans` point into the draft's source text and are null once a task no longer
 * corresponds one-to-one to what the reader found (added, split, or edited by hand).
 */
export interface DraftTask extends Omit<ParsedTask, 'spans'> {
  key: string;
  spans: TaskSpans | null;
}

/** The fields a hand edit may change; everything else is owned by the structural operations. */
export type DraftTaskPatch = Partial<Pick<DraftTask, 'path' | 'number' | 'title' | 'text' | 'deadlines' | 'lead' | 'responsible'>>;
