import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { discardUpload, openUpload } from '../files/upload.ts';
import { errorResponses, ErrorSchema, IdParams } from '../../core/api/common.ts';
import * as service from './reports.service.ts';
import { getWorkbench } from './workbench.service.ts';
import { getCheckpoints } from './checkpoints.service.ts';
import { MyTasksSchema } from '../../core/api/tasks.ts';

const MyTaskRow = MyTasksSchema.shape.data.element;
const WorkbenchSchema = z.object({
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  counts: z.object({ dueSoon: z.number(), overdue: z.number(), returned: z.number(), toConsolidate: z.number() }),
  dueSoon: z.array(MyTaskRow),
  overdue: z.array(MyTaskRow),
  returned: z.array(z.object({ reportId: z.number(), taskId: z.number(), taskTitle: z.string(), comment: z.string().nullable() })),
  toConsolidate: z.array(z.object({ taskId: z.number(), taskTitle: z.string(), partReports: z.number() })),
});

const Stage = z.enum(['not_started', 'in_progress', 'basically_done', 'done']);
const Attachment = z.object({ id: z.number(), fileName: z.string(), size: z.number(), mime: z.string(), sha256: z.string() });
const Report = z.object({
  id: z.number(), taskId: z.number(), unitId: z.number(), unitName: z.string(), kind: z.enum(['part', 'consolidated']), stage: Stage, narrative: z.string(),
  status: z.enum(['draft', 'submitted', 'accepted', 'returned']), reviewComment: z.string().nullable(), submittedAt: z.string().nullable(), reviewedAt: z.string().nullable(),
  roundId: z.number().nullable(), milestoneId: z.number().nullable(), attachments: z.array(Attachment),
});
const Narrative = z.string().trim().max(5000, '进展情况不超过 5000 字');
// roundId: the dispatch round the report is made for; without it, the open round of the plan and unit (if any).
const ReportCreate = z.object({ unitId: z.number().int().positive(), kind: z.enum(['part', 'consolidated']), stage: Stage, narrative: Narrative, roundId: z.number().int().positive().nullish(), milestoneId: z.number().int().positive().nullish() }).strict();
const ReportPatch = z.object({ stage: Stage.optional(), narrative: Narrative.optional(), milestoneId: z.number().int().positive().nullable().optional() }).strict();
const Review = z.object({ decision: z.enum(['accept', 'return']), comment: z.string().trim().max(2000).nullable().default(null) }).strict();
const AttachmentParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });

export function reportRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'plan.read' as const };
    const write = { action: 'task.unit.write' as const };
    const review = { action: 'report.review' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);

    app.get('/api/tasks/:id/reports', { config: read, schema: { tags: ['reports'], params: IdParams, response: { 200: z.object({ data: z.array(Report), total: z.number() }), ...errors } } }, async (req) =>
      service.findReports(deps, actorOf(req), req.params.id),
    );
    app.post('/api/tasks/:id/reports', { config: write, schema: { tags: ['reports'], params: IdParams, body: ReportCreate, response: { 201: Report, ...errors } } }, async (req, reply) =>
      reply.status(201).send(await service.createReport(deps, actorOf(req), req.params.id, req.body)),
    );
    app.patch('/api/reports/:id', { config: write, schema: { tags: ['reports'], params: IdParams, body: ReportPatch, response: { 200: Report, ...errors } } }, async (req) =>
      service.updateReport(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/reports/:id/attachments',
      { config: write, schema: { tags: ['reports'], params: IdParams, consumes: ['multipart/form-data'], response: { 201: Attachment, ...errors, 413: ErrorSchema, 415: ErrorSchema } } },
      async (req, reply) => {
        // Streamed to the store, never held whole; a refusal before the end stops the upload.
        const upload = await openUpload(req, { maxBytes: service.MAX_ATTACHMENT_BYTES, what: '佐证材料' });
        try {
          return reply.status(201).send(await service.addAttachment(deps, actorOf(req), req.params.id, { fileName: upload.fileName, stream: upload.stream }));
        } finally {
          discardUpload(upload);
        }
      },
    );
    app.delete('/api/reports/:id/attachments/:attachmentId', { config: write, schema: { tags: ['reports'], params: AttachmentParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await service.removeAttachment(deps, actorOf(req), req.params.id, req.params.attachmentId);
      return reply.status(204).send(null);
    });
    app.get('/api/attachments/:id', { config: read, schema: { tags: ['reports'], params: IdParams, hide: true } }, async (req, reply) => {
      const a = await service.openAttachment(deps, actorOf(req), req.params.id);
      return reply
        .type(a.mime)
        .header('content-disposition', `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(a.stream);
    });
    app.post('/api/reports/:id/submit', { config: write, schema: { tags: ['reports'], params: IdParams, response: { 200: Report, ...errors } } }, async (req) =>
      service.submitReport(deps, actorOf(req), req.params.id),
    );
    const CheckpointRow = z.object({ text: z.string(), date: z.string(), due: z.number(), doneByCheckpoint: z.number(), doneLate: z.number(), overdue: z.number(), state: z.enum(['pending', 'met', 'missed']) });
    app.get(
      '/api/plans/:id/checkpoints',
      { config: read, schema: { tags: ['reports'], params: IdParams, response: { 200: z.object({ today: z.string(), goals: z.array(z.object({ text: z.string(), date: z.string() })), bySection: z.array(z.object({ sectionId: z.number(), title: z.string(), checkpoints: z.array(CheckpointRow) })), byUnit: z.array(z.object({ unitId: z.number(), name: z.string(), checkpoints: z.array(CheckpointRow) })) }), ...errors } } },
      async (req) => getCheckpoints(deps, req.params.id),
    );
    app.get('/api/me/workbench', { config: read, schema: { tags: ['reports'], response: { 200: WorkbenchSchema, ...errors } } }, async (req) => getWorkbench(deps, actorOf(req)));
    app.get('/api/reviews', { config: review, schema: { tags: ['reports'], response: { 200: z.object({ data: z.array(z.object({ reportId: z.number(), taskId: z.number(), taskNumber: z.string(), taskTitle: z.string(), planNumber: z.string().nullable(), unitName: z.string(), stage: Stage, narrative: z.string(), submittedAt: z.string().nullable(), attachmentCount: z.number() })), total: z.number() }), ...errors } } }, async () =>
      service.findReviewQueue(deps),
    );
    app.post('/api/reports/:id/review', { config: review, schema: { tags: ['reports'], params: IdParams, body: Review, response: { 200: Report, ...errors } } }, async (req) =>
      service.reviewReport(deps, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/tasks/:id/reopen', { config: review, schema: { tags: ['reports'], params: IdParams, body: z.object({ reason: z.string().trim().min(1, '请填写重新打开的原因').max(500) }).strict(), response: { 200: z.object({ ok: z.literal(true) }), ...errors } } }, async (req) =>
      service.reopenTask(deps, actorOf(req), req.params.id, req.body.reason),
    );
    app.post('/api/milestones/:id/reopen', { config: review, schema: { tags: ['reports'], params: IdParams, body: z.object({ reason: z.string().trim().min(1, '请填写重新打开的原因').max(500) }).strict(), response: { 200: z.object({ ok: z.literal(true) }), ...errors } } }, async (req) =>
      service.reopenMilestone(deps, actorOf(req), req.params.id, req.body.reason),
    );
  };
}
