import { inspectionAccessOf, type InspectionAccess } from '#core/inspections/access.ts';
import type { Actor, Deps } from '../context.ts';
import { notFound } from '../errors.ts';
import * as repo from './inspections.repo.ts';

export type PlanRow = NonNullable<Awaited<ReturnType<typeof repo.findPlanRow>>>;

/** A plan as the actor may see it, with the facts its visibility was judged on. */
export interface SeenPlan {
  row: PlanRow;
  access: InspectionAccess;
  targets: Awaited<ReturnType<typeof repo.targetsOf>>;
  inspectors: Awaited<ReturnType<typeof repo.inspectorsOf>>;
}

/** How the actor sees each plan (null: hidden), judged on its targets and inspectors. */
export async function accessOfPlans(deps: Deps, actor: Actor, rows: PlanRow[]): Promise<Map<number, SeenPlan | null>> {
  const ids = rows.map((r) => r.id);
  const [targets, inspectors] = await Promise.all([repo.targetsOf(deps.db, ids), repo.inspectorsOf(deps.db, ids)]);
  const out = new Map<number, SeenPlan | null>();
  for (const row of rows) {
    const t = targets.filter((x) => x.inspection_id === row.id);
    const i = inspectors.filter((x) => x.inspection_id === row.id);
    const access = actor.principal
      ? inspectionAccessOf(actor.principal, {
          kind: row.kind,
          released: row.released_at !== null,
          targetUnitIds: t.map((x) => x.unit_id),
          inspectorUserIds: i.map((x) => x.user_id),
        })
      : null;
    out.set(row.id, access ? { row, access, targets: t, inspectors: i } : null);
  }
  return out;
}

/** The plan if the actor may see it; otherwise 404, exactly as for a plan that does not exist. */
export async function seePlan(deps: Deps, actor: Actor, id: number): Promise<SeenPlan> {
  const row = await repo.findPlanRow(deps.db, id);
  const seen = row ? (await accessOfPlans(deps, actor, [row])).get(id) : null;
  if (!seen) throw notFound('督查计划');
  return seen;
}
