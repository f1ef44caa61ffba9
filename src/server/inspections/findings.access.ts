import { isAboutVisible, viewerScopeOf, type ViewerScope } from '#core/inspections/access.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { isRelated } from '#core/inspections/draw.ts';
import { pathOf } from './draw-record.ts';
import { seePlan, type SeenPlan } from './inspections.access.ts';
import * as repo from './inspections.repo.ts';
import { type FindingRow, findFindingRow, visibleFindings } from './findings.repo.ts';

export { visibleFindings };
export type { FindingRow };

/** The viewer filter of finding lists (`visibleFindings(findingViewerOf(actor))` on `f` and `p`). */
export function findingViewerOf(actor: Actor): ViewerScope {
  return actor.principal ? viewerScopeOf(actor.principal) : { all: false, inspectorUserId: null, unitIds: null };
}

/**
 * A finding the actor may see, with its plan as they see it; a hidden one is missing (404), exactly
 * as one that does not exist. For rectification routes too: a unit sees only its own, once released.
 */
export async function findVisibleFinding(deps: Deps, actor: Actor, id: number): Promise<{ finding: FindingRow; seen: SeenPlan }> {
  const finding = await findFindingRow(deps.db, id);
  if (!finding || !actor.principal) throw notFound('问题');
  let seen: SeenPlan;
  try {
    seen = await seePlan(deps, actor, finding.inspection_id);
  } catch {
    throw notFound('问题');
  }
  if (!isAboutVisible(actor.principal, seen.access, seen.row.released_at !== null, finding.unit_id)) throw notFound('问题');
  return { finding, seen };
}

/**
 * Refuses a record (visit, finding, evidence) by an inspector who is not assigned to `unitId` in the
 * plan (on the whole plan or for that target), or whose own unit is the target, under it or above it;
 * and a unit that is not a target of the plan.
 */
export async function assertMayRecord(deps: Deps, actor: Actor, seen: SeenPlan, unitId: number): Promise<void> {
  if (!seen.targets.some((t) => t.unit_id === unitId))
    throw new AppError('INVALID_INPUT', '该单位不是本次督查的检查对象，不能为其记录检查情况或问题', { field: 'unitId' });
  const assigned = seen.inspectors.some((i) => i.user_id === actor.userId && (i.target_unit_id === null || i.target_unit_id === unitId));
  if (!assigned) throw new AppError('FORBIDDEN', '您未被指派检查该单位，不能记录');
  const parents = await repo.unitParents(deps.db);
  if (isRelated(pathOf(parents, actor.unitId), pathOf(parents, unitId))) throw new AppError('FORBIDDEN', '督查人员不能检查本单位或与本单位有隶属关系的单位');
}
