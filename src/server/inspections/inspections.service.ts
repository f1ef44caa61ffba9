import type { InspectionCreate, InspectionDetail, InspectionListQuery, InspectionSummary, InspectionUpdate, InspectorRef } from '#core/api/inspections.ts';
import { viewerScopeOf } from '#core/inspections/access.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { drawOfPlan } from './draw-record.ts';
import { accessOfPlans, seePlan, type SeenPlan } from './inspections.access.ts';
import * as repo from './inspections.repo.ts';

const invalid = (message: string, field: string) => new AppError('INVALID_INPUT', message, { field });

// ── Reading ───────────────────────────────────────────────────────────────────────────────────────

/** Targets a unit viewer may see: its own units only. */
function visibleTargets(actor: Actor, seen: SeenPlan) {
  if (seen.access !== 'unit') return seen.targets;
  const scope = actor.principal?.unitScope ?? [];
  return seen.targets.filter((t) => scope.includes(t.unit_id));
}

async function summariesOf(deps: Deps, actor: Actor, seen: SeenPlan[]): Promise<InspectionSummary[]> {
  const full = seen.filter((s) => s.access !== 'unit').map((s) => s.row.id);
  // A unit's counts: its own units, and nothing before release (visits and findings stay hidden till then).
  const unitReleased = seen.filter((s) => s.access === 'unit' && s.row.released_at !== null).map((s) => s.row.id);
  const [all, own, draws] = await Promise.all([
    repo.countsOf(deps.db, full, null),
    repo.countsOf(deps.db, unitReleased, actor.principal?.unitScope ?? []),
    Promise.all(seen.map((s) => repo.findDraw(deps.db, s.row.id))),
  ]);
  return seen.map((s, i) => {
    const counts = s.access === 'unit' ? own : all;
    return {
      id: s.row.id,
      title: s.row.title,
      kind: s.row.kind,
      basis: s.row.basis,
      periodStart: s.row.period_start,
      periodEnd: s.row.period_end,
      createdAt: s.row.created_at,
      updatedAt: s.row.updated_at,
      releasedAt: s.row.released_at,
      drawn: draws[i] !== undefined,
      targetCount: visibleTargets(actor, s).length,
      visitCount: counts.visits.get(s.row.id) ?? 0,
      findingCount: counts.findings.get(s.row.id) ?? 0,
      access: s.access,
    };
  });
}

export async function findInspections(deps: Deps, actor: Actor, q: InspectionListQuery): Promise<{ data: InspectionSummary[]; total: number }> {
  if (!actor.principal) return { data: [], total: 0 };
  const { rows, total } = await repo.findPlanRows(deps.db, viewerScopeOf(actor.principal), {
    kind: q.kind,
    released: q.released === undefined ? undefined : q.released === 'true',
    q: q.q,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const plans = rows.filter((r): r is NonNullable<typeof r> => r !== undefined);
  const access = await accessOfPlans(deps, actor, plans);
  const seen = plans.map((r) => access.get(r.id)).filter((s): s is SeenPlan => !!s);
  return { data: await summariesOf(deps, actor, seen), total };
}

/** Every plan the actor sees, unpaged (the .xlsx export). */
export async function allInspections(deps: Deps, actor: Actor, q: Omit<InspectionListQuery, 'page' | 'pageSize'>): Promise<InspectionSummary[]> {
  const page = await findInspections(deps, actor, { ...q, page: 1, pageSize: 100_000 });
  return page.data;
}

export async function getInspection(deps: Deps, actor: Actor, id: number): Promise<InspectionDetail> {
  return detailOf(deps, actor, await seePlan(deps, actor, id));
}

async function detailOf(deps: Deps, actor: Actor, seen: SeenPlan): Promise<InspectionDetail> {
  const [summary] = await summariesOf(deps, actor, [seen]);
  const isUnit = seen.access === 'unit';
  const [scope, names, draw] = await Promise.all([
    isUnit ? null : repo.scopeOf(deps.db, seen.row.id),
    repo.userNames(deps.db, [seen.row.created_by, seen.row.released_by]),
    isUnit ? null : drawOfPlan(deps, seen.row.id),
  ]);
  return {
    ...summary!,
    methodNotes: isUnit ? null : seen.row.method_notes,
    createdBy: seen.row.created_by === null ? null : (names.get(seen.row.created_by) ?? null),
    releasedBy: seen.row.released_by === null ? null : (names.get(seen.row.released_by) ?? null),
    scope: {
      plans: (scope?.items ?? []).filter((s) => s.plan_id !== null).map((s) => ({ id: s.plan_id!, title: s.plan_title ?? '' })),
      sections: (scope?.items ?? [])
        .filter((s) => s.section_id !== null)
        .map((s) => ({ id: s.section_id!, planId: s.section_plan ?? 0, title: s.section_title ?? '' })),
      indicators: (scope?.items ?? []).filter((s) => s.indicator_code !== null).map((s) => ({ code: s.indicator_code!, name: s.indicator_name ?? '' })),
      units: scope?.units ?? [],
    },
    targets: visibleTargets(actor, seen).map((t) => ({ unitId: t.unit_id, name: t.name, source: t.source })),
    inspectors: isUnit
      ? []
      : seen.inspectors.map((i) => ({
          userId: i.user_id,
          displayName: i.display_name,
          unitId: i.unit_id,
          unitName: i.unit_name,
          targetUnitId: i.target_unit_id,
          source: i.source,
        })),
    draw: draw ?? null,
  };
}

/** Accounts that may be named or drawn: active, holding the inspector role. */
export async function findInspectors(deps: Deps): Promise<{ data: InspectorRef[] }> {
  const rows = await repo.inspectorAccounts(deps.db);
  return { data: rows.map((r) => ({ userId: r.id, displayName: r.display_name, unitId: r.unit_id, unitName: r.unit_name })) };
}

// ── Writing ───────────────────────────────────────────────────────────────────────────────────────

/** Refuses scope items, targets and inspectors that do not exist or do not fit, naming the field. */
async function checkMembers(
  deps: Deps,
  body: { scope?: InspectionCreate['scope']; targetUnitIds?: number[]; inspectorIds?: number[] },
  scopeUnitIds: number[],
) {
  const s = body.scope;
  if (s) {
    const missing = async (table: 'plans' | 'sections' | 'units', ids: number[], label: string, field: string) => {
      const found = await repo.existingIds(deps.db, table, ids);
      const gone = ids.filter((i) => !found.has(i));
      if (gone.length) throw invalid(`${label}不存在：${gone.join('、')}`, field);
    };
    await missing('plans', s.planIds, '方案', 'scope.planIds');
    await missing('sections', s.sectionIds, '章节', 'scope.sectionIds');
    await missing('units', s.unitIds, '单位', 'scope.unitIds');
    const indicators = await repo.existingIndicators(deps.db, s.indicatorCodes);
    const unknown = s.indicatorCodes.filter((c) => !indicators.has(c));
    if (unknown.length) throw invalid(`指标不存在：${unknown.join('、')}`, 'scope.indicatorCodes');
  }
  if (body.targetUnitIds) {
    const outside = body.targetUnitIds.filter((u) => !scopeUnitIds.includes(u));
    if (outside.length) throw invalid('检查对象应在检查范围内的单位中选择', 'targetUnitIds');
  }
  if (body.inspectorIds?.length) {
    const ok = new Set((await repo.inspectorAccounts(deps.db, body.inspectorIds)).map((r) => r.id));
    const not = body.inspectorIds.filter((i) => !ok.has(i));
    if (not.length) throw invalid(`以下账号不是在用的督查人员账号：${not.join('、')}`, 'inspectorIds');
  }
}

const uniq = (ids: number[]) => [...new Set(ids)];

export async function createInspection(deps: Deps, actor: Actor, body: InspectionCreate): Promise<InspectionDetail> {
  const scope = { ...body.scope, planIds: uniq(body.scope.planIds), sectionIds: uniq(body.scope.sectionIds), unitIds: uniq(body.scope.unitIds) };
  const targets = uniq(body.targetUnitIds);
  const inspectors = uniq(body.inspectorIds);
  await checkMembers(deps, { scope, targetUnitIds: targets, inspectorIds: inspectors }, scope.unitIds);
  const now = deps.clock.iso();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertPlan(trx, {
      title: body.title,
      kind: body.kind,
      basis: body.basis,
      period_start: body.periodStart,
      period_end: body.periodEnd,
      method_notes: body.methodNotes ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceScope(trx, id, { ...scope, indicatorCodes: [...new Set(scope.indicatorCodes)] });
    await repo.replaceNamedTargets(trx, id, targets);
    await repo.replaceNamedInspectors(trx, id, inspectors);
    await recordAudit(trx, { ...auditOf(actor), action: 'inspection.create', entityType: 'inspection', entityId: id, after: body });
    return id;
  });
  return getInspection(deps, actor, id);
}

export async function updateInspection(deps: Deps, actor: Actor, id: number, body: InspectionUpdate): Promise<InspectionDetail> {
  const seen = await seePlan(deps, actor, id);
  const row = seen.row;
  const drawn = (await repo.findDraw(deps.db, id)) !== undefined;
  const currentScope = await repo.scopeUnitIds(deps.db, id);
  const nextScope = body.scope ? uniq(body.scope.unitIds) : currentScope;
  if (drawn && (body.targetUnitIds || (body.scope && nextScope.sort().join() !== [...currentScope].sort().join())))
    throw new AppError('CONFLICT', '已随机抽取检查对象，检查范围内的单位和检查对象不能再修改');
  if (row.released_at && body.kind && body.kind !== row.kind) throw new AppError('CONFLICT', '问题清单已发布，检查方式不能再修改');
  const start = body.periodStart ?? row.period_start;
  const end = body.periodEnd ?? row.period_end;
  if (start > end) throw invalid('检查开始日期不能晚于结束日期', 'periodEnd');
  const named = seen.targets.filter((t) => t.source === 'named').map((t) => t.unit_id);
  const nextTargets = body.targetUnitIds ? uniq(body.targetUnitIds) : named;
  // Targets must stay within the scope, whether the scope or the targets changed.
  await checkMembers(deps, { scope: body.scope, targetUnitIds: nextTargets, inspectorIds: body.inspectorIds && uniq(body.inspectorIds) }, nextScope);
  const removed = seen.targets.filter((t) => !nextTargets.includes(t.unit_id) && t.source === 'named').map((t) => t.unit_id);
  if (removed.length && (await repo.countsOf(deps.db, [id], removed)).visits.get(id)) throw new AppError('CONFLICT', '已有检查记录的检查对象不能移除');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePlanRow(trx, id, {
      ...(body.title !== undefined && { title: body.title }),
      ...(body.kind !== undefined && { kind: body.kind }),
      ...(body.basis !== undefined && { basis: body.basis }),
      ...(body.periodStart !== undefined && { period_start: body.periodStart }),
      ...(body.periodEnd !== undefined && { period_end: body.periodEnd }),
      ...(body.methodNotes !== undefined && { method_notes: body.methodNotes ?? null }),
      updated_at: deps.clock.iso(),
    });
    if (body.scope)
      await repo.replaceScope(trx, id, {
        planIds: uniq(body.scope.planIds),
        sectionIds: uniq(body.scope.sectionIds),
        indicatorCodes: [...new Set(body.scope.indicatorCodes)],
        unitIds: nextScope,
      });
    if (body.targetUnitIds) await repo.replaceNamedTargets(trx, id, nextTargets);
    if (body.inspectorIds) await repo.replaceNamedInspectors(trx, id, uniq(body.inspectorIds));
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'inspection.update',
      entityType: 'inspection',
      entityId: id,
      before: { title: row.title, kind: row.kind, basis: row.basis, periodStart: row.period_start, periodEnd: row.period_end },
      after: body,
    });
  });
  return getInspection(deps, actor, id);
}

/** Releases the findings to the units (and, for 暗访, the plan itself): from now on each sees its own. */
export async function releaseInspection(deps: Deps, actor: Actor, id: number): Promise<InspectionDetail> {
  const { row } = await seePlan(deps, actor, id);
  if (row.released_at) throw new AppError('CONFLICT', '该督查计划的问题清单已发布');
  const at = deps.clock.iso();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.markReleased(trx, id, at, actor.userId))) throw new AppError('CONFLICT', '该督查计划的问题清单已发布');
    await recordAudit(trx, { ...auditOf(actor), action: 'inspection.release', entityType: 'inspection', entityId: id, after: { releasedAt: at } });
  });
  return getInspection(deps, actor, id);
}
