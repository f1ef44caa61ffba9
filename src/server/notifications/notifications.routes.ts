import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses, fileResponse, IdParams, MIME } from '#core/api/common.ts';
import {
  InterviewSuggestionListSchema,
  NotificationListSchema,
  NotificationQuerySchema,
  NotificationSchema,
  ReadAllResultSchema,
  UnitChannelsSchema,
  UnitChannelsUpdateSchema,
} from '#core/api/notifications.ts';
import * as service from './notifications.service.ts';

/** The notification centre, the coordinator's 约谈建议, unit channels and the 督办 .docx. */
export function notificationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { action: 'plan.read' as const };
    const review = { action: 'report.review' as const };
    const manage = { action: 'unit.manage' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);

    app.get(
      '/api/notifications',
      { config: read, schema: { tags: ['notifications'], querystring: NotificationQuerySchema, response: { 200: NotificationListSchema, ...errors } } },
      async (req) => service.findMyNotifications(deps, actorOf(req), req.query),
    );
    app.post(
      '/api/notifications/read-all',
      { config: read, schema: { tags: ['notifications'], response: { 200: ReadAllResultSchema, ...errors } } },
      async (req) => service.readAllNotifications(deps, actorOf(req)),
    );
    app.post(
      '/api/notifications/:id/read',
      { config: read, schema: { tags: ['notifications'], params: IdParams, response: { 200: NotificationSchema, ...errors } } },
      async (req) => service.readNotification(deps, actorOf(req), req.params.id),
    );
    app.get(
      '/api/interview-suggestions',
      { config: review, schema: { tags: ['notifications'], response: { 200: InterviewSuggestionListSchema, ...errors } } },
      async () => service.findInterviewSuggestions(deps),
    );
    app.get(
      '/api/units/:id/channels',
      { config: manage, schema: { tags: ['notifications'], params: IdParams, response: { 200: UnitChannelsSchema, ...errors } } },
      async (req) => service.getUnitChannels(deps, req.params.id),
    );
    app.put(
      '/api/units/:id/channels',
      {
        config: manage,
        schema: { tags: ['notifications'], params: IdParams, body: UnitChannelsUpdateSchema, response: { 200: UnitChannelsSchema, ...errors } },
      },
      async (req) => service.setUnitChannels(deps, actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/api/tasks/:id/supervision-notice.docx',
      { config: review, schema: { tags: ['notifications'], params: IdParams, response: { 200: fileResponse('督办通知书', MIME.docx), ...errors } } },
      async (req, reply) => {
        const { fileName, bytes } = await service.supervisionNotice(deps, req.params.id);
        return reply
          .type(MIME.docx)
          .header('content-disposition', `attachment; filename="supervision-notice.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(bytes);
      },
    );
  };
}
