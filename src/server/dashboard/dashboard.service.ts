import { burnupSeries } from '#core/dashboard/burnup.ts';
import { overdueHeatmap } from '#core/dashboard/heatmap.ts';
import { metPassedDeadlines, rankUnitTallies, type UnitTally } from '#core/dashboard/ranking.ts';
import { isDoneStatus, rate } from '#core/dashboard/status-table.ts';
import { countStatuses } from '#core/status/counts.ts';
import type { StatusCounts } from '#core/rounds/types.ts';
import type { WorkStatus } from '#core/status/status.ts';
import type { Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from './dashboard.repo.ts';
import { answer, forgetModels, linksOf, modelOf, reportedOf, type Model, type ScopeTask, type UnitLinks } from './dashboard-model.ts';

/** The dashboards' use cases: each chart is computed from the cached per-task table of dashboard-model.ts. */

export { taskStatusesOf } from './dashboard-model.ts';

/**
 * Starts building the all-plans table (and its unit links) and picking the closed rounds' figures in
 * the background, so the first dashboard after a start does not wait for them. Failures are left for
 * the first request to meet.
 */
export function warmDashboards(deps: Deps): void {
  modelOf(deps, undefined, deps.clock.today())
    .then((model) => linksOf(model))
    .then(() => roundTrend(deps, undefined))
    .catch(() => undefined);
}

const lastDue = (t: ScopeTask): string | null => t.dues.at(-1) ?? null;

/** Units that answer for their work: collective names (各镇街) are not ranked or mapped. */
function accountable(links: UnitLinks, unitId: number): boolean {
  return links.units.get(unitId)?.collective === false;
}

export async function summary(deps: Deps, planId: number | undefined, today = deps.clock.today()) {
  const model = await modelOf(deps, planId, today);
  return answer(model, 'summary', async () => ({
    asOf: today,
    plans: model.plans.length,
    tasks: model.tasks.length,
    units: await repo.countAccountableUnits(deps.db, planId),
    counts: countStatuses(model.tasks.map((t) => t.status)),
  }));
}

export async function burnup(deps: Deps, planId: number | undefined, today = deps.clock.today()) {
  const model = await modelOf(deps, planId, today);
  return answer(model, 'burnup', async () => {
    const goals = await repo.findGoals(deps.db, planId);
    // Plans of one programme share their goals ("6月底前…"): one checkpoint per distinct text and date.
    const seen = new Set<string>();
    const checkpoints = goals
      .filter((g) => {
        const key = `${g.due_date}|${g.text}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
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
  });
}

export async function sections(deps: Deps, planId: number | undefined, today = deps.clock.today()) {
  const model = await modelOf(deps, planId, today);
  return answer(model, 'sections', async () => {
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
  });
}

export async function unitRanking(deps: Deps, planId: number | undefined, limit: number | undefined, today = deps.clock.today()) {
  const model = await modelOf(deps, planId, today);
  const ranked = await answer(model, 'units', () => rankAll(model, today));
  return { data: limit === undefined ? ranked : ranked.slice(0, limit) };
}

async function rankAll(model: Model, today: string) {
  const [links, reported] = await Promise.all([linksOf(model), reportedOf(model)]);
  const tallies = new Map<number, UnitTally>();
  for (const [taskId, unitIds] of links.unitsOfTask) {
    const task = model.byId.get(taskId);
    if (!task) continue;
    const met = metPassedDeadlines(task.milestones, task.closedOn, today);
    for (const unitId of unitIds) {
      if (!accountable(links, unitId)) continue;
      let u = tallies.get(unitId);
      if (!u) tallies.set(unitId, (u = { unitId, name: links.units.get(unitId)!.name, tasks: 0, done: 0, overdue: 0, passed: 0, met: 0, reported: 0 }));
      u.tasks += 1;
      if (isDoneStatus(task.status)) u.done += 1;
      if (task.status === 'overdue') u.overdue += 1;
      if (met !== null) {
        u.passed += 1;
        if (met) u.met += 1;
      }
      if (reported.get(taskId)?.includes(unitId)) u.reported += 1;
    }
  }
  return rankUnitTallies([...tallies.values()]);
}

export async function heatmap(deps: Deps, planId: number | undefined, today = deps.clock.today()) {
  const model = await modelOf(deps, planId, today);
  return answer(model, 'heatmap', async () => {
    const links = await linksOf(model);
    return overdueHeatmap(model.tasks, links.unitsOfTask, (id) => links.units.get(id)?.name ?? '', today, 30, (id) => accountable(links, id));
  });
}

// Snapshots never change once stored: their figures are kept for the life of the process, and in
// dashboard_round_figures for the next one.
const snapshotCache = new WeakMap<object, Map<string, repo.RoundFigures>>();

/** Drops everything cached in memory for this database (the benchmark's cold start). */
export function forgetDashboardCache(deps: Deps): void {
  forgetModels(deps);
  snapshotCache.delete(deps.db);
}

/** The trend figures of a snapshot's members (overall, reporting, bySection). */
function figuresOf(members: unknown): repo.RoundFigures {
  const [overall, reporting, bySection] = (typeof members === 'string' ? JSON.parse(members) : members) as [StatusCounts, repo.RoundFigures['reporting'], { planId: number; counts: StatusCounts }[] | null];
  const byPlan: repo.RoundFigures['byPlan'] = {};
  for (const s of bySection ?? []) {
    const p = (byPlan[s.planId] ??= { total: 0, finished: 0, overdue: 0 });
    p.total += s.counts.total;
    p.finished += s.counts.done + s.counts.doneLate;
    p.overdue += s.counts.overdue;
  }
  return {
    overall: { total: overall.total, done: overall.done, doneLate: overall.doneLate, overdue: overall.overdue, completionRate: overall.completionRate },
    reporting: { expected: reporting.expected, onTime: reporting.onTime, late: reporting.late },
    byPlan,
  };
}

export async function roundTrend(deps: Deps, planId: number | undefined) {
  if (planId !== undefined && (await repo.findPlans(deps.db, planId)).length === 0) throw notFound('方案');
  const rounds = await repo.closedRounds(deps.db, planId);
  let cache = snapshotCache.get(deps.db);
  if (!cache) snapshotCache.set(deps.db, (cache = new Map()));
  const keyOf = (r: { round_id?: number; id?: number; taken_at: string }) => `${r.id ?? r.round_id}|${r.taken_at}`;
  let missing = rounds.filter((r) => !cache.has(keyOf(r)));
  for (const row of await repo.storedRoundFigures(deps.db, missing.map((r) => r.id))) cache.set(keyOf(row), JSON.parse(row.figures));
  missing = missing.filter((r) => !cache.has(keyOf(r)));
  if (missing.length) {
    // First read of a newly closed round: pick its figures out of the snapshot once and keep them.
    const rows = (await repo.snapshotMembers(deps.db, deps.dialect, missing.map((r) => r.id))).map((m) => ({ round_id: Number(m.round_id), taken_at: m.taken_at, figures: figuresOf(m.members) }));
    for (const r of rows) cache.set(keyOf(r), r.figures);
    await repo.storeRoundFigures(deps.db, rows.map((r) => ({ round_id: r.round_id, taken_at: r.taken_at, figures: JSON.stringify(r.figures) })));
  }
  return {
    data: rounds.map((r) => {
      const f = cache.get(keyOf(r))!;
      // One plan of a multi-plan round: its own sections' figures; the reporting rate is the round's.
      const mine = planId === undefined ? null : (f.byPlan[planId] ?? { total: 0, finished: 0, overdue: 0 });
      return {
        roundId: r.id, title: r.title, closedAt: r.closed_at, dueDate: r.due_date,
        completionRate: mine ? rate(mine.finished, mine.total) : f.overall.completionRate,
        overdue: mine ? mine.overdue : f.overall.overdue,
        reportingRate: rate(f.reporting.onTime + f.reporting.late, f.reporting.expected),
      };
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

export async function roadmap(deps: Deps, q: { planId?: number | undefined; sectionId?: number | undefined }, today = deps.clock.today()) {
  const model = await modelOf(deps, q.planId, today);
  await assertSection(deps, model, q.sectionId);
  // Numbers and titles are read for the rows shown only: the status table keeps what charts count.
  const [links, starts, titles] = await Promise.all([linksOf(model), repo.ledgerStarts(deps.db, q), repo.findTaskTitles(deps.db, q)]);
  const rows = q.sectionId === undefined ? model.tasks : model.tasks.filter((t) => t.sectionId === q.sectionId);
  return {
    data: rows.map((t) => ({
      taskId: t.id, number: titles.get(t.id)?.number ?? '', title: titles.get(t.id)?.title ?? '', sectionId: t.sectionId,
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
export async function drillDown(deps: Deps, q: DrillDownQuery, today = deps.clock.today()) {
  const model = await modelOf(deps, q.planId, today);
  await assertSection(deps, model, q.sectionId);
  const links = await linksOf(model);
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
  const titles = await repo.findTaskTitles(deps.db, { taskIds: page.map((t) => t.id) });
  return {
    data: page.map((t) => ({
      id: t.id, planId: t.planId, number: titles.get(t.id)?.number ?? '', title: titles.get(t.id)?.title ?? '', sectionTitle: t.sectionId === null ? null : (sectionTitles.get(t.sectionId) ?? null),
      status: t.status, dueDate: lastDue(t), leadUnits: links.leadNames.get(t.id) ?? [],
    })),
    total: hits.length,
  };
}
