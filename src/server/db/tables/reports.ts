/** Progress reports with their evidence, and a task's history and instructions. */
import type { Generated } from 'kysely';
import type { ReportKind, ReportStage, ReportStatus } from '#core/api/reports.ts';
import type { TimelineKind } from '#core/api/tasks.ts';

export interface ProgressReportTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number;
  /** A responsible unit's own part, or the lead unit's consolidated report for the task. */
  kind: ReportKind;
  stage: ReportStage;
  narrative: string;
  status: ReportStatus;
  created_by: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  review_comment: string | null;
  /** The dispatch round the report was made for, if one was open for its plan and unit. */
  round_id: Generated<number | null>;
  /** The milestone a consolidated report closes when accepted at 已完成; null for the whole task. */
  milestone_id: Generated<number | null>;
}

export interface AttachmentTable {
  id: Generated<number>;
  report_id: number;
  /** Files live under DATA_DIR/files by this hash. */
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  created_at: string;
}

/** What a task's history records; instructions (批示) are kept in their own table. */
export type TaskEventKind = Exclude<TimelineKind, 'instruction'>;

export interface TaskEventTable {
  id: Generated<number>;
  task_id: number;
  kind: TaskEventKind;
  user_id: number | null;
  unit_id: number | null;
  report_id: number | null;
  text: string;
  at: string;
}

export interface InstructionTable {
  id: Generated<number>;
  task_id: number;
  user_id: number;
  text: string;
  created_at: string;
}
