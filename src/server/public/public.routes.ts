import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context.ts';
import { errorResponses, IdParams } from '#core/api/common.ts';
import { PublicPlanSchema, PublicPlansSchema } from '#core/api/public.ts';
import * as service from './public.service.ts';

/** The public progress page (no session). */
export function publicRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const open = { action: 'public.read' as const };
    app.get('/api/public/plans', { config: open, schema: { tags: ['public'], response: { 200: PublicPlansSchema, ...errorResponses(404) } } }, async () => service.listPublicPlans(deps));
    app.get('/api/public/plans/:id', { config: open, schema: { tags: ['public'], params: IdParams, response: { 200: PublicPlanSchema, ...errorResponses(400, 404) } } }, async (req) =>
      service.getPublicPlan(deps, req.params.id),
    );
  };
}
