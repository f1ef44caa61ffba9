/** The contract of dispatch rounds (调度): opening, the live and frozen figures, a unit's open rounds. */
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import { CHECKPOINT_STATES } from '../status/checkpoints.ts';
import { WORK_STATUSES } from '../status/status.ts';
import type { RoundSnapshot, UnitReporting } from '../rounds/types.ts';
import { StatusCountsSchema, UnitRoleSchema, type SameType } from './common.ts';

/** A dispatch round (调度) is open while units report for it; closing freezes its snapshot. */
export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

const DateString = (label: string) =>
  z.string({ error: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`).refine(isIsoDate, `${label}不是有效日期`);

const Ids = (label: string) => z.array(z.number({ error: `${label}应为数字 ID` }).int().positive(), { error: `请选择${label}` });

export const RoundCreateSchema = z
  .object({
    title: z.string({ error: '请填写调度名称' }).trim().min(1, '请填写调度名称').max(100, '调度名称不超过 100 字'),
    periodStart: DateString('统计期开始日期').nullish(),
    periodEnd: DateString('统计期结束日期').nullish(),
    dueDate: DateString('报送截止日期'),
    planIds: Ids('方案').min(1, '请至少选择一个方案').max(100, '一次调度最多包括 100 个方案'),
    unitIds: Ids('单位').max(5000, '一次调度最多包括 5000 个单位').optional(),
    note: z.string().trim().max(2000, '备注不超过 2000 字').nullish(),
  })
  .strict()
  .refine((r) => !r.periodStart || !r.periodEnd || r.periodStart <= r.periodEnd, { message: '统计期开始日期不能晚于结束日期', path: ['periodEnd'] });
export type RoundCreate = z.infer<typeof RoundCreateSchema>;
/** `POST /api/rounds` as a client sends it; without `unitIds` every unit named on a task of the plans is asked. */
export type RoundCreateBody = z.input<typeof RoundCreateSchema>;

const PlanRef = z.object({ id: z.number(), number: z.string().nullable(), title: z.string() });

export const RoundSummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  dueDate: z.string(),
  status: z.enum(ROUND_STATUSES),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  plans: z.array(PlanRef),
  expected: z.number(),
  reported: z.number(),
  circularIds: z.array(z.number()),
});
export type RoundSummary = z.infer<typeof RoundSummarySchema>;

const UnitReportingSchema = z.object({ unitId: z.number(), name: z.string(), reported: z.boolean(), reportedAt: z.string().nullable(), late: z.boolean(), reports: z.number() });

export const RoundDetailSchema = RoundSummarySchema.extend({ note: z.string().nullable(), units: z.array(UnitReportingSchema) });
export type RoundDetail = z.infer<typeof RoundDetailSchema>;

export const RoundListSchema = z.object({ data: z.array(RoundSummarySchema) });

export const MyRoundsSchema = z.object({
  data: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      dueDate: z.string(),
      reported: z.boolean(),
      tasks: z.array(z.object({ taskId: z.number(), number: z.string(), title: z.string(), role: UnitRoleSchema, reported: z.boolean() })),
    }),
  ),
});
/** An open round of the user's unit (`GET /api/me/rounds`), with the unit's tasks in it. */
export type MyRound = z.infer<typeof MyRoundsSchema>['data'][number];

const Status = z.enum(WORK_STATUSES);

/** `RoundSnapshot` (src/core/rounds/types.ts) as a response schema; circulars embed it too. */
export const RoundSnapshotSchema = z.object({
  version: z.literal(1),
  round: z.object({ id: z.number(), title: z.string(), periodStart: z.string().nullable(), periodEnd: z.string().nullable(), dueDate: z.string() }),
  takenAt: z.string(),
  asOf: z.string(),
  plans: z.array(PlanRef),
  overall: StatusCountsSchema,
  bySection: z.array(z.object({ planId: z.number(), sectionId: z.number(), title: z.string(), indicatorCode: z.string().nullable(), counts: StatusCountsSchema })),
  checkpoints: z.array(z.object({ text: z.string(), date: z.string(), due: z.number(), doneByCheckpoint: z.number(), overdue: z.number(), state: z.enum(CHECKPOINT_STATES) })),
  overdue: z.array(
    z.object({ taskId: z.number(), planId: z.number(), number: z.string(), title: z.string(), leadUnits: z.array(z.string()), responsibleUnits: z.array(z.string()), dueDate: z.string(), workdaysOverdue: z.number() }),
  ),
  units: z.array(
    z.object({
      unitId: z.number(), name: z.string(), tasks: z.number(), done: z.number(), overdue: z.number(),
      completionRate: z.number(), timelinessRate: z.number(), reportingScore: z.number(), score: z.number(), rank: z.number(),
    }),
  ),
  reporting: z.object({
    expected: z.number(),
    onTime: z.number(),
    late: z.number(),
    missing: z.array(z.object({ unitId: z.number(), name: z.string() })),
    units: z.array(UnitReportingSchema).optional(),
  }),
  goodPractices: z.array(z.object({ taskId: z.number(), number: z.string(), title: z.string(), unitName: z.string(), narrative: z.string() })),
  tasks: z.array(
    z.object({
      taskId: z.number(), planId: z.number(), number: z.string(), title: z.string(), sectionTitle: z.string().nullable(),
      leadUnits: z.array(z.string()), responsibleUnits: z.array(z.string()),
      deadlines: z.array(z.object({ text: z.string(), date: z.string().nullable() })),
      actions: z.array(z.string()), status: Status, latestProgress: z.string().nullable(), evidenceCount: z.number(),
    }),
  ),
});

// The snapshot's shape is core's (core/rounds/types.ts, stored as JSON); these fail to compile if the schemas drift from it.
const snapshotMatches: SameType<z.infer<typeof RoundSnapshotSchema>, RoundSnapshot> = true;
const reportingMatches: SameType<z.infer<typeof UnitReportingSchema>, UnitReporting> = true;
void snapshotMatches;
void reportingMatches;
