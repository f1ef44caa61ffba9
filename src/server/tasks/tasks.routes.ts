import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context.ts';
import { ErrorSchema, IdParams } from '../plans/plans.schema.ts';
import { CalendarQuerySchema, CalendarSchema, TaskDetailSchema, TaskListSchema, TaskQuerySchema } from './tasks.schema.ts';
import * as service from './tasks.service.ts';

export function taskRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/plans/:id/tasks',
      { schema: { tags: ['tasks'], params: IdParams, querystring: TaskQuerySchema, response: { 200: TaskListSchema, 400: ErrorSchema, 404: ErrorSchema } } },
      async (req) => service.findTasks(deps, req.params.id, req.query),
    );
    app.get('/api/tasks/:id', { schema: { tags: ['tasks'], params: IdParams, response: { 200: TaskDetailSchema, 404: ErrorSchema } } }, async (req) =>
      service.getTask(deps, req.params.id),
    );
    app.get(
      '/api/plans/:id/calendar',
      { schema: { tags: ['tasks'], params: IdParams, querystring: CalendarQuerySchema, response: { 200: CalendarSchema, 404: ErrorSchema } } },
      async (req) => service.getCalendar(deps, req.params.id, req.query.unitId),
    );
  };
}
