import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_OUTCOME_LABELS } from '#core/api/audit.ts';
import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream';
import { setTimeout as sleep, setImmediate as yieldToLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { getAuditRetention } from '../settings/settings.service.ts';
import { archiveDir } from './audit-retention.ts';
import * as repo from './audit.repo.ts';
import { findAuditArchive } from './audit.repo.ts';
import type { AuditFilter } from './audit.repo.ts';

export type { AuditFilter } from './audit.repo.ts';

const parse = (v: string | null): unknown => (v == null ? null : JSON.parse(v));

/** The audit trail, newest first. It is read-only: no route changes or deletes it. */
export async function findAuditEvents(deps: Deps, f: AuditFilter, page: { page: number; pageSize: number }) {
  const { rows, total } = await repo.findAuditPage(deps.db, f, { offset: (page.page - 1) * page.pageSize, limit: page.pageSize });
  return {
    data: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorUnitId: r.actor_unit_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: parse(r.before),
      after: parse(r.after),
      clientIp: r.client_ip,
      outcome: r.outcome,
      seq: r.seq,
      hash: r.hash,
    })),
    total,
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
    { header: '序号', key: 'id', width: 8 },
    { header: '时间（北京时间）', key: 'at', width: 20 },
    { header: '操作人', key: 'actor', width: 14 },
    { header: '操作', key: 'action', width: 20 },
    { header: '对象类型', key: 'entityType', width: 14 },
    { header: '对象', key: 'entityId', width: 16 },
    { header: '结果', key: 'outcome', width: 8 },
    { header: '变更前', key: 'before', width: 50 },
    { header: '变更后', key: 'after', width: 50 },
    { header: '来源地址', key: 'ip', width: 16 },
    { header: '链序号', key: 'seq', width: 10 },
    { header: '哈希', key: 'hash', width: 66 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const fmt = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  let cursor: number | null = null;
  let written = 0;
  while (written < AUDIT_EXPORT_MAX_ROWS && !out.destroyed) {
    const rows = await repo.auditExportPage(deps.db, f, cursor, Math.min(AUDIT_EXPORT_PAGE, AUDIT_EXPORT_MAX_ROWS - written));
    for (const r of rows) {
      ws.addRow({
        id: r.id,
        at: fmt.format(new Date(r.at)),
        actor: r.actor_name ?? '',
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id ?? '',
        outcome: OUTCOME_LABELS[r.outcome] ?? r.outcome,
        before: r.before ?? '',
        after: r.after ?? '',
        ip: r.client_ip ?? '',
        seq: r.seq ?? '',
        hash: r.hash ?? '',
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
  const archives = await repo.latestArchives(deps.db, 20);
  const oldestAt = await repo.oldestAuditAt(deps.db);
  return {
    days,
    archiveDir: archiveDir(deps),
    oldestAt,
    archives: archives.map((a) => ({
      id: a.id,
      fromSeq: a.from_seq,
      toSeq: a.to_seq,
      rows: a.rows,
      firstAt: a.first_at,
      lastAt: a.last_at,
      file: a.file,
      sha256: a.sha256,
      bytes: a.bytes,
      createdAt: a.created_at,
    })),
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
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) throw new AppError('NOT_FOUND', `审计日志归档文件 ${archive.file} 不在归档目录中`);
  if (size !== archive.bytes) throw new AppError('CONFLICT', `审计日志归档文件 ${archive.file} 的大小与记录不符（${size} ≠ ${archive.bytes} 字节）`);
  return { file: archive.file, bytes: archive.bytes, stream: createReadStream(path) };
}
