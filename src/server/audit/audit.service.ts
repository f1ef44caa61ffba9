import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_OUTCOME_LABELS } from '#core/api/audit.ts';
import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream';
import { setTimeout as sleep, setImmediate as yieldToLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Deps } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { containsText, num } from '../db/util.ts';
import { AppError, notFound } from '../errors.ts';
import { getAuditRetention } from '../settings/settings.service.ts';
import { archiveDir } from './audit-retention.ts';
import { findAuditArchive, type AuditOutcome } from './audit.repo.ts';

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  outcome?: AuditOutcome | undefined;
  /** YYYY-MM-DD, in China time. */
  from?: string | undefined;
  to?: string | undefined;
}

// Days are China days: 2021-06-01 starts at 2021-05-31T16:00Z.
const dayStartUtc = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`)).toISOString();
const dayEndUtc = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_events');
  if (f.actor) q = q.where(containsText('actor_name', f.actor));
  if (f.action) q = q.where(containsText('action', f.action));
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('at', '>=', dayStartUtc(f.from));
  if (f.to) q = q.where('at', '<', dayEndUtc(f.to));
  return q;
}

const parse = (v: string | null): unknown => (v == null ? null : JSON.parse(v));

/** The audit trail, newest first. It is read-only: no route changes or deletes it. */
export async function findAuditEvents(deps: Deps, f: AuditFilter, page: { page: number; pageSize: number }) {
  const base = filtered(deps.db, f);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').offset((page.page - 1) * page.pageSize).limit(page.pageSize).execute(),
    base.select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow(),
  ]);
  return {
    data: rows.map((r) => ({
      id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, actorUnitId: r.actor_unit_id, action: r.action, entityType: r.entity_type,
      entityId: r.entity_id, before: parse(r.before), after: parse(r.after), clientIp: r.client_ip, outcome: r.outcome, seq: r.seq, hash: r.hash,
    })),
    total: num(count.c),
  };
}

/** Excel's own limit is 1,048,576 rows a sheet; the export stops just under it (header included). */
export const AUDIT_EXPORT_MAX_ROWS = 1_000_000;
/** Rows read per page (keyset by id): one page in memory at a time. */
export const AUDIT_EXPORT_PAGE = 1_000;
/**
 * Exports running at once on this node. Each holds a database cursor and a zip stream and costs CPU on
 * a 2-core host; two keep the rest of the app responsive, a third caller gets a 429 and retries.
 */
export const AUDIT_EXPORTS_MAX = 2;
/** Output bytes buffered for a slow client before the export waits for it to read. */
const EXPORT_BUFFER_BYTES = 4 * 1024 * 1024;
let exportsRunning = 0;

// Read by any stored outcome; a value outside the enum (none today) is written as it is.
const OUTCOME_LABELS: Record<string, string> = AUDIT_OUTCOME_LABELS;


/**
 * The filtered trail as a streamed .xlsx, newest first, times in China time. The workbook is written row
 * by row (ExcelJS WorkbookWriter) as pages of rows are read, with a turn of the event loop between pages
 * and a pause while the client is behind, so memory stays flat whatever the size. At most
 * AUDIT_EXPORTS_MAX run at once per node.
 */
export function exportAuditXlsx(deps: Deps, f: AuditFilter): Readable {
  if (exportsRunning >= AUDIT_EXPORTS_MAX) throw new AppError('RATE_LIMITED', `正在进行的审计日志导出已达 ${AUDIT_EXPORTS_MAX} 个，请稍后再试`);
  exportsRunning += 1;
  const out = new PassThrough();
  let released = false;
  finished(out, () => {
    if (!released) exportsRunning -= 1;
    released = true;
  });
  void writeWorkbook(deps, f, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

async function writeWorkbook(deps: Deps, f: AuditFilter, out: PassThrough): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [
    { header: '序号', key: 'id', width: 8 }, { header: '时间（北京时间）', key: 'at', width: 20 }, { header: '操作人', key: 'actor', width: 14 },
    { header: '操作', key: 'action', width: 20 }, { header: '对象类型', key: 'entityType', width: 14 }, { header: '对象', key: 'entityId', width: 16 },
    { header: '结果', key: 'outcome', width: 8 }, { header: '变更前', key: 'before', width: 50 }, { header: '变更后', key: 'after', width: 50 }, { header: '来源地址', key: 'ip', width: 16 },
    { header: '链序号', key: 'seq', width: 10 }, { header: '哈希', key: 'hash', width: 66 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  let cursor: number | null = null;
  let written = 0;
  while (written < AUDIT_EXPORT_MAX_ROWS && !out.destroyed) {
    let q = filtered(deps.db, f).selectAll().orderBy('id', 'desc').limit(Math.min(AUDIT_EXPORT_PAGE, AUDIT_EXPORT_MAX_ROWS - written));
    if (cursor !== null) q = q.where('id', '<', cursor);
    const rows = await q.execute();
    for (const r of rows) {
      ws.addRow({
        id: r.id, at: fmt.format(new Date(r.at)), actor: r.actor_name ?? '', action: r.action, entityType: r.entity_type, entityId: r.entity_id ?? '',
        outcome: OUTCOME_LABELS[r.outcome] ?? r.outcome, before: r.before ?? '', after: r.after ?? '', ip: r.client_ip ?? '', seq: r.seq ?? '', hash: r.hash ?? '',
      }).commit();
    }
    written += rows.length;
    if (rows.length < AUDIT_EXPORT_PAGE) break;
    cursor = rows[rows.length - 1]!.id;
    await yieldToLoop();
    // Back-pressure: the zip writer does not wait for the reader, so wait here while the client is behind.
    while (!out.destroyed && backlog(wb, out) > EXPORT_BUFFER_BYTES) await sleep(10);
  }
  if (out.destroyed) return;
  ws.commit();
  await wb.commit();
}

/** Bytes waiting between the zip writer (ExcelJS's archiver, not a public field) and the client. */
function backlog(wb: ExcelJS.stream.xlsx.WorkbookWriter, out: PassThrough): number {
  const zip = (wb as unknown as { zip?: { readableLength?: number; writableLength?: number } }).zip;
  return out.readableLength + out.writableLength + (zip?.readableLength ?? 0) + (zip?.writableLength ?? 0);
}

/** What the audit page shows about retention: the setting, the archives written so far and where they are. */
export async function auditRetentionInfo(deps: Deps) {
  const { days } = await getAuditRetention(deps);
  const archives = await deps.db.selectFrom('audit_archives').selectAll().orderBy('to_seq', 'desc').limit(20).execute();
  const oldest = await deps.db.selectFrom('audit_events').select((e) => e.fn.min('at').as('at')).executeTakeFirst();
  return {
    days,
    archiveDir: archiveDir(deps),
    oldestAt: (oldest?.at as string | null | undefined) ?? null,
    archives: archives.map((a) => ({ id: a.id, fromSeq: a.from_seq, toSeq: a.to_seq, rows: a.rows, firstAt: a.first_at, lastAt: a.last_at, file: a.file, sha256: a.sha256, bytes: a.bytes, createdAt: a.created_at })),
  };
}

/**
 * One archive file of purged rows, for download. The file must still be the one the purge wrote: a file
 * missing or of another size than recorded is a 404/409 rather than a silently different download.
 */
export async function openAuditArchive(deps: Deps, id: number): Promise<{ file: string; bytes: number; stream: Readable }> {
  const archive = await findAuditArchive(deps.db, id);
  if (!archive) throw notFound('审计日志归档');
  const path = join(archiveDir(deps), archive.file);
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null) throw new AppError('NOT_FOUND', `审计日志归档文件 ${archive.file} 不在归档目录中`);
  if (size !== archive.bytes) throw new AppError('CONFLICT', `审计日志归档文件 ${archive.file} 的大小与记录不符（${size} ≠ ${archive.bytes} 字节）`);
  return { file: archive.file, bytes: archive.bytes, stream: createReadStream(path) };
}
