import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses, fileResponse, IdParams, MIME } from '#core/api/common.ts';
import {
  LedgerEntryCreateSchema,
  LedgerEntryPatchSchema,
  LedgerImportResultSchema,
  LedgerReviewSchema,
  LedgerSchema,
  LedgerSheetQuerySchema,
} from '#core/api/ledger.ts';
import * as service from './ledger.service.ts';
import { exportLedger, importLedger, MAX_LEDGER_UPLOAD_BYTES } from './ledger-xlsx.ts';
import { discardUpload, openUpload, readUpload } from '../files/upload.ts';
import { AppError } from '../errors.ts';

export function ledgerRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const write = { action: 'task.unit.write' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);
    app.get(
      '/api/tasks/:id/ledger',
      { config: { action: 'plan.read' }, schema: { tags: ['ledger'], params: IdParams, response: { 200: LedgerSchema, ...errors } } },
      async (req) => service.getLedger(deps, req.params.id),
    );
    app.post(
      '/api/tasks/:id/ledger',
      { config: write, schema: { tags: ['ledger'], params: IdParams, body: LedgerEntryCreateSchema, response: { 201: LedgerSchema, ...errors } } },
      async (req, reply) => {
        const { unitId, ...entry } = req.body;
        return reply.status(201).send(await service.addEntry(deps, actorOf(req), req.params.id, unitId, entry));
      },
    );
    app.patch(
      '/api/ledger/:id',
      { config: write, schema: { tags: ['ledger'], params: IdParams, body: LedgerEntryPatchSchema, response: { 200: LedgerSchema, ...errors } } },
      async (req) => service.updateEntry(deps, actorOf(req), req.params.id, req.body),
    );
    app.delete('/api/ledger/:id', { config: write, schema: { tags: ['ledger'], params: IdParams, response: { 200: LedgerSchema, ...errors } } }, async (req) =>
      service.removeEntry(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/tasks/:id/ledger/submit',
      { config: write, schema: { tags: ['ledger'], params: IdParams, response: { 200: LedgerSchema, ...errors } } },
      async (req) => service.submitPlan(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/tasks/:id/ledger/review',
      {
        config: { action: 'report.review' },
        schema: { tags: ['ledger'], params: IdParams, body: LedgerReviewSchema, response: { 200: LedgerSchema, ...errors } },
      },
      async (req) => service.reviewPlan(deps, actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/api/plans/:id/ledger.xlsx',
      {
        config: { action: 'plan.read' },
        schema: { tags: ['ledger'], params: IdParams, querystring: LedgerSheetQuerySchema, response: { 200: fileResponse('工作台账', MIME.xlsx), ...errors } },
      },
      async (req, reply) =>
        reply
          .type(MIME.xlsx)
          .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('工作台账.xlsx')}`)
          .send(await exportLedger(deps, req.params.id, req.query.unit ?? null)),
    );
    app.post(
      '/api/plans/:id/ledger.xlsx',
      {
        config: write,
        schema: {
          tags: ['ledger'],
          params: IdParams,
          querystring: LedgerSheetQuerySchema,
          consumes: ['multipart/form-data'],
          response: { 200: LedgerImportResultSchema, ...errors },
        },
      },
      async (req) => {
        const upload = await openUpload(req, { maxBytes: MAX_LEDGER_UPLOAD_BYTES, what: '台账文件' });
        if (!/\.xlsx$/i.test(upload.fileName)) {
          discardUpload(upload);
          throw new AppError('UNSUPPORTED_TYPE', '请上传 .xlsx 格式的台账');
        }
        const bytes = await readUpload(upload, MAX_LEDGER_UPLOAD_BYTES);
        const actor = actorOf(req);
        const unitId = req.query.unit ?? actor.unitId;
        if (!unitId) throw new AppError('INVALID_INPUT', '请指定单位', { field: 'unit' });
        return importLedger(deps, actor, req.params.id, unitId, bytes);
      },
    );
  };
}
