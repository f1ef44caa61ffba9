import { chinaDay } from '#core/calendar/dates.ts';
import type { Readable } from 'node:stream';
import { can } from '#core/auth/policy.ts';
import { draftCircular } from '#core/circulars/draft.ts';
import type { CircularBlocks, CircularFileKind } from '#core/circulars/types.ts';
import type { RoundSnapshot } from '#core/rounds/types.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { FileStore } from '../files/file-store.ts';
import { circularElements, fileNameOf } from './circular-content.ts';
import { renderCircularDocx } from './circular-docx.ts';
import { renderCircularXlsx } from './circular-xlsx.ts';
import { renderPdf, warmPdfRenderer } from './pdf-renderer.ts';
import * as repo from './circulars.repo.ts';
import type { Circular, CircularPatch, CircularSummary } from '#core/api/circulars.ts';
import { MIME } from '#core/api/common.ts';

/**
 * Circulars (通报): a draft written from a closed round's snapshot, edited by the coordinator, then
 * issued. Issuing renders the .docx, .pdf and .xlsx once and archives them by SHA-256; downloads of an
 * issued circular always serve those bytes, whatever happens to the live data afterwards.
 * Whenever a draft is read (created, opened, listed) the PDF worker is asked to parse its fonts, the
 * one slow step of a first PDF, so previews and the issue find them ready.
 */

export type { CircularFileKind };
export const FILE_TYPES: Record<CircularFileKind, string> = { docx: MIME.docx, pdf: MIME.pdf, xlsx: MIME.xlsx };

/** Coordinators see and manage drafts; every other reader sees issued circulars only. */
const seesDrafts = (actor: Actor) => can(actor.principal, 'round.manage');

function toSummary(r: Omit<repo.CircularRow, 'snapshot'>): CircularSummary {
  return {
    id: r.id,
    roundId: r.round_id,
    roundTitle: r.round_title,
    title: r.title,
    docNumber: r.doc_number,
    issuer: r.issuer,
    status: r.status,
    issuedAt: r.issued_at,
    updatedAt: r.updated_at,
  };
}

function snapshotOf(r: repo.CircularRow): RoundSnapshot {
  if (!r.snapshot) throw new AppError('CONFLICT', '该通报所属调度没有快照');
  return JSON.parse(r.snapshot) as RoundSnapshot;
}

/** The row, or 404 — also for a draft the actor may not see, so drafts stay invisible. */
async function visibleRow(deps: Deps, actor: Actor, id: number): Promise<repo.CircularRow> {
  const row = await repo.findCircularRow(deps.db, id);
  if (!row || (row.status === 'draft' && !seesDrafts(actor))) throw notFound('通报');
  return row;
}

export async function getCircular(deps: Deps, actor: Actor, id: number): Promise<Circular> {
  const row = await visibleRow(deps, actor, id);
  if (row.status === 'draft') warmPdfRenderer();
  return { ...toSummary(row), blocks: JSON.parse(row.blocks) as CircularBlocks, snapshot: snapshotOf(row) };
}

export async function findCirculars(deps: Deps, actor: Actor): Promise<{ data: CircularSummary[] }> {
  const rows = await repo.findCircularRows(deps.db, seesDrafts(actor));
  // A coordinator looking at drafts is about to preview or issue one: have the PDF fonts parsed by then.
  if (rows.some((r) => r.status === 'draft')) warmPdfRenderer();
  return { data: rows.map(toSummary) };
}

/** The default 发文机关: the office of the plan's issuer ("山亭区人民政府" → "山亭区人民政府办公室"). */
function defaultIssuer(planIssuer: string | null): string {
  if (!planIssuer) return '推进工作领导小组办公室';
  return /人民政府$/.test(planIssuer) ? `${planIssuer}办公室` : planIssuer;
}

export async function createCircular(deps: Deps, actor: Actor, roundId: number): Promise<Circular> {
  const round = await repo.findRoundWithSnapshot(deps.db, roundId);
  if (!round) throw notFound('调度');
  if (round.status !== 'closed' || !round.content) throw new AppError('CONFLICT', '请先结束本期调度');
  const snapshot = JSON.parse(round.content) as RoundSnapshot;
  const issuer = defaultIssuer(
    await repo.issuerOfPlans(
      deps.db,
      snapshot.plans.map((p) => p.id),
    ),
  );
  const draft = draftCircular(snapshot, { issuer });
  const id = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.iso();
    const id = await repo.insertCircular(trx, {
      round_id: roundId,
      title: draft.title,
      doc_number: draft.docNumber,
      issuer,
      blocks: JSON.stringify(draft.blocks),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'circular.create',
      entityType: 'circular',
      entityId: id,
      after: { roundId, title: draft.title, docNumber: draft.docNumber, issuer },
    });
    return id;
  });
  return getCircular(deps, actor, id);
}

export async function updateCircular(deps: Deps, actor: Actor, id: number, patch: CircularPatch): Promise<Circular> {
  const row = await visibleRow(deps, actor, id);
  if (row.status !== 'draft') throw new AppError('CONFLICT', '通报已印发，不能修改');
  const blocks = { ...(JSON.parse(row.blocks) as CircularBlocks), ...(patch.blocks ?? {}) };
  const set = {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.docNumber !== undefined ? { doc_number: patch.docNumber } : {}),
    ...(patch.issuer !== undefined ? { issuer: patch.issuer } : {}),
    ...(patch.blocks ? { blocks: JSON.stringify(blocks) } : {}),
  };
  if (Object.keys(set).length) {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.updateDraft(trx, id, { ...set, updated_at: deps.clock.iso() }))) throw new AppError('CONFLICT', '通报已印发，不能修改');
      const before = {
        title: row.title,
        docNumber: row.doc_number,
        issuer: row.issuer,
        blocks: Object.fromEntries(Object.keys(patch.blocks ?? {}).map((k) => [k, (JSON.parse(row.blocks) as Record<string, string>)[k]])),
      };
      await recordAudit(trx, { ...auditOf(actor), action: 'circular.update', entityType: 'circular', entityId: id, before, after: patch });
    });
  }
  return getCircular(deps, actor, id);
}

/** Renders the three files of a circular as of `date` (成文日期). */
export async function renderCircularFiles(
  row: Pick<repo.CircularRow, 'title' | 'doc_number' | 'issuer' | 'blocks'>,
  snapshot: RoundSnapshot,
  date: string,
  kinds: readonly CircularFileKind[] = ['docx', 'pdf', 'xlsx'],
) {
  const elements = circularElements(
    { title: row.title, docNumber: row.doc_number, issuer: row.issuer, blocks: JSON.parse(row.blocks) as CircularBlocks, date },
    snapshot,
  );
  const out: Partial<Record<CircularFileKind, Buffer>> = {};
  for (const kind of kinds) {
    if (kind === 'docx') out.docx = await renderCircularDocx(row.title, elements);
    if (kind === 'pdf') out.pdf = await renderPdf(row.title, elements, row.issuer);
    if (kind === 'xlsx') out.xlsx = await renderCircularXlsx(row.title, snapshot);
  }
  return out;
}

export async function issueCircular(deps: Deps, actor: Actor, id: number): Promise<Circular> {
  const row = await visibleRow(deps, actor, id);
  if (row.status !== 'draft') throw new AppError('CONFLICT', '通报已印发');
  const issuedAt = deps.clock.iso();
  // Rendered and stored before the transaction: files are content-addressed, so a failed or lost
  // race leaves at most unreferenced files, never a row pointing at a missing one.
  const files = await renderCircularFiles(row, snapshotOf(row), chinaDay(issuedAt));
  const store = new FileStore(deps.config.dataDir);
  const [docx, pdf, xlsx] = await Promise.all([store.save(files.docx!), store.save(files.pdf!), store.save(files.xlsx!)]);
  await deps.db.transaction().execute(async (trx) => {
    if (
      !(await repo.markIssued(trx, id, {
        issued_by: actor.userId,
        issued_at: issuedAt,
        updated_at: issuedAt,
        docx_sha256: docx,
        pdf_sha256: pdf,
        xlsx_sha256: xlsx,
      }))
    ) {
      throw new AppError('CONFLICT', '通报已印发');
    }
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'circular.issue',
      entityType: 'circular',
      entityId: id,
      after: { title: row.title, docNumber: row.doc_number, issuedAt, docxSha256: docx, pdfSha256: pdf, xlsxSha256: xlsx },
    });
  });
  return getCircular(deps, actor, id);
}

export async function deleteCircular(deps: Deps, actor: Actor, id: number): Promise<void> {
  const row = await visibleRow(deps, actor, id);
  if (row.status !== 'draft') throw new AppError('CONFLICT', '已印发的通报不能删除');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteDraft(trx, id))) throw new AppError('CONFLICT', '已印发的通报不能删除');
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'circular.delete',
      entityType: 'circular',
      entityId: id,
      before: { roundId: row.round_id, title: row.title },
    });
  });
}

export interface CircularFile {
  fileName: string;
  mime: string;
  body: Buffer | Readable;
  /** SHA-256 of an archived file; null for a draft preview. */
  sha256: string | null;
}

/** An issued circular's archived file, or a draft's preview rendered now (coordinators only). */
export async function openCircularFile(deps: Deps, actor: Actor, id: number, kind: CircularFileKind): Promise<CircularFile> {
  const row = await visibleRow(deps, actor, id);
  const fileName = fileNameOf(row.title, kind);
  if (row.status === 'issued') {
    const sha256 = row[`${kind}_sha256`];
    if (!sha256) throw new AppError('INTERNAL', '通报文件缺失');
    return { fileName, mime: FILE_TYPES[kind], body: new FileStore(deps.config.dataDir).open(sha256), sha256 };
  }
  const files = await renderCircularFiles(row, snapshotOf(row), deps.clock.today(), [kind]);
  return { fileName, mime: FILE_TYPES[kind], body: files[kind]!, sha256: null };
}
