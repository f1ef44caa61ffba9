import { get, patch, post, request } from './request.ts';
import type { ListResult } from '#core/api/common.ts';
import type { ImportedAccounts, User, UserCreate, UserQuery, UserUpdate } from '#core/api/users.ts';

export const findUsers = (q: UserQuery, signal?: AbortSignal) =>
  get<ListResult<User>>('/api/users', { query: { q: q.q, unitId: q.unitId, role: q.role, page: q.page, pageSize: q.pageSize }, signal });

/** Creates an account; resolves with its initial password, which is shown once. 400/409 are shown by the form. */
export const createUser = (body: UserCreate) => post<{ user: User; password: string }>('/api/users', body, { handles: [400, 409] });
/** Changes an account; 400 is shown by the form (the activation switch passes `quiet: false`). */
export const updateUser = (id: number, body: UserUpdate, formHandlesErrors = false) =>
  patch<User>(`/api/users/${id}`, body, formHandlesErrors ? { handles: [400, 409] } : undefined);
export const resetUserPassword = (id: number) => post<{ password: string }>(`/api/users/${id}/reset-password`);
export const unlockUser = (id: number) => post<User>(`/api/users/${id}/unlock`);

export const USER_TEMPLATE_URL = '/api/users/template.xlsx';

/** Creates accounts from an .xlsx sheet; a 400 (with the bad rows in `details`) is shown by the caller. */
export function importUsers(file: File): Promise<ImportedAccounts> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<ImportedAccounts>('POST', '/api/users/import', { body: form, handles: [400] });
}
