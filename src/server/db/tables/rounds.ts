/** Dispatch rounds, their members and frozen snapshots, and the circulars written from them. */
import type { Generated } from 'kysely';
import type { CircularStatus } from '#core/api/circulars.ts';
import type { RoundStatus } from '#core/api/rounds.ts';

/** A dispatch round (调度): units report for it until it closes; closing freezes its snapshot. */
export interface RoundTable {
  id: Generated<number>;
  title: string;
  period_start: string | null;
  period_end: string | null;
  due_date: string;
  status: RoundStatus;
  note: string | null;
  created_by: number | null;
  created_at: string;
  closed_by: number | null;
  closed_at: string | null;
}

export interface RoundPlanTable {
  round_id: number;
  plan_id: number;
}

export interface RoundUnitTable {
  round_id: number;
  unit_id: number;
}

export interface RoundSnapshotTable {
  round_id: number;
  taken_at: string;
  content: string; // JSON RoundSnapshot
  /** Units expected to report and units that had reported at the close. */
  expected: Generated<number>;
  reported: Generated<number>;
}

/** A circular (通报) written from a closed round's snapshot; once issued its files are archived. */
export interface CircularTable {
  id: Generated<number>;
  round_id: number;
  title: string;
  doc_number: string | null;
  issuer: string;
  status: CircularStatus;
  blocks: string; // JSON CircularBlocks
  created_by: number | null;
  created_at: string;
  updated_at: string;
  issued_by: number | null;
  issued_at: string | null;
  docx_sha256: string | null;
  pdf_sha256: string | null;
  xlsx_sha256: string | null;
}
