import { z } from 'zod';
import { DeadlineSchema, IsoDate, PlanLevelSchema, SpanSchema } from '../plans/plans.schema.ts';
import { UnitName } from '../units/units.schema.ts';

export const DraftTaskSchema = z.object({
  key: z.string().min(1).max(64),
  path: z.array(z.string().trim().min(1).max(500)).max(6),
  number: z.string().trim().max(20),
  title: z.string().trim().min(1, '任务标题不能为空').max(2000),
  text: z.string().max(50_000),
  deadlines: z.array(DeadlineSchema).max(50),
  lead: z.array(UnitName).max(100),
  responsible: z.array(UnitName).max(200),
  spans: z
    .object({ task: SpanSchema, title: SpanSchema, text: SpanSchema, deadlines: z.array(SpanSchema), lead: z.array(SpanSchema), responsible: z.array(SpanSchema) })
    .nullable(),
});
export type DraftTask = z.infer<typeof DraftTaskSchema>;

export const DraftDocumentSchema = z.object({
  number: z.string().trim().max(100).nullable(),
  issuer: z.string().trim().max(200).nullable(),
  date: IsoDate.nullable(),
  title: z.string().trim().min(1, '方案标题不能为空').max(500),
  plan_year: z.number().int().min(1949).max(2100).nullable(),
  level: PlanLevelSchema.nullable(),
  parentPlanId: z.number().int().positive().nullable(),
});

export const DraftGoalSchema = z.object({ text: z.string().trim().min(1).max(2000), date: IsoDate.nullable(), span: SpanSchema.nullable().optional() });

/** What the coordinator edits before committing; also what is stored as the draft. */
export const DraftContentSchema = z.object({
  document: DraftDocumentSchema,
  goals: z.array(DraftGoalSchema).max(100),
  tasks: z.array(DraftTaskSchema).min(1, '至少需要一项任务').max(5000, '任务过多（上限 5000 项）'),
});
export type DraftContent = z.infer<typeof DraftContentSchema>;

export const DraftSchema = DraftContentSchema.extend({
  id: z.number(),
  fileName: z.string(),
  status: z.enum(['draft', 'committed', 'discarded']),
  planId: z.number().nullable(),
  source: z.string(),
});
export const CommitResultSchema = z.object({ planId: z.number() });
