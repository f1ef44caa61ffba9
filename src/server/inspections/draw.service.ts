import { randomBytes } from 'node:crypto';
import type { DrawRequest, InspectionDetail } from '#core/api/inspections.ts';
import { DRAW_ALGORITHM, DrawError, type DrawInput, type DrawResult, runDraw } from '#core/inspections/draw.ts';
import { pathOf } from './draw-record.ts';
import { getInspection } from './inspections.service.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { seePlan } from './inspections.access.ts';
import * as repo from './inspections.repo.ts';

/**
 * The random draw (双随机): targets from the scope's units not yet targeted, inspectors from the pool,
 * none related to the unit they are sent to. Once per plan, before release; stored with seed and
 * input, so that anyone can run it again and get the same result.
 */
export async function drawInspection(deps: Deps, actor: Actor, id: number, body: DrawRequest): Promise<InspectionDetail> {
  const seen = await seePlan(deps, actor, id);
  if (seen.row.released_at) throw new AppError('CONFLICT', '问题清单已发布，不能再随机抽取');
  if (await repo.findDraw(deps.db, id)) throw new AppError('CONFLICT', '该督查计划已随机抽取过，抽取结果不能重抽');
  const [parents, scopeUnits, pool] = await Promise.all([
    repo.unitParents(deps.db),
    repo.scopeUnitIds(deps.db, id),
    repo.inspectorAccounts(deps.db, body.inspectorPoolIds && [...new Set(body.inspectorPoolIds)]),
  ]);
  if (body.inspectorPoolIds) {
    const ok = new Set(pool.map((p) => p.id));
    const not = body.inspectorPoolIds.filter((i) => !ok.has(i));
    if (not.length) throw new AppError('INVALID_INPUT', `以下账号不是在用的督查人员账号：${not.join('、')}`, { field: 'inspectorPoolIds' });
  }
  const targeted = new Set(seen.targets.map((t) => t.unit_id));
  const input: DrawInput = {
    mode: body.mode,
    targetCount: body.targetCount,
    inspectorsPerTarget: body.inspectorsPerTarget,
    units: scopeUnits
      .filter((u) => !targeted.has(u))
      .sort((a, b) => a - b)
      .map((u) => ({ id: u, path: pathOf(parents, u) })),
    inspectors: pool.map((p) => ({ userId: p.id, unitPath: pathOf(parents, p.unit_id) })).sort((a, b) => a.userId - b.userId),
  };
  const seed = body.seed ?? randomBytes(8).toString('hex');
  let result: DrawResult;
  try {
    result = runDraw(input, seed);
  } catch (e) {
    if (!(e instanceof DrawError)) throw e;
    const name = e.unitId === null ? null : seen.targets.find((t) => t.unit_id === e.unitId)?.name;
    const unitName = name ?? (e.unitId === null ? null : ((await repo.scopeOf(deps.db, id)).units.find((u) => u.id === e.unitId)?.name ?? null));
    throw new AppError('INVALID_INPUT', unitName ? `“${unitName}”：${e.message}` : e.message, { field: 'inspectorsPerTarget' });
  }
  const at = deps.clock.iso();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertDraw(trx, {
      inspection_id: id,
      seed,
      algorithm: DRAW_ALGORITHM,
      input: JSON.stringify(input),
      result: JSON.stringify(result),
      drawn_by: actor.userId,
      drawn_at: at,
    });
    await repo.insertDrawn(trx, id, result.targets, result.planInspectorIds);
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'inspection.draw',
      entityType: 'inspection',
      entityId: id,
      after: { seed, algorithm: DRAW_ALGORITHM, mode: body.mode, targetCount: body.targetCount, inspectorsPerTarget: body.inspectorsPerTarget, result },
    });
  });
  return getInspection(deps, actor, id);
}
