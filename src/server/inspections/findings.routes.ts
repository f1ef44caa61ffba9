import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, fileResponse, IdParams, MIME } from '#core/api/common.ts';
import {
  EvidenceQuerySchema,
  EvidenceSchema,
  FindingCreateSchema,
  FindingDetailSchema,
  FindingFilterSchema,
  FindingGroupQuerySchema,
  FindingGroupsSchema,
  FindingImportQuerySchema,
  FindingImportResultSchema,
  FindingListQuerySchema,
  FindingListSchema,
  INSPECTION_UPLOAD_MAX_BYTES,
} from '#core/api/inspection-findings.ts';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { discardUpload, openUpload, readUpload } from '../files/upload.ts';
import { findingsTemplate, importFindings, MAX_FINDINGS_UPLOAD_BYTES } from './findings-import.ts';
import { findingsXlsx } from './inspections-xlsx.ts';
import * as service from './findings.service.ts';

/** Findings (问题清单): recording, the filtered list, grouped counts, export, evidence. */
export function findingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'inspection.read' as const };
    const record = { action: 'inspection.record' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);
    const tags = ['inspections'];

    app.post(
      '/api/inspections/:id/findings',
      { config: record, schema: { tags, params: IdParams, body: FindingCreateSchema, response: { 201: FindingDetailSchema, ...errors } } },
      async (req, reply) => reply.status(201).send(await service.createFinding(deps, actorOf(req), req.params.id, req.body)),
    );
    app.get(
      '/api/inspections/:id/findings/template.xlsx',
      { config: record, schema: { tags, params: IdParams, response: { 200: fileResponse('问题清单模板', MIME.xlsx), ...errors } } },
      async (req, reply) =>
        reply
          .type(MIME.xlsx)
          .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('问题清单模板.xlsx')}`)
          .send(await findingsTemplate(deps, actorOf(req), req.params.id)),
    );
    app.post(
      '/api/inspections/:id/findings/import',
      {
        config: record,
        schema: {
          tags,
          params: IdParams,
          querystring: FindingImportQuerySchema,
          consumes: ['multipart/form-data'],
          response: { 200: FindingImportResultSchema, ...errors, ...errorResponses(413, 415) },
        },
      },
      async (req) => {
        const upload = await openUpload(req, { maxBytes: MAX_FINDINGS_UPLOAD_BYTES, what: '问题清单' });
        if (!/\.xlsx$/i.test(upload.fileName)) {
          discardUpload(upload);
          throw new AppError('UNSUPPORTED_TYPE', '请上传 .xlsx 格式的问题清单');
        }
        const bytes = await readUpload(upload, MAX_FINDINGS_UPLOAD_BYTES);
        return importFindings(deps, actorOf(req), req.params.id, bytes, req.query.dryRun === 'true');
      },
    );
    app.get(
      '/api/findings',
      { config: read, schema: { tags, querystring: FindingListQuerySchema, response: { 200: FindingListSchema, ...errors } } },
      async (req) => service.findFindings(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/findings/groups',
      { config: read, schema: { tags, querystring: FindingGroupQuerySchema, response: { 200: FindingGroupsSchema, ...errors } } },
      async (req) => service.findingGroups(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/findings/export.xlsx',
      { config: read, schema: { tags, querystring: FindingFilterSchema, response: { 200: fileResponse('问题清单', MIME.xlsx), ...errors } } },
      async (req, reply) =>
        reply
          .type(MIME.xlsx)
          .header('content-disposition', `attachment; filename="findings.xlsx"; filename*=UTF-8''${encodeURIComponent('问题清单.xlsx')}`)
          .send(await findingsXlsx(await service.allFindings(deps, actorOf(req), req.query))),
    );
    app.get('/api/findings/:id', { config: read, schema: { tags, params: IdParams, response: { 200: FindingDetailSchema, ...errors } } }, async (req) =>
      service.getFinding(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/findings/:id/evidence',
      {
        config: record,
        schema: {
          tags,
          params: IdParams,
          querystring: EvidenceQuerySchema,
          consumes: ['multipart/form-data'],
          response: { 201: EvidenceSchema, ...errors, ...errorResponses(413, 415) },
        },
      },
      async (req, reply) => {
        // Streamed to the store, never held whole; the largest kind's limit stops the upload, each kind's is checked after.
        const upload = await openUpload(req, { maxBytes: INSPECTION_UPLOAD_MAX_BYTES, what: '证据材料' });
        try {
          const e = await service.addEvidence(deps, actorOf(req), req.params.id, upload, req.query.note ?? null);
          return reply.status(201).send(e);
        } finally {
          discardUpload(upload);
        }
      },
    );
    app.get(
      '/api/inspection-evidence/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: fileResponse('督查证据（以其登记的类型下载）', MIME.any), ...errors } } },
      async (req, reply) => {
        const e = await service.openEvidence(deps, actorOf(req), req.params.id);
        return reply
          .type(e.mime)
          .header('content-disposition', `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(e.fileName)}`)
          .header('x-content-type-options', 'nosniff')
          .send(e.stream);
      },
    );
  };
}
