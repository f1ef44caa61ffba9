import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context.ts';
import { actorOf } from '../actor.ts';
import { errorResponses, IdParams } from '#core/api/common.ts';
import { PlanCheckpointsSchema, PlanDetailSchema, PlanListSchema, PlanSourceSchema, PlanUpdateSchema, SectionSchema, SectionUpdateSchema } from '#core/api/plans.ts';
import { getCheckpoints } from './checkpoints.service.ts';
import * as service from './plans.service.ts';

export function planRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'plan.read' as const };
    const manage = { action: 'plan.manage' as const };
    app.get(
      '/api/plans/:id/checkpoints',
      { config: read, schema: { tags: ['plans'], params: IdParams, response: { 200: PlanCheckpointsSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
      async (req) => getCheckpoints(deps, req.params.id),
    );
    app.get('/api/plans', { config: read, schema: { tags: ['plans'], response: { 200: PlanListSchema } } }, async () => service.findPlans(deps));

    app.get('/api/plans/:id', { config: read, schema: { tags: ['plans'], params: IdParams, response: { 200: PlanDetailSchema, ...errorResponses(404) } } }, async (req) =>
      service.getPlan(deps, req.params.id),
    );

    app.patch(
      '/api/plans/:id',
      { config: manage, schema: { tags: ['plans'], params: IdParams, body: PlanUpdateSchema, response: { 200: PlanDetailSchema, ...errorResponses(400, 404) } } },
      async (req) => service.updatePlan(deps, actorOf(req), req.params.id, req.body),
    );

    app.get('/api/plans/:id/source', { config: read, schema: { tags: ['plans'], params: IdParams, response: { 200: PlanSourceSchema, ...errorResponses(404) } } }, async (req) =>
      service.getPlanSource(deps, req.params.id),
    );

    app.patch(
      '/api/sections/:id',
      { config: manage, schema: { tags: ['plans'], params: IdParams, body: SectionUpdateSchema, response: { 200: SectionSchema, ...errorResponses(400, 404) } } },
      async (req) => service.updateSection(deps, actorOf(req), req.params.id, req.body.indicatorCode),
    );
  };
}
