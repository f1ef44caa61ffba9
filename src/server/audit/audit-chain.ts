import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { chainInput, type ChainBreak, type ChainRow } from '#core/audit/chain.ts';
import type { Deps } from '../context.ts';
import type { Dialect } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import { chainAnchor, chainTail, countUnsealed, lockSealing, type Seal, sealedRowsFrom, unsealedRows, writeSeals } from './audit.repo.ts';

/**
 * The hash chain over audit_events, sealed in a pass over committed rows rather than in each writing
 * transaction. Why: on PostgreSQL ids come from a sequence before commit, so two writers commit out of id
 * order; chaining inside the write would need one lock held from the audit insert to the commit of every
 * business transaction (all writes serialised, and a deadlock risk where a write locks rows after its
 * audit insert). The pass instead takes committed, unsealed rows in id order and gives each the next
 * `seq`: a row committed late just gets a later place. Writers pay nothing; one advisory lock
 * (PostgreSQL) keeps two nodes from sealing at once, and the unique index on seq backs it up.
 * Until sealed (seconds) a row is still protected by the append-only triggers.
 */

/** Rows sealed per transaction: short transactions, and the event loop gets a turn between them. */
const SEAL_BATCH = 500;
/** Rows read per page when verifying. */
const VERIFY_PAGE = 2_000;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The hash a row should have after `prevHash`. */
export function hashOf(prevHash: string, r: ChainRow): string {
  return sha256Hex(chainInput(prevHash, r));
}

async function sealBatch(db: Kysely<DB>, dialect: Dialect): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockSealing(trx, dialect);
    let { seq, hash } = await chainTail(trx);
    const rows = await unsealedRows(trx, SEAL_BATCH);
    if (!rows.length) return 0;
    const seals: Seal[] = [];
    for (const r of rows) {
      seq += 1;
      const next = hashOf(hash, { ...r, seq });
      seals.push({ id: r.id, seq, prev_hash: hash, hash: next });
      hash = next;
    }
    // Every row read must take its seal, or none does: a row sealed meanwhile (it cannot be, under the
    // lock) would leave a gap in the chain.
    const sealed = await writeSeals(trx, dialect, seals);
    if (sealed !== rows.length) throw new Error(`audit sealing: ${sealed} of ${rows.length} rows took their seal`);
    return rows.length;
  });
}

/** Seals every committed row not sealed yet; returns how many. */
export async function sealAuditChain(deps: Pick<Deps, 'db' | 'dialect'>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealBatch(deps.db, deps.dialect);
    total += n;
    if (n < SEAL_BATCH) return total;
    await yieldToLoop();
  }
}

export type { ChainBreak };
const BREAK_MESSAGES: Record<ChainBreak, string> = {
  missing: '链条中缺少记录（记录被删除）',
  link: '与前一条记录的链接不符（记录被替换或重排）',
  hash: '记录内容与其哈希不符（记录被修改）',
};

export interface ChainVerification {
  ok: boolean;
  /** Sealed rows checked. */
  checked: number;
  /** The last seq checked (0 when the chain is empty). */
  lastSeq: number;
  /** Rows not sealed yet (written while the check ran). */
  pending: number;
  anchor: { seq: number; hash: string; archiveId: number | null };
  firstBroken: { seq: number; id: number | null; reason: ChainBreak; message: string } | null;
  checkedAt: string;
}

/**
 * Seals what is pending, then walks the chain from its anchor in seq order and reports the first link
 * that does not hold: a seq missing (a row deleted), a prev_hash that is not the previous row's hash (a
 * row replaced), or a hash that does not match the row's content (a row changed).
 */
export async function verifyAuditChain(deps: Pick<Deps, 'db' | 'dialect'>): Promise<ChainVerification> {
  await sealAuditChain(deps);
  const anchor = await chainAnchor(deps.db);
  let expected = anchor.seq + 1;
  let prev = anchor.hash;
  let checked = 0;
  let firstBroken: ChainVerification['firstBroken'] = null;
  outer: for (;;) {
    const rows = await sealedRowsFrom(deps.db, expected, VERIFY_PAGE);
    for (const r of rows) {
      const seq = r.seq!;
      const broken = (reason: ChainBreak, at: number, id: number | null) => ({ seq: at, id, reason, message: BREAK_MESSAGES[reason] });
      if (seq !== expected) {
        firstBroken = broken('missing', expected, null);
        break outer;
      }
      if (r.prev_hash !== prev) {
        firstBroken = broken('link', seq, r.id);
        break outer;
      }
      if (hashOf(prev, { ...r, seq }) !== r.hash) {
        firstBroken = broken('hash', seq, r.id);
        break outer;
      }
      prev = r.hash;
      expected += 1;
      checked += 1;
    }
    if (rows.length < VERIFY_PAGE) break;
    await yieldToLoop();
  }
  const pending = await countUnsealed(deps.db);
  return { ok: firstBroken === null, checked, lastSeq: expected - 1, pending, anchor, firstBroken, checkedAt: new Date().toISOString() };
}
