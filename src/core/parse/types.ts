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

export interface ParsedPlan {
  document: ParsedDocument;
  goals: ParsedGoal[];
  tasks: ParsedTask[];
  /** Body parts of the notice that are not tasks (seed: 工作原则, 重点任务, 保障措施 headings). */
  body?: { principles: string[]; key_tasks: string[]; safeguards: string[] };
  /** The normalised text all spans point into. */
  source: string;
}
