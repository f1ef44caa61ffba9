/**
 * The contract of progress reports (进展), their evidence, reviews (审核) and reopening; with the
 * report enums, their labels and the narrative limit both ends check.
 */
import { z } from 'zod';
import { NARRATIVE_MAX, REPORT_KINDS, REPORT_STAGES, REPORT_STATUSES, REVIEW_DECISIONS } from '../reports/reports.ts';
import { listResult, OkSchema } from './common.ts';

// The enums live in core/reports (no zod), so the web can take their values without the schemas.
export { NARRATIVE_MAX, REPORT_KIND_LABELS, REPORT_KINDS, REPORT_STAGES, REPORT_STATUSES, REVIEW_DECISION_LABELS, REVIEW_DECISIONS, STAGE_LABELS } from '../reports/reports.ts';
export type { ReportKind, ReportStage, ReportStatus, ReviewDecision } from '../reports/reports.ts';


const Stage = z.enum(REPORT_STAGES);

/** An evidence file (佐证材料) of a report. */
export const AttachmentSchema = z.object({ id: z.number(), fileName: z.string(), size: z.number(), mime: z.string(), sha256: z.string() });
export type Attachment = z.infer<typeof AttachmentSchema>;

export const ReportSchema = z.object({
  id: z.number(), taskId: z.number(), unitId: z.number(), unitName: z.string(), kind: z.enum(REPORT_KINDS), stage: Stage, narrative: z.string(),
  status: z.enum(REPORT_STATUSES), reviewComment: z.string().nullable(), submittedAt: z.string().nullable(), reviewedAt: z.string().nullable(),
  /** The dispatch round the report was made for, if any. */
  roundId: z.number().nullable(),
  /** The milestone this consolidated report asks to close; null for the whole task. */
  milestoneId: z.number().nullable(),
  attachments: z.array(AttachmentSchema),
});
export type Report = z.infer<typeof ReportSchema>;
export const ReportListSchema = listResult(ReportSchema);

const Narrative = z.string().trim().max(NARRATIVE_MAX, `进展情况不超过 ${NARRATIVE_MAX} 字`);
// roundId: the dispatch round the report is made for; without it, the open round of the plan and unit (if any).
export const ReportCreateSchema = z.object({ unitId: z.number().int().positive(), kind: z.enum(REPORT_KINDS), stage: Stage, narrative: Narrative, roundId: z.number().int().positive().nullish(), milestoneId: z.number().int().positive().nullish() }).strict();
export type ReportCreate = z.input<typeof ReportCreateSchema>;
export const ReportPatchSchema = z.object({ stage: Stage.optional(), narrative: Narrative.optional(), milestoneId: z.number().int().positive().nullable().optional() }).strict();
export type ReportUpdate = z.input<typeof ReportPatchSchema>;
export const ReviewBodySchema = z.object({ decision: z.enum(REVIEW_DECISIONS), comment: z.string().trim().max(2000).nullable().default(null) }).strict();
export type ReviewBody = z.input<typeof ReviewBodySchema>;
export const AttachmentParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });
export const ReopenBodySchema = z.object({ reason: z.string().trim().min(1, '请填写重新打开的原因').max(500) }).strict();
export { OkSchema };

/** A submitted consolidated report awaiting the coordinator (`GET /api/reviews`). */
export const ReviewItemSchema = z.object({ reportId: z.number(), taskId: z.number(), taskNumber: z.string(), taskTitle: z.string(), planNumber: z.string().nullable(), unitName: z.string(), stage: Stage, narrative: z.string(), submittedAt: z.string().nullable(), attachmentCount: z.number() });
export type ReviewItem = z.infer<typeof ReviewItemSchema>;
export const ReviewQueueSchema = listResult(ReviewItemSchema);

