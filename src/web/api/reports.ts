import { del, get, patch, post } from './request.ts';
import type { ListResult } from '#core/api/common.ts';
import type { Attachment, Report, ReportCreate, ReportUpdate, ReviewDecision, ReviewItem } from '#core/api/reports.ts';
import type { Workbench } from '#core/api/workbench.ts';

/** The reports on a task the signed-in user may see (their unit's; a lead unit also sees the parts). */
export const getTaskReports = (taskId: number, signal?: AbortSignal) => get<ListResult<Report>>(`/api/tasks/${taskId}/reports`, { signal });

/** Starts a report (a draft) for one of the user's units on the task. */
export const createReport = (taskId: number, body: ReportCreate) => post<Report>(`/api/tasks/${taskId}/reports`, body);

/** Edits a draft or returned report. */
export const updateReport = (reportId: number, body: ReportUpdate) => patch<Report>(`/api/reports/${reportId}`, body);

/** Sends a report on: a part to the lead unit, a consolidated report to the coordinator. */
export const submitReport = (reportId: number) => post<Report>(`/api/reports/${reportId}/submit`);

/** Uploads one evidence file (multipart field `file`). */
export function uploadAttachment(reportId: number, file: Blob, fileName: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, fileName);
  return post<Attachment>(`/api/reports/${reportId}/attachments`, form);
}

export const deleteAttachment = (reportId: number, attachmentId: number) => del(`/api/reports/${reportId}/attachments/${attachmentId}`);

/** Where an evidence file downloads from (a plain link: the session cookie authorises it). */
export const attachmentUrl = (attachmentId: number) => `/api/attachments/${attachmentId}`;

/** The coordinator's queue of consolidated reports awaiting review. */
export const getReviewQueue = (signal?: AbortSignal) => get<ListResult<ReviewItem>>('/api/reviews', { signal });

export const reviewReport = (reportId: number, decision: ReviewDecision, comment: string) =>
  post<Report>(`/api/reports/${reportId}/review`, { decision, comment });

/** Reopens a closed (销号) task, with the reason on record. */
export const reopenTask = (taskId: number, reason: string) => post<{ ok: true }>(`/api/tasks/${taskId}/reopen`, { reason });

/** Reopens one closed milestone (and its task, if closed). */
export const reopenMilestone = (milestoneId: number, reason: string) => post<{ ok: true }>(`/api/milestones/${milestoneId}/reopen`, { reason });

/** The unit's workbench: due soon, overdue, returned reports, parts awaiting consolidation. */
export const getWorkbench = (signal?: AbortSignal) => get<Workbench>('/api/me/workbench', { signal });
