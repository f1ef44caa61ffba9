import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, fileResponse, IdParams, MIME } from '#core/api/common.ts';
import { FindingTaxonomySchema } from '#core/api/inspection-findings.ts';
import {
  DrawRequestSchema,
  InspectionCreateSchema,
  InspectionDetailSchema,
  InspectionListQuerySchema,
  InspectionListSchema,
  InspectionUpdateSchema,
  InspectorListSchema,
  VisitCreateSchema,
  VisitListSchema,
  VisitSchema,
} from '#core/api/inspections.ts';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { drawInspection } from './draw.service.ts';
import * as findings from './findings.service.ts';
import { inspectionsXlsx } from './inspections-xlsx.ts';
import * as service from './inspections.service.ts';

const xlsxName = (name: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Inspection plans (检查计划): plans, the random draw, release, the office's lists, visits. */
export function inspectionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'inspection.read' as const };
    const manage = { action: 'inspection.manage' as const };
    const record = { action: 'inspection.record' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);
    const tags = ['inspections'];

    app.get(
      '/api/inspections',
      { config: read, schema: { tags, querystring: InspectionListQuerySchema, response: { 200: InspectionListSchema, ...errors } } },
      async (req) => service.findInspections(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/inspections/export.xlsx',
      { config: read, schema: { tags, querystring: InspectionListQuerySchema, response: { 200: fileResponse('督查计划', MIME.xlsx), ...errors } } },
      async (req, reply) =>
        reply
          .type(MIME.xlsx)
          .header('content-disposition', xlsxName('督查计划.xlsx'))
          .send(await inspectionsXlsx(await service.allInspections(deps, actorOf(req), req.query))),
    );
    app.post(
      '/api/inspections',
      { config: manage, schema: { tags, body: InspectionCreateSchema, response: { 201: InspectionDetailSchema, ...errors } } },
      async (req, reply) => reply.status(201).send(await service.createInspection(deps, actorOf(req), req.body)),
    );
    app.get('/api/inspections/inspectors', { config: manage, schema: { tags, response: { 200: InspectorListSchema, ...errors } } }, async () =>
      service.findInspectors(deps),
    );
    app.get('/api/inspections/taxonomy', { config: read, schema: { tags, response: { 200: FindingTaxonomySchema, ...errors } } }, async () =>
      findings.getTaxonomy(deps),
    );
    app.put(
      '/api/inspections/taxonomy',
      { config: manage, schema: { tags, body: FindingTaxonomySchema, response: { 200: FindingTaxonomySchema, ...errors } } },
      async (req) => findings.putTaxonomy(deps, actorOf(req), req.body),
    );
    app.get('/api/inspections/:id', { config: read, schema: { tags, params: IdParams, response: { 200: InspectionDetailSchema, ...errors } } }, async (req) =>
      service.getInspection(deps, actorOf(req), req.params.id),
    );
    app.patch(
      '/api/inspections/:id',
      { config: manage, schema: { tags, params: IdParams, body: InspectionUpdateSchema, response: { 200: InspectionDetailSchema, ...errors } } },
      async (req) => service.updateInspection(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/inspections/:id/draw',
      { config: manage, schema: { tags, params: IdParams, body: DrawRequestSchema, response: { 200: InspectionDetailSchema, ...errors } } },
      async (req) => drawInspection(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/inspections/:id/release',
      { config: manage, schema: { tags, params: IdParams, response: { 200: InspectionDetailSchema, ...errors } } },
      async (req) => service.releaseInspection(deps, actorOf(req), req.params.id),
    );
    app.get('/api/inspections/:id/visits', { config: read, schema: { tags, params: IdParams, response: { 200: VisitListSchema, ...errors } } }, async (req) =>
      findings.findVisits(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/inspections/:id/visits',
      { config: record, schema: { tags, params: IdParams, body: VisitCreateSchema, response: { 201: VisitSchema, ...errors } } },
      async (req, reply) => reply.status(201).send(await findings.recordVisit(deps, actorOf(req), req.params.id, req.body)),
    );
  };
}
