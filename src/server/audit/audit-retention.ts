import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import type { Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { getAuditRetention } from '../settings/settings.service.ts';
import { sealAuditChain } from './audit-chain.ts';
import { chainAnchor, deleteSealedRange, firstSealedSince, insertArchive, lastSealedSeq, recordAudit, rowsForArchive } from './audit.repo.ts';

/** Archive files live here, one .jsonl.gz per purged range, named by its seq range. */
export const archiveDir = (deps: Pick<Deps, 'config'>): string => join(deps.config.dataDir, 'audit-archive');
/** Rows purged per run at most, so one run's archive file and delete stay a bounded size; the next run continues. */
export const AUDIT_PURGE_MAX_ROWS = 200_000;
/** Rows read per page while writing the archive. */
const ARCHIVE_PAGE = 2_000;

export interface PurgeResult {
  fromSeq: number;
  toSeq: number;
  rows: number;
  file: string;
  sha256: string;
  bytes: number;
  cutoff: string;
}

/**
 * Purges audit rows older than the retention setting, oldest first and only after they are archived:
 * the range is written to DATA_DIR/audit-archive/audit-<from>-<to>.jsonl.gz (fsynced, then renamed into
 * place), and in one transaction the rows are deleted through the trigger's controlled path, the archive
 * (with its SHA-256 and the hash of the last purged row, the new chain anchor) is stored and the purge is
 * itself audited. Returns null when nothing is old enough.
 */
export async function purgeExpiredAudit(deps: Deps, opts: { now?: Date } = {}): Promise<PurgeResult | null> {
  const now = opts.now ?? new Date();
  const { days } = await getAuditRetention(deps);
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  await sealAuditChain(deps);
  const anchor = await chainAnchor(deps.db);
  const fromSeq = anchor.seq + 1;
  // The purgeable range is a prefix of the chain: everything sealed before the first row still in retention.
  const keep = await firstSealedSince(deps.db, cutoff);
  const last = keep !== null ? keep - 1 : ((await lastSealedSeq(deps.db)) ?? anchor.seq);
  const toSeq = Math.min(last, fromSeq + AUDIT_PURGE_MAX_ROWS - 1);
  if (toSeq < fromSeq) return null;

  const dir = archiveDir(deps);
  await mkdir(dir, { recursive: true });
  const file = `audit-${String(fromSeq).padStart(10, '0')}-${String(toSeq).padStart(10, '0')}.jsonl.gz`;
  const path = join(dir, file);
  const tmp = `${path}.${randomUUID()}.tmp`;
  const written = await writeArchive(deps, fromSeq, toSeq, tmp);
  try {
    if (written.rows !== toSeq - fromSeq + 1) throw new AppError('CONFLICT', `审计日志归档不完整：应为 ${toSeq - fromSeq + 1} 条，实际 ${written.rows} 条`);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }

  const result: PurgeResult = { fromSeq, toSeq, rows: written.rows, file, sha256: written.sha256, bytes: written.bytes, cutoff };
  await deps.db.transaction().execute(async (trx) => {
    const deleted = await deleteSealedRange(trx, deps.dialect, fromSeq, toSeq);
    if (deleted !== written.rows) throw new AppError('CONFLICT', '审计日志清理的行数与归档不符，已撤销');
    await insertArchive(trx, {
      from_seq: fromSeq,
      to_seq: toSeq,
      rows: written.rows,
      first_at: written.firstAt,
      last_at: written.lastAt,
      last_hash: written.lastHash,
      file,
      sha256: written.sha256,
      bytes: written.bytes,
      created_at: now.toISOString(),
    });
    await recordAudit(trx, { action: 'audit.purge', entityType: 'audit', entityId: file, actorName: 'system', after: { ...result, days } });
  });
  return result;
}

/** Streams the rows fromSeq..toSeq (one JSON object a line) into a gzip file, hashing the bytes written. */
async function writeArchive(deps: Deps, fromSeq: number, toSeq: number, path: string) {
  const gzip = createGzip();
  const out = createWriteStream(path);
  const digest = createHash('sha256');
  let bytes = 0;
  gzip.on('data', (chunk: Buffer) => {
    digest.update(chunk);
    bytes += chunk.length;
  });
  gzip.pipe(out);
  let rows = 0;
  let firstAt = '';
  let lastAt = '';
  let lastHash = '';
  let cursor = fromSeq - 1;
  try {
    for (;;) {
      const page = await rowsForArchive(deps.db, cursor, toSeq, ARCHIVE_PAGE);
      for (const r of page) {
        if (!gzip.write(`${JSON.stringify(r)}\n`)) await new Promise((resolve) => gzip.once('drain', resolve));
        if (rows === 0) firstAt = r.at;
        lastAt = r.at;
        lastHash = r.hash!;
        cursor = r.seq!;
        rows += 1;
      }
      if (page.length < ARCHIVE_PAGE) break;
      await yieldToLoop();
    }
    gzip.end();
    await finished(out);
    // Durable before the rows it holds are deleted.
    const fh = await open(path, 'r');
    await fh.sync();
    await fh.close();
  } catch (err) {
    gzip.destroy();
    out.destroy();
    await rm(path, { force: true });
    throw err;
  }
  return { rows, firstAt, lastAt, lastHash, sha256: digest.digest('hex'), bytes };
}
