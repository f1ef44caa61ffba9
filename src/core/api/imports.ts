/** The contract of import drafts (`/api/imports`): what the reader read, as the coordinator corrects it. */
import { z } from 'zod';
import { DRAFT_WARNING_CODES } from '../draft/warnings.ts';
import { DeadlineSchema, IsoDate, PlanLevelSchema, SpanSchema } from './common.ts';
import { UnitName } from './units.ts';

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
  tasks: z
    .array(DraftTaskSchema)
    .min(1, '至少需要一项任务')
    .max(5000, '任务过多（上限 5000 项）')
    // Keys tie a task to its last reading: a re-read keeps hand edits by key.
    .refine((ts) => new Set(ts.map((t) => t.key)).size === ts.length, '任务标识（key）重复'),
});
export type DraftContent = z.infer<typeof DraftContentSchema>;

/** One level of the document's numbering as the reader detected it (core/parse ReadingLevel). */
export const ReadingLevelSchema = z.object({ form: z.string(), example: z.string(), depth: z.number().int(), count: z.number().int(), isTaskLevel: z.boolean() });
export const DraftWarningSchema = z.object({
  code: z.enum(DRAFT_WARNING_CODES),
  message: z.string(),
  taskKey: z.string().optional(),
  span: SpanSchema.optional(),
  unit: z.string().optional(),
});

/**
 * The coordinator's structure choice for a re-read, as a whole: a field left out means no override
 * (the reader decides), so `{}` goes back to the reader's own reading.
 */
export const ReadOptionsSchema = z
  .object({
    taskLevel: z.string().trim().min(1, '请选择任务所在层级').max(40).optional(),
    taskStarts: z.array(z.number().int().min(0)).max(500, '标记的任务起始行过多（上限 500 行）').optional(),
  })
  .strict();
export type ReadOptions = z.infer<typeof ReadOptionsSchema>;

/** What a re-read did: the source ranges read anew and what of the coordinator's work it kept. */
export const RereadSummarySchema = z.object({
  tasks: z.number().int(),
  region: z.array(SpanSchema),
  reread: z.number().int(),
  keptEdits: z.number().int(),
  keptAdded: z.number().int(),
  droppedEdits: z.number().int(),
});

export const DraftSchema = DraftContentSchema.extend({
  id: z.number(),
  fileName: z.string(),
  status: z.enum(['draft', 'committed', 'discarded']),
  planId: z.number().nullable(),
  source: z.string(),
  // A document whose numbering was found but whose task level was not is still a draft: the
  // coordinator fixes it by choosing the level. Saving and committing need at least one task.
  tasks: z.array(DraftTaskSchema).max(5000),
  structure: z.object({ levels: z.array(ReadingLevelSchema) }),
  warnings: z.array(DraftWarningSchema),
  readOptions: ReadOptionsSchema,
});
export type ImportDraft = z.infer<typeof DraftSchema>;
export type DraftDocument = z.infer<typeof DraftDocumentSchema>;
export type DraftGoal = z.infer<typeof DraftGoalSchema>;
export type DraftReadingLevel = z.infer<typeof ReadingLevelSchema>;
export type RereadSummary = z.infer<typeof RereadSummarySchema>;
export const RereadResultSchema = DraftSchema.extend({ reread: RereadSummarySchema });
export const CommitResultSchema = z.object({ planId: z.number() });
