/**
 * The contract of findings (问题清单): recording, the office's category and severity lists, the list
 * with filters, grouped counts, the .xlsx export, the offline template and its import, and evidence.
 */
import { z } from 'zod';
import { EVIDENCE_KINDS } from '../inspections/evidence.ts';
import { FINDING_POLARITIES, FINDING_SOURCES, FINDING_STATUSES } from '../inspections/findings.ts';
import { INSPECTION_KINDS } from '../inspections/kinds.ts';
import { listResult } from './common.ts';
import { Instant } from './inspections.ts';

export {
  DEFAULT_FINDING_TAXONOMY,
  FINDING_POLARITIES,
  FINDING_POLARITY_LABELS,
  FINDING_STATUS_LABELS,
  FINDING_STATUSES,
  labelOf,
} from '../inspections/findings.ts';
export type { FindingPolarity, FindingStatus, FindingTaxonomy, TaxonomyItem } from '../inspections/findings.ts';
export { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, INSPECTION_EVIDENCE_MAX_BYTES, INSPECTION_UPLOAD_MAX_BYTES } from '../inspections/evidence.ts';
export type { EvidenceKind } from '../inspections/evidence.ts';

const Code = z
  .string()
  .trim()
  .min(1, '代码不能为空')
  .max(40, '代码不超过 40 个字符')
  .regex(/^[\w-]+$/, '代码只能包含字母、数字、下划线和连字符');
const TaxonomyItemSchema = z.object({ code: Code, label: z.string().trim().min(1, '名称不能为空').max(40, '名称不超过 40 字') }).strict();
const distinctCodes = (items: { code: string }[]) => new Set(items.map((i) => i.code)).size === items.length;

/** `GET|PUT /api/inspections/taxonomy`: the office's own lists (not law), with where they come from. */
export const FindingTaxonomySchema = z
  .object({
    categories: z.array(TaxonomyItemSchema).min(1, '请至少保留一个问题类别').max(100).refine(distinctCodes, '问题类别的代码不能重复'),
    severities: z.array(TaxonomyItemSchema).min(1, '请至少保留一个严重程度').max(20).refine(distinctCodes, '严重程度的代码不能重复'),
    source: z.string().trim().min(1, '请说明清单的来源').max(200, '来源说明不超过 200 字'),
  })
  .strict();

export const FindingCreateSchema = z
  .object({
    visitId: z.number({ error: '请选择所属的检查（走访）记录' }).int().positive(),
    /** Left out: the visited unit. Any other must be a target of the plan. */
    unitId: z.number().int().positive().optional(),
    polarity: z.enum(FINDING_POLARITIES).default('problem'),
    description: z.string({ error: '请填写问题描述' }).trim().min(1, '请填写问题描述').max(4000, '问题描述不超过 4000 字'),
    category: z.string({ error: '请选择问题类别' }).trim().min(1, '请选择问题类别').max(40),
    severity: z.string({ error: '请选择严重程度' }).trim().min(1, '请选择严重程度').max(40),
    location: z.string().trim().max(200, '具体位置不超过 200 字').nullish(),
    foundAt: Instant('发现时间'),
    indicatorCode: z.string().trim().min(1).max(20).nullish(),
    taskIds: z.array(z.number().int().positive(), { error: '关联任务应为 ID 列表' }).max(50, '关联任务最多 50 个').default([]),
  })
  .strict();
export type FindingCreate = z.infer<typeof FindingCreateSchema>;
export type FindingCreateBody = z.input<typeof FindingCreateSchema>;

export const FindingSchema = z.object({
  id: z.number(),
  inspectionId: z.number(),
  inspectionTitle: z.string(),
  inspectionKind: z.enum(INSPECTION_KINDS),
  visitId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  polarity: z.enum(FINDING_POLARITIES),
  description: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  severity: z.string(),
  severityLabel: z.string(),
  location: z.string().nullable(),
  foundAt: z.string(),
  indicatorCode: z.string().nullable(),
  indicatorName: z.string().nullable(),
  tasks: z.array(z.object({ id: z.number(), number: z.string(), title: z.string() })),
  status: z.enum(FINDING_STATUSES),
  source: z.enum(FINDING_SOURCES),
  evidenceCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const EvidenceSchema = z.object({
  id: z.number(),
  findingId: z.number(),
  kind: z.enum(EVIDENCE_KINDS),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  /** When the file arrived; with the hash, the record of a covert visit (never edited). */
  createdAt: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FindingDetailSchema = FindingSchema.extend({
  visit: z.object({ id: z.number(), place: z.string(), visitedAt: z.string() }),
  evidence: z.array(EvidenceSchema),
});
export type FindingDetail = z.infer<typeof FindingDetailSchema>;

/** `POST /api/findings/:id/evidence?note=…`: the file is the multipart field `file`. */
export const EvidenceQuerySchema = z.object({ note: z.string().trim().max(200, '说明不超过 200 字').optional() });

const QueryId = z.coerce.number().int().positive().optional();
/** The filters of the findings list, its groups and its export. */
export const FindingFilterSchema = z.object({
  inspectionId: QueryId,
  unitId: QueryId,
  indicatorCode: z.string().trim().max(20).optional(),
  category: z.string().trim().max(40).optional(),
  severity: z.string().trim().max(40).optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  polarity: z.enum(FINDING_POLARITIES).optional(),
});
export type FindingFilter = z.infer<typeof FindingFilterSchema>;

export const FindingListQuerySchema = FindingFilterSchema.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type FindingListQuery = z.infer<typeof FindingListQuerySchema>;
export const FindingListSchema = listResult(FindingSchema);

export const FINDING_GROUP_BY = ['unit', 'indicator', 'category', 'severity'] as const;
export type FindingGroupBy = (typeof FINDING_GROUP_BY)[number];
export const FINDING_GROUP_BY_LABELS: Record<FindingGroupBy, string> = { unit: '按单位', indicator: '按指标', category: '按问题类别', severity: '按严重程度' };

export const FindingGroupQuerySchema = FindingFilterSchema.extend({
  by: z.enum(FINDING_GROUP_BY, { error: '分组应为 unit、indicator、category 或 severity' }),
});
export type FindingGroupQuery = z.infer<typeof FindingGroupQuerySchema>;

/** Counts per group; `key` is the unit id (as text), indicator code, category or severity code; '' for no indicator. */
export const FindingGroupsSchema = z.object({
  by: z.enum(FINDING_GROUP_BY),
  total: z.number(),
  groups: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      total: z.number(),
      byStatus: z.record(z.enum(FINDING_STATUSES), z.number()),
    }),
  ),
});
export type FindingGroups = z.infer<typeof FindingGroupsSchema>;

/** `POST /api/inspections/:id/findings/import?dryRun=true`: checks every row and writes nothing. */
export const FindingImportQuerySchema = z.object({ dryRun: z.enum(['true', 'false']).default('false') });

export const FindingImportResultSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number(),
  /** Visits made from the rows: one per distinct (unit, time, place). */
  visits: z.number(),
  created: z.number(),
  preview: z.array(
    z.object({
      row: z.number(),
      unitName: z.string(),
      visitedAt: z.string(),
      place: z.string(),
      description: z.string(),
      categoryLabel: z.string(),
      severityLabel: z.string(),
    }),
  ),
});
export type FindingImportResult = z.infer<typeof FindingImportResultSchema>;
