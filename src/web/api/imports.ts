import { del, get, post, put, request } from './request.ts';
import type { DraftContent, DraftReadOptions, ImportDraft, RereadSummary } from './types.ts';

/** Uploads a plan document; the caller shows 409 itself, to link the plan it duplicates. */
export function uploadPlanDocument(file: File, signal?: AbortSignal): Promise<ImportDraft> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<ImportDraft>('POST', '/api/imports', { body: form, signal, handles: [409] });
}

export const getDraft = (id: number, signal?: AbortSignal) => get<ImportDraft>(`/api/imports/${id}`, { signal });
/** Saves the draft; 400 is left to the caller, which points at the offending row. */
export const saveDraft = (id: number, content: DraftContent) => put<ImportDraft>(`/api/imports/${id}`, content, { handles: [400] });
export const commitDraft = (id: number) => post<{ planId: number }>(`/api/imports/${id}/commit`, undefined, { handles: [409] });
export const discardDraft = (id: number) => del(`/api/imports/${id}`);
/** Re-reads the draft's source with the coordinator's structure choice, keeping edits made elsewhere; 400 (a choice that reads no task) is left to the caller. */
export const rereadDraft = (id: number, options: DraftReadOptions) =>
  post<ImportDraft & { reread: RereadSummary }>(`/api/imports/${id}/reread`, options, { handles: [400] });
