import { get, post } from './request.ts';
import type { ListResult } from '#core/api/common.ts';
import type { AppNotification, InterviewSuggestion, NotificationList } from '#core/api/notifications.ts';

export const findNotifications = (query: { unread?: boolean; limit?: number; offset?: number }, signal?: AbortSignal) =>
  get<NotificationList>('/api/notifications', { query: { unread: query.unread ? 'true' : undefined, limit: query.limit, offset: query.offset }, signal });

export const readNotification = (id: number) => post<AppNotification>(`/api/notifications/${id}/read`);

export const readAllNotifications = () => post<{ updated: number }>('/api/notifications/read-all');

/** The coordinator's 约谈建议. */
export const findInterviewSuggestions = (signal?: AbortSignal) => get<ListResult<InterviewSuggestion>>('/api/interview-suggestions', { signal });

/** Where the 督办通知 (.docx) of an overdue task downloads from. */
export const supervisionNoticeUrl = (taskId: number) => `/api/tasks/${taskId}/supervision-notice.docx`;
