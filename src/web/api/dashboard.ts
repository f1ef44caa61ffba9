/**
 * The dashboards' API (docs/dispatch-and-dashboards.md, "Dashboards"). Every call takes an optional
 * plan: without it the figures count every plan.
 */
import type { UnitRank } from '#core/dashboard/ranking.ts';
import type { RoundSnapshot, StatusCounts } from '#core/rounds/types.ts';
import type { WorkStatus } from '#core/status/status.ts';
import { get } from './request.ts';

export type { StatusCounts };

export interface DashboardSummary {
  asOf: string;
  plans: number;
  tasks: number;
  units: number;
  counts: StatusCounts;
}

export interface Burnup {
  asOf: string;
  checkpoints: { text: string; date: string }[];
  /** Weekly: tasks due (last deadline on or before `date`) and closed by `date`, both cumulative. */
  series: { date: string; due: number; done: number }[];
}

export interface SectionProgress {
  planId: number;
  sectionId: number;
  title: string;
  indicatorCode: string | null;
  counts: StatusCounts;
}

/** A unit of the ranking (`GET /api/dashboard/units`). */
export type UnitRanking = UnitRank;

export interface Heatmap {
  months: string[];
  units: { unitId: number; name: string }[];
  /** [unitIndex, monthIndex, count]: milestones not met on time. */
  cells: [number, number, number][];
}

export interface RoundTrend {
  roundId: number;
  title: string;
  closedAt: string | null;
  dueDate: string;
  completionRate: number;
  overdue: number;
  reportingRate: number;
}

export interface RoadmapTask {
  taskId: number;
  number: string;
  title: string;
  sectionId: number | null;
  /** The lead unit's first ledger action, else the plan's issue date. */
  start: string;
  end: string | null;
  status: WorkStatus;
  leadUnits: string[];
}

/** What a chart's drill-down asks for: the tasks behind a bar, a cell or a point. */
export interface TaskFilter {
  sectionId?: number;
  unitId?: number;
  /** One status or several (sent comma-separated). */
  status?: WorkStatus | WorkStatus[];
  /** 'YYYY-MM': tasks with a deadline in that month. */
  month?: string;
}

export interface DrillTask {
  id: number;
  planId: number;
  number: string;
  title: string;
  sectionTitle: string | null;
  status: WorkStatus;
  dueDate: string | null;
  leadUnits: string[];
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
