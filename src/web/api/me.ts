import { get, patch } from './request.ts';
import type { ContactUpdate, MyTasks } from '#core/api/tasks.ts';

/** The tasks of the signed-in user's unit. */
export const getMyTasks = (signal?: AbortSignal) => get<MyTasks>('/api/me/tasks', { signal });

/** Writes a unit's contact for a task (only the unit's own users may). */
export const updateTaskContact = (taskId: number, unitId: number, body: ContactUpdate) =>
  patch<{ ok: true }>(`/api/tasks/${taskId}/units/${unitId}`, body);
