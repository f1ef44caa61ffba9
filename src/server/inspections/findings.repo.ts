import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { FindingFilter, FindingGroupBy } from '#core/api/inspection-findings.ts';
import type { ViewerScope } from '#core/inspections/access.ts';
import type { DB, InspectionEvidenceTable, InspectionFindingTable, InspectionVisitTable } from '../db/schema.ts';
import { num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * The findings a viewer may see (core/inspections/access.ts as SQL), on `inspection_findings as f`
 * joined with `inspection_plans as p`: all; those of plans the inspector is assigned to; for a unit,
 * those about its units once the plan is released.
 */
export function visibleFindings(v: ViewerScope) {
  return (eb: ExpressionBuilder<DB & { f: InspectionFindingTable; p: DB['inspection_plans'] }, 'f' | 'p'>) => {
    if (v.all) return eb.val(true);
    const ors = [];
    if (v.inspectorUserId !== null)
      ors.push(
        eb.exists(
          eb
            .selectFrom('inspection_inspectors as ii')
            .select('ii.id')
            .whereRef('ii.inspection_id', '=', 'f.inspection_id')
            .where('ii.user_id', '=', v.inspectorUserId),
        ),
      );
    if (v.unitIds?.length) ors.push(eb.and([eb('p.released_at', 'is not', null), eb('f.unit_id', 'in', [...v.unitIds])]));
    return ors.length ? eb.or(ors) : eb.val(false);
  };
}

// ── Visits ────────────────────────────────────────────────────────────────────────────────────────

export async function insertVisit(trx: Q, row: Omit<InspectionVisitTable, 'id'>, inspectorIds: number[]): Promise<number> {
  const { id } = await trx.insertInto('inspection_visits').values(row).returning('id').executeTakeFirstOrThrow();
  if (inspectorIds.length)
    await trx
      .insertInto('inspection_visit_inspectors')
      .values(inspectorIds.map((user_id) => ({ visit_id: id, user_id })))
      .execute();
  return id;
}

export async function findVisitRow(db: Q, id: number) {
  return db.selectFrom('inspection_visits').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Visits of a plan, those about `unitIds` only when given. */
export async function visitsOf(db: Q, inspectionId: number, unitIds: readonly number[] | null) {
  let q = db
    .selectFrom('inspection_visits as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .selectAll('v')
    .select('u.name as unit_name')
    .where('v.inspection_id', '=', inspectionId)
    .orderBy('v.visited_at')
    .orderBy('v.id');
  if (unitIds) q = q.where('v.unit_id', 'in', unitIds.length ? [...unitIds] : [0]);
  const visits = await q.execute();
  const ids = visits.map((v) => v.id);
  const [inspectors, counts] = await Promise.all([
    ids.length
      ? db
          .selectFrom('inspection_visit_inspectors as vi')
          .innerJoin('users as us', 'us.id', 'vi.user_id')
          .select(['vi.visit_id', 'vi.user_id', 'us.display_name'])
          .where('vi.visit_id', 'in', ids)
          .orderBy('vi.user_id')
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('inspection_findings')
          .select(['visit_id', (eb) => eb.fn.countAll().as('n')])
          .where('visit_id', 'in', ids)
          .groupBy('visit_id')
          .execute()
      : [],
  ]);
  return { visits, inspectors, counts: new Map(counts.map((c) => [c.visit_id, num(c.n)])) };
}

// ── Findings ──────────────────────────────────────────────────────────────────────────────────────

export async function insertFinding(trx: Q, row: Omit<InspectionFindingTable, 'id'>, taskIds: number[]): Promise<number> {
  const { id } = await trx.insertInto('inspection_findings').values(row).returning('id').executeTakeFirstOrThrow();
  if (taskIds.length)
    await trx
      .insertInto('inspection_finding_tasks')
      .values(taskIds.map((task_id) => ({ finding_id: id, task_id })))
      .execute();
  return id;
}

function findingsQuery(db: Q, viewer: ViewerScope, f: FindingFilter) {
  let q = db
    .selectFrom('inspection_findings as f')
    .innerJoin('inspection_plans as p', 'p.id', 'f.inspection_id')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .leftJoin('indicators as ind', 'ind.code', 'f.indicator_code')
    .where(visibleFindings(viewer));
  if (f.inspectionId) q = q.where('f.inspection_id', '=', f.inspectionId);
  if (f.unitId) q = q.where('f.unit_id', '=', f.unitId);
  if (f.indicatorCode) q = q.where('f.indicator_code', '=', f.indicatorCode);
  if (f.category) q = q.where('f.category', '=', f.category);
  if (f.severity) q = q.where('f.severity', '=', f.severity);
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.polarity) q = q.where('f.polarity', '=', f.polarity);
  return q;
}

const FINDING_COLUMNS = ['p.title as inspection_title', 'p.kind as inspection_kind', 'u.name as unit_name', 'ind.name as indicator_name'] as const;

export async function findFindingRows(db: Q, viewer: ViewerScope, f: FindingFilter, page?: { limit: number; offset: number }) {
  const q = findingsQuery(db, viewer, f);
  const total = num((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n);
  let rows = q.selectAll('f').select(FINDING_COLUMNS).orderBy('f.found_at', 'desc').orderBy('f.id', 'desc');
  if (page) rows = rows.limit(page.limit).offset(page.offset);
  return { rows: await rows.execute(), total };
}

/** One finding with its plan's facts, whoever asks (visibility is the caller's to judge). */
export async function findFindingRow(db: Q, id: number) {
  return db
    .selectFrom('inspection_findings as f')
    .innerJoin('inspection_plans as p', 'p.id', 'f.inspection_id')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .leftJoin('indicators as ind', 'ind.code', 'f.indicator_code')
    .selectAll('f')
    .select(FINDING_COLUMNS)
    .where('f.id', '=', id)
    .executeTakeFirst();
}
export type FindingRow = NonNullable<Awaited<ReturnType<typeof findFindingRow>>>;

/** Counts per group and status, for the findings a viewer may see. */
export async function groupFindings(db: Q, viewer: ViewerScope, f: FindingFilter, by: FindingGroupBy) {
  const col = ({ unit: 'f.unit_id', indicator: 'f.indicator_code', category: 'f.category', severity: 'f.severity' } as const)[by];
  const rows = await findingsQuery(db, viewer, f)
    .select([`${col} as key`, 'f.status', (eb) => eb.fn.countAll().as('n')])
    .groupBy([col, 'f.status'])
    .execute();
  return rows.map((r) => ({ key: r.key === null ? '' : String(r.key), status: r.status, n: num(r.n) }));
}

export async function tasksOfFindings(db: Q, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('inspection_finding_tasks as ft')
    .innerJoin('tasks as t', 't.id', 'ft.task_id')
    .select(['ft.finding_id', 't.id', 't.number', 't.title'])
    .where('ft.finding_id', 'in', ids)
    .orderBy('t.id')
    .execute();
}

export async function evidenceCounts(db: Q, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('inspection_evidence')
    .select(['finding_id', (eb) => eb.fn.countAll().as('n')])
    .where('finding_id', 'in', ids)
    .groupBy('finding_id')
    .execute();
  return new Map(rows.map((r) => [r.finding_id, num(r.n)]));
}

// ── Evidence ──────────────────────────────────────────────────────────────────────────────────────

export async function insertEvidence(trx: Q, row: Omit<InspectionEvidenceTable, 'id'>): Promise<number> {
  const { id } = await trx.insertInto('inspection_evidence').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function evidenceOf(db: Q, findingId: number) {
  return db
    .selectFrom('inspection_evidence as e')
    .leftJoin('users as us', 'us.id', 'e.created_by')
    .selectAll('e')
    .select('us.display_name as created_by_name')
    .where('e.finding_id', '=', findingId)
    .orderBy('e.id')
    .execute();
}

export async function findEvidenceRow(db: Q, id: number) {
  return db.selectFrom('inspection_evidence').selectAll().where('id', '=', id).executeTakeFirst();
}
