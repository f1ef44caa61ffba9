/** The contract of the public progress page (no session); a 404 means the page is off or the plan not public. */
import { z } from 'zod';
import { StatusCountsSchema, WorkStatusSchema } from './common.ts';

const Counts = StatusCountsSchema.strict();
// Strict response schemas: the serializer drops any field not listed here, so the public answer is exactly this.
export const PublicPlanSummarySchema = z.object({ id: z.number(), number: z.string().nullable(), title: z.string(), year: z.number().nullable(), tasks: z.number(), done: z.number() }).strict();
export type PublicPlanSummary = z.infer<typeof PublicPlanSummarySchema>;
export const PublicPlansSchema = z.object({ data: z.array(PublicPlanSummarySchema) }).strict();
export const PublicTaskSchema = z.object({ number: z.string(), title: z.string(), status: WorkStatusSchema, deadline: z.string().nullable(), leadUnits: z.array(z.string()) }).strict();
export type PublicTask = z.infer<typeof PublicTaskSchema>;
export const PublicPlanSchema = z
  .object({
    plan: z.object({ id: z.number(), number: z.string().nullable(), title: z.string(), issuer: z.string().nullable(), issueDate: z.string().nullable() }).strict(),
    asOf: z.string(),
    counts: Counts,
    sections: z.array(z.object({ title: z.string(), counts: Counts, tasks: z.array(PublicTaskSchema) }).strict()),
  })
  .strict();
export type PublicPlan = z.infer<typeof PublicPlanSchema>;
