import { z } from 'zod';
import { WORK_STATUSES } from '../../core/status/status.ts';
import { DeadlineSchema, SpanSchema, UnitRefSchema } from '../plans/plans.schema.ts';

export const WorkStatusSchema = z.enum(WORK_STATUSES as [string, ...string[]]);

export const TaskQuerySchema = z.object({
  sectionId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: z.enum(['lead', 'responsible', 'any']).default('any'),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').optional(),
  noDeadline: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type TaskQuery = z.infer<typeof TaskQuerySchema>;

export const TaskSummarySchema = z.object({
  id: z.number(),
  sectionId: z.number().nullable(),
  sectionTitle: z.string().nullable(),
  path: z.array(z.string()),
  number: z.string(),
  title: z.string(),
  deadlines: z.array(DeadlineSchema),
  lead: z.array(UnitRefSchema),
  responsible: z.array(UnitRefSchema),
});
export const TaskListSchema = z.object({ data: z.array(TaskSummarySchema), total: z.number() });

export const TaskDetailSchema = TaskSummarySchema.omit({ sectionTitle: true }).extend({
  planId: z.number(),
  plan: z.object({ id: z.number(), number: z.string().nullable(), title: z.string() }),
  text: z.string(),
  milestones: z.array(z.object({ id: z.number(), text: z.string(), clause: z.string(), date: z.string().nullable(), completedOn: z.string().nullable(), span: SpanSchema.nullable() })),
  spans: z
    .object({ task: SpanSchema, title: SpanSchema, text: SpanSchema, deadlines: z.array(SpanSchema), lead: z.array(SpanSchema), responsible: z.array(SpanSchema) })
    .nullable(),
  source: z.object({ text: z.string(), offset: z.number() }).nullable(),
  instructions: z.array(z.object({ id: z.number(), text: z.string(), userName: z.string(), createdAt: z.string() })),
  contacts: z.array(z.object({ unitId: z.number(), role: z.enum(['lead', 'responsible']), contactName: z.string().nullable(), contactPhone: z.string().nullable(), note: z.string().nullable() })),
  myUnitIds: z.array(z.number()),
  status: WorkStatusSchema,
  closedOn: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), kind: z.enum(['report', 'review', 'instruction', 'close', 'reopen', 'plan']), unitName: z.string().nullable(), userName: z.string().nullable(), text: z.string(), stage: z.string().nullable() })),
  canInstruct: z.boolean(),
  canWrite: z.boolean(),
});

export const ContactParams = z.object({ id: z.coerce.number().int().positive(), unitId: z.coerce.number().int().positive() });
export const ContactBodySchema = z
  .object({
    contactName: z.string().trim().max(50, '联系人过长').nullable(),
    contactPhone: z.string().trim().regex(/^[\d\s+()-]{0,30}$/, '联系电话只能包含数字、空格和 + - ( )').nullable(),
    note: z.string().trim().max(500, '备注不超过 500 字').nullable(),
  })
  .strict();
export const InstructionBodySchema = z.object({ text: z.string().trim().min(1, '批示内容不能为空').max(2000, '批示内容不超过 2000 字') }).strict();
export const InstructionSchema = z.object({ id: z.number(), text: z.string(), userName: z.string(), createdAt: z.string() });
export const MyTasksSchema = z.object({
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  data: z.array(z.object({
    id: z.number(), planId: z.number(), planNumber: z.string().nullable(), number: z.string(), title: z.string(), role: z.enum(['lead', 'responsible']), unitId: z.number(),
    deadlines: z.array(DeadlineSchema), nextDue: z.string().nullable(), contactName: z.string().nullable(), contactPhone: z.string().nullable(), note: z.string().nullable(),
    status: WorkStatusSchema,
  })),
  total: z.number(),
});

export const CalendarQuerySchema = z.object({ unitId: z.coerce.number().int().positive().optional() });
export const CalendarSchema = z.object({
  months: z.array(
    z.object({
      month: z.string(),
      items: z.array(z.object({ taskId: z.number(), number: z.string(), title: z.string(), sectionTitle: z.string().nullable(), date: z.string(), text: z.string(), clause: z.string(), units: z.array(UnitRefSchema) })),
    }),
  ),
  undated: z.number(),
});
