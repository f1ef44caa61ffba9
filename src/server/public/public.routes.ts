import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { ErrorSchema, IdParams, WorkStatusSchema } from '../../core/api/common.ts';

import * as service from './public.service.ts';

const Counts = z.object({ total: z.number(), notStarted: z.number(), inProgress: z.number(), dueSoon: z.number(), overdue: z.number(), done: z.number(), doneLate: z.number(), completionRate: z.number() }).strict();
// Strict response schemas: the serializer drops any field not listed here, so the public answer is exactly this.
export const PublicPlansSchema = z.object({ data: z.array(z.object({ id: z.number(), number: z.string().nullable(), title: z.string(), year: z.number().nullable(), tasks: z.number(), done: z.number() }).strict()) }).strict();
export const PublicPlanSchema = z
  .object({
    plan: z.object({ id: z.number(), number: z.string().nullable(), title: z.string(), issuer: z.string().nullable(), issueDate: z.string().nullable() }).strict(),
    asOf: z.string(),
    counts: Counts,
    sections: z.array(
      z.object({
        title: z.string(),
        counts: Counts,
        tasks: z.array(z.object({ number: z.string(), title: z.string(), status: WorkStatusSchema, deadline: z.string().nullable(), leadUnits: z.array(z.string()) }).strict()),
      }).strict(),
    ),
  })
  .strict();

/** The public progress page (no session). */
export function publicRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const open = { action: 'public.read' as const };
    app.get('/api/public/plans', { config: open, schema: { tags: ['public'], response: { 200: PublicPlansSchema, 404: ErrorSchema } } }, async () => service.listPublicPlans(deps));
    app.get('/api/public/plans/:id', { config: open, schema: { tags: ['public'], params: IdParams, response: { 200: PublicPlanSchema, 400: ErrorSchema, 404: ErrorSchema } } }, async (req) =>
      service.getPublicPlan(deps, req.params.id),
    );
  };
}
