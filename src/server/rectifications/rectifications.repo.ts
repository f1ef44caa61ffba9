import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { FindingStatus } from '#core/inspections/findings.ts';
import type { DB, RectificationAnswerTable, RectificationEvidenceTable, RectificationNoticeTable } from '../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * Who the rows are read for: everything (coordinator, leader), or the union of an inspector's assigned
 * inspections and a unit's own findings of released inspections. Hidden rows are simply absent.
 */
export type Visibility = { full: true } | { full: false; inspectorUserId: number | null; unitIds: readonly number[] };

type FindingScope = ExpressionBuilder<DB & { f: DB['inspection_findings']; p: DB['inspection_plans'] }, 'f' | 'p'>;

function visible(v: Visibility) {
  return (eb: FindingScope) => {
    if (v.full) return eb.lit(true);
    const grants = [];
    if (v.inspectorUserId !== null)
      grants.push(eb('p.id', 'in', eb.selectFrom('inspection_inspectors').select('inspection_id').where('user_id', '=', v.inspectorUserId)));
    if (v.unitIds.length) grants.push(eb.and([eb('p.released_at', 'is not', null), eb('f.unit_id', 'in', [...v.unitIds])]));
    return grants.length ? eb.or(grants) : eb.lit(false);
  };
}

const findingColumns = [
  'f.id',
  'f.inspection_id',
  'p.title as inspection_title',
  'p.kind as inspection_kind',
  'p.released_at',
  'f.unit_id',
  'u.name as unit_name',
  'f.polarity',
  'f.description',
  'f.category',
  'f.severity',
  'f.location',
  'f.found_at',
  'f.status',
] as const;

function findingsQuery(db: Q, v: Visibility) {
  return db
    .selectFrom('inspection_findings as f')
    .innerJoin('inspection_plans as p', 'p.id', 'f.inspection_id')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .select([...findingColumns])
    .where(visible(v));
}

export async function findFindings(db: Q, v: Visibility, ids: readonly number[]) {
  if (!ids.length) return [];
  return findingsQuery(db, v)
    .where('f.id', 'in', [...ids])
    .orderBy('f.id')
    .execute();
}
export type FindingRow = Awaited<ReturnType<typeof findFindings>>[number];

/** Findings that have been in at least one notice, with filters; the latest notice is joined by the service. */
export async function findNoticedFindings(db: Q, v: Visibility, f: { inspectionId?: number; unitId?: number; status?: FindingStatus }) {
  let q = findingsQuery(db, v).where((eb) =>
    eb.exists(eb.selectFrom('rectification_notice_findings as nf').select('nf.notice_id').whereRef('nf.finding_id', '=', 'f.id')),
  );
  if (f.inspectionId) q = q.where('f.inspection_id', '=', f.inspectionId);
  if (f.unitId) q = q.where('f.unit_id', '=', f.unitId);
  if (f.status) q = q.where('f.status', '=', f.status);
  return q.orderBy('f.inspection_id', 'desc').orderBy('f.unit_id').orderBy('f.id').execute();
}

/** Released problem findings of a unit in an inspection still to be put in a first notice. */
export async function findUnnoticedFindingIds(db: Q, inspectionId: number, unitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inspection_findings')
    .select('id')
    .where('inspection_id', '=', inspectionId)
    .where('unit_id', '=', unitId)
    .where('polarity', '=', 'problem')
    .where('status', '=', 'found')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function findInspection(db: Q, id: number) {
  return db.selectFrom('inspection_plans').select(['id', 'title', 'kind', 'released_at']).where('id', '=', id).executeTakeFirst();
}

export async function findUnitName(db: Q, id: number): Promise<string | undefined> {
  return (await db.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

export async function isAssignedInspector(db: Q, userId: number, inspectionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('inspection_inspectors')
    .select('id')
    .where('user_id', '=', userId)
    .where('inspection_id', '=', inspectionId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Per finding: how many notices it has been in, and its latest notice with the deadline. */
export async function latestNotices(db: Q, findingIds: readonly number[]) {
  const out = new Map<number, { noticeId: number; dueDate: string; count: number }>();
  if (!findingIds.length) return out;
  const rows = await db
    .selectFrom('rectification_notice_findings as nf')
    .innerJoin('rectification_notices as n', 'n.id', 'nf.notice_id')
    .select(['nf.finding_id', 'n.id', 'n.due_date'])
    .where('nf.finding_id', 'in', [...findingIds])
    .orderBy('n.id')
    .execute();
  for (const r of rows) out.set(r.finding_id, { noticeId: r.id, dueDate: r.due_date, count: (out.get(r.finding_id)?.count ?? 0) + 1 });
  return out;
}

/** Moves a finding on, only from one of the statuses expected: false when another request moved it first. */
export async function setFindingStatus(trx: Q, id: number, from: readonly FindingStatus[], to: FindingStatus, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('inspection_findings')
    .set({ status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Notices

export async function insertNotice(trx: Q, n: Omit<RectificationNoticeTable, 'id'>, findingIds: readonly number[]): Promise<number> {
  const { id } = await trx.insertInto('rectification_notices').values(n).returning('id').executeTakeFirstOrThrow();
  await trx
    .insertInto('rectification_notice_findings')
    .values(findingIds.map((finding_id, i) => ({ notice_id: id, finding_id, ordinal: i + 1 })))
    .execute();
  return id;
}

const noticeColumns = [
  'n.id',
  'n.inspection_id',
  'p.title as inspection_title',
  'p.kind as inspection_kind',
  'n.unit_id',
  'u.name as unit_name',
  'n.title',
  'n.doc_number',
  'n.issuer',
  'n.clue_class',
  'n.override_workdays',
  'n.issued_on',
  'n.issued_at',
  'n.due_date',
  'n.limit_text',
  'n.basis',
  'n.profile_id',
  'n.profile_version',
  'n.requirements',
  'n.docx_sha256',
  'n.pdf_sha256',
] as const;

/** Notices the reader may see: a notice is visible with the inspection (inspector) or its unit (released only). */
export async function findNotices(db: Q, v: Visibility, f: { id?: number; inspectionId?: number; unitId?: number }) {
  let q = db
    .selectFrom('rectification_notices as n')
    .innerJoin('inspection_plans as p', 'p.id', 'n.inspection_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .select([...noticeColumns]);
  if (!v.full) {
    const { inspectorUserId, unitIds } = v;
    q = q.where((eb) => {
      const grants = [];
      if (inspectorUserId !== null)
        grants.push(eb('p.id', 'in', eb.selectFrom('inspection_inspectors').select('inspection_id').where('user_id', '=', inspectorUserId)));
      if (unitIds.length) grants.push(eb.and([eb('p.released_at', 'is not', null), eb('n.unit_id', 'in', [...unitIds])]));
      return grants.length ? eb.or(grants) : eb.lit(false);
    });
  }
  if (f.id) q = q.where('n.id', '=', f.id);
  if (f.inspectionId) q = q.where('n.inspection_id', '=', f.inspectionId);
  if (f.unitId) q = q.where('n.unit_id', '=', f.unitId);
  return q.orderBy('n.id', 'desc').execute();
}
export type NoticeRow = Awaited<ReturnType<typeof findNotices>>[number];

/** The findings of notices, in notice order. */
export async function noticeFindingIds(db: Q, noticeIds: readonly number[]) {
  const out = new Map<number, number[]>();
  if (!noticeIds.length) return out;
  const rows = await db
    .selectFrom('rectification_notice_findings')
    .select(['notice_id', 'finding_id'])
    .where('notice_id', 'in', [...noticeIds])
    .orderBy('notice_id')
    .orderBy('ordinal')
    .execute();
  for (const r of rows) out.set(r.notice_id, [...(out.get(r.notice_id) ?? []), r.finding_id]);
  return out;
}

/** Every notice with the statuses of the findings whose latest notice it is: the reminder job's input. */
export async function noticesForEscalation(db: Q) {
  const rows = await db
    .selectFrom('rectification_notice_findings as nf')
    .innerJoin('rectification_notices as n', 'n.id', 'nf.notice_id')
    .innerJoin('inspection_findings as f', 'f.id', 'nf.finding_id')
    .select(['n.id', 'n.unit_id', 'n.due_date', 'n.title', 'f.status'])
    // Only a finding's latest notice climbs: an earlier one was superseded by the 再次交办.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('rectification_notice_findings as later')
            .select('later.notice_id')
            .whereRef('later.finding_id', '=', 'nf.finding_id')
            .whereRef('later.notice_id', '>', 'nf.notice_id'),
        ),
      ),
    )
    .where('f.status', 'in', ['noticed', 'returned'])
    .orderBy('n.id')
    .execute();
  return rows;
}

// Answers, evidence, re-checks

export async function findAnswers(db: Q, findingId: number) {
  return db
    .selectFrom('rectification_answers as a')
    .leftJoin('users as s', 's.id', 'a.submitted_by')
    .select(['a.id', 'a.finding_id', 'a.notice_id', 'a.status', 'a.measures', 'a.submitted_at', 's.display_name as submitted_by_name', 'a.created_at'])
    .where('a.finding_id', '=', findingId)
    .orderBy('a.id')
    .execute();
}

export async function findAnswer(db: Q, id: number) {
  return db.selectFrom('rectification_answers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDraftAnswer(db: Q, findingId: number) {
  return db.selectFrom('rectification_answers').selectAll().where('finding_id', '=', findingId).where('status', '=', 'draft').executeTakeFirst();
}

export async function insertAnswer(trx: Q, a: Omit<RectificationAnswerTable, 'id'>): Promise<number> {
  return (await trx.insertInto('rectification_answers').values(a).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDraftMeasures(trx: Q, id: number, measures: string, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('rectification_answers')
    .set({ measures, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markSubmitted(trx: Q, id: number, by: number | null, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('rectification_answers')
    .set({ status: 'submitted', submitted_by: by, submitted_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvidence(trx: Q, e: Omit<RectificationEvidenceTable, 'id'>): Promise<number> {
  return (await trx.insertInto('rectification_evidence').values(e).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findEvidenceOf(db: Q, answerIds: readonly number[]) {
  if (!answerIds.length) return [];
  return db
    .selectFrom('rectification_evidence')
    .selectAll()
    .where('answer_id', 'in', [...answerIds])
    .orderBy('id')
    .execute();
}

/** An evidence file with the finding it belongs to, for the download's visibility check. */
export async function findEvidence(db: Q, id: number) {
  return db
    .selectFrom('rectification_evidence as e')
    .innerJoin('rectification_answers as a', 'a.id', 'e.answer_id')
    .select(['e.id', 'e.sha256', 'e.file_name', 'e.mime', 'e.size', 'a.finding_id'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function insertRecheck(
  trx: Q,
  r: { finding_id: number; answer_id: number; passed: number; reasons: string; checked_by: number | null; checked_at: string },
) {
  return (await trx.insertInto('rectification_rechecks').values(r).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findRechecks(db: Q, findingId: number) {
  return db
    .selectFrom('rectification_rechecks as r')
    .leftJoin('users as c', 'c.id', 'r.checked_by')
    .select(['r.id', 'r.finding_id', 'r.answer_id', 'r.passed', 'r.reasons', 'r.checked_at', 'c.display_name as checked_by_name'])
    .where('r.finding_id', '=', findingId)
    .orderBy('r.id')
    .execute();
}

/** Whether a user's unit is the finding's unit or related to it (same, under or above): such an inspector may not re-check. */
export async function unitParents(db: Q): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}
