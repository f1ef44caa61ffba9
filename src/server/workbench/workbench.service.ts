import type { Actor, Deps } from '../context.ts';
import { myTasks } from '../tasks/task-units.service.ts';
import { returnedReports, sentReportsOfTasks } from '../reports/reports.repo.ts';

/**
 * A unit's week at a glance: tasks due soon and overdue, its reports returned by the coordinator,
 * and (for lead units) tasks whose responsible units have reported since the last consolidation.
 */
export async function getWorkbench(deps: Deps, actor: Actor) {
  const mine = await myTasks(deps, actor);
  const scope = [...(actor.principal?.unitScope ?? [])];
  const open = mine.data.filter((t) => t.status !== 'done' && t.status !== 'done_late');
  const dueSoon = open.filter((t) => t.status === 'due_soon');
  const overdue = open.filter((t) => t.status === 'overdue');
  const returned = await returnedReports(deps.db, scope);
  const leadTaskIds = [...new Set(open.filter((t) => t.role === 'lead').map((t) => t.id))];
  const parts = await sentReportsOfTasks(deps.db, leadTaskIds);
  const toConsolidate = leadTaskIds
    .map((taskId) => {
      const ofTask = parts.filter((p) => p.task_id === taskId);
      const lastConsolidated = ofTask.filter((p) => p.kind === 'consolidated').map((p) => p.submitted_at ?? '').sort().at(-1) ?? '';
      const fresh = ofTask.filter((p) => p.kind === 'part' && (p.submitted_at ?? '') > lastConsolidated).length;
      return { taskId, taskTitle: open.find((t) => t.id === taskId)!.title, partReports: fresh };
    })
    .filter((x) => x.partReports > 0);
  return {
    unit: mine.unit,
    counts: { dueSoon: dueSoon.length, overdue: overdue.length, returned: returned.length, toConsolidate: toConsolidate.length },
    dueSoon,
    overdue,
    returned: returned.map((r) => ({ reportId: r.report_id, taskId: r.task_id, taskTitle: r.task_title, comment: r.review_comment })),
    toConsolidate,
  };
}
