/**
 * Rectification (整改): notices (整改通知书) per unit with a deadline from the sourced rule profile, the
 * unit's answer per finding with evidence, the inspector's re-check (复查), the figures (rate, overdue),
 * and typical-case circulars (典型案例通报). The shapes are the contract's (core/api/rectifications.ts).
 */
import type { ListResult } from '#core/api/common.ts';
import type {
  Answer,
  AnswerEvidence,
  CaseCircular,
  CaseCircularSummary,
  CaseCircularUpdate,
  NoticeCreateBody,
  NoticeDetail,
  NoticeListQuery,
  NoticeSummary,
  RecheckCreate,
  RectificationDetail,
  RectificationFigures,
  RectificationItem,
  RectificationListQuery,
  RectificationProfile,
} from '#core/api/rectifications.ts';
import type { RectificationProfileInput } from '#core/inspections/rectification-profile.ts';
import { buildUrl } from '../utils/url.ts';
import { del, get, patch, post, put, request } from './request.ts';

export type { Answer, AnswerEvidence, CaseCircular, CaseCircularSummary, CaseCircularUpdate, NoticeCreateBody, NoticeDetail, NoticeSummary };
export type { RectificationDetail, RectificationFigures, RectificationItem, RectificationProfile };

export const getProfile = (signal?: AbortSignal) => get<RectificationProfile>('/api/rectifications/profile', { signal });
/** Saves the deadline profile as its next version; 400 is shown by the form. */
export const saveProfile = (body: RectificationProfileInput) => put<RectificationProfile>('/api/rectifications/profile', body, { handles: [400] });

export const findNotices = (query: Partial<NoticeListQuery>, signal?: AbortSignal) =>
  get<ListResult<NoticeSummary>>('/api/rectifications/notices', { query: { ...query }, signal });
export const getNotice = (id: number, signal?: AbortSignal) => get<NoticeDetail>(`/api/rectifications/notices/${id}`, { signal });
/** 400/409 (no finding to notice, an unreleased inspection) are shown by the dialog. */
export const createNotice = (body: NoticeCreateBody) => post<NoticeDetail>('/api/rectifications/notices', body, { handles: [400, 409] });
/** The archived notice as .docx or .pdf (GB/T 9704): a plain link, the session cookie authorises it. */
export const noticeFileUrl = (id: number, type: 'docx' | 'pdf') => `/api/rectifications/notices/${id}.${type}`;
export const noticesXlsxUrl = (query: Partial<NoticeListQuery>) => buildUrl('/api/rectifications/notices/export.xlsx', { ...query });

export const findRectifications = (query: Partial<RectificationListQuery>, signal?: AbortSignal) =>
  get<ListResult<RectificationItem>>('/api/rectifications/findings', { query: { ...query }, signal });
export const rectificationsXlsxUrl = (query: Partial<RectificationListQuery>) => buildUrl('/api/rectifications/findings/export.xlsx', { ...query });
export const getRectification = (findingId: number, signal?: AbortSignal) => get<RectificationDetail>(`/api/rectifications/findings/${findingId}`, { signal });

/** Saves the unit's draft answer (measures taken), creating it on first save. */
export const saveAnswer = (findingId: number, measures: string) =>
  put<Answer>(`/api/rectifications/findings/${findingId}/answer`, { measures }, { handles: [400, 409] });

/** One evidence file of an answer (multipart field `file`); 400/413/415 are shown beside the file. */
export function uploadAnswerEvidence(answerId: number, file: Blob, fileName: string): Promise<AnswerEvidence> {
  const form = new FormData();
  form.append('file', file, fileName);
  return request<AnswerEvidence>('POST', `/api/rectifications/answers/${answerId}/evidence`, { body: form, handles: [400, 409, 413, 415] });
}

/** Sends the answer: the finding becomes 已报整改 (needs at least one evidence file). */
export const submitAnswer = (answerId: number) =>
  post<RectificationDetail>(`/api/rectifications/answers/${answerId}/submit`, undefined, { handles: [400, 409] });
export const answerEvidenceUrl = (id: number) => `/api/rectification-evidence/${id}`;

/** 复查: pass closes the finding (销号), fail returns it with reasons. */
export const recheck = (findingId: number, body: RecheckCreate) =>
  post<RectificationDetail>(`/api/rectifications/findings/${findingId}/recheck`, body, { handles: [400, 403, 409] });

export const getFigures = (inspectionId: number | undefined, signal?: AbortSignal) =>
  get<RectificationFigures>('/api/rectifications/figures', { query: { inspectionId }, signal });
export const figuresXlsxUrl = (inspectionId?: number) => buildUrl('/api/rectifications/figures/export.xlsx', { inspectionId });

export const findCaseCirculars = (signal?: AbortSignal) => get<{ data: CaseCircularSummary[]; total: number }>('/api/case-circulars', { signal });
export const getCaseCircular = (id: number, signal?: AbortSignal) => get<CaseCircular>(`/api/case-circulars/${id}`, { signal });
export const createCaseCircular = (findingIds: number[]) => post<CaseCircular>('/api/case-circulars', { findingIds }, { handles: [400] });
export const updateCaseCircular = (id: number, body: CaseCircularUpdate) => patch<CaseCircular>(`/api/case-circulars/${id}`, body);
export const issueCaseCircular = (id: number) => post<CaseCircular>(`/api/case-circulars/${id}/issue`);
export const deleteCaseCircular = (id: number) => del(`/api/case-circulars/${id}`);
export const caseCircularFileUrl = (id: number, type: 'docx' | 'pdf') => `/api/case-circulars/${id}.${type}`;
