import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses, IdParams } from '#core/api/common.ts';
import { AliasBodySchema, AliasParams, AliasSuggestionListSchema, MergeBodySchema, UnitDetailSchema, UnitListSchema, UnitQuerySchema, UnitUpdateSchema } from '#core/api/units.ts';
import * as service from './units.service.ts';

export function unitRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const errors = errorResponses(400, 401, 403, 404, 409);
    const read = { action: 'plan.read' as const };
    const manage = { action: 'unit.manage' as const };
    app.get('/api/units', { config: read, schema: { tags: ['units'], querystring: UnitQuerySchema, response: { 200: UnitListSchema } } }, async (req) => service.findUnits(deps, req.query.q));
    app.get('/api/units/alias-suggestions', { config: manage, schema: { tags: ['units'], response: { 200: AliasSuggestionListSchema } } }, async () => service.findAliasSuggestions(deps));
    app.get('/api/units/:id', { config: read, schema: { tags: ['units'], params: IdParams, response: { 200: UnitDetailSchema, ...errorResponses(404) } } }, async (req) => service.getUnit(deps, req.params.id));
    app.patch('/api/units/:id', { config: manage, schema: { tags: ['units'], params: IdParams, body: UnitUpdateSchema, response: { 200: UnitDetailSchema, ...errors } } }, async (req) =>
      service.updateUnit(deps, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/units/:id/aliases', { config: manage, schema: { tags: ['units'], params: IdParams, body: AliasBodySchema, response: { 200: UnitDetailSchema, ...errors } } }, async (req) =>
      service.addAlias(deps, actorOf(req), req.params.id, req.body.alias),
    );
    app.delete('/api/units/:id/aliases/:alias', { config: manage, schema: { tags: ['units'], params: AliasParams, response: { 200: UnitDetailSchema, ...errors } } }, async (req) =>
      service.removeAlias(deps, actorOf(req), req.params.id, req.params.alias),
    );
    app.post('/api/units/:id/merge', { config: manage, schema: { tags: ['units'], params: IdParams, body: MergeBodySchema, response: { 200: UnitDetailSchema, ...errors } } }, async (req) =>
      service.mergeUnit(deps, actorOf(req), req.params.id, req.body.intoUnitId),
    );
  };
}
