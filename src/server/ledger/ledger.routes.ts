import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses, IdParams, IsoDate } from '../../core/api/common.ts';
import * as service from './ledger.service.ts';
import { exportLedger, importLedger, MAX_LEDGER_UPLOAD_BYTES } from './ledger-xlsx.ts';
import { discardUpload, openUpload, readUpload } from '../files/upload.ts';
import { AppError } from '../errors.ts';

const Entry = z
  .object({
    unitId: z.number().int().positive(),
    milestoneId: z.number().int().positive().nullable().default(null),
    action: z.string().trim().min(1, '具体举措不能为空').max(1000, '具体举措不超过 1000 字'),
    owner: z.string().trim().max(50).nullable().default(null),
    startDate: IsoDate.nullable().default(null),
    dueDate: IsoDate.nullable().default(null),
    deliverable: z.string().trim().max(500).nullable().default(null),
  })
  .strict()
  .refine((e) => !e.startDate || !e.dueDate || e.startDate <= e.dueDate, { message: '开始日期不能晚于完成日期', path: ['dueDate'] });
const EntryPatch = z
  .object({
    milestoneId: z.number().int().positive().nullable(),
    action: z.string().trim().min(1, '具体举措不能为空').max(1000),
    owner: z.string().trim().max(50).nullable(),
    startDate: IsoDate.nullable(),
    dueDate: IsoDate.nullable(),
    deliverable: z.string().trim().max(500).nullable(),
  })
  .partial()
  .strict();
const Ledger = z.object({
  plan: z.object({ status: z.enum(['draft', 'submitted', 'approved', 'returned']), submittedAt: z.string().nullable(), reviewedAt: z.string().nullable(), reviewComment: z.string().nullable() }).nullable(),
  entries: z.array(z.object({ id: z.number(), unitId: z.number(), unitName: z.string(), milestoneId: z.number().nullable(), action: z.string(), owner: z.string().nullable(), startDate: z.string().nullable(), dueDate: z.string().nullable(), deliverable: z.string().nullable() })),
});

export function ledgerRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const write = { action: 'task.unit.write' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);
    app.get('/api/tasks/:id/ledger', { config: { action: 'plan.read' }, schema: { tags: ['ledger'], params: IdParams, response: { 200: Ledger, ...errors } } }, async (req) => service.getLedger(deps, req.params.id));
    app.post('/api/tasks/:id/ledger', { config: write, schema: { tags: ['ledger'], params: IdParams, body: Entry, response: { 201: Ledger, ...errors } } }, async (req, reply) => {
      const { unitId, ...entry } = req.body;
      return reply.status(201).send(await service.addEntry(deps, actorOf(req), req.params.id, unitId, entry));
    });
    app.patch('/api/ledger/:id', { config: write, schema: { tags: ['ledger'], params: IdParams, body: EntryPatch, response: { 200: Ledger, ...errors } } }, async (req) =>
      service.updateEntry(deps, actorOf(req), req.params.id, req.body),
    );
    app.delete('/api/ledger/:id', { config: write, schema: { tags: ['ledger'], params: IdParams, response: { 200: Ledger, ...errors } } }, async (req) => service.removeEntry(deps, actorOf(req), req.params.id));
    app.post('/api/tasks/:id/ledger/submit', { config: write, schema: { tags: ['ledger'], params: IdParams, response: { 200: Ledger, ...errors } } }, async (req) =>
      service.submitPlan(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/tasks/:id/ledger/review',
      { config: { action: 'report.review' }, schema: { tags: ['ledger'], params: IdParams, body: z.object({ decision: z.enum(['approve', 'return']), comment: z.string().trim().max(2000).nullable().default(null) }).strict(), response: { 200: Ledger, ...errors } } },
      async (req) => service.reviewPlan(deps, actorOf(req), req.params.id, req.body),
    );
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    app.get(
      '/api/plans/:id/ledger.xlsx',
      { config: { action: 'plan.read' }, schema: { tags: ['ledger'], params: IdParams, querystring: z.object({ unit: z.coerce.number().int().positive().optional() }), hide: true } },
      async (req, reply) =>
        reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('工作台账.xlsx')}`)
          .send(await exportLedger(deps, req.params.id, req.query.unit ?? null)),
    );
    app.post(
      '/api/plans/:id/ledger.xlsx',
      { config: write, schema: { tags: ['ledger'], params: IdParams, querystring: z.object({ unit: z.coerce.number().int().positive().optional() }), consumes: ['multipart/form-data'], response: { 200: z.object({ applied: z.number() }), ...errors } } },
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
