import { get, patch } from './request.ts';
import type { ListResult } from '#core/api/common.ts';
import type { Indicator, PlanDetail, PlanSummary, PlanUpdate, Section, PlanCheckpoints } from '#core/api/plans.ts';
import type { PlanCalendar } from '#core/api/tasks.ts';

export const findPlans = (signal?: AbortSignal) => get<ListResult<PlanSummary>>('/api/plans', { signal });
export const getPlan = (id: number, signal?: AbortSignal) => get<PlanDetail>(`/api/plans/${id}`, { signal });
export const updatePlan = (id: number, body: PlanUpdate) => patch<PlanDetail>(`/api/plans/${id}`, body);
export const getPlanSource = (id: number, signal?: AbortSignal) => get<{ text: string }>(`/api/plans/${id}/source`, { signal });
export const updateSection = (id: number, indicatorCode: string | null) => patch<Section>(`/api/sections/${id}`, { indicatorCode });
export const getPlanCalendar = (id: number, unitId: number | null, signal?: AbortSignal) =>
  get<PlanCalendar>(`/api/plans/${id}/calendar`, { query: { unitId }, signal });
export const findIndicators = (signal?: AbortSignal) => get<ListResult<Indicator>>('/api/indicators', { signal });

/** The plan's dated goals as checkpoints: due, done by each, done late and overdue, per section and unit. */
export const getPlanCheckpoints = (id: number, signal?: AbortSignal) => get<PlanCheckpoints>(`/api/plans/${id}/checkpoints`, { signal });
