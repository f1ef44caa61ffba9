/** The enums of progress reports (进展) with their labels, and the narrative limit both ends check. */

/** How far a unit says its part (or the whole task) has come. */
export const REPORT_STAGES = ['not_started', 'in_progress', 'basically_done', 'done'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];
export const STAGE_LABELS: Record<ReportStage, string> = { not_started: '未启动', in_progress: '推进中', basically_done: '基本完成', done: '已完成' };

/** `part`: a unit's own part; `consolidated`: the lead unit's report for the whole task. */
export const REPORT_KINDS = ['part', 'consolidated'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = { part: '单位进展', consolidated: '汇总报告' };

export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REVIEW_DECISIONS = ['accept', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = { accept: '审核通过', return: '退回' };

/** The longest narrative (进展情况) a report, or a ledger sheet's progress column, may carry. */
export const NARRATIVE_MAX = 5000;
