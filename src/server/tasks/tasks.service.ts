import { foldForSearch } from '#core/text/fold.ts';
import type { Actor, Deps } from '../context.ts';
import { deadlinesByTask } from './deadlines.ts';
import { viewerOfTask } from './task-units.service.ts';
import { eventsOf } from '../reports/reports.repo.ts';
import { statusesOf } from './task-status.ts';
import { notFound } from '../errors.ts';
import { findPlanRow, findPlanSource } from '../plans/plans.repo.ts';
import * as repo from './tasks.repo.ts';
import type { TaskQuery } from '#core/api/tasks.ts';

type UnitRef = { id: number; name: string; asWritten: string };

/** Groups task units by task and role, one entry per Unit (merged aliases may name it twice). */
async function unitsByTask(deps: Deps, taskIds: number[]) {
  const map = new Map<number, { lead: UnitRef[]; responsible: UnitRef[] }>();
  for (const r of await repo.unitsOfTasks(deps.db, taskIds)) {
    const entry = map.get(r.task_id) ?? { lead: [], responsible: [] };
    const list = entry[r.role];
    if (!list.some((u) => u.id === r.unit_id)) list.push({ id: r.unit_id, name: r.name, asWritten: r.name_as_written });
    map.set(r.task_id, entry);
  }
  return map;
}


/** A page of a plan's tasks, filtered by section, unit and role, deadline month, and text. */
export async function findTasks(deps: Deps, planId: number, query: TaskQuery) {
  if (!(await findPlanRow(deps.db, planId))) throw notFound('方案');
  const { rows, total } = await repo.findTasks(
    deps.db,
    {
      planId, sectionId: query.sectionId, unitId: query.unitId, role: query.role, month: query.month,
      noDeadline: query.noDeadline, q: query.q ? foldForSearch(query.q) : undefined,
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  const ids = rows.map((r) => r.id);
  const [units, deadlines] = await Promise.all([unitsByTask(deps, ids), deadlinesByTask(deps, ids)]);
  return {
    data: rows.map((r) => ({
      id: r.id, sectionId: r.section_id, sectionTitle: r.section_title, path: JSON.parse(r.path) as string[], number: r.number, title: r.title,
      deadlines: deadlines.get(r.id) ?? [], lead: units.get(r.id)?.lead ?? [], responsible: units.get(r.id)?.responsible ?? [],
    })),
    total,
  };
}

/** One task with its milestones, units, spans and the source paragraph it was read from. */
export async function getTask(deps: Deps, actor: Actor, id: number) {
  const t = await repo.findTaskRow(deps.db, id);
  if (!t) throw notFound('任务');
  const [units, milestones, source, instructions, contacts, viewer, statuses, events] = await Promise.all([
    unitsByTask(deps, [id]), repo.milestonesOfTasks(deps.db, [id]), findPlanSource(deps.db, t.plan_id),
    repo.findInstructions(deps.db, id), repo.findContacts(deps.db, id), viewerOfTask(deps, actor, id),
    statusesOf(deps, [{ id, closed_on: t.closed_on }]), eventsOf(deps.db, id),
  ]);
  // One timeline: reports, reviews, closing and reopening, and leaders' instructions, newest first.
  const timeline = [
    ...events.map((e) => ({ at: e.at, kind: e.kind, unitName: e.unit_name, userName: e.user_name, text: e.text, stage: e.stage })),
    ...instructions.map((i) => ({ at: i.created_at, kind: 'instruction' as const, unitName: null, userName: i.display_name, text: i.text, stage: null })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const hasSpan = t.span_start != null && t.span_end != null && source;
  return {
    id: t.id, planId: t.plan_id, plan: { id: t.plan_id, number: t.plan_number, title: t.plan_title }, sectionId: t.section_id,
    path: JSON.parse(t.path) as string[], number: t.number, title: t.title, text: t.text,
    deadlines: milestones.map((m) => ({ text: m.text, date: m.due_date })),
    lead: units.get(id)?.lead ?? [], responsible: units.get(id)?.responsible ?? [],
    milestones: milestones.map((m) => ({ id: m.id, text: m.text, clause: m.clause, date: m.due_date, completedOn: m.completed_on, span: m.span_start == null || m.span_end == null ? null : ([m.span_start, m.span_end] as [number, number]) })),
    spans: t.spans ? JSON.parse(t.spans) : null,
    source: hasSpan ? { text: source.source_text.slice(t.span_start!, t.span_end!), offset: t.span_start! } : null,
    instructions: instructions.map((i) => ({ id: i.id, text: i.text, userName: i.display_name, createdAt: i.created_at })),
    contacts: contacts.map((c) => ({ unitId: c.unit_id, role: c.role, contactName: c.contact_name, contactPhone: c.contact_phone, note: c.note })),
    ...viewer,
    status: statuses.get(id)!,
    closedOn: t.closed_on,
    timeline,
  };
}

/** Dated milestones by month (optionally for one unit), with the count of tasks that have no date. */
export async function getCalendar(deps: Deps, planId: number, unitId?: number) {
  if (!(await findPlanRow(deps.db, planId))) throw notFound('方案');
  const [rows, undated] = await Promise.all([repo.findCalendar(deps.db, planId, unitId), repo.countUndatedTasks(deps.db, planId, unitId)]);
  const units = await unitsByTask(deps, [...new Set(rows.map((r) => r.task_id))]);
  const months: { month: string; items: { taskId: number; number: string; title: string; sectionTitle: string | null; date: string; text: string; clause: string; units: UnitRef[] }[] }[] = [];
  for (const r of rows) {
    const month = r.due_date!.slice(0, 7);
    let bucket = months.at(-1);
    if (bucket?.month !== month) months.push((bucket = { month, items: [] }));
    const u = units.get(r.task_id);
    bucket.items.push({ taskId: r.task_id, number: r.number, title: r.title, sectionTitle: r.section_title, date: r.due_date!, text: r.text, clause: r.clause, units: [...(u?.lead ?? []), ...(u?.responsible ?? [])] });
  }
  return { months, undated };
}
