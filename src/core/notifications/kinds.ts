/** What a notification is about, with its label, and where it can be delivered. */

/** 'round': a dispatch round was opened for the unit. 'backup': a scheduled backup failed (to every admin). */
export const NOTIFICATION_KINDS = ['remind', 'urge', 'supervise', 'interview', 'round', 'backup'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = { remind: '提醒', urge: '催办', supervise: '督办', interview: '约谈建议', round: '调度', backup: '备份失败' };

/** Where a notification is delivered: always in the app, and to the channels a unit turned on. */
export const DELIVERY_CHANNELS = ['in_app', 'email', 'dingtalk', 'wecom'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
