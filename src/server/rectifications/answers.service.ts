import type { Readable } from 'node:stream';
import type { Answer, AnswerEvidence, RecheckCreate, RectificationDetail } from '#core/api/rectifications.ts';
import { CONTENT_TYPES_PART, claimedOtherType, evidenceFileName, ooxmlTypeOf, ZIP } from '#core/files/sniff.ts';
import { ZipError, zipLimitsFor } from '#core/files/zip.ts';
import {
  evidenceSizeError,
  INSPECTION_UPLOAD_MAX_BYTES,
  kindOfMime,
  sniffInspectionEvidence,
  type InspectionEvidenceType,
} from '#core/inspections/evidence.ts';
import { recheckProblem, transition } from '#core/inspections/rectification.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { FileStore } from '../files/file-store.ts';
import { fileSource, unzipGuarded, verifyZipEntries, zipEntryNames } from '../files/zip-guard.ts';
import { itemsOf, noticeSummaryOf, visibilityOf, visibleFinding } from './rectification-access.ts';
import * as repo from './rectifications.repo.ts';
import { getProfile } from './rectifications.service.ts';

/**
 * The unit's answer to each finding (整改情况: measures and evidence) and the inspector's re-check
 * (复查). An answer is a draft the unit fills in and attaches files to, then submits: the finding is
 * then 已报整改 and the draft frozen. A re-check passes (销号) or fails with reasons (退回); after a
 * failure the unit answers again with a new draft. The unit can never re-check its own work.
 */

/** The answer's finding, visible to the unit and in its scope; anyone else gets 404. */
async function ownFinding(deps: Deps, actor: Actor, findingId: number): Promise<repo.FindingRow> {
  const f = await visibleFinding(deps, actor, findingId);
  if (!actor.principal?.unitScope.includes(f.unit_id)) throw notFound('问题');
  return f;
}

async function draftOf(deps: Deps, actor: Actor, answerId: number) {
  const a = await repo.findAnswer(deps.db, answerId);
  if (!a) throw notFound('整改情况');
  await ownFinding(deps, actor, a.finding_id);
  if (a.status !== 'draft') throw new AppError('CONFLICT', '整改情况已报送，不能修改');
  return a;
}

/** Creates or updates the unit's draft answer to a finding in a notice. */
export async function saveAnswer(deps: Deps, actor: Actor, findingId: number, measures: string): Promise<Answer> {
  const f = await ownFinding(deps, actor, findingId);
  const r = transition(f.status, 'answer');
  if (!r.ok) throw new AppError('CONFLICT', r.message);
  const latest = (await repo.latestNotices(deps.db, [findingId])).get(findingId);
  if (!latest) throw new AppError('CONFLICT', '该问题尚未下发整改通知，不能报送整改情况');
  const at = deps.clock.iso();
  const id = await deps.db.transaction().execute(async (trx) => {
    const draft = await repo.findDraftAnswer(trx, findingId);
    let answerId: number;
    if (draft) {
      if (!(await repo.updateDraftMeasures(trx, draft.id, measures, at))) throw new AppError('CONFLICT', '整改情况已报送，不能修改');
      answerId = draft.id;
    } else {
      answerId = await repo.insertAnswer(trx, {
        finding_id: findingId,
        notice_id: latest.noticeId,
        status: 'draft',
        measures,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
        submitted_by: null,
        submitted_at: null,
      });
    }
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'rectification.answer',
      entityType: 'finding',
      entityId: findingId,
      before: draft ? { measures: draft.measures } : null,
      after: { answerId, measures },
    });
    return answerId;
  });
  return (await answersOf(deps, findingId)).find((a) => a.id === id)!;
}

const ZIP_LIMITS = zipLimitsFor(INSPECTION_UPLOAD_MAX_BYTES);

/**
 * Stores one evidence file of a draft answer: the type by its content (photos, audio, video, PDF, Word,
 * Excel), the size by its kind's limit, stored under its hash before the row, so a refused or oversized
 * file leaves no row.
 */
export async function addAnswerEvidence(
  deps: Deps,
  actor: Actor,
  answerId: number,
  file: { fileName: string; stream: AsyncIterable<Uint8Array> },
): Promise<AnswerEvidence> {
  const a = await draftOf(deps, actor, answerId);
  const refuse = () =>
    new AppError('UNSUPPORTED_TYPE', `“${file.fileName}”不是可接受的佐证材料：只接受照片、录音、录像、PDF、Word（.docx）和 Excel（.xlsx）文件`);
  const assertName = (t: InspectionEvidenceType) => {
    const ext = claimedOtherType(file.fileName, t);
    if (ext) throw new AppError('UNSUPPORTED_TYPE', `“${file.fileName}”的内容是${t.label}，与扩展名“${ext}”不符，请改正扩展名后重新上传`);
  };
  const stored = await new FileStore(deps.config.dataDir).receive(file.stream, {
    maxBytes: INSPECTION_UPLOAD_MAX_BYTES,
    checkHead: (head) => {
      if (head.length === 0) throw new AppError('INVALID_INPUT', '文件为空');
      const t = sniffInspectionEvidence(head);
      if (!t) throw refuse();
      if (t !== ZIP) assertName(t);
    },
    checkFile: async (staged): Promise<InspectionEvidenceType> => {
      const t = sniffInspectionEvidence(staged.head)!;
      let type: InspectionEvidenceType;
      if (t !== ZIP) type = t;
      else {
        try {
          const src = fileSource(staged.fd, staged.size);
          const names = await zipEntryNames(src, ZIP_LIMITS);
          const ct = (await unzipGuarded(src, ZIP_LIMITS, (e) => e.name === CONTENT_TYPES_PART && e.uncompressedSize <= 1024 * 1024)).get(CONTENT_TYPES_PART);
          const found = ct ? ooxmlTypeOf(names, ct.toString('utf8')) : null;
          if (!found) throw refuse();
          await verifyZipEntries(src, ZIP_LIMITS);
          type = { ...found, kind: kindOfMime(found.mime) };
          assertName(type);
        } catch (e) {
          if (e instanceof ZipError) throw refuse();
          throw e;
        }
      }
      const tooBig = evidenceSizeError(type.kind, staged.size, file.fileName);
      if (tooBig) throw new AppError('TOO_LARGE', tooBig);
      return type;
    },
  });
  const type = stored.checked;
  const fileName = evidenceFileName(file.fileName, type);
  const at = deps.clock.iso();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = {
      answer_id: a.id,
      kind: type.kind,
      sha256: stored.sha256,
      file_name: fileName,
      mime: type.mime,
      size: stored.size,
      created_by: actor.userId,
      created_at: at,
    };
    const eid = await repo.insertEvidence(trx, row);
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'rectification.evidence',
      entityType: 'finding',
      entityId: a.finding_id,
      after: { answerId: a.id, evidenceId: eid, fileName, sha256: stored.sha256, size: stored.size },
    });
    return eid;
  });
  return { id, answerId: a.id, kind: type.kind, fileName, mime: type.mime, size: stored.size, sha256: stored.sha256, createdAt: at };
}

/** Submits a draft: measures and at least one evidence file; the finding becomes 已报整改. */
export async function submitAnswer(deps: Deps, actor: Actor, answerId: number): Promise<RectificationDetail> {
  const a = await draftOf(deps, actor, answerId);
  const f = await ownFinding(deps, actor, a.finding_id);
  const r = transition(f.status, 'answer');
  if (!r.ok) throw new AppError('CONFLICT', r.message);
  if (!a.measures.trim()) throw new AppError('INVALID_INPUT', '请填写整改措施', { field: 'measures' });
  if (!(await repo.findEvidenceOf(deps.db, [a.id])).length) throw new AppError('INVALID_INPUT', '请上传至少一份整改佐证材料');
  const at = deps.clock.iso();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.markSubmitted(trx, a.id, actor.userId, at))) throw new AppError('CONFLICT', '整改情况已报送');
    if (!(await repo.setFindingStatus(trx, f.id, ['noticed', 'returned'], 'answered', at))) throw new AppError('CONFLICT', '该问题的状态已变化，请刷新后重试');
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'rectification.submit',
      entityType: 'finding',
      entityId: f.id,
      before: { status: f.status },
      after: { status: 'answered', answerId: a.id },
    });
  });
  return getRectification(deps, actor, f.id);
}

/** True when the unit `unitId` is `own`, under it, or above it. */
function related(parents: Map<number, number | null>, own: number, unitId: number): boolean {
  const chainOf = (u: number) => {
    const out: number[] = [];
    for (let x: number | null | undefined = u; x != null && !out.includes(x); x = parents.get(x)) out.push(x);
    return out;
  };
  return chainOf(unitId).includes(own) || chainOf(own).includes(unitId);
}

/** The assigned inspector's re-check of the submitted answer: pass → 销号, fail → returned with reasons. */
export async function recheck(deps: Deps, actor: Actor, findingId: number, input: RecheckCreate): Promise<RectificationDetail> {
  const f = await visibleFinding(deps, actor, findingId);
  const p = actor.principal!;
  // Visible to an inspector means assigned, unless another role let them see it: re-checking needs the assignment.
  if (!(await repo.isAssignedInspector(deps.db, p.userId, f.inspection_id))) throw new AppError('FORBIDDEN', '只有参与本次督查的督查人员才能复查');
  if (p.unitId !== null && related(await repo.unitParents(deps.db), p.unitId, f.unit_id))
    throw new AppError('FORBIDDEN', '不能复查本单位（或上下级单位）的整改情况');
  const problem = recheckProblem(input);
  if (problem) throw new AppError('INVALID_INPUT', problem, { field: 'reasons' });
  const r = transition(f.status, input.passed ? 'recheckPass' : 'recheckFail');
  if (!r.ok) throw new AppError('CONFLICT', r.message);
  const answer = (await repo.findAnswers(deps.db, findingId)).filter((a) => a.status === 'submitted').at(-1);
  if (!answer) throw new AppError('CONFLICT', '单位尚未报送整改情况');
  const at = deps.clock.iso();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.setFindingStatus(trx, f.id, ['answered'], r.status, at))) throw new AppError('CONFLICT', '该问题已复查，请刷新后查看');
    const id = await repo.insertRecheck(trx, {
      finding_id: f.id,
      answer_id: answer.id,
      passed: input.passed ? 1 : 0,
      reasons: input.reasons,
      checked_by: actor.userId,
      checked_at: at,
    });
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'rectification.recheck',
      entityType: 'finding',
      entityId: f.id,
      before: { status: f.status },
      after: { status: r.status, recheckId: id, answerId: answer.id, passed: input.passed, reasons: input.reasons },
    });
  });
  return getRectification(deps, actor, f.id);
}

async function answersOf(deps: Deps, findingId: number): Promise<Answer[]> {
  const answers = await repo.findAnswers(deps.db, findingId);
  const evidence = await repo.findEvidenceOf(
    deps.db,
    answers.map((a) => a.id),
  );
  return answers.map((a) => ({
    id: a.id,
    findingId: a.finding_id,
    noticeId: a.notice_id,
    status: a.status,
    measures: a.measures,
    submittedAt: a.submitted_at,
    submittedBy: a.submitted_by_name ?? null,
    evidence: evidence
      .filter((e) => e.answer_id === a.id)
      .map((e) => ({
        id: e.id,
        answerId: e.answer_id,
        kind: e.kind,
        fileName: e.file_name,
        mime: e.mime,
        size: e.size,
        sha256: e.sha256,
        createdAt: e.created_at,
      })),
  }));
}

/** A finding's rectification: its notices, the unit's answers with evidence, the re-checks. */
export async function getRectification(deps: Deps, actor: Actor, findingId: number): Promise<RectificationDetail> {
  const f = await visibleFinding(deps, actor, findingId);
  const profile = await getProfile(deps);
  const today = deps.clock.today();
  const [item] = await itemsOf(deps, [f], profile, today);
  const notices = (await repo.findNotices(deps.db, visibilityOf(actor), { inspectionId: f.inspection_id, unitId: f.unit_id })).reverse();
  const byNotice = await repo.noticeFindingIds(
    deps.db,
    notices.map((n) => n.id),
  );
  const mine = notices.filter((n) => byNotice.get(n.id)?.includes(findingId));
  const others = await repo.findFindings(deps.db, { full: true }, [...new Set(mine.flatMap((n) => byNotice.get(n.id) ?? []))]);
  const items = new Map((await itemsOf(deps, others, profile, today)).map((i) => [i.findingId, i]));
  const rechecks = await repo.findRechecks(deps.db, findingId);
  // A draft is the unit's own until submitted.
  const ownUnit = actor.principal?.unitScope.includes(f.unit_id) ?? false;
  return {
    ...item!,
    notices: mine.map((n) =>
      noticeSummaryOf(
        n,
        (byNotice.get(n.id) ?? []).map((id) => items.get(id)!),
      ),
    ),
    answers: (await answersOf(deps, findingId)).filter((a) => a.status === 'submitted' || ownUnit),
    rechecks: rechecks.map((r) => ({
      id: r.id,
      findingId: r.finding_id,
      answerId: r.answer_id,
      passed: r.passed === 1,
      reasons: r.reasons,
      checkedBy: r.checked_by_name ?? null,
      checkedAt: r.checked_at,
    })),
  };
}

/** An answer's evidence file, for whoever may see its finding. */
export async function openAnswerEvidence(deps: Deps, actor: Actor, id: number): Promise<{ fileName: string; mime: string; body: Readable; sha256: string }> {
  const e = await repo.findEvidence(deps.db, id);
  if (!e) throw notFound('佐证材料');
  await visibleFinding(deps, actor, e.finding_id);
  return { fileName: e.file_name, mime: e.mime, body: new FileStore(deps.config.dataDir).open(e.sha256), sha256: e.sha256 };
}
