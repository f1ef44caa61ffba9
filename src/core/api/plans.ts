/** The contract of plans, sections and indicators (`/api/plans`, `/api/sections`, `/api/indicators`). */
import { z } from 'zod';
import { CHECKPOINT_STATES } from '../status/checkpoints.ts';
import { IsoDate, listResult, PlanLevelSchema, SpanSchema } from './common.ts';

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
export type PlanSummary = z.infer<typeof PlanSummarySchema>;
export const PlanListSchema = listResult(PlanSummarySchema);

export const SectionSchema = z.object({
  id: z.number(),
  ordinal: z.number(),
  heading: z.string(),
  title: z.string(),
  indicator: z.object({ code: z.string(), name: z.string() }).nullable(),
  taskCount: z.number(),
});
export type Section = z.infer<typeof SectionSchema>;

export const GoalSchema = z.object({ id: z.number(), text: z.string(), date: z.string().nullable(), span: SpanSchema.nullable() });
export type Goal = z.infer<typeof GoalSchema>;

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
  goals: z.array(GoalSchema),
  sections: z.array(SectionSchema),
  taskCount: z.number(),
  deadlineCount: z.number(),
  unitCount: z.number(),
});
export type PlanDetail = z.infer<typeof PlanDetailSchema>;

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

export const PlanSourceSchema = z.object({ text: z.string() });

export const IndicatorSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });
export type Indicator = z.infer<typeof IndicatorSchema>;
export const IndicatorListSchema = listResult(IndicatorSchema);

export const CheckpointRowSchema = z.object({ text: z.string(), date: z.string(), due: z.number(), doneByCheckpoint: z.number(), doneLate: z.number(), overdue: z.number(), state: z.enum(CHECKPOINT_STATES) });
export type CheckpointRow = z.infer<typeof CheckpointRowSchema>;
/** `GET /api/plans/:id/checkpoints`: the plan's dated goals, done by each, per section and unit. */
export const PlanCheckpointsSchema = z.object({
  today: z.string(),
  goals: z.array(z.object({ text: z.string(), date: z.string() })),
  bySection: z.array(z.object({ sectionId: z.number(), title: z.string(), checkpoints: z.array(CheckpointRowSchema) })),
  byUnit: z.array(z.object({ unitId: z.number(), name: z.string(), checkpoints: z.array(CheckpointRowSchema) })),
});
export type PlanCheckpoints = z.infer<typeof PlanCheckpointsSchema>;
