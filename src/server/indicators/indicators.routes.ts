import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { findIndicators } from '../plans/plans.service.ts';

const IndicatorListSchema = z.object({ data: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })), total: z.number() });

export function indicatorRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/indicators', { config: { action: 'plan.read' }, schema: { tags: ['indicators'], response: { 200: IndicatorListSchema } } }, async () => findIndicators(deps));
  };
}
