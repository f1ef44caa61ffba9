import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses, IdParams } from '../../core/api/common.ts';
import { CHANNELS } from './notice-text.ts';
import * as service from './notifications.service.ts';

const Kind = z.enum(['remind', 'urge', 'supervise', 'interview', 'round', 'backup']);
const Notification = z.object({ id: z.number(), kind: Kind, taskId: z.number().nullable(), unitId: z.number().nullable(), title: z.string(), body: z.string(), createdAt: z.string(), readAt: z.string().nullable() });
const NotificationQuery = z.object({
  unread: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const Suggestion = z.object({ id: z.number(), taskId: z.number().nullable(), taskNumber: z.string().nullable(), taskTitle: z.string().nullable(), unitId: z.number().nullable(), unitName: z.string().nullable(), dueDate: z.string().nullable(), body: z.string(), createdAt: z.string() });
const WebhookUrl = z.string().trim().url('请填写 http(s) 地址').refine((u) => /^https?:\/\//i.test(u), '请填写 http(s) 地址').max(1000).nullable();
const UnitChannels = z.object({
  unitId: z.number(),
  email: z.string().nullable(),
  dingtalkWebhook: z.string().nullable(),
  wecomWebhook: z.string().nullable(),
  channels: z.array(z.enum(CHANNELS)),
});
const UnitChannelsUpdate = z
  .object({
    email: z.string().trim().email('邮箱格式无效').max(200).nullable().default(null),
    dingtalkWebhook: WebhookUrl.default(null),
    wecomWebhook: WebhookUrl.default(null),
    channels: z.array(z.enum(CHANNELS)),
  })
  .strict();

/** The notification centre, the coordinator's 约谈建议, unit channels and the 督办 .docx. */
export function notificationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'plan.read' as const };
    const review = { action: 'report.review' as const };
    const manage = { action: 'unit.manage' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);

    app.get('/api/notifications', { config: read, schema: { tags: ['notifications'], querystring: NotificationQuery, response: { 200: z.object({ data: z.array(Notification), total: z.number(), unread: z.number() }), ...errors } } }, async (req) =>
      service.findMyNotifications(deps, actorOf(req), req.query),
    );
    app.post('/api/notifications/read-all', { config: read, schema: { tags: ['notifications'], response: { 200: z.object({ updated: z.number() }), ...errors } } }, async (req) =>
      service.readAllNotifications(deps, actorOf(req)),
    );
    app.post('/api/notifications/:id/read', { config: read, schema: { tags: ['notifications'], params: IdParams, response: { 200: Notification, ...errors } } }, async (req) =>
      service.readNotification(deps, actorOf(req), req.params.id),
    );
    app.get('/api/interview-suggestions', { config: review, schema: { tags: ['notifications'], response: { 200: z.object({ data: z.array(Suggestion), total: z.number() }), ...errors } } }, async () =>
      service.findInterviewSuggestions(deps),
    );
    app.get('/api/units/:id/channels', { config: manage, schema: { tags: ['notifications'], params: IdParams, response: { 200: UnitChannels, ...errors } } }, async (req) =>
      service.getUnitChannels(deps, req.params.id),
    );
    app.put('/api/units/:id/channels', { config: manage, schema: { tags: ['notifications'], params: IdParams, body: UnitChannelsUpdate, response: { 200: UnitChannels, ...errors } } }, async (req) =>
      service.setUnitChannels(deps, actorOf(req), req.params.id, req.body),
    );
    app.get('/api/tasks/:id/supervision-notice.docx', { config: review, schema: { tags: ['notifications'], params: IdParams, hide: true } }, async (req, reply) => {
      const { fileName, bytes } = await service.supervisionNotice(deps, req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="supervision-notice.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(bytes);
    });
  };
}
