/**
 * Shapes of the Tuijin API as the web app reads them. Mirrors the server's response schemas
 * (src/server/…/…schema.ts); keep the two in step until the client is generated from OpenAPI.
 */
import type { DraftTask } from '../../core/draft/types.ts';
import type { PlanLevel } from '../../core/plans/types.ts';

export type { DraftTask, PlanLevel };

export type Span = [number, number];

export interface Deadline {
  /** The phrase as written, e.g. "6月底前". */
  text: string;
  /** YYYY-MM-DD, or null for open-ended phrases. */
  date: string | null;
}

export interface UnitRef {
  id: number;
  name: string;
  /** The name as the document wrote it, when it is an alias of `name`. */
  asWritten: string;
}

export interface ListResult<T> {
  data: T[];
  total: number;
}

export interface PlanSummary {
  id: number;
  number: string | null;
  title: string;
  issuer: string | null;
  date: string | null;
  year: number | null;
  level: PlanLevel | null;
  taskCount: number;
  sectionCount: number;
}

export interface Section {
  id: number;
  ordinal: number;
  heading: string;
  title: string;
  indicator: { code: string; name: string } | null;
  taskCount: number;
}

export interface Goal {
  id: number;
  text: string;
  date: string | null;
  span: Span | null;
}

export interface PlanDetail {
  id: number;
  number: string | null;
  issuer: string | null;
  date: string | null;
  title: string;
  year: number | null;
  level: PlanLevel | null;
  fileName?: string | null;
  parentPlanId: number | null;
  parentPlan: { id: number; number: string | null; title: string } | null;
  goals: Goal[];
  sections: Section[];
  taskCount: number;
  deadlineCount: number;
  unitCount: number;
}

export type PlanUpdate = Partial<Pick<PlanDetail, 'number' | 'issuer' | 'date' | 'title' | 'year' | 'level' | 'parentPlanId'>>;

export type UnitRole = 'lead' | 'responsible';

export interface TaskSummary {
  id: number;
  sectionId: number | null;
  sectionTitle: string | null;
  path: string[];
  number: string;
  title: string;
  deadlines: Deadline[];
  lead: UnitRef[];
  responsible: UnitRef[];
}

export interface TaskSpans {
  task: Span;
  title: Span;
  text: Span;
  deadlines: Span[];
  lead: Span[];
  responsible: Span[];
}

export interface Milestone {
  id: number;
  text: string;
  /** The clause the date governs (server extension of the contract). */
  clause?: string;
  date: string | null;
  span: Span | null;
}

export interface TaskDetail {
  id: number;
  planId: number;
  plan: { id: number; number: string | null; title: string };
  sectionId: number | null;
  path: string[];
  number: string;
  title: string;
  text: string;
  deadlines: Deadline[];
  lead: UnitRef[];
  responsible: UnitRef[];
  milestones: Milestone[];
  spans: TaskSpans | null;
  /** The task's paragraph(s) and where they start in the plan source; spans minus offset index it. */
  source: { text: string; offset: number } | null;
}

export interface CalendarItem {
  taskId: number;
  number: string;
  title: string;
  sectionTitle: string | null;
  date: string;
  text: string;
  clause?: string;
  units: UnitRef[];
}

export interface PlanCalendar {
  months: { month: string; items: CalendarItem[] }[];
  undated: number;
}

export interface Indicator {
  code: string;
  name: string;
  nameEn: string;
}

export interface UnitSummary {
  id: number;
  name: string;
  isCollective: boolean;
  aliases: string[];
  leadCount: number;
  responsibleCount: number;
}

export interface UnitTask {
  id: number;
  planId: number;
  planNumber: string | null;
  number: string;
  title: string;
  role: UnitRole;
  deadlines: Deadline[];
  nextDue: string | null;
}

export interface UnitDetail {
  id: number;
  name: string;
  isCollective: boolean;
  aliases: string[];
  tasks: UnitTask[];
}

export type AliasReason = 'abbreviation' | 'containment' | 'suffix';

export interface AliasSuggestion {
  unitId: number;
  unitName: string;
  targetId: number;
  targetName: string;
  reason: AliasReason;
}

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

/** The error body every API failure carries. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
