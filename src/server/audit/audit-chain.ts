import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql, type Kysely, type Transaction } from 'kysely';
import { chainInput, GENESIS_HASH, type ChainBreak, type ChainRow } from '#core/audit/chain.ts';
import type { Deps } from '../context.ts';
import type { Dialect } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';

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
/** pg_advisory_xact_lock key of the sealing pass (any constant unique to this lock). */
const SEAL_LOCK_KEY = 7_317_001;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

type Q = Kysely<DB> | Transaction<DB>;
const chainColumns = ['seq', 'id', 'at', 'actor_id', 'actor_unit_id', 'action', 'entity_type', 'entity_id', 'before', 'after', 'client_ip', 'outcome', 'actor_name', 'prev_hash', 'hash'] as const;

/** The hash a row should have after `prevHash`. */
export function hashOf(prevHash: string, r: ChainRow): string {
  return sha256Hex(chainInput(prevHash, r));
}

/** Where the chain starts: the last purged row (the newest archive), or the genesis hash. */
export async function chainAnchor(db: Q): Promise<{ seq: number; hash: string; archiveId: number | null }> {
  const a = await db.selectFrom('audit_archives').select(['id', 'to_seq', 'last_hash']).orderBy('to_seq', 'desc').limit(1).executeTakeFirst();
  return a ? { seq: a.to_seq, hash: a.last_hash, archiveId: a.id } : { seq: 0, hash: GENESIS_HASH, archiveId: null };
}

async function chainTail(trx: Q): Promise<{ seq: number; hash: string }> {
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (last?.seq != null && last.hash) return { seq: last.seq, hash: last.hash };
  return chainAnchor(trx);
}

async function sealBatch(db: Kysely<DB>, dialect: Dialect): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${SEAL_LOCK_KEY})`.execute(trx);
    let { seq, hash } = await chainTail(trx);
    const rows = await trx.selectFrom('audit_events').select(chainColumns).where('seq', 'is', null).orderBy('id').limit(SEAL_BATCH).execute();
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
    const sealed = await sealRows(trx, dialect, seals);
    if (sealed !== rows.length) throw new Error(`audit sealing: ${sealed} of ${rows.length} rows took their seal`);
    return rows.length;
  });
}

interface Seal {
  id: number;
  seq: number;
  prev_hash: string;
  hash: string;
}

/**
 * Writes a batch of seals in one statement (one round trip, one SQL text whatever the batch size, so
 * the prepared statement is reused): the seals travel as one JSON parameter. `hash is null`: the
 * append-only trigger allows this one update of a row, while it is unsealed, and still checks each row.
 */
async function sealRows(trx: Transaction<DB>, dialect: Dialect, seals: Seal[]): Promise<number> {
  const json = JSON.stringify(seals);
  const r =
    dialect === 'postgres'
      ? await sql`UPDATE audit_events AS e SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
          FROM jsonb_to_recordset(CAST(${json} AS jsonb)) AS v(id bigint, seq bigint, prev_hash text, hash text)
          WHERE e.id = v.id AND e.hash IS NULL`.execute(trx)
      : await sql`UPDATE audit_events SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
          FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.seq') AS seq, json_extract(value, '$.prev_hash') AS prev_hash, json_extract(value, '$.hash') AS hash FROM json_each(${json})) AS v
          WHERE audit_events.id = v.id AND audit_events.hash IS NULL`.execute(trx);
  return Number(r.numAffectedRows ?? 0n);
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
    const rows = await deps.db.selectFrom('audit_events').select(chainColumns).where('seq', '>=', expected).orderBy('seq').limit(VERIFY_PAGE).execute();
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
  const pending = await deps.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('n')).where('seq', 'is', null).executeTakeFirstOrThrow();
  return { ok: firstBroken === null, checked, lastSeq: expected - 1, pending: Number(pending.n), anchor, firstBroken, checkedAt: new Date().toISOString() };
}
