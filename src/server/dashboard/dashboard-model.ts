import { statusFunction } from '#core/dashboard/status-table.ts';
import type { WorkStatus } from '#core/status/status.ts';
import type { Deps } from '../context.ts';
import { notFound } from '../errors.ts';
import { runtimeSettings } from '../settings/settings.service.ts';
import * as repo from './dashboard.repo.ts';

/**
 * Dashboards over one plan or all plans. Every chart reads the same per-task status table, built from
 * bulk queries and kept in memory per (scope, today): a dashboard page asks for six charts at once
 * and a meeting screen refreshes every minute, while the data changes only on writes. The table is
 * built from one read of the tasks with their facts row: what a task's milestones, reports and links
 * say — deadlines and closures, any progress, which units reported, which units are named — is kept
 * per task by triggers in `dashboard_task_facts`, in the transaction of every write to them
 * (migration 20261204060000).
 *
 * Freshness: every write records an audit event in its transaction, so the newest audit id is the
 * data version, read per request with one index lookup — a write is visible on the next request, on
 * any app node. When the version has moved, the writes since are read: reports, tasks and milestones
 * refresh just their tasks (a unit submitting a report costs a few small queries, not a rebuild);
 * writes that do not touch the table (accounts, rounds, circulars, ledgers…) only move the version;
 * anything else (a plan imported, units merged, settings changed) rebuilds the table.
 */

export interface ScopeTask {
  id: number;
  planId: number;
  sectionId: number | null;
  closedOn: string | null;
  /** Any non-draft report on the task. */
  progressed: boolean;
  status: WorkStatus;
  milestones: { dueDate: string | null; completedOn: string | null }[];
  /** Dated deadlines, ascending. */
  dues: string[];
  /** Units named on the task as kept in its facts row: "12*,40,41" (document order, lead marked). */
  unitList: string | null;
  /** Units with a submitted or accepted report on the task: "12,40". */
  reportedList: string | null;
}

export interface UnitLinks {
  /** Unit ids named on each task (lead then responsible, document order, distinct). */
  unitsOfTask: Map<number, number[]>;
  leadNames: Map<number, string[]>;
  units: Map<number, { name: string; collective: boolean }>;
}

export interface Model {
  version: number;
  today: string;
  planId: number | undefined;
  plans: Awaited<ReturnType<typeof repo.findPlans>>;
  sections: Awaited<ReturnType<typeof repo.findSections>>;
  /** Every unit's name and kind, read with the table (a unit write rebuilds it). */
  unitRows: Awaited<ReturnType<typeof repo.findUnits>>;
  tasks: ScopeTask[];
  byId: Map<number, ScopeTask>;
  /** Loaded on first use: only the unit charts need them. */
  links?: Promise<UnitLinks> | undefined;
  /** Units with a submitted or accepted report, per task (the ranking only). */
  reported?: Promise<Map<number, number[]>> | undefined;
  /** Chart answers computed from this table: until the next write every request gets the same. */
  answers: Map<string, Promise<unknown>>;
}

/** Writes that never change a task's status, units or reports. */
const UNRELATED = new Set(['user', 'session', 'round', 'circular', 'import_draft', 'job', 'route', 'ledger_entry', 'notification', 'bench']);
/** More writes than this since the cached table: rebuilding is cheaper than refreshing piece by piece. */
const MAX_REFRESH = 2000;
const MAX_SCOPES = 16;
const caches = new WeakMap<object, Map<string, Promise<Model>>>();

/** Drops the cached tables of this database (the benchmark's cold start). */
export function forgetModels(deps: Deps): void {
  caches.delete(deps.db);
}

export async function modelOf(deps: Deps, planId: number | undefined, today: string): Promise<Model> {
  const version = await repo.dataVersion(deps.db);
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = new Map()));
  const key = String(planId ?? '*');
  const cached = cache.get(key);
  let next: Promise<Model>;
  if (!cached) next = buildModel(deps, planId, today, version);
  else {
    const model = await cached;
    if (model.version >= version && model.today === today) return model;
    // Another request may have started the same refresh while this one waited.
    const current = cache.get(key);
    if (current && current !== cached) return current;
    next = refreshModel(deps, model, version, today);
  }
  cache.delete(key);
  cache.set(key, next);
  while (cache.size > MAX_SCOPES) cache.delete(cache.keys().next().value!);
  next.catch(() => {
    if (cache.get(key) === next) cache.delete(key);
  });
  return next;
}

async function statusSettings(deps: Deps) {
  const settings = await runtimeSettings(deps);
  return { calendar: settings.calendar, options: { dueSoonWorkdays: settings.reminders.dueSoonWorkdays } };
}

/** Statuses of tasks from the facts they carry (no database read): new task objects. */
async function withStatuses(deps: Deps, tasks: ScopeTask[], today: string): Promise<ScopeTask[]> {
  const { calendar, options } = await statusSettings(deps);
  const statusOf = statusFunction(today, calendar, options);
  return tasks.map((t) => ({ ...t, status: statusOf(t, t.milestones) }));
}

/** Reads the tasks of a scope and computes their statuses. */
async function readTasks(deps: Deps, scope: repo.Scope, today: string): Promise<ScopeTask[]> {
  const [taskRows, { calendar, options }] = await Promise.all([repo.findTasks(deps.db, scope, deps.dialect), statusSettings(deps)]);
  const statusOf = statusFunction(today, calendar, options);
  const none: ScopeTask['milestones'] = [];
  const noDues: string[] = [];
  // One object per task (20,000 on a cold build), its status computed from itself.
  return taskRows.map((t): ScopeTask => {
    let ms = none;
    let dues = noDues;
    if (t.milestones !== null) {
      ms = [];
      dues = [];
      for (const item of t.milestones.split(',')) {
        const cut = item.indexOf('~');
        const dueDate = cut > 0 ? item.slice(0, cut) : null;
        ms.push({ dueDate, completedOn: cut < item.length - 1 ? item.slice(cut + 1) : null });
        if (dueDate !== null) dues.push(dueDate);
      }
      if (dues.length > 1) dues.sort();
    }
    const task: ScopeTask = { id: t.id, planId: t.plan_id, sectionId: t.section_id, closedOn: t.closed_on, progressed: Number(t.progressed) === 1, status: 'not_started', milestones: ms, dues, unitList: t.units, reportedList: t.reported_units };
    task.status = statusOf(task, ms);
    return task;
  });
}

async function buildModel(deps: Deps, planId: number | undefined, today: string, version: number): Promise<Model> {
  const [plans, sections, unitRows, tasks] = await Promise.all([repo.findPlans(deps.db, planId), repo.findSections(deps.db, planId), repo.findUnits(deps.db), readTasks(deps, { planId }, today)]);
  if (planId !== undefined && plans.length === 0) throw notFound('方案');
  return { version, today, planId, plans, sections, unitRows, tasks, byId: new Map(tasks.map((t) => [t.id, t])), answers: new Map() };
}

/**
 * A new table from an old one, sharing what the patch does not replace. (Tasks and links refreshed
 * after a write are updated in place, see refreshModel: a request still reading the old table then
 * sees those tasks' newer facts, never a broken table.)
 */
function derive(model: Model, patch: Partial<Model>): Model {
  const next: Model = { ...model, ...patch, answers: new Map() };
  if (patch.tasks) next.byId = new Map(patch.tasks.map((t) => [t.id, t]));
  return next;
}

/**
 * The cached table brought up to `version` and `today`. The writes recorded since it was built say
 * what to read again: reports, milestones and tasks → those tasks; a plan → its tasks, sections and
 * goals; sections → the section list; units (merged, renamed) → a rebuild (the tasks' unit lists
 * and the names both change); settings (calendar,
 * 临期 days) → statuses from the facts in memory, as on a new day. Anything else → a rebuild.
 */
async function refreshModel(deps: Deps, model: Model, version: number, today: string): Promise<Model> {
  const rebuild = () => buildModel(deps, model.planId, today, version);
  const events = version > model.version ? await repo.auditSince(deps.db, model.version, version, MAX_REFRESH + 1) : [];
  if (events.length > MAX_REFRESH) return rebuild();
  const taskIds = new Set<number>();
  const planIds = new Set<number>();
  const reportIds: number[] = [];
  const milestoneIds: number[] = [];
  let lists = false;
  let restatus = model.today !== today;
  for (const e of events) {
    if (e.outcome !== 'ok' || UNRELATED.has(e.entity_type)) continue;
    const id = Number(e.entity_id);
    if (e.entity_type === 'setting') restatus = true;
    // A unit merged or renamed: the tasks' unit lists (kept in their facts) and names are read again.
    else if (e.entity_type === 'unit') return rebuild();
    else if (e.entity_type === 'section') lists = true;
    else if (!Number.isInteger(id)) return rebuild();
    else if (e.entity_type === 'task') taskIds.add(id);
    else if (e.entity_type === 'report') reportIds.push(id);
    else if (e.entity_type === 'milestone') milestoneIds.push(id);
    else if (e.entity_type === 'plan') {
      planIds.add(id);
      lists = true;
    } else return rebuild();
  }
  let next = derive(model, { version, today });
  if (lists) {
    // A plan import may bring new units: their names are read with the lists.
    const [plans, sections, unitRows] = await Promise.all([repo.findPlans(deps.db, model.planId), repo.findSections(deps.db, model.planId), repo.findUnits(deps.db)]);
    if (model.planId !== undefined && plans.length === 0) throw notFound('方案');
    next = derive(next, { plans, sections, unitRows, links: undefined, reported: undefined });
  }
  // A plan imported, edited or removed: its block of tasks read again, in plan order.
  const plans = [...planIds].filter((p) => model.planId === undefined || model.planId === p);
  if (plans.length) {
    let tasks = next.tasks.filter((t) => !planIds.has(t.planId));
    for (const p of plans) tasks.push(...(await readTasks(deps, { planId: p }, model.today)));
    tasks = tasks.sort((a, b) => a.planId - b.planId);
    next = derive(next, { tasks, links: undefined, reported: undefined });
  }
  for (const id of [...(await repo.tasksOfReports(deps.db, reportIds)), ...(await repo.tasksOfMilestones(deps.db, milestoneIds))]) taskIds.add(id);
  // A task this table has never seen (added to a plan outside a plan write): read everything again.
  const unseen = [...taskIds].filter((id) => !next.byId.has(id));
  if (unseen.length && (await repo.findTasks(deps.db, { planId: model.planId, taskIds: unseen })).some((t) => !planIds.has(t.plan_id))) return rebuild();
  const ids = [...taskIds].filter((id) => next.byId.has(id) && !planIds.has(next.byId.get(id)!.planId));
  if (ids.length) {
    const fresh = await readTasks(deps, { taskIds: ids }, model.today);
    // A task gone or moved to another plan: its order and sections need the whole table again.
    if (fresh.length !== ids.length || fresh.some((t) => t.planId !== next.byId.get(t.id)!.planId)) return rebuild();
    // In place, like the links: a new table per report submitted would mean copying 20,000 tasks.
    const replaced = new Map(fresh.map((t) => [t.id, t]));
    next.tasks.forEach((t, i) => {
      const r = replaced.get(t.id);
      if (r) next.tasks[i] = r;
    });
    for (const t of fresh) next.byId.set(t.id, t);
    const refreshed = derive(next, refreshedLinks(next, ids));
    // A failed read is not kept: the next request loads the links afresh.
    refreshed.links?.catch(() => (refreshed.links = undefined));
    refreshed.reported?.catch(() => (refreshed.reported = undefined));
    next = refreshed;
  }
  if (restatus) next = derive(next, { tasks: await withStatuses(deps, next.tasks, today) });
  return next;
}

/**
 * The unit links and reported pairs with some tasks read again (when they were loaded), from those
 * tasks' fresh fact lists. Updated in place rather than copied: copying 50,000 links per report
 * submitted costs more than the request, and a table still serving a request only ever sees these
 * tasks' newer links.
 */
function refreshedLinks(model: Model, ids: number[]): Pick<Model, 'links' | 'reported'> {
  const fresh = ids.map((id) => model.byId.get(id)!);
  const out: Pick<Model, 'links' | 'reported'> = { links: undefined, reported: undefined };
  if (model.links) {
    out.links = model.links.then((links) => {
      for (const t of fresh) {
        links.unitsOfTask.delete(t.id);
        links.leadNames.delete(t.id);
        addLinks(t, links.units, links.unitsOfTask, links.leadNames);
      }
      return links;
    });
  }
  if (model.reported) {
    out.reported = model.reported.then((reported) => {
      for (const t of fresh) {
        reported.delete(t.id);
        addPairs(t, reported);
      }
      return reported;
    });
  }
  return out;
}

/**
 * Calls `each` for every id of a fact list ("12*,40,41"), with whether it is marked `*` (lead). Read
 * character by character: a cold build parses 51,600 of them, and splitting into strings first
 * allocates three times as much (most of a cold unit chart's garbage collection).
 */
function eachId(list: string, each: (id: number, lead: boolean) => void): void {
  let id = 0;
  let lead = false;
  for (let i = 0; i < list.length; i += 1) {
    const c = list.charCodeAt(i);
    if (c === 44 /* , */) {
      each(id, lead);
      id = 0;
      lead = false;
    } else if (c === 42 /* * */) lead = true;
    else id = id * 10 + (c - 48);
  }
  each(id, lead);
}

/** A task's units from its fact list, into the maps of the unit charts. */
function addLinks(t: ScopeTask, units: UnitLinks['units'], unitsOfTask: UnitLinks['unitsOfTask'], leadNames: UnitLinks['leadNames']) {
  if (t.unitList === null) return;
  const list: number[] = [];
  let names: string[] | undefined;
  eachId(t.unitList, (id, lead) => {
    if (!list.includes(id)) list.push(id);
    if (lead) {
      const name = units.get(id)?.name ?? '';
      if (!names) names = [name];
      else if (!names.includes(name)) names.push(name);
    }
  });
  unitsOfTask.set(t.id, list);
  if (names) leadNames.set(t.id, names);
}

/** A task's reporting units from its fact list (a few per task: an array, not a set). */
function addPairs(t: ScopeTask, into: Map<number, number[]>) {
  if (t.reportedList === null) return;
  const ids: number[] = [];
  eachId(t.reportedList, (id) => ids.push(id));
  into.set(t.id, ids);
}

/** The unit charts' links, from the tasks' fact lists and the unit names: no read of its own. */
export function linksOf(model: Model): Promise<UnitLinks> {
  if (!model.links) {
    const unitMap = new Map(model.unitRows.map((u) => [u.id, { name: u.name, collective: u.is_collective === 1 }]));
    const unitsOfTask = new Map<number, number[]>();
    const leadNames = new Map<number, string[]>();
    for (const t of model.tasks) addLinks(t, unitMap, unitsOfTask, leadNames);
    model.links = Promise.resolve({ unitsOfTask, leadNames, units: unitMap });
  }
  return model.links;
}

export function reportedOf(model: Model): Promise<Map<number, number[]>> {
  if (!model.reported) {
    const pairs = new Map<number, number[]>();
    for (const t of model.tasks) addPairs(t, pairs);
    model.reported = Promise.resolve(pairs);
  }
  return model.reported;
}

/** A chart's answer from this table, computed once. */
export function answer<T>(model: Model, key: string, compute: () => Promise<T>): Promise<T> {
  let hit = model.answers.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = compute();
    model.answers.set(key, hit);
    hit.catch(() => model.answers.delete(key));
  }
  return hit;
}

/** Every task's status in the scope on `today`, from the cached table (the same as `statusesOf`). */
export async function taskStatusesOf(deps: Deps, planId: number | undefined, today = deps.clock.today()): Promise<Map<number, WorkStatus>> {
  const model = await modelOf(deps, planId, today);
  return new Map(model.tasks.map((t) => [t.id, t.status]));
}
