import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { ViewerScope } from '#core/inspections/access.ts';
import type { InspectionKind } from '#core/inspections/kinds.ts';
import type { DB, InspectionPlanTable } from '../db/schema.ts';
import { containsText, num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;
const NONE = [0]; // an `in` list that matches nothing (an empty list is invalid SQL)

/** Splits id lists so that no statement exceeds the drivers' bound-parameter limits. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The plans a viewer may see (core/inspections/access.ts as SQL): all, the assigned ones, or — for a
 * unit — those targeting one of its units, covert ones only once released.
 */
export function visiblePlans(v: ViewerScope) {
  return (eb: ExpressionBuilder<DB, 'inspection_plans'>) => {
    if (v.all) return eb.val(true);
    const ors = [];
    if (v.inspectorUserId !== null)
      ors.push(
        eb.exists(
          eb
            .selectFrom('inspection_inspectors as ii')
            .select('ii.id')
            .whereRef('ii.inspection_id', '=', 'inspection_plans.id')
            .where('ii.user_id', '=', v.inspectorUserId),
        ),
      );
    if (v.unitIds?.length)
      ors.push(
        eb.and([
          eb.or([eb('inspection_plans.kind', '!=', 'covert'), eb('inspection_plans.released_at', 'is not', null)]),
          eb.exists(
            eb
              .selectFrom('inspection_targets as it')
              .select('it.unit_id')
              .whereRef('it.inspection_id', '=', 'inspection_plans.id')
              .where('it.unit_id', 'in', [...v.unitIds]),
          ),
        ]),
      );
    return ors.length ? eb.or(ors) : eb.val(false);
  };
}

export async function insertPlan(trx: Q, row: Omit<InspectionPlanTable, 'id' | 'released_at' | 'released_by'>): Promise<number> {
  const r = await trx
    .insertInto('inspection_plans')
    .values({ ...row, released_at: null, released_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePlanRow(
  trx: Q,
  id: number,
  patch: Partial<
    Pick<InspectionPlanTable, 'title' | 'kind' | 'basis' | 'period_start' | 'period_end' | 'method_notes' | 'updated_at' | 'released_at' | 'released_by'>
  >,
): Promise<void> {
  await trx.updateTable('inspection_plans').set(patch).where('id', '=', id).execute();
}

/** Sets released_at once: false when another request released the plan first. */
export async function markReleased(trx: Q, id: number, at: string, by: number | null): Promise<boolean> {
  const r = await trx
    .updateTable('inspection_plans')
    .set({ released_at: at, released_by: by, updated_at: at })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return num(r.numUpdatedRows) === 1;
}

export async function findPlanRow(db: Q, id: number) {
  return db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPlanRows(
  db: Q,
  viewer: ViewerScope,
  f: { kind?: InspectionKind; released?: boolean; q?: string; limit?: number; offset?: number },
): Promise<{ rows: Awaited<ReturnType<typeof findPlanRow>>[]; total: number }> {
  let q = db.selectFrom('inspection_plans').where(visiblePlans(viewer));
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.released !== undefined) q = q.where('released_at', f.released ? 'is not' : 'is', null);
  if (f.q) q = q.where(containsText('title', f.q));
  const total = num((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n);
  let rows = q.selectAll().orderBy('period_start', 'desc').orderBy('id', 'desc');
  if (f.limit !== undefined) rows = rows.limit(f.limit).offset(f.offset ?? 0);
  return { rows: await rows.execute(), total };
}

// ── Scope, targets, inspectors ───────────────────────────────────────────────────────────────────

export async function replaceScope(
  trx: Q,
  id: number,
  s: { planIds: number[]; sectionIds: number[]; indicatorCodes: string[]; unitIds: number[] },
): Promise<void> {
  await trx.deleteFrom('inspection_scope').where('inspection_id', '=', id).execute();
  await trx.deleteFrom('inspection_scope_units').where('inspection_id', '=', id).execute();
  const items = [
    ...s.planIds.map((plan_id) => ({ inspection_id: id, plan_id, section_id: null, indicator_code: null })),
    ...s.sectionIds.map((section_id) => ({ inspection_id: id, plan_id: null, section_id, indicator_code: null })),
    ...s.indicatorCodes.map((indicator_code) => ({ inspection_id: id, plan_id: null, section_id: null, indicator_code })),
  ];
  for (const c of chunks(items, 200)) await trx.insertInto('inspection_scope').values(c).execute();
  for (const c of chunks(s.unitIds))
    await trx
      .insertInto('inspection_scope_units')
      .values(c.map((unit_id) => ({ inspection_id: id, unit_id })))
      .execute();
}

/** Replaces the named targets; drawn ones stay. */
export async function replaceNamedTargets(trx: Q, id: number, unitIds: number[]): Promise<void> {
  await trx.deleteFrom('inspection_targets').where('inspection_id', '=', id).where('source', '=', 'named').execute();
  for (const c of chunks(unitIds))
    await trx
      .insertInto('inspection_targets')
      .values(c.map((unit_id) => ({ inspection_id: id, unit_id, source: 'named' as const })))
      .execute();
}

/** Replaces the inspectors named on the whole plan; drawn ones stay. */
export async function replaceNamedInspectors(trx: Q, id: number, userIds: number[]): Promise<void> {
  await trx.deleteFrom('inspection_inspectors').where('inspection_id', '=', id).where('source', '=', 'named').execute();
  if (userIds.length)
    await trx
      .insertInto('inspection_inspectors')
      .values(userIds.map((user_id) => ({ inspection_id: id, user_id, target_unit_id: null, source: 'named' as const })))
      .execute();
}

export async function insertDrawn(trx: Q, id: number, targets: { unitId: number; inspectorIds: number[] }[], planInspectorIds: number[]): Promise<void> {
  if (targets.length)
    await trx
      .insertInto('inspection_targets')
      .values(targets.map((t) => ({ inspection_id: id, unit_id: t.unitId, source: 'drawn' as const })))
      .execute();
  const rows = [
    ...targets.flatMap((t) => t.inspectorIds.map((user_id) => ({ inspection_id: id, user_id, target_unit_id: t.unitId, source: 'drawn' as const }))),
    ...planInspectorIds.map((user_id) => ({ inspection_id: id, user_id, target_unit_id: null, source: 'drawn' as const })),
  ];
  for (const c of chunks(rows, 200)) await trx.insertInto('inspection_inspectors').values(c).execute();
}

export async function scopeOf(db: Q, id: number) {
  const [items, units] = await Promise.all([
    db
      .selectFrom('inspection_scope as s')
      .leftJoin('plans as p', 'p.id', 's.plan_id')
      .leftJoin('sections as sec', 'sec.id', 's.section_id')
      .leftJoin('indicators as ind', 'ind.code', 's.indicator_code')
      .select([
        's.plan_id',
        's.section_id',
        's.indicator_code',
        'p.title as plan_title',
        'sec.title as section_title',
        'sec.plan_id as section_plan',
        'ind.name as indicator_name',
      ])
      .where('s.inspection_id', '=', id)
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('inspection_scope_units as su')
      .innerJoin('units as u', 'u.id', 'su.unit_id')
      .select(['u.id', 'u.name'])
      .where('su.inspection_id', '=', id)
      .orderBy('u.name')
      .execute(),
  ]);
  return { items, units };
}

export async function scopeUnitIds(db: Q, id: number): Promise<number[]> {
  return (await db.selectFrom('inspection_scope_units').select('unit_id').where('inspection_id', '=', id).execute()).map((r) => r.unit_id);
}

export async function targetsOf(db: Q, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('inspection_targets as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.inspection_id', 't.unit_id', 't.source', 'u.name'])
    .where('t.inspection_id', 'in', ids)
    .orderBy('u.name')
    .execute();
}

export async function inspectorsOf(db: Q, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('inspection_inspectors as i')
    .innerJoin('users as us', 'us.id', 'i.user_id')
    .leftJoin('units as u', 'u.id', 'us.unit_id')
    .select(['i.inspection_id', 'i.user_id', 'i.target_unit_id', 'i.source', 'us.display_name', 'us.unit_id', 'u.name as unit_name'])
    .where('i.inspection_id', 'in', ids)
    .orderBy('i.id')
    .execute();
}

export async function findDraw(db: Q, id: number) {
  return db
    .selectFrom('inspection_draws as d')
    .leftJoin('users as u', 'u.id', 'd.drawn_by')
    .select(['d.seed', 'd.algorithm', 'd.input', 'd.result', 'd.drawn_at', 'u.display_name as drawn_by_name'])
    .where('d.inspection_id', '=', id)
    .executeTakeFirst();
}

export async function insertDraw(trx: Q, row: DB['inspection_draws']): Promise<void> {
  await trx.insertInto('inspection_draws').values(row).execute();
}

/** Visits and findings per plan, those about `unitIds` only when given (a unit viewer's counts). */
export async function countsOf(db: Q, ids: number[], unitIds: readonly number[] | null) {
  if (!ids.length) return { visits: new Map<number, number>(), findings: new Map<number, number>() };
  const count = async (table: 'inspection_visits' | 'inspection_findings') => {
    let q = db
      .selectFrom(table)
      .select(['inspection_id', (eb) => eb.fn.countAll().as('n')])
      .where('inspection_id', 'in', ids);
    if (unitIds) q = q.where('unit_id', 'in', unitIds.length ? [...unitIds] : NONE);
    const rows = await q.groupBy('inspection_id').execute();
    return new Map(rows.map((r) => [r.inspection_id, num(r.n)]));
  };
  const [visits, findings] = await Promise.all([count('inspection_visits'), count('inspection_findings')]);
  return { visits, findings };
}

export async function userNames(db: Q, ids: (number | null)[]): Promise<Map<number, string>> {
  const real = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!real.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', real).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

// ── Lookups for validation and the draw ──────────────────────────────────────────────────────────

/** Every unit with its parent: the draw's paths and the "related unit" check. */
export async function unitParents(db: Q): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function existingIds(db: Q, table: 'plans' | 'sections' | 'units' | 'tasks', ids: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (const c of chunks([...new Set(ids)])) for (const r of await db.selectFrom(table).select('id').where('id', 'in', c).execute()) found.add(r.id);
  return found;
}

export async function unitNamesOf(db: Q, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const c of chunks([...new Set(ids)]))
    for (const r of await db.selectFrom('units').select(['id', 'name']).where('id', 'in', c).execute()) out.set(r.id, r.name);
  return out;
}

export async function existingIndicators(db: Q, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('indicators').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Active accounts holding the inspector role (roles are a JSON array of names). */
export async function inspectorAccounts(db: Q, ids?: number[]) {
  let q = db
    .selectFrom('users as us')
    .leftJoin('units as u', 'u.id', 'us.unit_id')
    .select(['us.id', 'us.display_name', 'us.unit_id', 'u.name as unit_name'])
    .where('us.is_active', '=', 1)
    .where(containsText('us.roles', '"inspector"'))
    .orderBy('us.id');
  if (ids) q = q.where('us.id', 'in', ids.length ? ids : NONE);
  return q.execute();
}

/**
 * A unit merged into another (the same unit under two names): its inspection scope, targets, drawn
 * assignments, visits and findings move with it, as its task roles do; a plan naming both keeps one row.
 */
export async function mergeInspectionUnits(trx: Q, fromId: number, intoId: number): Promise<void> {
  await trx
    .deleteFrom('inspection_targets')
    .where('unit_id', '=', fromId)
    .where('inspection_id', 'in', trx.selectFrom('inspection_targets as x').select('x.inspection_id').where('x.unit_id', '=', intoId))
    .execute();
  await trx
    .deleteFrom('inspection_scope_units')
    .where('unit_id', '=', fromId)
    .where('inspection_id', 'in', trx.selectFrom('inspection_scope_units as x').select('x.inspection_id').where('x.unit_id', '=', intoId))
    .execute();
  await trx.updateTable('inspection_targets').set({ unit_id: intoId }).where('unit_id', '=', fromId).execute();
  await trx.updateTable('inspection_scope_units').set({ unit_id: intoId }).where('unit_id', '=', fromId).execute();
  await trx.updateTable('inspection_inspectors').set({ target_unit_id: intoId }).where('target_unit_id', '=', fromId).execute();
  await trx.updateTable('inspection_visits').set({ unit_id: intoId }).where('unit_id', '=', fromId).execute();
  await trx.updateTable('inspection_findings').set({ unit_id: intoId }).where('unit_id', '=', fromId).execute();
}
