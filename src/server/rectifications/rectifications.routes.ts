import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { errorResponses, fileResponse, IdParams, MIME } from '#core/api/common.ts';
import {
  AnswerDraftSchema,
  AnswerEvidenceSchema,
  AnswerSchema,
  FiguresQuerySchema,
  NoticeCreateSchema,
  NoticeDetailSchema,
  NoticeListQuerySchema,
  NoticeListSchema,
  RecheckCreateSchema,
  RectificationDetailSchema,
  RectificationFiguresSchema,
  RectificationListQuerySchema,
  RectificationListSchema,
  RectificationProfileInputSchema,
  RectificationProfileSchema,
} from '#core/api/rectifications.ts';
import { INSPECTION_UPLOAD_MAX_BYTES } from '#core/inspections/evidence.ts';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { discardUpload, openUpload } from '../files/upload.ts';
import * as answers from './answers.service.ts';
import * as xlsx from './rectifications-xlsx.ts';
import * as service from './rectifications.service.ts';

function sendFile(reply: FastifyReply, f: { fileName: string; mime: string; body: Readable; sha256: string }, fallback: string) {
  return reply
    .type(f.mime)
    .header('etag', `"${f.sha256}"`)
    .header('content-disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .send(f.body);
}

function sendXlsx(reply: FastifyReply, bytes: Buffer, fallback: string, name: string) {
  return reply
    .type(MIME.xlsx)
    .header('content-disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(bytes);
}

/** Rectification (整改): the deadline profile, notices, the unit's answers, re-checks and the views. */
export function rectificationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'inspection.read' as const };
    const manage = { action: 'inspection.manage' as const };
    const answer = { action: 'rectification.answer' as const };
    // A unit account reaching the re-check gets told why, not a bare refusal.
    const record = { action: 'inspection.record' as const, forbidden: '单位不能复查本单位的整改情况，复查由参与督查的督查人员进行' };
    const errors = errorResponses(400, 401, 403, 404, 409);
    const tags = ['rectifications'];

    app.get('/api/rectifications/profile', { config: read, schema: { tags, response: { 200: RectificationProfileSchema, ...errors } } }, async () =>
      service.getProfile(deps),
    );
    app.put(
      '/api/rectifications/profile',
      { config: manage, schema: { tags, body: RectificationProfileInputSchema, response: { 200: RectificationProfileSchema, ...errors } } },
      async (req) => service.putProfile(deps, actorOf(req), req.body),
    );

    app.get(
      '/api/rectifications/notices',
      { config: read, schema: { tags, querystring: NoticeListQuerySchema, response: { 200: NoticeListSchema, ...errors } } },
      async (req) => service.findNotices(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/rectifications/notices/export.xlsx',
      { config: read, schema: { tags, querystring: NoticeListQuerySchema, response: { 200: fileResponse('整改通知清单', MIME.xlsx), ...errors } } },
      async (req, reply) => {
        const { data } = await service.findNotices(deps, actorOf(req), req.query);
        return sendXlsx(reply, await xlsx.noticesXlsx(deps.clock.today(), data), 'notices.xlsx', '整改通知.xlsx');
      },
    );
    app.post(
      '/api/rectifications/notices',
      { config: manage, schema: { tags, body: NoticeCreateSchema, response: { 201: NoticeDetailSchema, ...errors } } },
      async (req, reply) => reply.status(201).send(await service.createNotice(deps, actorOf(req), req.body)),
    );
    app.get(
      '/api/rectifications/notices/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: NoticeDetailSchema, ...errors } } },
      async (req) => service.getNotice(deps, actorOf(req), req.params.id),
    );
    for (const kind of ['docx', 'pdf'] as const) {
      app.get(
        `/api/rectifications/notices/:id.${kind}`,
        { config: read, schema: { tags, params: IdParams, response: { 200: fileResponse(`整改通知书（${kind}）`, MIME[kind]), ...errors } } },
        async (req, reply) => sendFile(reply, await service.openNoticeFile(deps, actorOf(req), req.params.id, kind), `notice-${req.params.id}.${kind}`),
      );
    }

    app.get(
      '/api/rectifications/findings',
      { config: read, schema: { tags, querystring: RectificationListQuerySchema, response: { 200: RectificationListSchema, ...errors } } },
      async (req) => service.findRectifications(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/rectifications/findings/export.xlsx',
      { config: read, schema: { tags, querystring: RectificationListQuerySchema, response: { 200: fileResponse('问题整改情况', MIME.xlsx), ...errors } } },
      async (req, reply) => {
        const { data } = await service.findRectifications(deps, actorOf(req), req.query);
        return sendXlsx(reply, await xlsx.itemsXlsx(deps.clock.today(), data), 'rectifications.xlsx', '问题整改情况.xlsx');
      },
    );
    app.get(
      '/api/rectifications/findings/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: RectificationDetailSchema, ...errors } } },
      async (req) => answers.getRectification(deps, actorOf(req), req.params.id),
    );
    app.put(
      '/api/rectifications/findings/:id/answer',
      { config: answer, schema: { tags, params: IdParams, body: AnswerDraftSchema, response: { 200: AnswerSchema, ...errors } } },
      async (req) => answers.saveAnswer(deps, actorOf(req), req.params.id, req.body.measures),
    );
    app.post(
      '/api/rectifications/answers/:id/evidence',
      {
        config: answer,
        schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 201: AnswerEvidenceSchema, ...errors, ...errorResponses(413, 415) } },
      },
      async (req, reply) => {
        const upload = await openUpload(req, { maxBytes: INSPECTION_UPLOAD_MAX_BYTES, what: '整改佐证材料' });
        try {
          return reply.status(201).send(await answers.addAnswerEvidence(deps, actorOf(req), req.params.id, upload));
        } finally {
          discardUpload(upload);
        }
      },
    );
    app.post(
      '/api/rectifications/answers/:id/submit',
      { config: answer, schema: { tags, params: IdParams, response: { 200: RectificationDetailSchema, ...errors } } },
      async (req) => answers.submitAnswer(deps, actorOf(req), req.params.id),
    );
    app.get(
      '/api/rectification-evidence/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: fileResponse('整改佐证材料（以其登记的类型下载）', MIME.any), ...errors } } },
      async (req, reply) => sendFile(reply, await answers.openAnswerEvidence(deps, actorOf(req), req.params.id), 'evidence'),
    );
    app.post(
      '/api/rectifications/findings/:id/recheck',
      { config: record, schema: { tags, params: IdParams, body: RecheckCreateSchema, response: { 200: RectificationDetailSchema, ...errors } } },
      async (req) => answers.recheck(deps, actorOf(req), req.params.id, req.body),
    );

    app.get(
      '/api/rectifications/figures',
      { config: read, schema: { tags, querystring: FiguresQuerySchema, response: { 200: RectificationFiguresSchema, ...errors } } },
      async (req) => service.rectificationFiguresOf(deps, actorOf(req), req.query),
    );
    app.get(
      '/api/rectifications/figures/export.xlsx',
      { config: read, schema: { tags, querystring: FiguresQuerySchema, response: { 200: fileResponse('各单位整改情况', MIME.xlsx), ...errors } } },
      async (req, reply) =>
        sendXlsx(
          reply,
          await xlsx.figuresXlsx(await service.rectificationFiguresOf(deps, actorOf(req), req.query)),
          'rectification-units.xlsx',
          '各单位整改情况.xlsx',
        ),
    );
  };
}
