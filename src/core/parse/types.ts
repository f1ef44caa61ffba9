/**
 * The reader's output: the importer contract of DESIGN.md. Every string field the reader takes from
 * the document keeps the character range it came from (`Span`, offsets into the normalised text the
 * reader was given, end exclusive), so a reviewer can see the source clause beside each field.
 */
export type Span = [start: number, end: number];

export interface ParsedDocument {
  number: string | null;
  issuer: string | null;
  /** Issue date, YYYY-MM-DD. */
  date: string | null;
  title: string | null;
  plan_year: number | null;
}

export interface ParsedDeadline {
  /** The phrase exactly as written, e.g. "8月底前". */
  text: string;
  /** YYYY-MM-DD, or null for open-ended phrases (持续推进, 长期坚持). */
  date: string | null;
}

export interface ParsedGoal {
  text: string;
  date: string | null;
}

export interface TaskSpans {
  /** The whole task paragraph(s), number marker included. */
  task: Span;
  title: Span;
  text: Span;
  deadlines: Span[];
  lead: Span[];
  responsible: Span[];
}

export interface ParsedTask {
  /** Headings above the task, as written with their markers, e.g. ["一、开办企业"]. */
  path: string[];
  /** The task's own marker without punctuation, e.g. "1" or "一". */
  number: string;
  title: string;
  text: string;
  deadlines: ParsedDeadline[];
  lead: string[];
  responsible: string[];
  spans: TaskSpans;
}

/** One level of the document's numbering hierarchy, as the reader detected it. */
export interface ReadingLevel {
  /** Stable id of the marker form, e.g. "cn-dun" (一、), "cn-paren" (（一）), "ar-dot" (1．/1.), "ar-paren" ((1)), "circled" (①), "cn-shi" (一是), "article" (第一条). */
  form: string;
  /** The first marker of this form as written in the document, e.g. "（一）". */
  example: string;
  /** 0 = outermost. */
  depth: number;
  /** How many items of this form the document has. */
  count: number;
  /** Whether the reader took this level's items as tasks. */
  isTaskLevel: boolean;
}

export type ReadingWarningCode = 'no_task_level' | 'task_without_unit' | 'long_title' | 'unread_body' | 'unit_not_in_directory';

/** Something the reader is unsure of; `message` is Simplified Chinese for the coordinator. */
export interface ReadingWarning {
  code: ReadingWarningCode;
  message: string;
  taskIndex?: number;
  span?: Span;
}

export interface ReadOptions {
  fileName?: string;
  /** The coordinator's "tasks are at this level": a ReadingLevel.form. */
  taskLevel?: string;
  /** The coordinator's "this line starts a task": offsets into ParsedPlan.source, each the start of a line. */
  taskStarts?: number[];
}

export interface ParsedPlan {
  document: ParsedDocument;
  goals: ParsedGoal[];
  tasks: ParsedTask[];
  /** Body parts of the notice that are not tasks (seed: 工作原则, 重点任务, 保障措施 headings). */
  body?: { principles: string[]; key_tasks: string[]; safeguards: string[] };
  /** The normalised text all spans point into. */
  source: string;
  /** The numbering hierarchy of the part(s) the tasks were read from, outermost first. */
  structure: { levels: ReadingLevel[] };
  /** What the reader is unsure of, in document order. */
  warnings: ReadingWarning[];
}
