import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AttachmentParams,
  AttachmentSchema,
  OkSchema,
  ReopenBodySchema,
  ReportCreateSchema,
  ReportListSchema,
  ReportPatchSchema,
  ReportSchema,
  ReviewBodySchema,
  ReviewQueueSchema,
} from '#core/api/reports.ts';
import { EVIDENCE_MAX_BYTES } from '#core/files/sniff.ts';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { discardUpload, openUpload } from '../files/upload.ts';
import { errorResponses, fileResponse, IdParams, MIME } from '#core/api/common.ts';
import * as service from './reports.service.ts';
import * as reviews from './reviews.service.ts';

export function reportRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'plan.read' as const };
    const write = { action: 'task.unit.write' as const };
    const review = { action: 'report.review' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);

    app.get(
      '/api/tasks/:id/reports',
      { config: read, schema: { tags: ['reports'], params: IdParams, response: { 200: ReportListSchema, ...errors } } },
      async (req) => service.findReports(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/tasks/:id/reports',
      { config: write, schema: { tags: ['reports'], params: IdParams, body: ReportCreateSchema, response: { 201: ReportSchema, ...errors } } },
      async (req, reply) => reply.status(201).send(await service.createReport(deps, actorOf(req), req.params.id, req.body)),
    );
    app.patch(
      '/api/reports/:id',
      { config: write, schema: { tags: ['reports'], params: IdParams, body: ReportPatchSchema, response: { 200: ReportSchema, ...errors } } },
      async (req) => service.updateReport(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/reports/:id/attachments',
      {
        config: write,
        schema: {
          tags: ['reports'],
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 201: AttachmentSchema, ...errors, ...errorResponses(413, 415) },
        },
      },
      async (req, reply) => {
        // Streamed to the store, never held whole; a refusal before the end stops the upload.
        const upload = await openUpload(req, { maxBytes: EVIDENCE_MAX_BYTES, what: '佐证材料' });
        try {
          return reply.status(201).send(await service.addAttachment(deps, actorOf(req), req.params.id, { fileName: upload.fileName, stream: upload.stream }));
        } finally {
          discardUpload(upload);
        }
      },
    );
    app.delete(
      '/api/reports/:id/attachments/:attachmentId',
      { config: write, schema: { tags: ['reports'], params: AttachmentParams, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await service.removeAttachment(deps, actorOf(req), req.params.id, req.params.attachmentId);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/attachments/:id',
      { config: read, schema: { tags: ['reports'], params: IdParams, response: { 200: fileResponse('佐证材料（以其登记的类型下载）', MIME.any), ...errors } } },
      async (req, reply) => {
        const a = await service.openAttachment(deps, actorOf(req), req.params.id);
        return reply
          .type(a.mime)
          .header('content-disposition', `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
          .header('x-content-type-options', 'nosniff')
          .send(a.stream);
      },
    );
    app.post(
      '/api/reports/:id/submit',
      { config: write, schema: { tags: ['reports'], params: IdParams, response: { 200: ReportSchema, ...errors } } },
      async (req) => service.submitReport(deps, actorOf(req), req.params.id),
    );
    app.get('/api/reviews', { config: review, schema: { tags: ['reports'], response: { 200: ReviewQueueSchema, ...errors } } }, async () =>
      reviews.findReviewQueue(deps),
    );
    app.post(
      '/api/reports/:id/review',
      { config: review, schema: { tags: ['reports'], params: IdParams, body: ReviewBodySchema, response: { 200: ReportSchema, ...errors } } },
      async (req) => reviews.reviewReport(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/tasks/:id/reopen',
      { config: review, schema: { tags: ['reports'], params: IdParams, body: ReopenBodySchema, response: { 200: OkSchema, ...errors } } },
      async (req) => reviews.reopenTask(deps, actorOf(req), req.params.id, req.body.reason),
    );
    app.post(
      '/api/milestones/:id/reopen',
      { config: review, schema: { tags: ['reports'], params: IdParams, body: ReopenBodySchema, response: { 200: OkSchema, ...errors } } },
      async (req) => reviews.reopenMilestone(deps, actorOf(req), req.params.id, req.body.reason),
    );
  };
}
