import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '#core/api/common.ts';
import { WorkbenchSchema } from '#core/api/workbench.ts';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { getWorkbench } from './workbench.service.ts';

/** `GET /api/me/workbench`: a unit's week at a glance (工作台). */
export function workbenchRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/me/workbench', { config: { action: 'plan.read' }, schema: { tags: ['workbench'], response: { 200: WorkbenchSchema, ...errorResponses(400, 401, 403, 404, 409) } } }, async (req) =>
      getWorkbench(deps, actorOf(req)),
    );
  };
}
