import type { Readable } from 'node:stream';
import { UncoveredYearError } from '#core/calendar/index.ts';
import { MIME } from '#core/api/common.ts';
import type {
  NoticeCreate,
  NoticeDetail,
  NoticeListQuery,
  NoticeSummary,
  RectificationFigures,
  RectificationItem,
  RectificationListQuery,
} from '#core/api/rectifications.ts';
import { INSPECTION_KIND_LABELS } from '#core/inspections/kinds.ts';
import { figuresByUnit, rectificationFigures, transition } from '#core/inspections/rectification.ts';
import {
  classOf,
  noticeDueDate,
  RectificationProfileSchema,
  reviseProfile,
  XUCHANG_2025_PROFILE,
  type RectificationProfile,
  type RectificationProfileInput,
} from '#core/inspections/rectification-profile.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import { fileNameOf } from '../circulars/circular-content.ts';
import { renderCircularDocx } from '../circulars/circular-docx.ts';
import { renderPdf } from '../circulars/pdf-renderer.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { FileStore } from '../files/file-store.ts';
import * as settingsRepo from '../settings/settings.repo.ts';
import { runtimeSettings } from '../settings/settings.service.ts';
import { noticeElements } from './notice-content.ts';
import { itemsOf, noticeSummaryOf, visibilityOf } from './rectification-access.ts';
import * as repo from './rectifications.repo.ts';

/**
 * Rectification notices (整改通知书) and the rectification views. A notice is issued when created: its
 * deadline comes from the office's rule profile (or the notice's own override) counted in working days,
 * its .docx and .pdf are rendered and archived by SHA-256, and its findings move to 整改中 in the same
 * transaction as the notice row and its audit record.
 */

export const PROFILE_KEY = 'rectification_profile';

/** The office's profile as stored, or the shipped 许昌 preset. */
export async function getProfile(deps: Pick<Deps, 'db'>): Promise<RectificationProfile> {
  const stored = (await settingsRepo.allSettings(deps.db)).get(PROFILE_KEY);
  const parsed = RectificationProfileSchema.safeParse(stored);
  return parsed.success ? parsed.data : XUCHANG_2025_PROFILE;
}

export async function putProfile(deps: Deps, actor: Actor, input: RectificationProfileInput): Promise<RectificationProfile> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await getProfile({ db: trx });
    const next = reviseProfile(before, input);
    await settingsRepo.putSetting(trx, PROFILE_KEY, next, actor.userId, deps.clock.iso());
    await recordAudit(trx, { ...auditOf(actor), action: 'rectification.profile', entityType: 'setting', entityId: PROFILE_KEY, before, after: next });
    return next;
  });
}

/** The default 发文机关 of a notice: the office that runs the inspections. */
const DEFAULT_ISSUER = '优化营商环境工作领导小组办公室';

export async function createNotice(deps: Deps, actor: Actor, input: NoticeCreate): Promise<NoticeDetail> {
  const inspection = await repo.findInspection(deps.db, input.inspectionId);
  if (!inspection) throw notFound('督查');
  if (!inspection.released_at) throw new AppError('CONFLICT', '该督查的问题尚未发布，不能下发整改通知');
  const unitName = await repo.findUnitName(deps.db, input.unitId);
  if (!unitName) throw notFound('单位');
  const ids = input.findingIds ?? (await repo.findUnnoticedFindingIds(deps.db, input.inspectionId, input.unitId));
  if (!ids.length) throw new AppError('CONFLICT', `${unitName}在本次督查中没有待整改的问题`);
  if (new Set(ids).size !== ids.length) throw new AppError('INVALID_INPUT', '问题不能重复选择', { field: 'findingIds' });
  const findings = await repo.findFindings(deps.db, { full: true }, ids);
  const today = deps.clock.today();
  const latest = await repo.latestNotices(deps.db, ids);
  for (const id of ids) {
    const f = findings.find((x) => x.id === id);
    if (!f) throw new AppError('INVALID_INPUT', `问题 ${id} 不存在`, { field: 'findingIds' });
    if (f.inspection_id !== input.inspectionId || f.unit_id !== input.unitId)
      throw new AppError('INVALID_INPUT', `问题 ${id} 不是${unitName}在本次督查中的问题`, { field: 'findingIds' });
    if (f.polarity !== 'problem') throw new AppError('INVALID_INPUT', `问题 ${id} 是亮点，不需要整改`, { field: 'findingIds' });
    const r = transition(f.status, f.status === 'found' ? 'notice' : 'renotice');
    if (!r.ok) throw new AppError('CONFLICT', `问题 ${id}：${r.message}`);
    // 再次交办 only once the earlier notice's deadline has passed: before it the unit is still within its time.
    const due = latest.get(id)?.dueDate;
    if (f.status !== 'found' && due && today <= due) throw new AppError('CONFLICT', `问题 ${id} 仍在整改期限内（${due}），不能再次交办`);
  }
  const profile = await getProfile(deps);
  const clueClass = (input.clueClass ?? profile.defaultClass).toUpperCase();
  if (!classOf(profile, clueClass))
    throw new AppError('INVALID_INPUT', `问题类别应为 ${profile.classes.map((c) => c.code).join('、')} 之一`, { field: 'clueClass' });
  const { calendar } = await runtimeSettings(deps);
  let due: ReturnType<typeof noticeDueDate>;
  try {
    due = noticeDueDate(profile, calendar, today, clueClass, input.overrideWorkdays ?? null);
  } catch (e) {
    if (e instanceof UncoveredYearError) throw new AppError('CONFLICT', `工作日历未覆盖 ${e.year} 年，请先在系统设置中添加该年的节假日安排`);
    throw e;
  }
  const ordered = ids.map((id) => findings.find((f) => f.id === id)!);
  const title = input.title ?? `关于${inspection.title}发现问题限期整改的通知`;
  const issuer = input.issuer ?? DEFAULT_ISSUER;
  const content = {
    title,
    docNumber: input.docNumber ?? null,
    issuer,
    unitName,
    planTitle: `${inspection.title}（${INSPECTION_KIND_LABELS[inspection.kind]}）`,
    date: today,
    dueDate: due.dueDate,
    limitText: due.limitText,
    basis: due.basis,
    requirements: input.requirements ?? '',
    findings: ordered.map((f) => ({
      id: f.id,
      description: f.description,
      category: f.category,
      severity: f.severity,
      location: f.location,
      foundOn: f.found_at.slice(0, 10),
    })),
  };
  const elements = noticeElements(content);
  // Rendered and stored before the transaction: files are content-addressed, so a failure leaves at most an unreferenced file.
  const [docx, pdf] = await Promise.all([renderCircularDocx(title, elements), renderPdf(title, elements, issuer)]);
  const store = new FileStore(deps.config.dataDir);
  const [docxSha, pdfSha] = await Promise.all([store.save(docx), store.save(pdf)]);
  const at = deps.clock.iso();
  const id = await deps.db.transaction().execute(async (trx) => {
    const noticeId = await repo.insertNotice(
      trx,
      {
        inspection_id: input.inspectionId,
        unit_id: input.unitId,
        title,
        doc_number: content.docNumber,
        issuer,
        clue_class: clueClass,
        override_workdays: input.overrideWorkdays ?? null,
        issued_on: today,
        due_date: due.dueDate,
        limit_text: due.limitText,
        basis: due.basis,
        profile_id: profile.id,
        profile_version: profile.version,
        requirements: content.requirements,
        issued_by: actor.userId,
        issued_at: at,
        docx_sha256: docxSha,
        pdf_sha256: pdfSha,
      },
      ids,
    );
    for (const f of ordered) {
      if (!(await repo.setFindingStatus(trx, f.id, [f.status], 'noticed', at))) throw new AppError('CONFLICT', `问题 ${f.id} 的状态已变化，请刷新后重试`);
    }
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'rectification.notice',
      entityType: 'rectification_notice',
      entityId: noticeId,
      after: {
        inspectionId: input.inspectionId,
        unitId: input.unitId,
        findingIds: ids,
        clueClass,
        dueDate: due.dueDate,
        basis: due.basis,
        docxSha256: docxSha,
        pdfSha256: pdfSha,
      },
    });
    return noticeId;
  });
  return getNotice(deps, actor, id);
}

async function noticeRow(deps: Deps, actor: Actor, id: number): Promise<repo.NoticeRow> {
  const [row] = await repo.findNotices(deps.db, visibilityOf(actor), { id });
  if (!row) throw notFound('整改通知');
  return row;
}

export async function getNotice(deps: Deps, actor: Actor, id: number): Promise<NoticeDetail> {
  const n = await noticeRow(deps, actor, id);
  const ids = (await repo.noticeFindingIds(deps.db, [id])).get(id) ?? [];
  const rows = await repo.findFindings(deps.db, { full: true }, ids);
  const items = await itemsOf(deps, rows, await getProfile(deps), deps.clock.today());
  return { ...noticeSummaryOf(n, items), requirements: n.requirements, findings: items };
}

export async function findNotices(deps: Deps, actor: Actor, q: NoticeListQuery): Promise<{ data: NoticeSummary[]; total: number }> {
  const rows = await repo.findNotices(deps.db, visibilityOf(actor), q);
  const byNotice = await repo.noticeFindingIds(
    deps.db,
    rows.map((r) => r.id),
  );
  const all = await repo.findFindings(deps.db, { full: true }, [...new Set([...byNotice.values()].flat())]);
  const items = new Map((await itemsOf(deps, all, await getProfile(deps), deps.clock.today())).map((i) => [i.findingId, i]));
  let data = rows.map((n) =>
    noticeSummaryOf(
      n,
      (byNotice.get(n.id) ?? []).map((f) => items.get(f)!),
    ),
  );
  if (q.overdue === 'true') data = data.filter((n) => n.overdueCount > 0);
  if (q.overdue === 'false') data = data.filter((n) => n.overdueCount === 0);
  return { data, total: data.length };
}

export async function openNoticeFile(
  deps: Deps,
  actor: Actor,
  id: number,
  kind: 'docx' | 'pdf',
): Promise<{ fileName: string; mime: string; body: Readable; sha256: string }> {
  const n = await noticeRow(deps, actor, id);
  const sha256 = kind === 'docx' ? n.docx_sha256 : n.pdf_sha256;
  return { fileName: fileNameOf(n.title, kind), mime: MIME[kind], body: new FileStore(deps.config.dataDir).open(sha256), sha256 };
}

export async function findRectifications(deps: Deps, actor: Actor, q: RectificationListQuery): Promise<{ data: RectificationItem[]; total: number }> {
  const rows = await repo.findNoticedFindings(deps.db, visibilityOf(actor), q);
  let data = await itemsOf(deps, rows, await getProfile(deps), deps.clock.today());
  if (q.overdue) data = data.filter((i) => i.isOverdue === (q.overdue === 'true'));
  return { data, total: data.length };
}

/** The rate, overdue and per-unit figures over what the reader may see (the cockpit's read model). */
export async function rectificationFiguresOf(deps: Deps, actor: Actor, q: { inspectionId?: number | undefined }): Promise<RectificationFigures> {
  const { data } = await findRectifications(deps, actor, q.inspectionId ? { inspectionId: q.inspectionId } : {});
  const today = deps.clock.today();
  const facts = data.map((i) => ({ unitId: i.unitId, status: i.status, dueDate: i.dueDate }));
  const names = new Map(data.map((i) => [i.unitId, i.unitName]));
  return {
    asOf: today,
    overall: rectificationFigures(facts, today),
    escalations: data.filter((i) => i.needsEscalation).length,
    units: figuresByUnit(facts, today).map((u) => ({ unitId: u.unitId, unitName: names.get(u.unitId) ?? '', figures: u.figures })),
  };
}
