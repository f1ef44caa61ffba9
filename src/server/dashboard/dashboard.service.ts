import { defaultCalendar } from '../../core/calendar/index.ts';
import { burnupSeries } from '../../core/dashboard/burnup.ts';
import { overdueHeatmap } from '../../core/dashboard/heatmap.ts';
import { rankUnitTallies, type UnitTally } from '../../core/dashboard/ranking.ts';
import { countStatuses, isDoneStatus, rate, statusTable } from '../../core/dashboard/status-table.ts';
import type { StatusCounts } from '../../core/rounds/types.ts';
import type { WorkStatus } from '../../core/status/status.ts';
import type { Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { todayInChina } from '../reports/task-status.ts';
import * as repo from './dashboard.repo.ts';

/**
 * Dashboards over one plan or all plans. Every chart reads the same per-task status table, computed
 * once per (scope, today, data version) from bulk queries and kept in memory: a dashboard page asks
 * for six charts at once and a meeting screen refreshes every minute, while the data changes only on
 * writes. The data version is the newest audit event id (every write records one), read per request
 * with one index lookup, so a write is visible on the next request — also on other app nodes.
 */

interface ScopeTask {
  id: number;
  planId: number;
  sectionId: number | null;
  number: string;
  title: string;
  closedOn: string | null;
  status: WorkStatus;
  /** Dated deadlines, ascending. */
  dues: string[];
}

interface UnitLinks {
  /** Unit ids named on each task (lead then responsible, document order, distinct). */
  unitsOfTask: Map<number, number[]>;
  leadNames: Map<number, string[]>;
  /** "taskId:unitId" pairs with a submitted or accepted report by that unit. */
  reported: Set<string>;
  units: Map<number, { name: string; collective: boolean }>;
}

interface Model {
  today: string;
  planId: number | undefined;
  plans: Awaited<ReturnType<typeof repo.findPlans>>;
  sections: Awaited<ReturnType<typeof repo.findSections>>;
  tasks: ScopeTask[];
  byId: Map<number, ScopeTask>;
  milestones: { taskId: number; dueDate: string | null }[];
  /** Loaded on first use: only the unit charts need them. */
  links?: Promise<UnitLinks>;
}

const MAX_CACHED = 16;
const caches = new WeakMap<object, Map<string, Promise<Model>>>();

/** Drops every cached table of this database (tests that write behind the API's back). */
export function forgetDashboardCache(deps: Deps): void {
  caches.delete(deps.db);
}

async function modelOf(deps: Deps, planId: number | undefined, today: string): Promise<Model> {
  const version = await repo.dataVersion(deps.db);
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = new Map()));
  const key = `${planId ?? '*'}|${today}|${version}`;
  let model = cache.get(key);
  if (model) return model;
  model = buildModel(deps, planId, today);
  cache.set(key, model);
  // Oldest first in a Map: drop the oldest when full. A failed build is not kept.
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  model.catch(() => cache.delete(key));
  return model;
}

async function buildModel(deps: Deps, planId: number | undefined, today: string): Promise<Model> {
  const [plans, sections, taskRows, milestoneRows] = await Promise.all([
    repo.findPlans(deps.db, planId),
    repo.findSections(deps.db, planId),
    repo.findTasks(deps.db, planId),
    repo.findMilestones(deps.db, planId),
  ]);
  if (planId !== undefined && plans.length === 0) throw notFound('方案');
  const milestones = milestoneRows.map((m) => ({ taskId: m.task_id, dueDate: m.due_date }));
  const statuses = statusTable(
    taskRows.map((t) => ({ id: t.id, closedOn: t.closed_on, progressed: Number(t.progressed) === 1 })),
    milestones,
    today,
    defaultCalendar,
  );
  const dues = new Map<number, string[]>();
  for (const m of milestones) {
    if (m.dueDate === null) continue;
    const list = dues.get(m.taskId);
    if (list) list.push(m.dueDate);
    else dues.set(m.taskId, [m.dueDate]);
  }
  for (const list of dues.values()) list.sort();
  const tasks = taskRows.map((t) => ({
    id: t.id, planId: t.plan_id, sectionId: t.section_id, number: t.number, title: t.title, closedOn: t.closed_on,
    status: statuses.get(t.id)!, dues: dues.get(t.id) ?? [],
  }));
  return { today, planId, plans, sections, tasks, byId: new Map(tasks.map((t) => [t.id, t])), milestones };
}

function linksOf(deps: Deps, model: Model): Promise<UnitLinks> {
  model.links ??= (async () => {
    const [rows, units] = await Promise.all([repo.findTaskUnits(deps.db, model.planId), repo.findUnits(deps.db)]);
    const unitMap = new Map(units.map((u) => [u.id, { name: u.name, collective: u.is_collective === 1 }]));
    const unitsOfTask = new Map<number, number[]>();
    const leadNames = new Map<number, string[]>();
    const reported = new Set<string>();
    for (const r of rows) {
      const list = unitsOfTask.get(r.task_id);
      if (!list) unitsOfTask.set(r.task_id, [r.unit_id]);
      else if (!list.includes(r.unit_id)) list.push(r.unit_id);
      if (r.role === 'lead') {
        const name = unitMap.get(r.unit_id)?.name ?? '';
        const names = leadNames.get(r.task_id);
        if (!names) leadNames.set(r.task_id, [name]);
        else if (!names.includes(name)) names.push(name);
      }
      if (Number(r.reported) === 1) reported.add(`${r.task_id}:${r.unit_id}`);
    }
    return { unitsOfTask, leadNames, reported, units: unitMap };
  })();
  model.links.catch(() => (model.links = undefined));
  return model.links;
}

/** Every task's status in the scope on `today`, from the cached table (the same as `statusesOf`). */
export async function taskStatusesOf(deps: Deps, planId: number | undefined, today = todayInChina()): Promise<Map<number, WorkStatus>> {
  const model = await modelOf(deps, planId, today);
  return new Map(model.tasks.map((t) => [t.id, t.status]));
}

const lastDue = (t: ScopeTask): string | null => t.dues.at(-1) ?? null;

/** Units that answer for their work: collective names (各镇街) are not ranked or mapped. */
function accountable(links: UnitLinks, unitId: number): boolean {
  return links.units.get(unitId)?.collective === false;
}

export async function summary(deps: Deps, planId: number | undefined, today = todayInChina()) {
  const model = await modelOf(deps, planId, today);
  const links = await linksOf(deps, model);
  const units = new Set<number>();
  for (const list of links.unitsOfTask.values()) for (const u of list) if (accountable(links, u)) units.add(u);
  return { asOf: today, plans: model.plans.length, tasks: model.tasks.length, units: units.size, counts: countStatuses(model.tasks.map((t) => t.status)) };
}

export async function burnup(deps: Deps, planId: number | undefined, today = todayInChina()) {
  const model = await modelOf(deps, planId, today);
  const goals = await repo.findGoals(deps.db, planId);
  // Plans of one programme share their goals ("6月底前…"): one checkpoint per distinct text and date.
  const seen = new Set<string>();
  const checkpoints = goals
    .filter((g) => {
      const key = `${g.due_date}|${g.text}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .map((g) => ({ text: g.text, date: g.due_date! }));
  const work = model.tasks.map((t) => ({ lastDue: lastDue(t), closedOn: t.closedOn !== null && t.closedOn <= today ? t.closedOn : null }));
  const starts = model.plans.map((p) => p.issue_date).filter((d): d is string => d !== null);
  const dates = [...work.flatMap((w) => [w.lastDue, w.closedOn]), ...checkpoints.map((c) => c.date)].filter((d): d is string => d !== null);
  if (dates.length === 0) return { asOf: today, checkpoints, series: [] };
  const first = dates.reduce((a, b) => (a < b ? a : b));
  const start = starts.length ? starts.reduce((a, b) => (a < b ? a : b)) : first;
  const end = dates.reduce((a, b) => (a > b ? a : b));
  return { asOf: today, checkpoints, series: burnupSeries(work, start < first ? start : first, end) };
}

export async function sections(deps: Deps, planId: number | undefined, today = todayInChina()) {
  const model = await modelOf(deps, planId, today);
  const bySection = new Map<number, WorkStatus[]>();
  for (const t of model.tasks) {
    if (t.sectionId === null) continue;
    const list = bySection.get(t.sectionId);
    if (list) list.push(t.status);
    else bySection.set(t.sectionId, [t.status]);
  }
  return {
    data: model.sections
      .filter((s) => bySection.has(s.id))
      .map((s) => ({ planId: s.plan_id, sectionId: s.id, title: s.title, indicatorCode: s.indicator_code, counts: countStatuses(bySection.get(s.id)!) })),
  };
}

export async function unitRanking(deps: Deps, planId: number | undefined, limit: number | undefined, today = todayInChina()) {
  const model = await modelOf(deps, planId, today);
  const links = await linksOf(deps, model);
  const tallies = new Map<number, UnitTally>();
  for (const [taskId, unitIds] of links.unitsOfTask) {
    const task = model.byId.get(taskId);
    if (!task) continue;
    const due = lastDue(task);
    const isDue = due !== null && due <= today;
    for (const unitId of unitIds) {
      if (!accountable(links, unitId)) continue;
      let u = tallies.get(unitId);
      if (!u) tallies.set(unitId, (u = { unitId, name: links.units.get(unitId)!.name, tasks: 0, done: 0, overdue: 0, due: 0, dueOnTime: 0, reported: 0 }));
      u.tasks += 1;
      if (isDoneStatus(task.status)) u.done += 1;
      if (task.status === 'overdue') u.overdue += 1;
      if (isDue) {
        u.due += 1;
        if (task.status === 'done') u.dueOnTime += 1;
      }
      if (links.reported.has(`${taskId}:${unitId}`)) u.reported += 1;
    }
  }
  const ranked = rankUnitTallies([...tallies.values()]);
  return { data: limit === undefined ? ranked : ranked.slice(0, limit) };
}

export async function heatmap(deps: Deps, planId: number | undefined, today = todayInChina()) {
  const model = await modelOf(deps, planId, today);
  const links = await linksOf(deps, model);
  const closedOn = new Map(model.tasks.map((t) => [t.id, t.closedOn]));
  const unitsOfTask = new Map([...links.unitsOfTask].map(([taskId, ids]) => [taskId, ids.filter((u) => accountable(links, u))]));
  const names = new Map([...links.units].map(([id, u]) => [id, u.name]));
  return overdueHeatmap(model.milestones, closedOn, unitsOfTask, names, today, 30);
}

// Snapshots never change once stored: their figures are kept for the life of the process.
const snapshotCache = new WeakMap<object, Map<string, { overall: StatusCounts; reporting: { expected: number; onTime: number; late: number }; bySection: { planId: number; counts: StatusCounts }[] }>>();

export async function roundTrend(deps: Deps, planId: number | undefined) {
  if (planId !== undefined && (await repo.findPlans(deps.db, planId)).length === 0) throw notFound('方案');
  const rounds = await repo.closedRounds(deps.db, planId);
  let cache = snapshotCache.get(deps.db);
  if (!cache) snapshotCache.set(deps.db, (cache = new Map()));
  const keyOf = (r: { id: number; taken_at: string }) => `${r.id}|${r.taken_at}`;
  const missing = rounds.filter((r) => !cache.has(keyOf(r)));
  for (const f of await repo.snapshotFigures(deps.db, deps.dialect, missing.map((r) => r.id))) {
    const round = missing.find((r) => r.id === Number(f.round_id))!;
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    cache.set(keyOf(round), { overall: parse(f.overall), reporting: parse(f.reporting), bySection: parse(f.by_section) ?? [] });
  }
  return {
    data: rounds.map((r) => {
      const s = cache.get(keyOf(r))!;
      // One plan of a multi-plan round: its own sections' figures; the reporting rate is the round's.
      let completionRate = s.overall.completionRate;
      let overdue = s.overall.overdue;
      if (planId !== undefined) {
        const mine = s.bySection.filter((b) => b.planId === planId).map((b) => b.counts);
        const total = mine.reduce((n, c) => n + c.total, 0);
        completionRate = rate(mine.reduce((n, c) => n + c.done + c.doneLate, 0), total);
        overdue = mine.reduce((n, c) => n + c.overdue, 0);
      }
      const reportingRate = rate(s.reporting.onTime + s.reporting.late, s.reporting.expected);
      return { roundId: r.id, title: r.title, closedAt: r.closed_at, dueDate: r.due_date, completionRate, overdue, reportingRate };
    }),
  };
}

/** The plan's issue date, or the day it was imported when the document gave none. */
function planStart(model: Model, planId: number): string {
  const p = model.plans.find((x) => x.id === planId);
  return p?.issue_date ?? p?.created_at.slice(0, 10) ?? model.today;
}

async function assertSection(deps: Deps, model: Model, sectionId: number | undefined) {
  if (sectionId === undefined) return;
  const s = await repo.findSection(deps.db, sectionId);
  if (!s) throw notFound('章节');
  if (model.planId !== undefined && s.plan_id !== model.planId) throw new AppError('INVALID_INPUT', '该章节不属于所选方案', { field: 'sectionId' });
}

export async function roadmap(deps: Deps, q: { planId?: number | undefined; sectionId?: number | undefined }, today = todayInChina()) {
  const model = await modelOf(deps, q.planId, today);
  await assertSection(deps, model, q.sectionId);
  const [links, starts] = await Promise.all([linksOf(deps, model), repo.ledgerStarts(deps.db, q)]);
  const rows = q.sectionId === undefined ? model.tasks : model.tasks.filter((t) => t.sectionId === q.sectionId);
  return {
    data: rows.map((t) => ({
      taskId: t.id, number: t.number, title: t.title, sectionId: t.sectionId,
      start: starts.get(t.id) ?? planStart(model, t.planId), end: lastDue(t), status: t.status, leadUnits: links.leadNames.get(t.id) ?? [],
    })),
  };
}

export interface DrillDownQuery {
  planId?: number | undefined;
  sectionId?: number | undefined;
  unitId?: number | undefined;
  status?: WorkStatus[] | undefined;
  month?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * The tasks behind any chart. `month` keeps tasks with a deadline in that month (the heat map's
 * columns); `status` is one status or several; `unitId` a unit named as lead or responsible.
 */
export async function drillDown(deps: Deps, q: DrillDownQuery, today = todayInChina()) {
  const model = await modelOf(deps, q.planId, today);
  await assertSection(deps, model, q.sectionId);
  const links = await linksOf(deps, model);
  const statuses = q.status ? new Set(q.status) : null;
  const month = q.month;
  const hits = model.tasks.filter(
    (t) =>
      (q.sectionId === undefined || t.sectionId === q.sectionId) &&
      (statuses === null || statuses.has(t.status)) &&
      (q.unitId === undefined || (links.unitsOfTask.get(t.id)?.includes(q.unitId) ?? false)) &&
      (month === undefined || t.dues.some((d) => d.startsWith(month))),
  );
  const sectionTitles = new Map(model.sections.map((s) => [s.id, s.title]));
  const page = hits.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return {
    data: page.map((t) => ({
      id: t.id, planId: t.planId, number: t.number, title: t.title, sectionTitle: t.sectionId === null ? null : (sectionTitles.get(t.sectionId) ?? null),
      status: t.status, dueDate: lastDue(t), leadUnits: links.leadNames.get(t.id) ?? [],
    })),
    total: hits.length,
  };
}
