import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IndicatorListSchema } from '#core/api/plans.ts';
import type { Deps } from '../context.ts';
import { findIndicators } from '../plans/plans.service.ts';

export function indicatorRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/indicators', { config: { action: 'plan.read' }, schema: { tags: ['indicators'], response: { 200: IndicatorListSchema } } }, async () => findIndicators(deps));
  };
}
