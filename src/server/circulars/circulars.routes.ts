import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses, fileResponse, IdParams, MIME } from '#core/api/common.ts';
import { CircularListSchema, CircularPatchSchema, CircularSchema } from '#core/api/circulars.ts';
import * as service from './circulars.service.ts';

export function circularRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'plan.read' as const };
    const manage = { action: 'round.manage' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);

    app.post('/api/rounds/:id/circulars', { config: manage, schema: { tags: ['circulars'], params: IdParams, response: { 201: CircularSchema, ...errors } } }, async (req, reply) =>
      reply.status(201).send(await service.createCircular(deps, actorOf(req), req.params.id)),
    );
    app.get('/api/circulars', { config: read, schema: { tags: ['circulars'], response: { 200: CircularListSchema, ...errors } } }, async (req) => service.findCirculars(deps, actorOf(req)));
    app.get('/api/circulars/:id', { config: read, schema: { tags: ['circulars'], params: IdParams, response: { 200: CircularSchema, ...errors } } }, async (req) =>
      service.getCircular(deps, actorOf(req), req.params.id),
    );
    app.patch('/api/circulars/:id', { config: manage, schema: { tags: ['circulars'], params: IdParams, body: CircularPatchSchema, response: { 200: CircularSchema, ...errors } } }, async (req) =>
      service.updateCircular(deps, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/circulars/:id/issue', { config: manage, schema: { tags: ['circulars'], params: IdParams, response: { 200: CircularSchema, ...errors } } }, async (req) =>
      service.issueCircular(deps, actorOf(req), req.params.id),
    );
    app.delete('/api/circulars/:id', { config: manage, schema: { tags: ['circulars'], params: IdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await service.deleteCircular(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    });
    // find-my-way matches a parameter followed by a static suffix: /api/circulars/7.pdf gives id "7".
    for (const kind of ['docx', 'pdf', 'xlsx'] as const) {
      app.get(`/api/circulars/:id.${kind}`, { config: read, schema: { tags: ['circulars'], params: IdParams, response: { 200: fileResponse(`通报（${kind}）`, MIME[kind]), ...errors } } }, async (req, reply) => {
        const file = await service.openCircularFile(deps, actorOf(req), req.params.id, kind);
        if (file.sha256) reply.header('etag', `"${file.sha256}"`);
        return reply
          .type(file.mime)
          .header('content-disposition', `attachment; filename="circular-${req.params.id}.${kind}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('cache-control', 'private, no-cache')
          .send(file.body);
      });
    }
  };
}
