/**
 * The dashboards' API (docs/dispatch-and-dashboards.md, "Dashboards"). Every call takes an optional
 * plan: without it the figures count every plan.
 */
import type { StatusCounts } from '#core/api/common.ts';
import type { Burnup, DashboardSummary, DrillTask, Heatmap, RoadmapTask, RoundTrend, SectionProgress, UnitRanking } from '#core/api/dashboard.ts';
import type { RoundSnapshot } from '#core/rounds/types.ts';
import type { WorkStatus } from '#core/status/status.ts';
import { get } from './request.ts';

// The shapes are the dashboard contract's (core/api/dashboard.ts).
export type { Burnup, DashboardSummary, DrillTask, Heatmap, RoadmapTask, RoundTrend, SectionProgress, StatusCounts, UnitRanking };

/** What a chart's drill-down asks for: the tasks behind a bar, a cell or a point. */
export interface TaskFilter {
  sectionId?: number;
  unitId?: number;
  /** One status or several (sent comma-separated). */
  status?: WorkStatus | WorkStatus[];
  /** 'YYYY-MM': tasks with a deadline in that month. */
  month?: string;
}

type PlanQuery = number | null | undefined;

export const getDashboardSummary = (planId: PlanQuery, signal?: AbortSignal) =>
  get<DashboardSummary>('/api/dashboard/summary', { query: { planId }, signal });

export const getBurnup = (planId: PlanQuery, signal?: AbortSignal) => get<Burnup>('/api/dashboard/burnup', { query: { planId }, signal });

export const getSectionProgress = (planId: PlanQuery, signal?: AbortSignal) =>
  get<{ data: SectionProgress[] }>('/api/dashboard/sections', { query: { planId }, signal });

/** Every ranked unit, best first (`limit` caps the list). */
export const getUnitRanking = (planId: PlanQuery, limit?: number, signal?: AbortSignal) =>
  get<{ data: UnitRanking[] }>('/api/dashboard/units', { query: { planId, limit }, signal });

export const getHeatmap = (planId: PlanQuery, signal?: AbortSignal) => get<Heatmap>('/api/dashboard/heatmap', { query: { planId }, signal });

export const getRoundTrend = (planId: PlanQuery, signal?: AbortSignal) =>
  get<{ data: RoundTrend[] }>('/api/dashboard/rounds', { query: { planId }, signal });

export const getRoadmap = (planId: PlanQuery, sectionId: number | null, signal?: AbortSignal) =>
  get<{ data: RoadmapTask[] }>('/api/dashboard/roadmap', { query: { planId, sectionId }, signal });

export const getDrillTasks = (planId: PlanQuery, filter: TaskFilter, page: number, pageSize: number, signal?: AbortSignal) =>
  get<{ data: DrillTask[]; total: number }>('/api/dashboard/tasks', {
    query: { planId, sectionId: filter.sectionId, unitId: filter.unitId, status: Array.isArray(filter.status) ? filter.status.join(',') : filter.status, month: filter.month, page, pageSize },
    signal,
  });

/** A round's snapshot (frozen when it closed): the drill-down of the rounds' trend. */
export const getRoundSnapshot = (roundId: number, signal?: AbortSignal) => get<RoundSnapshot>(`/api/rounds/${roundId}/snapshot`, { signal });

/** The overdue tasks a round's snapshot froze, as drill-down rows. */
export function snapshotOverdue(snapshot: RoundSnapshot): DrillTask[] {
  const sections = new Map(snapshot.tasks.map((t) => [t.taskId, t.sectionTitle]));
  return snapshot.overdue.map((t) => ({
    id: t.taskId,
    planId: t.planId,
    number: t.number,
    title: t.title,
    sectionTitle: sections.get(t.taskId) ?? null,
    status: 'overdue',
    dueDate: t.dueDate,
    leadUnits: t.leadUnits,
  }));
}
