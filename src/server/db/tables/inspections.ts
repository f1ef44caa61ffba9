/** Inspections (督查): plans, scope, targets, inspectors, the draw, visits, findings and their evidence. */
import type { Generated } from 'kysely';
import type { EvidenceKind } from '#core/inspections/evidence.ts';
import type { FindingPolarity, FindingSource, FindingStatus } from '#core/inspections/findings.ts';
import type { AssignmentSource, InspectionKind } from '#core/inspections/kinds.ts';

/** An inspection plan (检查计划 / 督查方案). */
export interface InspectionPlanTable {
  id: Generated<number>;
  title: string;
  kind: InspectionKind;
  /** The decision, instruction or approval that orders it (督查工作条例 §11). */
  basis: string;
  period_start: string;
  period_end: string;
  method_notes: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  released_by: number | null;
  /** Findings released to the units; before it, units see nothing of a covert plan and no finding at all. */
  released_at: string | null;
}

/** One non-unit scope item: exactly one of plan_id, section_id, indicator_code is set. */
export interface InspectionScopeTable {
  id: Generated<number>;
  inspection_id: number;
  plan_id: number | null;
  section_id: number | null;
  indicator_code: string | null;
}

export interface InspectionScopeUnitTable {
  inspection_id: number;
  unit_id: number;
}

export interface InspectionTargetTable {
  inspection_id: number;
  unit_id: number;
  source: AssignmentSource;
}

export interface InspectionInspectorTable {
  id: Generated<number>;
  inspection_id: number;
  user_id: number;
  /** Null: on the whole plan; else drawn (or named) for this target. */
  target_unit_id: number | null;
  source: AssignmentSource;
}

export interface InspectionDrawTable {
  inspection_id: number;
  seed: string;
  algorithm: string;
  input: string; // JSON DrawInput (src/core/inspections/draw.ts)
  result: string; // JSON DrawResult
  drawn_by: number | null;
  drawn_at: string;
}

export interface InspectionVisitTable {
  id: Generated<number>;
  inspection_id: number;
  unit_id: number;
  visited_at: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  notes: string | null;
  created_by: number | null;
  created_at: string;
}

export interface InspectionVisitInspectorTable {
  visit_id: number;
  user_id: number;
}

export interface InspectionFindingTable {
  id: Generated<number>;
  inspection_id: number;
  visit_id: number;
  unit_id: number;
  polarity: FindingPolarity;
  description: string;
  category: string;
  severity: string;
  location: string | null;
  found_at: string;
  indicator_code: string | null;
  /** Created `found`; rectification moves it on. */
  status: FindingStatus;
  source: FindingSource;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface InspectionFindingTaskTable {
  finding_id: number;
  task_id: number;
}

/** Never updated nor deleted: the file, its hash and the time it arrived are the record. */
export interface InspectionEvidenceTable {
  id: Generated<number>;
  finding_id: number;
  kind: EvidenceKind;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  note: string | null;
  created_by: number | null;
  created_at: string;
}
