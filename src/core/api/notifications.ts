/** The contract of the notification centre, the coordinator's 约谈建议 and each unit's delivery channels. */
import { z } from 'zod';
import { listResult } from './common.ts';

/** 'round': a dispatch round was opened for the unit. 'backup': a scheduled backup failed (to every admin). */
export const NOTIFICATION_KINDS = ['remind', 'urge', 'supervise', 'interview', 'round', 'backup'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  remind: '提醒',
  urge: '催办',
  supervise: '督办',
  interview: '约谈建议',
  round: '调度',
  backup: '备份失败',
};

/** Where a notification is delivered: always in the app, and to the channels a unit turned on. */
export const DELIVERY_CHANNELS = ['in_app', 'email', 'dingtalk', 'wecom'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

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
