/**
 * The contract of inspections (督查, issue 12): plans with scope, targets and inspectors, the random
 * draw (双随机), release, visits, the office's finding lists, and the inspectors to choose from.
 * Findings, their evidence, template, import, groups and export: `inspection-findings.ts`.
 */
import { z } from 'zod';
import { ASSIGNMENT_SOURCES, INSPECTION_KINDS } from '../inspections/kinds.ts';
import { IsoDate, listResult } from './common.ts';

export { ASSIGNMENT_SOURCE_LABELS, ASSIGNMENT_SOURCES, INSPECTION_KIND_LABELS, INSPECTION_KINDS, isCovertKind } from '../inspections/kinds.ts';
export type { AssignmentSource, InspectionKind } from '../inspections/kinds.ts';

const Id = (label: string) =>
  z
    .number({ error: `${label}应为数字 ID` })
    .int()
    .positive();
const Ids = (label: string, max: number) => z.array(Id(label), { error: `请选择${label}` }).max(max, `${label}最多 ${max} 个`);
const Text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 字`);
const Optional = (label: string, max: number) => z.string().trim().max(max, `${label}不超过 ${max} 字`).nullish();
const Day = (label: string) => IsoDate.describe(label);
/** An instant with its offset, e.g. 2026-12-05T09:30:00+08:00 (stored as UTC). */
export const Instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}应为带时区的时间，如 2026-12-05T09:30:00+08:00` });

/** How the viewer sees a plan: all of it, as an assigned inspector, or as a target unit (its own part only). */
export const INSPECTION_ACCESS = ['full', 'assigned', 'unit'] as const;
export type InspectionAccess = (typeof INSPECTION_ACCESS)[number];

export const InspectionScopeInputSchema = z
  .object({
    planIds: Ids('方案', 100).default([]),
    sectionIds: Ids('章节', 500).default([]),
    indicatorCodes: z.array(z.string().trim().min(1).max(20), { error: '指标应为代码列表' }).max(50, '指标最多 50 个').default([]),
    unitIds: Ids('单位', 5000).min(1, '请至少选择一个检查范围内的单位'),
  })
  .strict();

const planFields = {
  title: Text('检查名称', 100),
  kind: z.enum(INSPECTION_KINDS, { error: '检查方式应为明察、暗访、专项督查或随机抽查' }),
  basis: Text('检查依据（决定、批示或批准文件）', 500),
  periodStart: Day('检查开始日期'),
  periodEnd: Day('检查结束日期'),
  methodNotes: Optional('检查方法说明', 4000),
  scope: InspectionScopeInputSchema,
  /** Named targets (检查对象), within `scope.unitIds`; a draw adds drawn ones. */
  targetUnitIds: Ids('检查对象', 5000).default([]),
  /** Inspectors on the whole plan (users holding the inspector role). */
  inspectorIds: Ids('督查人员', 200).default([]),
};
const periodOrdered = { message: '检查开始日期不能晚于结束日期', path: ['periodEnd'] };

export const InspectionCreateSchema = z
  .object(planFields)
  .strict()
  .refine((p) => p.periodStart <= p.periodEnd, periodOrdered);
export type InspectionCreate = z.infer<typeof InspectionCreateSchema>;
export type InspectionCreateBody = z.input<typeof InspectionCreateSchema>;

/** `PATCH /api/inspections/:id`: any field; lists given replace the stored ones (targets and scope units are frozen once drawn). */
export const InspectionUpdateSchema = z
  .object({
    title: planFields.title,
    kind: planFields.kind,
    basis: planFields.basis,
    periodStart: planFields.periodStart,
    periodEnd: planFields.periodEnd,
    methodNotes: planFields.methodNotes,
    scope: InspectionScopeInputSchema,
    targetUnitIds: Ids('检查对象', 5000),
    inspectorIds: Ids('督查人员', 200),
  })
  .partial()
  .strict()
  .refine((p) => !p.periodStart || !p.periodEnd || p.periodStart <= p.periodEnd, periodOrdered);
export type InspectionUpdate = z.infer<typeof InspectionUpdateSchema>;

export const InspectionListQuerySchema = z.object({
  kind: z.enum(INSPECTION_KINDS).optional(),
  released: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type InspectionListQuery = z.infer<typeof InspectionListQuerySchema>;

export const InspectionSummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  basis: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  releasedAt: z.string().nullable(),
  drawn: z.boolean(),
  /** Counts as the viewer may see them (a unit: its own targets, and findings only once released). */
  targetCount: z.number(),
  visitCount: z.number(),
  findingCount: z.number(),
  access: z.enum(INSPECTION_ACCESS),
});
export type InspectionSummary = z.infer<typeof InspectionSummarySchema>;
export const InspectionListSchema = listResult(InspectionSummarySchema);

const UnitRef = z.object({ id: z.number(), name: z.string() });

export const InspectorRefSchema = z.object({
  userId: z.number(),
  displayName: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
});
export type InspectorRef = z.infer<typeof InspectorRefSchema>;

/** The input of a draw as stored: everything needed to run it again (`runDraw` in core/inspections/draw.ts). */
export const DrawInputSchema = z.object({
  mode: z.enum(['perTarget', 'perPlan']),
  targetCount: z.number(),
  inspectorsPerTarget: z.number(),
  /** Candidate target units with their ancestors (unit first), sorted by id. */
  units: z.array(z.object({ id: z.number(), path: z.array(z.number()) })),
  /** The inspector pool with the path of each one's unit (empty when the user has none), sorted by id. */
  inspectors: z.array(z.object({ userId: z.number(), unitPath: z.array(z.number()) })),
});
export type DrawInputBody = z.infer<typeof DrawInputSchema>;

export const DrawResultSchema = z.object({
  targets: z.array(z.object({ unitId: z.number(), inspectorIds: z.array(z.number()) })),
  /** perPlan mode: inspectors on the whole plan (none related to any drawn target). */
  planInspectorIds: z.array(z.number()),
});

export const DrawSchema = z.object({
  seed: z.string(),
  algorithm: z.string(),
  drawnAt: z.string(),
  drawnBy: z.string().nullable(),
  input: DrawInputSchema,
  result: DrawResultSchema,
  /** The server ran the stored input with the stored seed again and got the stored result. */
  reproduced: z.boolean(),
});
export type Draw = z.infer<typeof DrawSchema>;

export const DrawRequestSchema = z
  .object({
    targetCount: z
      .number({ error: '请填写抽取的检查对象数' })
      .int('检查对象数应为整数')
      .min(1, '至少抽取 1 个检查对象')
      .max(500, '一次最多抽取 500 个检查对象'),
    inspectorsPerTarget: z
      .number({ error: '请填写每个对象的督查人员数' })
      .int('督查人员数应为整数')
      .min(1, '每个对象至少 1 名督查人员')
      .max(20, '每个对象最多 20 名督查人员'),
    /** perTarget: M inspectors for each target; perPlan: M inspectors for the whole plan. */
    mode: z.enum(['perTarget', 'perPlan']).default('perTarget'),
    /** Left out: the server makes a random one. Given: anyone can reproduce a published draw. */
    seed: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\w-]+$/, '随机种子只能包含字母、数字、下划线和连字符')
      .optional(),
    /** The pool; left out: every active account holding the inspector role. */
    inspectorPoolIds: Ids('督查人员', 1000).optional(),
  })
  .strict();
export type DrawRequest = z.infer<typeof DrawRequestSchema>;
export type DrawRequestBody = z.input<typeof DrawRequestSchema>;

export const InspectionDetailSchema = InspectionSummarySchema.extend({
  methodNotes: z.string().nullable(),
  createdBy: z.string().nullable(),
  releasedBy: z.string().nullable(),
  /** Empty for a unit viewer. */
  scope: z.object({
    plans: z.array(z.object({ id: z.number(), title: z.string() })),
    sections: z.array(z.object({ id: z.number(), planId: z.number(), title: z.string() })),
    indicators: z.array(z.object({ code: z.string(), name: z.string() })),
    units: z.array(UnitRef),
  }),
  /** A unit viewer sees only its own units here. */
  targets: z.array(z.object({ unitId: z.number(), name: z.string(), source: z.enum(ASSIGNMENT_SOURCES) })),
  /** Empty for a unit viewer. `targetUnitId` null: on the whole plan. */
  inspectors: z.array(InspectorRefSchema.extend({ targetUnitId: z.number().nullable(), source: z.enum(ASSIGNMENT_SOURCES) })),
  /** Null before the draw, and for a unit viewer. */
  draw: DrawSchema.nullable(),
});
export type InspectionDetail = z.infer<typeof InspectionDetailSchema>;

export const InspectorListSchema = z.object({ data: z.array(InspectorRefSchema) });

export const VisitCreateSchema = z
  .object({
    unitId: Id('被检查单位'),
    visitedAt: Instant('检查时间'),
    place: Text('检查地点', 200),
    latitude: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间').nullish(),
    longitude: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间').nullish(),
    notes: Optional('检查记录', 4000),
    /** Inspectors on the visit, all assigned to the plan; left out: the recording inspector alone. */
    inspectorIds: Ids('督查人员', 20).optional(),
  })
  .strict()
  .refine((v) => (v.latitude == null) === (v.longitude == null), { message: '经度和纬度应同时填写', path: ['longitude'] });
export type VisitCreate = z.infer<typeof VisitCreateSchema>;
export type VisitCreateBody = z.input<typeof VisitCreateSchema>;

export const VisitSchema = z.object({
  id: z.number(),
  inspectionId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  visitedAt: z.string(),
  place: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  notes: z.string().nullable(),
  inspectors: z.array(z.object({ userId: z.number(), displayName: z.string() })),
  findingCount: z.number(),
  createdAt: z.string(),
});
export type Visit = z.infer<typeof VisitSchema>;
export const VisitListSchema = z.object({ data: z.array(VisitSchema) });
