/**
 * The kinds of inspection plan (检查计划) and the words around them. Only 暗访 is covert: a unit learns
 * of it when the coordinator releases its findings, never before.
 */

export const INSPECTION_KINDS = ['open', 'covert', 'focused', 'random'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  open: '明察',
  covert: '暗访',
  focused: '专项督查',
  random: '随机抽查',
};

/** Whether a kind hides the plan itself from the units it targets until release. */
export const isCovertKind = (kind: InspectionKind): boolean => kind === 'covert';

/** How a target unit or an inspector came onto a plan: named by the coordinator or drawn (双随机). */
export const ASSIGNMENT_SOURCES = ['named', 'drawn'] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

export const ASSIGNMENT_SOURCE_LABELS: Record<AssignmentSource, string> = {
  named: '指定',
  drawn: '随机抽取',
};
