import { createHash } from 'node:crypto';
import { rereadTasks } from '#core/draft/reread.ts';
import type { ParsedPlan } from '#core/parse/types.ts';
import { levelFromIssuer } from '#core/plans/level.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import type { PlanLevel } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { ExtractError, extractText } from './extract.ts';
import { findDuplicatePlan, findPlanRow } from '../plans/plans.repo.ts';
import { insertPlanTree } from '../plans/plan-tree.ts';
import { unitDirectory } from '../units/units.repo.ts';
import { firstKeys, readerWarnings, readingDto, readingOf, readSource, storedReading, withUnitWarnings, type StoredDraft } from './draft-reading.ts';
import * as repo from './imports.repo.ts';
import { type DraftContent, DraftContentSchema, type ReadOptions } from '#core/api/imports.ts';

/**
 * The most text a plan document may yield. The bundled plan of 199 measures is 33,768 characters
 * and reads in 40 ms; 30 times that (a million characters, read in about 0.25 s) is past any
 * action plan, and keeps a draft small enough to load and edit.
 */
export const MAX_PLAN_TEXT_CHARS = 1_000_000;
/** The largest draft content saved, as JSON: what PUT /api/imports/:id accepts, so a draft stored can always be saved back. */
export const MAX_DRAFT_CONTENT_BYTES = 20 * 1024 * 1024;

/** A draft as the API returns it. */
function draftDto(row: NonNullable<Awaited<ReturnType<typeof repo.findDraft>>>) {
  const stored = JSON.parse(row.content) as StoredDraft;
  const { reading: _, ...content } = stored;
  // A draft stored before drafts kept their reading gets one (not saved), so its levels can be chosen.
  const reading = stored.reading ?? (row.status === 'draft' ? storedReading(stored, row.source_text, row.file_name) : undefined);
  return { id: row.id, fileName: row.file_name, status: row.status, planId: row.plan_id, source: row.source_text, ...content, ...readingDto(reading, content.tasks) };
}

/** The reader's output as an editable draft. */
export function draftFromParsed(parsed: ParsedPlan, fileName: string, keys: readonly string[] = firstKeys(parsed)): DraftContent {
  const d = parsed.document;
  return {
    document: {
      number: d.number, issuer: d.issuer, date: d.date, title: d.title ?? fileName.replace(/\.[^.]+$/, ''), plan_year: d.plan_year,
      level: levelFromIssuer(d.issuer), parentPlanId: null,
    },
    goals: parsed.goals.map((g) => ({ text: g.text, date: g.date, span: null })),
    tasks: parsed.tasks.map((t, i) => ({
      key: keys[i] ?? `t${i + 1}`, path: t.path, number: t.number, title: t.title, text: t.text, deadlines: t.deadlines,
      lead: t.lead, responsible: t.responsible, spans: t.spans,
    })),
  };
}

function conflict(plan: { id: number; number: string | null; title: string }): AppError {
  return new AppError('CONFLICT', `该文件已导入为方案“${plan.number ? `${plan.number} ` : ''}${plan.title}”`, { planId: plan.id, url: `/plans/${plan.id}` });
}

/**
 * Reads an uploaded plan document into a draft. Refuses other file types, unreadable files, documents
 * in which no task can be found, and documents already imported (409 with the existing plan).
 */
export async function uploadDocument(deps: Deps, actor: Actor, file: { fileName: string; bytes: Uint8Array }) {
  if (file.bytes.length === 0) throw new AppError('INVALID_INPUT', '文件为空');
  let text: string;
  try {
    text = await extractText(file.bytes, file.fileName, { maxUploadBytes: deps.config.maxImportBytes });
  } catch (e) {
    if (e instanceof ExtractError) throw new AppError(e.code === 'UNREADABLE' ? 'INVALID_INPUT' : e.code, e.message);
    throw e;
  }
  if (text.length > MAX_PLAN_TEXT_CHARS) {
    throw new AppError('TOO_LARGE', `文件正文超过 ${MAX_PLAN_TEXT_CHARS / 10_000} 万字（共 ${Math.round(text.length / 10_000)} 万字），请只上传方案正文`);
  }
  const parsed = readSource(text, file.fileName, {});
  // Numbering found but no task level: a draft still, for the coordinator to say where the tasks are.
  if (parsed.tasks.length === 0 && (parsed.structure.levels.length) === 0) {
    throw new AppError('INVALID_INPUT', '未能从文件中识别出任何任务条目，请确认上传的是方案正文（含“一、”“1．”等编号的任务）');
  }
  const sourceHash = sha256(parsed.source);
  const dup = await findDuplicatePlan(deps.db, sourceHash, parsed.document.number);
  if (dup) throw conflict(dup);
  const keys = firstKeys(parsed);
  const content = draftFromParsed(parsed, file.fileName, keys);
  const stored: StoredDraft = { ...content, reading: readingOf(parsed, keys, {}, await unitDirectory(deps.db), content.tasks) };
  const json = JSON.stringify(stored);
  if (Buffer.byteLength(json) > MAX_DRAFT_CONTENT_BYTES) throw new AppError('TOO_LARGE', '识别出的方案内容过大，无法保存为草稿，请只上传方案正文');
  const id = await deps.db.transaction().execute(async (trx) => {
    const draftId = await repo.insertDraft(trx, { file_name: file.fileName, source_hash: sourceHash, source_text: parsed.source, content: json }, deps.clock.iso());
    await recordAudit(trx, { ...auditOf(actor), action: 'import.upload', entityType: 'import_draft', entityId: draftId, after: { fileName: file.fileName, tasks: content.tasks.length } });
    return draftId;
  });
  return getDraft(deps, id);
}

export async function getDraft(deps: Deps, id: number) {
  const row = await repo.findDraft(deps.db, id);
  if (!row || row.status === 'discarded') throw notFound('导入草稿');
  return draftDto(row);
}

async function openDraft(trx: Deps['db'], id: number) {
  const row = await repo.findDraft(trx, id);
  if (!row || row.status === 'discarded') throw notFound('导入草稿');
  if (row.status === 'committed') throw new AppError('CONFLICT', '该草稿已提交导入', { planId: row.plan_id, url: `/plans/${row.plan_id}` });
  return row;
}

/** Saves the coordinator's corrections (already validated at the edge). */
export async function saveDraft(deps: Deps, actor: Actor, id: number, content: DraftContent) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await openDraft(trx, id);
    const stored = JSON.parse(row.content) as StoredDraft;
    const { reading: _, ...before } = stored;
    // The reading is the server's: kept as it was, with the unit check run again on the edited units.
    const reading = storedReading(stored, row.source_text, row.file_name);
    const next: StoredDraft = { ...content, reading: { ...reading, warnings: withUnitWarnings(reading.warnings, content.tasks, await unitDirectory(trx)) } };
    await repo.updateDraftContent(trx, id, JSON.stringify(next), deps.clock.iso());
    await recordAudit(trx, { ...auditOf(actor), action: 'import.edit', entityType: 'import_draft', entityId: id, before, after: content });
  });
  return getDraft(deps, id);
}

/** Whether `offset` starts a line of `source` (what "this line starts a task" may point at). */
const startsLine = (source: string, offset: number) => offset < source.length && (offset === 0 || source[offset - 1] === '\n');

/**
 * Reads the draft's source again with the coordinator's structure choice and merges the new reading
 * into the draft, keeping the edits made elsewhere (the rule is core/draft/reread.ts's). Document
 * metadata and goals are left as the coordinator has them. All or nothing: a choice that yields no
 * task is refused and the draft stays as it was.
 */
export async function rereadDraft(deps: Deps, actor: Actor, id: number, options: ReadOptions) {
  const summary = await deps.db.transaction().execute(async (trx) => {
    const row = await openDraft(trx, id);
    const stored = JSON.parse(row.content) as StoredDraft;
    const previous = storedReading(stored, row.source_text, row.file_name);
    const starts = options.taskStarts === undefined ? undefined : [...new Set(options.taskStarts)].sort((a, b) => a - b);
    const bad = starts?.find((s) => !startsLine(row.source_text, s));
    if (bad !== undefined) throw new AppError('INVALID_INPUT', '标记的任务起始位置不是原文中某一行的开头', { field: 'taskStarts', offset: bad });
    const choice: ReadOptions = { ...(options.taskLevel === undefined ? {} : { taskLevel: options.taskLevel }), ...(starts === undefined ? {} : { taskStarts: starts }) };
    const parsed = readSource(row.source_text, row.file_name, choice);
    const levels = parsed.structure.levels;
    if (choice.taskLevel !== undefined && !levels.some((l) => l.form === choice.taskLevel)) {
      throw new AppError('INVALID_INPUT', '所选层级不在本文件识别出的编号层级中', { field: 'taskLevel' });
    }
    // The reader keeps the source it is given, so every stored span still points at the same text.
    if (parsed.source !== row.source_text) throw new AppError('INTERNAL', '重新识别失败：原文与草稿保存的不一致，草稿未改动');
    const merged = rereadTasks(stored.tasks, previous.baseline, parsed.tasks);
    if (merged.tasks.length === 0) throw new AppError('INVALID_INPUT', '按所选结构未能识别出任何任务，草稿未改动');
    if (merged.tasks.length > 5000) throw new AppError('INVALID_INPUT', '按所选结构识别出的任务过多（上限 5000 项），草稿未改动');
    const reading = {
      structure: { levels },
      warnings: withUnitWarnings(readerWarnings(parsed, merged.keyOfRead), merged.tasks, await unitDirectory(trx)),
      options: choice,
      baseline: merged.baseline,
    };
    const next: StoredDraft = { document: stored.document, goals: stored.goals, tasks: merged.tasks, reading };
    await repo.updateDraftContent(trx, id, JSON.stringify(next), deps.clock.iso());
    await recordAudit(trx, {
      ...auditOf(actor), action: 'import.reread', entityType: 'import_draft', entityId: id,
      before: { options: previous.options, tasks: stored.tasks.length }, after: { options: choice, ...merged.summary },
    });
    return merged.summary;
  });
  return { ...(await getDraft(deps, id)), reread: summary };
}

/** Turns a draft into a plan, all or nothing. */
export async function commitDraft(deps: Deps, actor: Actor, id: number) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await openDraft(trx, id);
    // Claimed first, conditional on still being a draft: of concurrent commits exactly one imports it.
    if (!(await repo.claimDraft(trx, id, 'committed', deps.clock.iso()))) throw new AppError('CONFLICT', '该草稿已提交导入');
    const checked = DraftContentSchema.safeParse(JSON.parse(row.content));
    if (!checked.success) {
      const details = checked.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      throw new AppError('INVALID_INPUT', `草稿有误，请先修正：${details.slice(0, 3).map((d) => `${d.field} ${d.message}`).join('；')}`, details);
    }
    const content = checked.data;
    const dup = await findDuplicatePlan(trx, row.source_hash, content.document.number);
    if (dup) throw conflict(dup);
    if (content.document.parentPlanId && !(await findPlanRow(trx, content.document.parentPlanId))) {
      throw new AppError('INVALID_INPUT', '所选上级方案不存在', { field: 'document.parentPlanId' });
    }
    const planId = await insertPlanTree(trx, {
      document: { ...content.document, level: content.document.level as PlanLevel | null },
      goals: content.goals, tasks: content.tasks, source: row.source_text, sourceHash: row.source_hash, fileName: row.file_name, importedAt: deps.clock.iso(),
    });
    await repo.setDraftStatus(trx, id, 'committed', planId, deps.clock.iso());
    await recordAudit(trx, { ...auditOf(actor), action: 'plan.import', entityType: 'plan', entityId: planId, after: { draftId: id, title: content.document.title, number: content.document.number, tasks: content.tasks.length } });
    return { planId };
  });
}

export async function discardDraft(deps: Deps, actor: Actor, id: number) {
  await deps.db.transaction().execute(async (trx) => {
    await openDraft(trx, id);
    if (!(await repo.claimDraft(trx, id, 'discarded', deps.clock.iso()))) throw new AppError('CONFLICT', '该草稿已提交导入或已删除');
    await recordAudit(trx, { ...auditOf(actor), action: 'import.discard', entityType: 'import_draft', entityId: id });
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
