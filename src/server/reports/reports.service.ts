import { can } from '#core/auth/policy.ts';
import { STAGE_LABELS } from '#core/api/reports.ts';
import {
  claimedOtherType,
  CONTENT_TYPES_PART,
  EVIDENCE_MAX_BYTES,
  evidenceFileName,
  ooxmlTypeOf,
  sniffHead,
  ZIP,
  type EvidenceType,
} from '#core/files/sniff.ts';
import { ZipError, zipLimitsFor } from '#core/files/zip.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import type { ReportKind, ReportStage, ReportStatus } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { FileStore } from '../files/file-store.ts';
import { isHashReferenced } from '../files/files.repo.ts';
import { fileSource, unzipGuarded, verifyZipEntries, zipEntryNames } from '../files/zip-guard.ts';
import { findTaskScope } from '../tasks/tasks.repo.ts';
import * as repo from './reports.repo.ts';
import { resolveReportRound } from '../rounds/rounds.service.ts';
import { setReportRound } from '../rounds/rounds.repo.ts';

/** Evidence archives are never inflated beyond their content types, but their directory is held to the import limits all the same. */
const EVIDENCE_ZIP_LIMITS = zipLimitsFor(EVIDENCE_MAX_BYTES);
/** Content types parts list a few dozen parts in a few KB; a megabyte is far past any real one. */
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;
/**
 * A file stored within the last minute may belong to an upload of the same content whose row is
 * not committed yet (one insert away), so a detach leaves it to the daily collector.
 */
const FRESH_FILE_MS = 60_000;

async function deny(deps: Deps, actor: Actor, action: string, taskId: number, message: string): Promise<never> {
  await recordAudit(deps.db, { ...auditOf(actor), action, entityType: 'task', entityId: taskId, outcome: 'denied' });
  throw new AppError('FORBIDDEN', message);
}

/**
 * A unit may write a report for `unitId` on a task: its scope holds the unit, the unit is named, in the
 * right role, and the task is not closed. Returns the task's scope (with its plan), read once per request.
 */
async function assertMayReport(deps: Deps, actor: Actor, taskId: number, unitId: number, kind: ReportKind) {
  const scope = await findTaskScope(deps.db, taskId);
  if (!scope) throw notFound('任务');
  const p = actor.principal!;
  const roleIds = kind === 'consolidated' ? scope.leadUnitIds : [...scope.responsibleUnitIds, ...scope.leadUnitIds];
  if (!can(p, 'task.unit.write') || !p.unitScope.includes(unitId) || !roleIds.includes(unitId)) {
    await deny(deps, actor, 'report.write', taskId, kind === 'consolidated' ? '只有牵头单位可以汇总报送' : '只能填报本单位牵头或负责的任务');
  }
  if (scope.closedOn) throw new AppError('CONFLICT', '任务已销号，如需补充请由统筹协调人员重新打开');
  return scope;
}

/** The report as the API shows it; `files` when the caller knows them already. */
export async function reportDto(deps: Deps, id: number, files?: Awaited<ReturnType<typeof repo.attachmentsOf>>) {
  const r = await repo.findReport(deps.db, id);
  if (!r) throw notFound('进展报告');
  return toDto(r, files ?? (await repo.attachmentsOf(deps.db, [id])));
}

function toDto(r: NonNullable<Awaited<ReturnType<typeof repo.findReport>>>, files: Awaited<ReturnType<typeof repo.attachmentsOf>>) {
  return {
    id: r.id,
    taskId: r.task_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    kind: r.kind,
    stage: r.stage,
    narrative: r.narrative,
    status: r.status,
    reviewComment: r.review_comment,
    submittedAt: r.submitted_at,
    reviewedAt: r.reviewed_at,
    roundId: r.round_id,
    milestoneId: r.milestone_id,
    attachments: files.filter((f) => f.report_id === r.id).map((f) => ({ id: f.id, fileName: f.file_name, size: f.size, mime: f.mime, sha256: f.sha256 })),
  };
}

/** A draft is the writing unit's business until it is submitted: other readers do not see it, nor its evidence. */
function isReportVisible(r: { status: string; unit_id: number }, actor: Actor): boolean {
  return r.status !== 'draft' || (actor.principal?.unitScope ?? []).includes(r.unit_id);
}

/** A task's reports, drafts only for their own unit. */
export async function findReports(deps: Deps, actor: Actor, taskId: number) {
  const rows = (await repo.findReportsOfTask(deps.db, taskId)).filter((r) => isReportVisible(r, actor));
  const files = await repo.attachmentsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return { data: rows.map((r) => toDto(r, files)), total: rows.length };
}

export async function createReport(
  deps: Deps,
  actor: Actor,
  taskId: number,
  input: {
    unitId: number;
    kind: ReportKind;
    stage: ReportStage;
    narrative: string;
    roundId?: number | null | undefined;
    milestoneId?: number | null | undefined;
  },
) {
  const task = await assertMayReport(deps, actor, taskId, input.unitId, input.kind);
  if (input.milestoneId != null) await assertOpenMilestone(deps, taskId, input.milestoneId, input.kind);
  // The dispatch round it is made for: the one named, or the open round of the plan and unit.
  const roundId = await resolveReportRound(deps.db, task.planId, input.unitId, input.roundId);
  const id = await deps.db.transaction().execute(async (trx) => {
    const { roundId: _, ...fields } = input;
    const newId = await repo.insertReport(trx, {
      task_id: taskId,
      unit_id: input.unitId,
      kind: input.kind,
      stage: input.stage,
      narrative: input.narrative,
      created_by: actor.userId!,
      now: deps.clock.iso(),
      round_id: roundId,
      milestone_id: input.milestoneId ?? null,
    });
    await recordAudit(trx, { ...auditOf(actor), action: 'report.create', entityType: 'report', entityId: newId, after: { taskId, ...fields, roundId } });
    return newId;
  });
  // Just made: it has no evidence yet.
  return reportDto(deps, id, []);
}

/** A report may close one milestone of its own task that is still open; only the lead unit's consolidated report closes anything. */
async function assertOpenMilestone(deps: Deps, taskId: number, milestoneId: number, kind: ReportKind) {
  const m = await repo.findMilestone(deps.db, milestoneId);
  if (!m || m.task_id !== taskId) throw new AppError('INVALID_INPUT', '所选时间节点不属于该任务', { field: 'milestoneId' });
  if (kind !== 'consolidated') throw new AppError('INVALID_INPUT', '只有牵头单位汇总报送时可以针对时间节点申请销号', { field: 'milestoneId' });
  if (m.completed_on) throw new AppError('CONFLICT', `时间节点“${m.text}”已于 ${m.completed_on} 销号`);
}

/** The statuses in which the writing unit may still change a report. */
const EDITABLE: ReportStatus[] = ['draft', 'returned'];

/** The report, if the actor's units may still change it (draft or returned), and its task's scope. */
async function editable(deps: Deps, actor: Actor, id: number) {
  const r = await repo.findReport(deps.db, id);
  if (!r) throw notFound('进展报告');
  const task = await assertMayReport(deps, actor, r.task_id, r.unit_id, r.kind);
  if (r.status !== 'draft' && r.status !== 'returned')
    throw new AppError('CONFLICT', r.status === 'submitted' ? '报告已报送，等待审核，不能修改' : '报告已通过审核，不能修改');
  return { r, task };
}

export async function updateReport(
  deps: Deps,
  actor: Actor,
  id: number,
  patch: { stage?: ReportStage | undefined; narrative?: string | undefined; milestoneId?: number | null | undefined },
) {
  const { r: before } = await editable(deps, actor, id);
  if (patch.milestoneId != null) await assertOpenMilestone(deps, before.task_id, patch.milestoneId, before.kind);
  await deps.db.transaction().execute(async (trx) => {
    // Conditional on the report still being editable: a submit that won the race freezes it.
    const written = await repo.transitionReport(trx, id, EDITABLE, {
      ...(patch.stage && { stage: patch.stage }),
      ...(patch.narrative !== undefined && { narrative: patch.narrative }),
      ...(patch.milestoneId !== undefined && { milestone_id: patch.milestoneId }),
      updated_at: deps.clock.iso(),
    });
    if (!written) throw new AppError('CONFLICT', '报告已报送，等待审核，不能修改');
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'report.update',
      entityType: 'report',
      entityId: id,
      before: { stage: before.stage, narrative: before.narrative, milestoneId: before.milestone_id },
      after: patch,
    });
  });
  return reportDto(deps, id);
}

/**
 * Stores an evidence file streamed from the upload: its type is checked by content as the first
 * bytes arrive (and, for .docx/.xlsx, by the archive's directory and content types once all of it
 * has), then it is stored under its hash before the row is written, so a row never points at nothing.
 */
export async function addAttachment(deps: Deps, actor: Actor, id: number, file: { fileName: string; stream: AsyncIterable<Uint8Array> }) {
  await editable(deps, actor, id);
  const refuse = () =>
    new AppError('UNSUPPORTED_TYPE', `“${file.fileName}”不是可接受的佐证材料：只接受图片（PNG、JPEG、GIF、WebP）、PDF、Word（.docx）和 Excel（.xlsx）文件`);
  // Checked by content: a name that claims another type (a PNG named .pdf, a PDF named .html) is refused, not renamed.
  const assertNameMatches = (type: EvidenceType) => {
    const ext = claimedOtherType(file.fileName, type);
    if (ext) throw new AppError('UNSUPPORTED_TYPE', `“${file.fileName}”的内容是${type.label}，与扩展名“${ext}”不符，请改正扩展名后重新上传`);
  };
  const stored = await new FileStore(deps.config.dataDir).receive(file.stream, {
    maxBytes: EVIDENCE_MAX_BYTES,
    checkHead: (head) => {
      if (head.length === 0) throw new AppError('INVALID_INPUT', '文件为空');
      const type = sniffHead(head);
      if (!type) throw refuse();
      if (type !== ZIP) assertNameMatches(type);
    },
    checkFile: async (staged) => {
      const type = sniffHead(staged.head);
      if (type !== ZIP) return type!;
      try {
        const src = fileSource(staged.fd, staged.size);
        const names = await zipEntryNames(src, EVIDENCE_ZIP_LIMITS);
        const types = (await unzipGuarded(src, EVIDENCE_ZIP_LIMITS, (e) => e.name === CONTENT_TYPES_PART && e.uncompressedSize <= MAX_CONTENT_TYPES_BYTES)).get(
          CONTENT_TYPES_PART,
        );
        const found = types ? ooxmlTypeOf(names, types.toString('utf8')) : null;
        if (!found) throw refuse();
        assertNameMatches(found);
        // Never parsed here, but opened by whoever downloads it: an entry that inflates past its declared size is a bomb.
        await verifyZipEntries(src, EVIDENCE_ZIP_LIMITS);
        return found;
      } catch (e) {
        if (!(e instanceof ZipError)) throw e;
        if (e.code === 'TOO_LARGE') throw new AppError('UNSUPPORTED_TYPE', `“${file.fileName}”不是可接受的佐证材料：${e.message}`);
      }
      throw refuse();
    },
  });
  const type = stored.checked;
  const fileName = evidenceFileName(file.fileName, type);
  const attachmentId = await deps.db.transaction().execute(async (trx) => {
    const aid = await repo.insertAttachment(trx, {
      report_id: id,
      sha256: stored.sha256,
      file_name: fileName,
      mime: type.mime,
      size: stored.size,
      created_at: deps.clock.iso(),
    });
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'report.attach',
      entityType: 'report',
      entityId: id,
      after: { attachmentId: aid, fileName, sha256: stored.sha256, size: stored.size },
    });
    return aid;
  });
  return { id: attachmentId, fileName, size: stored.size, mime: type.mime, sha256: stored.sha256 };
}

/**
 * Detaches a file; the stored file goes too once no other row refers to its content, unless it was
 * stored moments ago (an upload of the same content may be about to refer to it: the daily
 * collector takes it then).
 */
export async function removeAttachment(deps: Deps, actor: Actor, id: number, attachmentId: number) {
  await editable(deps, actor, id);
  const a = await repo.findAttachment(deps.db, attachmentId);
  if (!a || a.report_id !== id) throw notFound('附件');
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteAttachmentRow(trx, attachmentId);
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'report.detach',
      entityType: 'report',
      entityId: id,
      before: { attachmentId, fileName: a.file_name, sha256: a.sha256 },
    });
  });
  if (!(await isHashReferenced(deps.db, a.sha256))) await new FileStore(deps.config.dataDir).remove(a.sha256, FRESH_FILE_MS);
}

/**
 * An attachment for download. Evidence of a draft is its unit's business, as in the report list:
 * to anyone else it does not exist (404, so ids cannot be probed for drafts).
 */
export async function openAttachment(deps: Deps, actor: Actor, attachmentId: number) {
  const a = await repo.findAttachmentWithReport(deps.db, attachmentId);
  if (!a || !isReportVisible(a, actor)) throw notFound('附件');
  return { ...a, stream: new FileStore(deps.config.dataDir).open(a.sha256) };
}

/** Submits a report; `clock` is the submission time (tests of late reporting pass one). */
export async function submitReport(deps: Deps, actor: Actor, id: number, clock: Date = deps.clock.now()) {
  const { r, task } = await editable(deps, actor, id);
  if (!r.narrative.trim()) throw new AppError('INVALID_INPUT', '请填写进展情况后再报送', { field: 'narrative' });
  // A draft written before any round opened counts for the round open when it is submitted.
  const roundId = r.round_id ?? (await resolveReportRound(deps.db, task.planId, r.unit_id));
  const submitted = await deps.db.transaction().execute(async (trx) => {
    const now = clock.toISOString();
    // Conditional on the report still being a draft or returned: of concurrent submits exactly one applies.
    if (!(await repo.transitionReport(trx, id, EDITABLE, { status: 'submitted', submitted_at: now, updated_at: now })))
      throw new AppError('CONFLICT', '报告已报送，不能重复报送');
    if (roundId !== null && r.round_id === null) await setReportRound(trx, id, roundId);
    // Read again under the row lock just taken: an edit committed since the check above is what is submitted.
    const cur = (await repo.findReport(trx, id))!;
    if (!cur.narrative.trim()) throw new AppError('INVALID_INPUT', '请填写进展情况后再报送', { field: 'narrative' });
    await repo.insertEvent(trx, {
      task_id: r.task_id,
      kind: 'report',
      user_id: actor.userId,
      unit_id: r.unit_id,
      report_id: id,
      text: `${cur.kind === 'consolidated' ? '牵头单位汇总报送' : '报送本单位进展'}（${STAGE_LABELS[cur.stage]}）：${cur.narrative}`,
      at: now,
    });
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'report.submit',
      entityType: 'report',
      entityId: id,
      before: { status: r.status },
      after: { status: 'submitted', roundId },
    });
    // The answer is the report as this transaction commits it (read under its lock), not read again after.
    return toDto(cur, await repo.attachmentsOf(trx, [id]));
  });
  return submitted;
}
