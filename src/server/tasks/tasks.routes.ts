import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses, IdParams, OkSchema } from '#core/api/common.ts';
import * as unitWork from './task-units.service.ts';
import {
  CalendarQuerySchema, CalendarSchema, ContactBodySchema, ContactParams, InstructionBodySchema, InstructionSchema, MyTasksSchema,
  TaskDetailSchema, TaskListSchema, TaskQuerySchema,
} from '#core/api/tasks.ts';
import * as service from './tasks.service.ts';

export function taskRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'plan.read' as const };
    const errors = errorResponses(400, 401, 403, 404);
    app.get(
      '/api/plans/:id/tasks',
      { config: read, schema: { tags: ['tasks'], params: IdParams, querystring: TaskQuerySchema, response: { 200: TaskListSchema, ...errors } } },
      async (req) => service.findTasks(deps, req.params.id, req.query),
    );
    app.get('/api/tasks/:id', { config: read, schema: { tags: ['tasks'], params: IdParams, response: { 200: TaskDetailSchema, ...errors } } }, async (req) =>
      service.getTask(deps, actorOf(req), req.params.id),
    );
    app.get(
      '/api/plans/:id/calendar',
      { config: read, schema: { tags: ['tasks'], params: IdParams, querystring: CalendarQuerySchema, response: { 200: CalendarSchema, ...errors } } },
      async (req) => service.getCalendar(deps, req.params.id, req.query.unitId),
    );
    app.get('/api/me/tasks', { config: read, schema: { tags: ['tasks'], response: { 200: MyTasksSchema, ...errors } } }, async (req) => unitWork.myTasks(deps, actorOf(req)));
    app.patch(
      '/api/tasks/:id/units/:unitId',
      { config: { action: 'task.unit.write' }, schema: { tags: ['tasks'], params: ContactParams, body: ContactBodySchema, response: { 200: OkSchema, ...errors } } },
      async (req) => unitWork.updateTaskContact(deps, actorOf(req), req.params.id, req.params.unitId, req.body),
    );
    app.post(
      '/api/tasks/:id/instructions',
      { config: { action: 'task.instruct' }, schema: { tags: ['tasks'], params: IdParams, body: InstructionBodySchema, response: { 201: InstructionSchema, ...errors } } },
      async (req, reply) => reply.status(201).send(await unitWork.addInstruction(deps, actorOf(req), req.params.id, req.body.text)),
    );
  };
}
