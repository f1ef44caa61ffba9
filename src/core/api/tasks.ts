/** The contract of tasks: lists, the task page, a unit's tasks, the deadline calendar, contacts and instructions. */
import { z } from 'zod';
import { TIMELINE_KINDS } from '../tasks/tasks.ts';
import { DeadlineSchema, listResult, SpanSchema, UnitNameRefSchema, UnitRefSchema, UnitRoleSchema, UNIT_ROLES, WorkStatusSchema } from './common.ts';

export { TIMELINE_KIND_LABELS, TIMELINE_KINDS } from '../tasks/tasks.ts';
export type { TimelineKind } from '../tasks/tasks.ts';

export const TaskQuerySchema = z.object({
  sectionId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: z.enum([...UNIT_ROLES, 'any']).default('any'),
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
export type TaskSummary = z.infer<typeof TaskSummarySchema>;
export const TaskListSchema = listResult(TaskSummarySchema);

/** A due date of a task with the clause it governs; `completedOn` is the day it was closed (销号), null while open. */
export const MilestoneSchema = z.object({ id: z.number(), text: z.string(), clause: z.string(), date: z.string().nullable(), completedOn: z.string().nullable(), span: SpanSchema.nullable() });
export type Milestone = z.infer<typeof MilestoneSchema>;

/** A leader's instruction (批示); `createdAt` is ISO UTC. */
export const InstructionSchema = z.object({ id: z.number(), text: z.string(), userName: z.string(), createdAt: z.string() });
export type Instruction = z.infer<typeof InstructionSchema>;

/** A named unit's contact for the task. */
export const TaskContactSchema = z.object({ unitId: z.number(), role: UnitRoleSchema, contactName: z.string().nullable(), contactPhone: z.string().nullable(), note: z.string().nullable() });
export type TaskContact = z.infer<typeof TaskContactSchema>;


/** One entry of a task's history; `at` is ISO UTC, `stage` the report stage of a report or review. */
export const TimelineEntrySchema = z.object({ at: z.string(), kind: z.enum(TIMELINE_KINDS), unitName: z.string().nullable(), userName: z.string().nullable(), text: z.string(), stage: z.string().nullable() });
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TaskDetailSchema = TaskSummarySchema.omit({ sectionTitle: true }).extend({
  planId: z.number(),
  plan: z.object({ id: z.number(), number: z.string().nullable(), title: z.string() }),
  text: z.string(),
  milestones: z.array(MilestoneSchema),
  spans: z
    .object({ task: SpanSchema, title: SpanSchema, text: SpanSchema, deadlines: z.array(SpanSchema), lead: z.array(SpanSchema), responsible: z.array(SpanSchema) })
    .nullable(),
  /** The task's paragraph(s) and where they start in the plan source; spans minus offset index it. */
  source: z.object({ text: z.string(), offset: z.number() }).nullable(),
  instructions: z.array(InstructionSchema),
  contacts: z.array(TaskContactSchema),
  /** The signed-in user's units (or units under them) named on the task. */
  myUnitIds: z.array(z.number()),
  status: WorkStatusSchema,
  /** The day the coordinator closed the task (销号); null while open. */
  closedOn: z.string().nullable(),
  /** Reports, reviews, instructions, closure and reopening; newest first. */
  timeline: z.array(TimelineEntrySchema),
  /** Whether the signed-in user may write an instruction here (a leader of the task's section). */
  canInstruct: z.boolean(),
  /** Whether the signed-in user may write for a unit named on the task. */
  canWrite: z.boolean(),
});
export type TaskDetail = z.infer<typeof TaskDetailSchema>;

export const ContactParams = z.object({ id: z.coerce.number().int().positive(), unitId: z.coerce.number().int().positive() });
export const ContactBodySchema = z
  .object({
    contactName: z.string().trim().max(50, '联系人过长').nullable(),
    contactPhone: z.string().trim().regex(/^[\d\s+()-]{0,30}$/, '联系电话只能包含数字、空格和 + - ( )').nullable(),
    note: z.string().trim().max(500, '备注不超过 500 字').nullable(),
  })
  .strict();
export type ContactUpdate = z.infer<typeof ContactBodySchema>;
export const InstructionBodySchema = z.object({ text: z.string().trim().min(1, '批示内容不能为空').max(2000, '批示内容不超过 2000 字') }).strict();

/** A task as a unit's list shows it (the unit page, a unit's own tasks). */
export const UnitTaskSchema = z.object({
  id: z.number(),
  planId: z.number(),
  planNumber: z.string().nullable(),
  number: z.string(),
  title: z.string(),
  role: UnitRoleSchema,
  deadlines: z.array(DeadlineSchema),
  nextDue: z.string().nullable(),
});
export type UnitTask = z.infer<typeof UnitTaskSchema>;

/** A task of the signed-in user's unit; `unitId` is the unit named on it (the user's or one under it). */
export const MyTaskSchema = z.object({
  id: z.number(), planId: z.number(), planNumber: z.string().nullable(), number: z.string(), title: z.string(), role: UnitRoleSchema, unitId: z.number(),
  deadlines: z.array(DeadlineSchema), nextDue: z.string().nullable(), contactName: z.string().nullable(), contactPhone: z.string().nullable(), note: z.string().nullable(),
  status: WorkStatusSchema,
});
export type MyTask = z.infer<typeof MyTaskSchema>;
export const MyTasksSchema = z.object({ unit: UnitNameRefSchema.nullable(), data: z.array(MyTaskSchema), total: z.number() });
export type MyTasks = z.infer<typeof MyTasksSchema>;

export const CalendarQuerySchema = z.object({ unitId: z.coerce.number().int().positive().optional() });
export const CalendarItemSchema = z.object({ taskId: z.number(), number: z.string(), title: z.string(), sectionTitle: z.string().nullable(), date: z.string(), text: z.string(), clause: z.string(), units: z.array(UnitRefSchema) });
export type CalendarItem = z.infer<typeof CalendarItemSchema>;
export const CalendarSchema = z.object({ months: z.array(z.object({ month: z.string(), items: z.array(CalendarItemSchema) })), undated: z.number() });
export type PlanCalendar = z.infer<typeof CalendarSchema>;
