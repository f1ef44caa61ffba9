import { z } from 'zod';
import { parseStatusList } from '../dashboard/status-table.ts';
import type { WorkStatus } from '../status/status.ts';
import { StatusCountsSchema, WorkStatusSchema } from './common.ts';

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
export const BurnupSchema = z.object({
  asOf: z.string(),
  checkpoints: z.array(z.object({ text: z.string(), date: z.string() })),
  series: z.array(z.object({ date: z.string(), due: z.number(), done: z.number() })),
});
export const SectionsSchema = z.object({
  data: z.array(z.object({ planId: z.number(), sectionId: z.number(), title: z.string(), indicatorCode: z.string().nullable(), counts: StatusCountsSchema })),
});
export const UnitsSchema = z.object({
  data: z.array(
    z.object({
      unitId: z.number(), name: z.string(), tasks: z.number(), done: z.number(), overdue: z.number(),
      completionRate: z.number(), timelinessRate: z.number(), reportingRate: z.number(), score: z.number(), rank: z.number(),
    }),
  ),
});
export const HeatmapSchema = z.object({
  months: z.array(z.string()),
  units: z.array(z.object({ unitId: z.number(), name: z.string() })),
  cells: z.array(z.tuple([z.number(), z.number(), z.number()])),
});
export const RoundsTrendSchema = z.object({
  data: z.array(z.object({ roundId: z.number(), title: z.string(), closedAt: z.string().nullable(), dueDate: z.string(), completionRate: z.number(), overdue: z.number(), reportingRate: z.number() })),
});
export const RoadmapSchema = z.object({
  data: z.array(
    z.object({ taskId: z.number(), number: z.string(), title: z.string(), sectionId: z.number().nullable(), start: z.string(), end: z.string().nullable(), status: WorkStatusSchema, leadUnits: z.array(z.string()) }),
  ),
});
export const DrillDownSchema = z.object({
  data: z.array(
    z.object({ id: z.number(), planId: z.number(), number: z.string(), title: z.string(), sectionTitle: z.string().nullable(), status: WorkStatusSchema, dueDate: z.string().nullable(), leadUnits: z.array(z.string()) }),
  ),
  total: z.number(),
});
