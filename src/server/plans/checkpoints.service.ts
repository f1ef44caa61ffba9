import { summariseCheckpoints, type CheckpointState } from '#core/status/checkpoints.ts';
import type { Deps } from '../context.ts';
import { notFound } from '../errors.ts';
import { findGoals, findPlanRow, findSections } from './plans.repo.ts';
import { milestonesOfTasks, tasksOfPlan, unitsOfTasks } from '../tasks/tasks.repo.ts';

const shape = (s: CheckpointState) => ({ text: s.checkpoint.text, date: s.checkpoint.date!, ...s.counts, state: s.state });

/**
 * The plan's dated goals (6月5日 ledgers, 6月底, 9月底, 年底…) as checkpoints every section and unit
 * is measured against: what was due by each, done by it, done late, and still overdue.
 */
export async function getCheckpoints(deps: Deps, planId: number, today = deps.clock.today()) {
  if (!(await findPlanRow(deps.db, planId))) throw notFound('方案');
  const [goals, sections, tasks] = await Promise.all([
    findGoals(deps.db, planId),
    findSections(deps.db, planId),
    tasksOfPlan(deps.db, planId),
  ]);
  const ids = tasks.map((t) => t.id);
  const [milestones, units] = await Promise.all([milestonesOfTasks(deps.db, ids), unitsOfTasks(deps.db, ids)]);
  const work = tasks.map((t) => ({
    sectionId: t.section_id ?? 0,
    unitIds: units.filter((u) => u.task_id === t.id).map((u) => u.unit_id),
    closedOn: t.closed_on,
    milestones: milestones.filter((m) => m.task_id === t.id).map((m) => ({ dueDate: m.due_date, completedOn: m.completed_on, hasProgress: false })),
  }));
  const summary = summariseCheckpoints(goals.map((g) => ({ text: g.text, date: g.due_date })), work, today);
  const unitNames = new Map(units.map((u) => [u.unit_id, u.name]));
  return {
    today,
    goals: goals.filter((g) => g.due_date).map((g) => ({ text: g.text, date: g.due_date! })),
    bySection: sections.filter((s) => summary.bySection.has(s.id)).map((s) => ({ sectionId: s.id, title: s.title, checkpoints: summary.bySection.get(s.id)!.map(shape) })),
    byUnit: [...summary.byUnit].map(([unitId, states]) => ({ unitId, name: unitNames.get(unitId) ?? '', checkpoints: states.map(shape) })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}
