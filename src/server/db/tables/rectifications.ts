/** Rectification (整改): notices per unit, the unit's answers with evidence, re-checks, and typical-case circulars. */
import type { Generated } from 'kysely';
import type { AnswerStatus, CaseCircularStatus, CasePolarity } from '#core/api/rectifications.ts';
import type { EvidenceKind } from '#core/inspections/evidence.ts';

/** A rectification notice (整改通知书) to one unit; issued when created, its files archived by SHA-256. */
export interface RectificationNoticeTable {
  id: Generated<number>;
  inspection_id: number;
  unit_id: number;
  title: string;
  doc_number: string | null;
  issuer: string;
  clue_class: string;
  override_workdays: number | null;
  /** China day of issue: day 0 of the deadline. */
  issued_on: string;
  due_date: string;
  limit_text: string;
  basis: string;
  /** The rule profile (id, version) the deadline was computed from. */
  profile_id: string;
  profile_version: number;
  requirements: string;
  issued_by: number | null;
  issued_at: string;
  docx_sha256: string;
  pdf_sha256: string;
}

export interface RectificationNoticeFindingTable {
  notice_id: number;
  finding_id: number;
  ordinal: number;
}

/** The unit's answer to one finding of one notice: a draft until submitted; a new one after a failed re-check. */
export interface RectificationAnswerTable {
  id: Generated<number>;
  finding_id: number;
  notice_id: number;
  status: AnswerStatus;
  measures: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  submitted_by: number | null;
  submitted_at: string | null;
}

export interface RectificationEvidenceTable {
  id: Generated<number>;
  answer_id: number;
  kind: EvidenceKind;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  created_by: number | null;
  created_at: string;
}

/** The inspector's re-check (复查) of a submitted answer. */
export interface RectificationRecheckTable {
  id: Generated<number>;
  finding_id: number;
  answer_id: number;
  /** 1 passed (销号), 0 failed (returned). */
  passed: number;
  reasons: string;
  checked_by: number | null;
  checked_at: string;
}

/** A typical-case circular (典型案例通报): not tied to a round; drafted from findings. */
export interface CaseCircularTable {
  id: Generated<number>;
  title: string;
  doc_number: string | null;
  issuer: string;
  status: CaseCircularStatus;
  blocks: string; // JSON CaseCircularBlocks
  created_by: number | null;
  created_at: string;
  updated_at: string;
  issued_by: number | null;
  issued_at: string | null;
  docx_sha256: string | null;
  pdf_sha256: string | null;
}

export interface CaseCircularFindingTable {
  circular_id: number;
  finding_id: number;
  ordinal: number;
  polarity: CasePolarity;
}
