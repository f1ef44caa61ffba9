import { z } from 'zod';
import { isIsoDate } from '../../core/calendar/index.ts';
import { PLAN_LEVELS } from '../../core/plans/types.ts';

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
// A real calendar day, not only its shape: `2021-02-30` stored as a plan date made the dashboards throw (500).
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isIsoDate, '不是有效日期');
export const SpanSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
export const DeadlineSchema = z.object({ text: z.string().min(1).max(200), date: IsoDate.nullable() });
export const UnitRefSchema = z.object({ id: z.number(), name: z.string(), asWritten: z.string() });
export const PlanLevelSchema = z.enum(PLAN_LEVELS as [string, ...string[]]);
export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

export const PlanSummarySchema = z.object({
  id: z.number(),
  number: z.string().nullable(),
  title: z.string(),
  issuer: z.string().nullable(),
  date: z.string().nullable(),
  year: z.number().nullable(),
  level: z.string().nullable(),
  taskCount: z.number(),
  sectionCount: z.number(),
});
export const PlanListSchema = z.object({ data: z.array(PlanSummarySchema), total: z.number() });

export const SectionSchema = z.object({
  id: z.number(),
  ordinal: z.number(),
  heading: z.string(),
  title: z.string(),
  indicator: z.object({ code: z.string(), name: z.string() }).nullable(),
  taskCount: z.number(),
});

export const PlanDetailSchema = z.object({
  id: z.number(),
  number: z.string().nullable(),
  issuer: z.string().nullable(),
  date: z.string().nullable(),
  title: z.string(),
  year: z.number().nullable(),
  level: z.string().nullable(),
  fileName: z.string().nullable(),
  parentPlanId: z.number().nullable(),
  parentPlan: z.object({ id: z.number(), number: z.string().nullable(), title: z.string() }).nullable(),
  goals: z.array(z.object({ id: z.number(), text: z.string(), date: z.string().nullable(), span: SpanSchema.nullable() })),
  sections: z.array(SectionSchema),
  taskCount: z.number(),
  deadlineCount: z.number(),
  unitCount: z.number(),
});

export const PlanUpdateSchema = z
  .object({
    number: z.string().trim().max(100).nullable(),
    issuer: z.string().trim().max(200).nullable(),
    date: IsoDate.nullable(),
    title: z.string().trim().min(1, '方案标题不能为空').max(500),
    year: z.number().int().min(1949).max(2100).nullable(),
    level: PlanLevelSchema.nullable(),
    parentPlanId: z.number().int().positive().nullable(),
  })
  .partial()
  .strict();
export type PlanUpdate = z.infer<typeof PlanUpdateSchema>;

export const SectionUpdateSchema = z.object({ indicatorCode: z.string().max(60).nullable() }).strict();
