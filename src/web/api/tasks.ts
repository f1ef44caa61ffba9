import type { TaskFilters } from '../utils/task-filters.ts';
import { get, post } from './request.ts';
import type { ListResult } from '#core/api/common.ts';
import type { Instruction, TaskDetail, TaskSummary } from '#core/api/tasks.ts';

export const findTasks = (planId: number, filters: TaskFilters, signal?: AbortSignal) =>
  get<ListResult<TaskSummary>>(`/api/plans/${planId}/tasks`, {
    query: {
      sectionId: filters.sectionId,
      unitId: filters.unitId,
      role: filters.unitId ? filters.role : null,
      month: filters.month,
      noDeadline: filters.noDeadline,
      q: filters.q,
      page: filters.page,
      pageSize: filters.pageSize,
    },
    signal,
  });

export const getTask = (id: number, signal?: AbortSignal) => get<TaskDetail>(`/api/tasks/${id}`, { signal });

/** A leader's instruction (批示) on a task. */
export const addInstruction = (taskId: number, text: string) => post<Instruction>(`/api/tasks/${taskId}/instructions`, { text });
