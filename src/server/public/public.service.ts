import { countStatuses } from '#core/status/counts.ts';
import type { Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { findPlanRow, findSections } from '../plans/plans.repo.ts';
import { taskStatusesOf } from '../dashboard/dashboard.service.ts';
import { runtimeSettings } from '../settings/settings.service.ts';
import * as repo from './public.repo.ts';

/**
 * The public progress page: what a plan promised and where each task stands, as anyone may read it.
 * Built from an explicit list of fields (the plan document's own words, statuses and counts), so
 * nothing internal — comments, evidence, narratives, staff — can leak in by a later schema change.
 */
async function assertOpen(deps: Deps) {
  if (!(await runtimeSettings(deps)).publicPage.enabled) throw new AppError('NOT_FOUND', '公开页面已关闭');
}

export async function listPublicPlans(deps: Deps) {
  await assertOpen(deps);
  // Statuses from the dashboards' cached table: anyone may ask this page, so it must not sweep every task each time.
  const [plans, tasks, statuses] = await Promise.all([repo.plans(deps.db), repo.tasksOfPlans(deps.db), taskStatusesOf(deps, undefined)]);
  const done = new Map<number, number>();
  const count = new Map<number, number>();
  for (const t of tasks) {
    count.set(t.plan_id, (count.get(t.plan_id) ?? 0) + 1);
    const s = statuses.get(t.id);
    if (s === 'done' || s === 'done_late') done.set(t.plan_id, (done.get(t.plan_id) ?? 0) + 1);
  }
  return { data: plans.map((p) => ({ id: p.id, number: p.number, title: p.title, year: p.year, tasks: count.get(p.id) ?? 0, done: done.get(p.id) ?? 0 })) };
}

export async function getPublicPlan(deps: Deps, planId: number) {
  await assertOpen(deps);
  const plan = await findPlanRow(deps.db, planId);
  if (!plan) throw notFound('方案');
  const [sections, tasks, leads, milestones] = await Promise.all([findSections(deps.db, planId), repo.tasksOfPlans(deps.db, planId), repo.leadUnits(deps.db, planId), repo.deadlines(deps.db, planId)]);
  const today = deps.clock.today();
  const statuses = await taskStatusesOf(deps, planId, today);
  const leadsOf = Map.groupBy(leads, (l) => l.task_id);
  const deadlinesOf = Map.groupBy(milestones, (m) => m.task_id);
  const row = (t: (typeof tasks)[number]) => ({
    number: t.number,
    title: t.title,
    status: statuses.get(t.id)!,
    deadline: [...new Set((deadlinesOf.get(t.id) ?? []).map((m) => m.text))].join('；') || null,
    leadUnits: (leadsOf.get(t.id) ?? []).map((l) => l.name),
  });
  const bySection = Map.groupBy(tasks, (t) => t.section_id ?? 0);
  const shaped = sections.map((s) => ({ title: s.title, tasks: (bySection.get(s.id) ?? []).map(row) }));
  const loose = bySection.get(0);
  if (loose?.length) shaped.push({ title: '其他任务', tasks: loose.map(row) });
  return {
    plan: { id: plan.id, number: plan.number, title: plan.title, issuer: plan.issuer, issueDate: plan.issue_date },
    asOf: today,
    counts: countStatuses(tasks.map((t) => statuses.get(t.id)!)),
    sections: shaped.filter((s) => s.tasks.length).map((s) => ({ ...s, counts: countStatuses(s.tasks.map((t) => t.status)) })),
  };
}
