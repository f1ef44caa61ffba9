/** Notifications on the page: kind labels (core's) with their tag colours, and the bell's badge. */
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from '#core/notifications/kinds.ts';

export { NOTIFICATION_KIND_LABELS };

export const NOTIFICATION_KIND_COLORS: Record<NotificationKind, string> = {
  remind: 'blue',
  urge: 'orange',
  supervise: 'red',
  interview: 'magenta',
  round: 'purple',
  backup: 'red',
};

/** The bell's badge: the count, capped as `99+`. */
export function unreadBadge(unread: number): string | number {
  return unread > 99 ? '99+' : unread;
}

/** Tells the bell to refresh now (after reading notifications on the page): a window event both listen to. */
export const NOTIFICATIONS_CHANGED = 'tuijin:notifications-changed';
