/** Plans as imported: their goals, sections, tasks and milestones; the indicators; import drafts. */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { PlanLevel } from '#core/plans/types.ts';

export interface PlanTable {
  id: Generated<number>;
  number: string | null;
  issuer: string | null;
  issue_date: string | null;
  title: string;
  year: number | null;
  level: PlanLevel | null;
  parent_plan_id: number | null;
  file_name: string | null;
  /** SHA-256 of the normalised source text: the same document imported twice is refused. */
  source_hash: string;
  source_text: string;
  created_at: string;
}

export interface PlanGoalTable {
  id: Generated<number>;
  plan_id: number;
  ordinal: number;
  text: string;
  due_date: string | null;
  span_start: number | null;
  span_end: number | null;
}

export interface SectionTable {
  id: Generated<number>;
  plan_id: number;
  ordinal: number;
  heading: string;
  title: string;
  indicator_code: string | null;
}

export interface TaskTable {
  id: Generated<number>;
  plan_id: number;
  section_id: number | null;
  ordinal: number;
  number: string;
  path: string; // JSON string[]
  title: string;
  text: string;
  /** Plain-text search key: title + text folded to simplified script. */
  search_text: string;
  span_start: number | null;
  span_end: number | null;
  spans: string | null; // JSON TaskSpans
  /** The day the coordinator accepted the task as done (销号); null while open. */
  closed_on: Generated<string | null>;
  closed_by: Generated<number | null>;
}

export interface MilestoneTable {
  id: Generated<number>;
  task_id: number;
  plan_id: number;
  ordinal: number;
  /** The deadline phrase as written, e.g. "8月底前". */
  text: string;
  /** The clause the deadline governs, from the phrase to the end of its sentence. */
  clause: string;
  due_date: string | null;
  span_start: number | null;
  span_end: number | null;
  /** Closed on its own (销号) by an accepted consolidated report; the task's closure also completes it. */
  completed_on: Generated<string | null>;
  completed_by: Generated<number | null>;
}

export type ImportDraftStatus = 'draft' | 'committed' | 'discarded';

export interface ImportDraftTable {
  id: Generated<number>;
  file_name: string;
  source_hash: string;
  source_text: string;
  content: string; // JSON DraftContent
  status: ImportDraftStatus;
  plan_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface IndicatorTable {
  code: string;
  ordinal: number;
  name: string;
  name_en: string;
}

export type Plan = Selectable<PlanTable>;

export type NewPlan = Insertable<PlanTable>;

export type PlanUpdate = Updateable<PlanTable>;

export type Task = Selectable<TaskTable>;

export type Section = Selectable<SectionTable>;

export type ImportDraft = Selectable<ImportDraftTable>;
