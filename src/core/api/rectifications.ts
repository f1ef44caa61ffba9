/**
 * The contract of rectification (整改): the deadline rule profile, notices (整改通知书) per unit, the
 * unit's answer per finding with evidence, the inspector's re-check (复查), the rectification views
 * (rate, overdue per unit) and typical-case circulars (典型案例通报).
 */
import { z } from 'zod';
import { CASE_BLOCK_KEYS, CASE_BLOCK_LABELS, CASE_POLARITIES, type CaseCircularBlocks } from '../circulars/cases.ts';
import { EVIDENCE_KINDS } from '../inspections/evidence.ts';
import { FINDING_STATUSES } from '../inspections/findings.ts';
import { INSPECTION_KINDS } from '../inspections/kinds.ts';
import { RectificationProfileInputSchema, RectificationProfileSchema } from '../inspections/rectification-profile.ts';
import { normalizeDocNumber } from './circulars.ts';
import { listResult } from './common.ts';

export { CASE_BLOCK_KEYS, CASE_BLOCK_LABELS, CASE_POLARITIES, CASE_POLARITY_LABELS } from '../circulars/cases.ts';
export type { CaseCircularBlocks, CasePolarity } from '../circulars/cases.ts';
export { RECTIFICATION_EVENT_LABELS } from '../inspections/rectification.ts';
export { LIMIT_UNIT_LABELS, LIMIT_UNITS, XUCHANG_2025_PROFILE } from '../inspections/rectification-profile.ts';
export type { RectificationProfile } from '../inspections/rectification-profile.ts';
export { RectificationProfileInputSchema, RectificationProfileSchema };

const Id = z.number().int().positive();
const QueryId = z.coerce.number().int().positive().optional();
const DocNumber = z
  .string()
  .trim()
  .max(50, '文号不超过 50 字')
  .transform((s) => (s ? normalizeDocNumber(s) : null))
  .nullable();

/** `POST /api/rectifications/notices`: one notice to one unit, listing its released problem findings of one inspection. */
export const NoticeCreateSchema = z
  .object({
    inspectionId: Id,
    unitId: Id,
    /** Left out: every released problem finding of the unit in the inspection still to be noticed (found). */
    findingIds: z.array(Id).min(1, '请至少选择一个问题').max(200, '一份通知最多 200 个问题').optional(),
    /** The clue class of the profile (C/B/A); left out: the profile's default class. */
    clueClass: z.string().trim().min(1).max(8).optional(),
    /** The office's own limit for this notice, in working days; it wins over the class. */
    overrideWorkdays: z.number().int('时限应为整数').min(1, '时限至少为 1 个工作日').max(250, '时限不超过 250 个工作日').nullable().optional(),
    title: z.string().trim().min(1, '标题不能为空').max(200, '标题不超过 200 字').optional(),
    docNumber: DocNumber.optional(),
    issuer: z.string().trim().min(1, '发文机关不能为空').max(100, '发文机关不超过 100 字').optional(),
    requirements: z.string().trim().max(2000, '其他要求不超过 2000 字').optional(),
  })
  .strict();
export type NoticeCreate = z.infer<typeof NoticeCreateSchema>;
export type NoticeCreateBody = z.input<typeof NoticeCreateSchema>;

export const NoticeSummarySchema = z.object({
  id: z.number(),
  inspectionId: z.number(),
  inspectionTitle: z.string(),
  inspectionKind: z.enum(INSPECTION_KINDS),
  unitId: z.number(),
  unitName: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string(),
  clueClass: z.string(),
  overrideWorkdays: z.number().nullable(),
  /** 'YYYY-MM-DD' (China day): day 0 of the deadline. */
  issuedOn: z.string(),
  issuedAt: z.string(),
  dueDate: z.string(),
  limitText: z.string(),
  /** Which rule gave the deadline (profile source and class, or the override). */
  basis: z.string(),
  profileId: z.string(),
  profileVersion: z.number(),
  findingCount: z.number(),
  closedCount: z.number(),
  /** Findings still waiting for the unit with the deadline passed. */
  overdueCount: z.number(),
});
export type NoticeSummary = z.infer<typeof NoticeSummarySchema>;

/** One finding as rectification shows it: the finding, its status and where its rectification stands. */
export const RectificationItemSchema = z.object({
  findingId: z.number(),
  inspectionId: z.number(),
  inspectionTitle: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  description: z.string(),
  category: z.string(),
  severity: z.string(),
  location: z.string().nullable(),
  foundAt: z.string(),
  status: z.enum(FINDING_STATUSES),
  /** The latest notice it is in, and its deadline; null before any notice. */
  noticeId: z.number().nullable(),
  dueDate: z.string().nullable(),
  /** How many notices it has been in (交办 count). */
  noticeCount: z.number(),
  isOverdue: z.boolean(),
  /** The profile's 提级 rule (亳州) says it is to be raised. */
  needsEscalation: z.boolean(),
});
export type RectificationItem = z.infer<typeof RectificationItemSchema>;

export const NoticeDetailSchema = NoticeSummarySchema.extend({ requirements: z.string(), findings: z.array(RectificationItemSchema) });
export type NoticeDetail = z.infer<typeof NoticeDetailSchema>;

export const NoticeListQuerySchema = z.object({ inspectionId: QueryId, unitId: QueryId, overdue: z.enum(['true', 'false']).optional() });
export type NoticeListQuery = z.infer<typeof NoticeListQuerySchema>;
export const NoticeListSchema = listResult(NoticeSummarySchema);

export const RectificationListQuerySchema = z.object({
  inspectionId: QueryId,
  unitId: QueryId,
  status: z.enum(FINDING_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type RectificationListQuery = z.infer<typeof RectificationListQuerySchema>;
export const RectificationListSchema = listResult(RectificationItemSchema);

export const AnswerEvidenceSchema = z.object({
  id: z.number(),
  answerId: z.number(),
  kind: z.enum(EVIDENCE_KINDS),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type AnswerEvidence = z.infer<typeof AnswerEvidenceSchema>;

export const ANSWER_STATUSES = ['draft', 'submitted'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
export const ANSWER_STATUS_LABELS: Record<AnswerStatus, string> = { draft: '草稿', submitted: '已报送' };

export const AnswerSchema = z.object({
  id: z.number(),
  findingId: z.number(),
  noticeId: z.number(),
  status: z.enum(ANSWER_STATUSES),
  measures: z.string(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  evidence: z.array(AnswerEvidenceSchema),
});
export type Answer = z.infer<typeof AnswerSchema>;

export const RecheckSchema = z.object({
  id: z.number(),
  findingId: z.number(),
  answerId: z.number(),
  passed: z.boolean(),
  reasons: z.string(),
  checkedBy: z.string().nullable(),
  checkedAt: z.string(),
});
export type Recheck = z.infer<typeof RecheckSchema>;

/** `GET /api/rectifications/findings/:id`: a finding's rectification history, oldest first. */
export const RectificationDetailSchema = RectificationItemSchema.extend({
  notices: z.array(NoticeSummarySchema),
  answers: z.array(AnswerSchema),
  rechecks: z.array(RecheckSchema),
});
export type RectificationDetail = z.infer<typeof RectificationDetailSchema>;

/** `PUT /api/rectifications/findings/:id/answer`: the unit's draft answer (measures taken). */
export const AnswerDraftSchema = z
  .object({ measures: z.string({ error: '请填写整改措施' }).trim().min(1, '请填写整改措施').max(4000, '整改措施不超过 4000 字') })
  .strict();
export type AnswerDraft = z.infer<typeof AnswerDraftSchema>;

/** `POST /api/rectifications/findings/:id/recheck`: pass → 销号, fail → returned with reasons. */
export const RecheckCreateSchema = z
  .object({
    passed: z.boolean({ error: '请选择复查结果' }),
    reasons: z.string().trim().max(2000, '复查意见不超过 2000 字').default(''),
  })
  .strict();
export type RecheckCreate = z.infer<typeof RecheckCreateSchema>;

export const FiguresSchema = z.object({
  noticed: z.number(),
  closed: z.number(),
  overdue: z.number(),
  awaitingRecheck: z.number(),
  rate: z.number().nullable(),
});
export type Figures = z.infer<typeof FiguresSchema>;

/** `GET /api/rectifications/figures`: the rate overall and per unit (most overdue first), as the reader may see them. */
export const RectificationFiguresSchema = z.object({
  asOf: z.string(),
  overall: FiguresSchema,
  escalations: z.number(),
  units: z.array(z.object({ unitId: z.number(), unitName: z.string(), figures: FiguresSchema })),
});
export type RectificationFigures = z.infer<typeof RectificationFiguresSchema>;
export const FiguresQuerySchema = z.object({ inspectionId: QueryId });

// Typical-case circulars (典型案例通报)

export const CASE_CIRCULAR_STATUSES = ['draft', 'issued'] as const;
export type CaseCircularStatus = (typeof CASE_CIRCULAR_STATUSES)[number];

export const CaseCircularCreateSchema = z
  .object({
    findingIds: z.array(Id, { error: '请选择典型案例' }).min(1, '请至少选择一个问题作为典型案例').max(50, '一期通报最多 50 个案例'),
    issuer: z.string().trim().min(1, '发文机关不能为空').max(100, '发文机关不超过 100 字').optional(),
  })
  .strict();
export type CaseCircularCreate = z.infer<typeof CaseCircularCreateSchema>;

const caseBlock = (key: keyof CaseCircularBlocks) =>
  z
    .string({ error: `“${CASE_BLOCK_LABELS[key]}”应为文字` })
    .max(key === 'addressee' ? 500 : 5000, `“${CASE_BLOCK_LABELS[key]}”不超过 ${key === 'addressee' ? 500 : 5000} 字`)
    .transform((s) => s.replace(/\r\n?/g, '\n'));

export const CaseCircularPatchSchema = z
  .object({
    title: z.string().trim().min(1, '标题不能为空').max(200, '标题不超过 200 字'),
    docNumber: DocNumber,
    issuer: z.string().trim().min(1, '发文机关不能为空').max(100, '发文机关不超过 100 字'),
    blocks: z
      .object(Object.fromEntries(CASE_BLOCK_KEYS.map((k) => [k, caseBlock(k)])) as Record<keyof CaseCircularBlocks, ReturnType<typeof caseBlock>>)
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type CaseCircularPatch = z.infer<typeof CaseCircularPatchSchema>;
export type CaseCircularUpdate = z.input<typeof CaseCircularPatchSchema>;

export const CaseCircularSummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string(),
  status: z.enum(CASE_CIRCULAR_STATUSES),
  caseCount: z.number(),
  issuedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type CaseCircularSummary = z.infer<typeof CaseCircularSummarySchema>;

export const CaseCircularSchema = CaseCircularSummarySchema.extend({
  blocks: z.object(Object.fromEntries(CASE_BLOCK_KEYS.map((k) => [k, z.string()])) as Record<keyof CaseCircularBlocks, z.ZodString>),
  /** The findings it was drafted from: links back to them. */
  cases: z.array(
    z.object({
      findingId: z.number(),
      polarity: z.enum(CASE_POLARITIES),
      unitId: z.number(),
      unitName: z.string(),
      inspectionId: z.number(),
      inspectionTitle: z.string(),
      description: z.string(),
      status: z.enum(FINDING_STATUSES),
    }),
  ),
});
export type CaseCircular = z.infer<typeof CaseCircularSchema>;
export const CaseCircularListSchema = z.object({ data: z.array(CaseCircularSummarySchema), total: z.number() });
