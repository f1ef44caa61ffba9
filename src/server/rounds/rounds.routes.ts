import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses, IdParams } from '#core/api/common.ts';
import { MyRoundsSchema, RoundCreateSchema, RoundDetailSchema, RoundListSchema, RoundSnapshotSchema } from '#core/api/rounds.ts';
import * as service from './rounds.service.ts';

/** Dispatch rounds (调度): open, follow who reported, close and freeze the snapshot. */
export function roundRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'plan.read' as const };
    const manage = { action: 'round.manage' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);
    const tags = ['rounds'];

    app.get('/api/rounds', { config: read, schema: { tags, response: { 200: RoundListSchema, ...errors } } }, async () => service.findRounds(deps));
    app.post('/api/rounds', { config: manage, schema: { tags, body: RoundCreateSchema, response: { 201: RoundDetailSchema, ...errors } } }, async (req, reply) =>
      reply.status(201).send(await service.openRound(deps, actorOf(req), req.body)),
    );
    app.get('/api/rounds/:id', { config: read, schema: { tags, params: IdParams, response: { 200: RoundDetailSchema, ...errors } } }, async (req) => service.getRound(deps, req.params.id));
    app.post('/api/rounds/:id/close', { config: manage, schema: { tags, params: IdParams, response: { 200: RoundDetailSchema, ...errors } } }, async (req) =>
      service.closeRound(deps, actorOf(req), req.params.id),
    );
    app.get('/api/rounds/:id/snapshot', { config: read, schema: { tags, params: IdParams, response: { 200: RoundSnapshotSchema, ...errors } } }, async (req) =>
      service.getRoundSnapshot(deps, req.params.id),
    );
    app.get('/api/me/rounds', { config: read, schema: { tags, response: { 200: MyRoundsSchema, ...errors } } }, async (req) => service.findMyRounds(deps, actorOf(req)));
  };
}
