import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { GENESIS_HASH, type ArchiveBreak, type ChainRow } from '#core/audit/chain.ts';
import type { Deps } from '../context.ts';
import { hashOf } from './audit-chain.ts';
import { archiveDir } from './audit-retention.ts';

export type { ArchiveBreak };
const MESSAGES: Record<ArchiveBreak, string> = {
  file: '归档文件不在归档目录中',
  sha256: '归档文件的 SHA-256 与清理时记录的不符（文件被替换或修改）',
  missing: '归档中缺少记录（序号不连续）',
  link: '与前一条记录的链接不符（记录被替换或重排）',
  hash: '记录内容与其哈希不符（记录被修改）',
  anchor: '归档的最后一条与清理时记录的链尾不符',
};

export interface ArchiveVerification {
  ok: boolean;
  /** Archive files read to the end. */
  archives: number;
  /** Archived rows re-hashed. */
  rows: number;
  firstBroken: { archiveId: number; file: string; seq: number | null; reason: ArchiveBreak; message: string } | null;
}

type ArchivedRow = ChainRow & { prev_hash: string | null; hash: string | null };

/**
 * The history before the database's chain: every archive file, oldest first, read as a stream, its bytes
 * hashed against the SHA-256 recorded when it was written and its rows re-hashed from the genesis hash,
 * each archive continuing the one before and the first row still in the database continuing the last.
 * With verifyAuditChain this proves the whole trail since the first row, purged parts included.
 */
export async function verifyAuditArchives(deps: Pick<Deps, 'db' | 'config'>): Promise<ArchiveVerification> {
  const archives = await deps.db.selectFrom('audit_archives').selectAll().orderBy('from_seq').execute();
  let prev = GENESIS_HASH;
  let expected = 1;
  let rows = 0;
  let read = 0;
  for (const a of archives) {
    const broken = (reason: ArchiveBreak, seq: number | null): ArchiveVerification => ({ ok: false, archives: read, rows, firstBroken: { archiveId: a.id, file: a.file, seq, reason, message: MESSAGES[reason] } });
    if (a.from_seq !== expected) return broken('missing', expected);
    const path = join(archiveDir(deps), a.file);
    if (!(await access(path).then(() => true, () => false))) return broken('file', null);
    const digest = createHash('sha256');
    const file = createReadStream(path);
    file.on('data', (chunk) => digest.update(chunk));
    const lines = createInterface({ input: file.pipe(createGunzip()), crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!line) continue;
        const r = JSON.parse(line) as ArchivedRow;
        if (r.seq !== expected) return broken('missing', expected);
        if (r.prev_hash !== prev) return broken('link', r.seq);
        if (hashOf(prev, r) !== r.hash) return broken('hash', r.seq);
        prev = r.hash;
        expected += 1;
        rows += 1;
      }
    } catch {
      // Not gzip, or not JSON lines: the file is not the one written.
      return broken('sha256', null);
    } finally {
      lines.close();
      file.destroy();
    }
    if (digest.digest('hex') !== a.sha256) return broken('sha256', null);
    if (expected - 1 !== a.to_seq) return broken('missing', expected);
    if (prev !== a.last_hash) return broken('anchor', a.to_seq);
    read += 1;
  }
  const next = await deps.db.selectFrom('audit_events').select(['seq', 'prev_hash']).where('seq', '=', expected).executeTakeFirst();
  if (archives.length > 0 && next && next.prev_hash !== prev) {
    const last = archives[archives.length - 1]!;
    return { ok: false, archives: read, rows, firstBroken: { archiveId: last.id, file: last.file, seq: expected, reason: 'link', message: `数据库中第 ${expected} 条记录未接续最后一个归档` } };
  }
  return { ok: true, archives: read, rows, firstBroken: null };
}
