/** The contract of the notification centre, the coordinator's 约谈建议 and each unit's delivery channels. */
import { z } from 'zod';
import { DELIVERY_CHANNELS, NOTIFICATION_KINDS } from '../notifications/kinds.ts';
import { listResult } from './common.ts';

export { DELIVERY_CHANNELS, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from '../notifications/kinds.ts';
export type { DeliveryChannel, NotificationKind } from '../notifications/kinds.ts';


export const NotificationSchema = z.object({ id: z.number(), kind: z.enum(NOTIFICATION_KINDS), taskId: z.number().nullable(), unitId: z.number().nullable(), title: z.string(), body: z.string(), createdAt: z.string(), readAt: z.string().nullable() });
export type AppNotification = z.infer<typeof NotificationSchema>;
export const NotificationQuerySchema = z.object({
  unread: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const NotificationListSchema = z.object({ data: z.array(NotificationSchema), total: z.number(), unread: z.number() });
export type NotificationList = z.infer<typeof NotificationListSchema>;
export const ReadAllResultSchema = z.object({ updated: z.number() });

export const InterviewSuggestionSchema = z.object({ id: z.number(), taskId: z.number().nullable(), taskNumber: z.string().nullable(), taskTitle: z.string().nullable(), unitId: z.number().nullable(), unitName: z.string().nullable(), dueDate: z.string().nullable(), body: z.string(), createdAt: z.string() });
export type InterviewSuggestion = z.infer<typeof InterviewSuggestionSchema>;
export const InterviewSuggestionListSchema = listResult(InterviewSuggestionSchema);

const WebhookUrl = z.string().trim().url('请填写 http(s) 地址').refine((u) => /^https?:\/\//i.test(u), '请填写 http(s) 地址').max(1000).nullable();
export const UnitChannelsSchema = z.object({
  unitId: z.number(),
  email: z.string().nullable(),
  dingtalkWebhook: z.string().nullable(),
  wecomWebhook: z.string().nullable(),
  channels: z.array(z.enum(DELIVERY_CHANNELS)),
});
export type UnitChannels = z.infer<typeof UnitChannelsSchema>;
export const UnitChannelsUpdateSchema = z
  .object({
    email: z.string().trim().email('邮箱格式无效').max(200).nullable().default(null),
    dingtalkWebhook: WebhookUrl.default(null),
    wecomWebhook: WebhookUrl.default(null),
    channels: z.array(z.enum(DELIVERY_CHANNELS)),
  })
  .strict();
export type UnitChannelsUpdate = z.input<typeof UnitChannelsUpdateSchema>;
