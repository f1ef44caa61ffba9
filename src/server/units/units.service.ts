import { suggestAliases } from '#core/units/aliases.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertParentAllowed } from '../hierarchy.ts';
import { bySoonestDue, deadlinesByTask, nextDue } from '../tasks/deadlines.ts';
import { auditOf } from '../audit/audit.repo.ts';
import * as repo from './units.repo.ts';

/** Units with aliases and task counts; `q` matches names and aliases. */
export async function findUnits(deps: Deps, q?: string) {
  const rows = await repo.listUnits(deps.db, q);
  const data = rows.map((r) => ({ id: r.id, name: r.name, isCollective: r.is_collective === 1, parentId: r.parent_id, aliases: r.aliases, leadCount: r.lead_count, responsibleCount: r.responsible_count }));
  return { data, total: data.length };
}

/** A unit and the tasks it leads or shares, soonest deadline first, undated last. */
export async function getUnit(deps: Deps, id: number) {
  const unit = await repo.findUnit(deps.db, id);
  if (!unit) throw notFound('单位');
  const [aliases, tasks, parent, children] = await Promise.all([
    repo.aliasesOf(deps.db, [id]), repo.unitTasks(deps.db, id),
    unit.parent_id ? repo.findUnit(deps.db, unit.parent_id) : undefined, repo.childUnits(deps.db, id),
  ]);
  const byTask = await deadlinesByTask(deps, tasks.map((t) => t.id));
  const seen = new Set<string>();
  const list = tasks
    .filter((t) => !seen.has(`${t.id}:${t.role}`) && seen.add(`${t.id}:${t.role}`))
    .map((t) => {
      const deadlines = byTask.get(t.id) ?? [];
      return { id: t.id, planId: t.plan_id, planNumber: t.plan_number, number: t.number, title: t.title, role: t.role, deadlines, nextDue: nextDue(deadlines) };
    })
    .sort((a, b) => bySoonestDue(a, b) || a.planId - b.planId);
  return {
    id: unit.id, name: unit.name, isCollective: unit.is_collective === 1, parentId: unit.parent_id, parentName: parent?.name ?? null,
    children: children.map((c) => ({ id: c.id, name: c.name })), aliases: aliases.get(id) ?? [], tasks: list,
  };
}

const audit = auditOf;


async function assertNameFree(trx: Parameters<typeof repo.findUnitByName>[0], name: string, exceptUnitId: number) {
  const unit = await repo.findUnitByName(trx, name);
  if (unit && unit.id !== exceptUnitId) throw new AppError('CONFLICT', `名称“${name}”已被单位使用`, { unitId: unit.id });
  const alias = await repo.findAlias(trx, name);
  if (alias && alias.unit_id !== exceptUnitId) throw new AppError('CONFLICT', `名称“${name}”已是其他单位的别名`, { unitId: alias.unit_id });
}

export async function updateUnit(deps: Deps, actor: Actor, id: number, patch: { name?: string | undefined; isCollective?: boolean | undefined; parentId?: number | null | undefined }) {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findUnit(trx, id);
    if (!before) throw notFound('单位');
    if (patch.name && patch.name !== before.name) await assertNameFree(trx, patch.name, id);
    if (patch.parentId != null) {
      await assertParentAllowed(id, patch.parentId, async (u) => {
        const row = await repo.findUnit(trx, u);
        return row && { parent: row.parent_id };
      }, { cycle: '上级单位不能是本单位或其下级单位', missing: '上级单位不存在', field: 'parentId' });
    }
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.isCollective !== undefined && { is_collective: patch.isCollective ? 1 : 0 }),
      ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
    };
    if (Object.keys(set).length === 0) return;
    await repo.updateUnitRow(trx, id, set);
    await recordAudit(trx, { ...audit(actor), action: 'unit.update', entityType: 'unit', entityId: id, before, after: await repo.findUnit(trx, id) });
  });
  return getUnit(deps, id);
}

export async function addAlias(deps: Deps, actor: Actor, id: number, alias: string) {
  await deps.db.transaction().execute(async (trx) => {
    const unit = await repo.findUnit(trx, id);
    if (!unit) throw notFound('单位');
    if (alias === unit.name) throw new AppError('INVALID_INPUT', '别名不能与单位名称相同', { field: 'alias' });
    const other = await repo.findUnitByName(trx, alias);
    // A name that is already a Unit is joined by merging, which also moves its tasks.
    if (other) throw new AppError('CONFLICT', `“${alias}”是一个已有单位，请使用“合并”`, { unitId: other.id });
    await assertNameFree(trx, alias, -1);
    await repo.insertAlias(trx, id, alias);
    await recordAudit(trx, { ...audit(actor), action: 'unit.alias.add', entityType: 'unit', entityId: id, after: { alias } });
  });
  return getUnit(deps, id);
}

export async function removeAlias(deps: Deps, actor: Actor, id: number, alias: string) {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findUnit(trx, id))) throw notFound('单位');
    if ((await repo.deleteAlias(trx, id, alias)) === 0) throw notFound('别名');
    await recordAudit(trx, { ...audit(actor), action: 'unit.alias.remove', entityType: 'unit', entityId: id, before: { alias } });
  });
  return getUnit(deps, id);
}

/** Merges a unit into another: its tasks and aliases move, and its name becomes an alias. */
export async function mergeUnit(deps: Deps, actor: Actor, fromId: number, intoId: number) {
  if (fromId === intoId) throw new AppError('INVALID_INPUT', '不能把单位合并到自身', { field: 'intoUnitId' });
  await deps.db.transaction().execute(async (trx) => {
    const from = await repo.findUnit(trx, fromId);
    const into = await repo.findUnit(trx, intoId);
    if (!from) throw notFound('单位');
    if (!into) throw new AppError('INVALID_INPUT', '目标单位不存在', { field: 'intoUnitId' });
    // Reports, ledger entries and events would block the delete (a 500 before); accounts would silently lose their unit.
    const held = await repo.unitHoldings(trx, fromId);
    if (held.users || held.reports || held.ledgerEntries || held.events) {
      throw new AppError('CONFLICT', `“${from.name}”已有账号或填报记录（账号 ${held.users} 个、进展 ${held.reports} 条、台账 ${held.ledgerEntries} 条、任务动态 ${held.events} 条），合并会让这些记录失去所属单位，不能合并；请先调整账号所属单位，或保留该单位`, held);
    }
    await repo.mergeUnitRows(trx, fromId, intoId, from.name);
    await recordAudit(trx, { ...audit(actor), action: 'unit.merge', entityType: 'unit', entityId: intoId, before: { from, into }, after: { alias: from.name } });
  });
  return getUnit(deps, intoId);
}

/** Likely aliases among all units, for a coordinator to confirm. */
export async function findAliasSuggestions(deps: Deps) {
  const data = suggestAliases(await repo.allUnitNames(deps.db));
  return { data, total: data.length };
}

