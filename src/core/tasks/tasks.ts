/** The enums of tasks with their labels: how a unit is named on a task, and what a task's history records. */

/** The two ways a unit is named on a task: it leads (牵头) or shares the work (责任). */
export const UNIT_ROLES = ['lead', 'responsible'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
export const UNIT_ROLE_LABELS: Record<UnitRole, string> = { lead: '牵头', responsible: '责任' };

/** `plan`: the implementation plan and ledger (落实方案、工作台账) submitted, approved or returned. */
export const TIMELINE_KINDS = ['report', 'review', 'instruction', 'close', 'reopen', 'plan'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = { report: '填报', review: '审核', instruction: '领导批示', close: '销号', reopen: '重新打开', plan: '落实方案' };
