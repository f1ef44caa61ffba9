/** The contract of the dashboards: the queries every chart takes and the already-shaped series it draws. */
import { z } from 'zod';
import { parseStatusList } from '../dashboard/status-table.ts';
import type { WorkStatus } from '../status/status.ts';
import type { UnitRank } from '../dashboard/ranking.ts';
import { listResult, StatusCountsSchema, WorkStatusSchema, type SameType } from './common.ts';

export { StatusCountsSchema };

const Id = z.coerce.number().int().positive();

export const ScopeQuery = z.object({ planId: Id.optional() });
export const UnitsQuery = ScopeQuery.extend({ limit: z.coerce.number().int().min(1, '条数应为 1–1000').max(1000, '条数应为 1–1000').optional() });
export const RoadmapQuery = ScopeQuery.extend({ sectionId: Id.optional() });
export const DrillDownQuery = ScopeQuery.extend({
  sectionId: Id.optional(),
  unitId: Id.optional(),
  /** One status or several, comma-separated: "overdue,done_late". */
  status: z
    .string()
    .transform((v, ctx): WorkStatus[] => {
      const list = parseStatusList(v);
      if (!list) {
        ctx.addIssue({ code: 'custom', message: '状态应为 not_started、in_progress、due_soon、overdue、done、done_late 之一（多个用逗号分隔）' });
        return z.NEVER;
      }
      return list;
    })
    .optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(20),
});


export const SummarySchema = z.object({ asOf: z.string(), plans: z.number(), tasks: z.number(), units: z.number(), counts: StatusCountsSchema });
export type DashboardSummary = z.infer<typeof SummarySchema>;
export const BurnupSchema = z.object({
  asOf: z.string(),
  checkpoints: z.array(z.object({ text: z.string(), date: z.string() })),
  /** Weekly: tasks due (last deadline on or before `date`) and closed by `date`, both cumulative. */
  series: z.array(z.object({ date: z.string(), due: z.number(), done: z.number() })),
});
export type Burnup = z.infer<typeof BurnupSchema>;
export const SectionProgressSchema = z.object({ planId: z.number(), sectionId: z.number(), title: z.string(), indicatorCode: z.string().nullable(), counts: StatusCountsSchema });
export type SectionProgress = z.infer<typeof SectionProgressSchema>;
export const SectionsSchema = z.object({ data: z.array(SectionProgressSchema) });
/** A unit of the ranking (`GET /api/dashboard/units`). */
export const UnitRankingSchema = z.object({
  unitId: z.number(), name: z.string(), tasks: z.number(), done: z.number(), overdue: z.number(),
  completionRate: z.number(), timelinessRate: z.number(), reportingRate: z.number(), score: z.number(), rank: z.number(),
});
export type UnitRanking = z.infer<typeof UnitRankingSchema>;
export const UnitsSchema = z.object({ data: z.array(UnitRankingSchema) });
export const HeatmapSchema = z.object({
  months: z.array(z.string()),
  units: z.array(z.object({ unitId: z.number(), name: z.string() })),
  /** [unitIndex, monthIndex, count]: milestones not met on time. */
  cells: z.array(z.tuple([z.number(), z.number(), z.number()])),
});
export type Heatmap = z.infer<typeof HeatmapSchema>;
export const RoundTrendSchema = z.object({ roundId: z.number(), title: z.string(), closedAt: z.string().nullable(), dueDate: z.string(), completionRate: z.number(), overdue: z.number(), reportingRate: z.number() });
export type RoundTrend = z.infer<typeof RoundTrendSchema>;
export const RoundsTrendSchema = z.object({ data: z.array(RoundTrendSchema) });
/** A task on the roadmap; `start` is the lead unit's first ledger action, else the plan's issue date. */
export const RoadmapTaskSchema = z.object({ taskId: z.number(), number: z.string(), title: z.string(), sectionId: z.number().nullable(), start: z.string(), end: z.string().nullable(), status: WorkStatusSchema, leadUnits: z.array(z.string()) });
export type RoadmapTask = z.infer<typeof RoadmapTaskSchema>;
export const RoadmapSchema = z.object({ data: z.array(RoadmapTaskSchema) });
export const DrillTaskSchema = z.object({ id: z.number(), planId: z.number(), number: z.string(), title: z.string(), sectionTitle: z.string().nullable(), status: WorkStatusSchema, dueDate: z.string().nullable(), leadUnits: z.array(z.string()) });
export type DrillTask = z.infer<typeof DrillTaskSchema>;
export const DrillDownSchema = listResult(DrillTaskSchema);

// The ranking row is core's (core/dashboard/ranking.ts); this fails to compile if the schema drifts from it.
const rankingMatches: SameType<UnitRanking, UnitRank> = true;
void rankingMatches;
