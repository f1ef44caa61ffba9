import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { GENESIS_HASH } from '#core/audit/chain.ts';
import type { ThrottleSummary } from '#core/audit/throttle.ts';
import type { Actor } from '../context.ts';
import type { Dialect } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import { containsText, num } from '../db/util.ts';
import { auditContext } from './audit-context.ts';

export type { AuditOutcome } from '#core/api/audit.ts';
import type { AuditOutcome } from '#core/api/audit.ts';

export interface AuditInput {
  actorId?: number | null;
  actorUnitId?: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  clientIp?: string | null;
  actorName?: string | null;
  outcome?: AuditOutcome;
}

/**
 * Largest `before`/`after` payload stored, in UTF-8 bytes. The biggest snapshots the app writes by design
 * (a task's ledger, a circular's blocks, a calendar year) stay well under 16 KB; 64 KB leaves room for
 * those while one row can never carry megabytes. A larger payload is replaced by its first characters.
 */
export const AUDIT_PAYLOAD_MAX_BYTES = 64 * 1024;
/** Characters of an oversized payload kept as `head`, enough to see what it was. */
export const AUDIT_PAYLOAD_HEAD_CHARS = 2_000;
/** Longest entity id stored: ids are numbers or "METHOD /route/:pattern", far shorter. */
const ENTITY_ID_MAX_CHARS = 200;

/** Longest query string kept in an audit row; longer ones are cut and flagged `truncated`. */
export const AUDIT_QUERY_MAX_CHARS = 300;

/** A request URL as stored: the path, and the query cut at AUDIT_QUERY_MAX_CHARS (flagged `truncated`). */
export function boundedUrl(url: string): { url: string; query?: string; truncated?: true } {
  const i = url.indexOf('?');
  const path = (i < 0 ? url : url.slice(0, i)).slice(0, AUDIT_QUERY_MAX_CHARS);
  if (i < 0) return { url: path };
  const query = url.slice(i + 1);
  return query.length <= AUDIT_QUERY_MAX_CHARS ? { url: path, query } : { url: path, query: query.slice(0, AUDIT_QUERY_MAX_CHARS), truncated: true };
}

/** The actor fields of an AuditEvent. */
export function auditOf(actor: Actor) {
  return { actorId: actor.userId, actorUnitId: actor.unitId, actorName: actor.name, clientIp: actor.ip };
}

/** JSON of a payload, capped at AUDIT_PAYLOAD_MAX_BYTES. */
export function boundedJson(v: unknown): string | null {
  if (v === undefined) return null;
  const s = JSON.stringify(v);
  if (s === undefined) return null;
  const bytes = Buffer.byteLength(s);
  if (bytes <= AUDIT_PAYLOAD_MAX_BYTES) return s;
  return JSON.stringify({ truncated: true, bytes, head: s.slice(0, AUDIT_PAYLOAD_HEAD_CHARS) });
}

async function insertEvent(trx: Kysely<DB> | Transaction<DB>, e: AuditInput, at = new Date().toISOString()): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      at,
      actor_id: e.actorId ?? null,
      actor_unit_id: e.actorUnitId ?? null,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId == null ? null : String(e.entityId).slice(0, ENTITY_ID_MAX_CHARS),
      before: boundedJson(e.before),
      after: boundedJson(e.after),
      client_ip: e.clientIp ?? null,
      actor_name: e.actorName ?? null,
      outcome: e.outcome ?? 'ok',
    })
    .execute();
}

/** The throttle key: who (account, else address), what, and how it ended. */
export const throttleKey = (e: AuditInput): string => `${e.actorId ?? `ip:${e.clientIp ?? ''}`}|${e.action}|${e.outcome ?? 'ok'}`;

/** Writes the summary row of a throttled window: the sample's actor and action, with how many were left out. */
export async function recordSummary(db: Kysely<DB> | Transaction<DB>, s: ThrottleSummary<AuditInput>): Promise<void> {
  const { before: _b, after: _a, ...sample } = s.sample;
  await insertEvent(db, { ...sample, after: { repeated: s.suppressed, from: new Date(s.from).toISOString(), to: new Date(s.to).toISOString() } });
}

/**
 * Records one AuditEvent; call it inside the transaction of the write it describes. Inside a request,
 * refusals and sensitive reads pass the app's throttle: beyond its burst they are counted into a
 * summary row instead of being written one by one.
 */
export async function recordAudit(trx: Kysely<DB> | Transaction<DB>, e: AuditInput): Promise<void> {
  const ctx = auditContext.getStore();
  if (ctx && e.outcome !== undefined && e.outcome !== 'ok') {
    if (e.outcome === 'denied') ctx.denied = true;
    const { record, summaries } = ctx.throttle.admit(throttleKey(e), e, Date.now());
    for (const s of summaries) await recordSummary(trx, s);
    if (!record) return;
  }
  await insertEvent(trx, e);
}

/** One archive of purged rows. */
export async function findAuditArchive(db: Kysely<DB>, id: number) {
  return db.selectFrom('audit_archives').selectAll().where('id', '=', id).executeTakeFirst();
}

// Days are China days: 2021-06-01 starts at 2021-05-31T16:00Z.
export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  outcome?: AuditOutcome | undefined;
  /** YYYY-MM-DD, in China time. */
  from?: string | undefined;
  to?: string | undefined;
}

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

/** One page of the audit trail, newest first, with the count for the filter. */
export async function findAuditPage(db: Kysely<DB>, f: AuditFilter, page: { offset: number; limit: number }) {
  const base = filtered(db, f);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute(),
    base.select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: num(count.c) };
}

/** The next page of an export walking the trail newest first, below `cursor` (an id) when given. */
export async function auditExportPage(db: Kysely<DB>, f: AuditFilter, cursor: number | null, limit: number) {
  let q = filtered(db, f).selectAll().orderBy('id', 'desc').limit(limit);
  if (cursor !== null) q = q.where('id', '<', cursor);
  return q.execute();
}

export async function latestArchives(db: Kysely<DB>, limit: number) {
  return db.selectFrom('audit_archives').selectAll().orderBy('to_seq', 'desc').limit(limit).execute();
}

/** Every archive in chain order (the archive check walks them all). */
export async function archivesInOrder(db: Kysely<DB>) {
  return db.selectFrom('audit_archives').selectAll().orderBy('from_seq').execute();
}

export async function oldestAuditAt(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('audit_events')
    .select((e) => e.fn.min('at').as('at'))
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/** The sealed row at `seq`: where the chain left in the database continues the archives. */
export async function chainLinkAt(db: Kysely<DB>, seq: number) {
  return db.selectFrom('audit_events').select(['seq', 'prev_hash']).where('seq', '=', seq).executeTakeFirst();
}

// The hash chain: sealing and verifying (audit-chain.ts) and purging (audit-retention.ts) read and write through these.

type Q = Kysely<DB> | Transaction<DB>;
/** The columns a row's chain hash covers, with its seal. */
const CHAIN_COLUMNS = [
  'seq',
  'id',
  'at',
  'actor_id',
  'actor_unit_id',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'client_ip',
  'outcome',
  'actor_name',
  'prev_hash',
  'hash',
] as const;
/** pg_advisory_xact_lock key of the sealing pass (any constant unique to this lock). */
const SEAL_LOCK_KEY = 7_317_001;

/** Where the chain starts: the last purged row (the newest archive), or the genesis hash. */
export async function chainAnchor(db: Q): Promise<{ seq: number; hash: string; archiveId: number | null }> {
  const a = await db.selectFrom('audit_archives').select(['id', 'to_seq', 'last_hash']).orderBy('to_seq', 'desc').limit(1).executeTakeFirst();
  return a ? { seq: a.to_seq, hash: a.last_hash, archiveId: a.id } : { seq: 0, hash: GENESIS_HASH, archiveId: null };
}

/** The newest sealed row's seq and hash, or the anchor when none is sealed. */
export async function chainTail(trx: Q): Promise<{ seq: number; hash: string }> {
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (last?.seq != null && last.hash) return { seq: last.seq, hash: last.hash };
  return chainAnchor(trx);
}

/** Keeps two nodes from sealing at once (PostgreSQL; SQLite has one writer), until the transaction ends. */
export async function lockSealing(trx: Transaction<DB>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${SEAL_LOCK_KEY})`.execute(trx);
}

/** Committed rows not sealed yet, in id order. */
export async function unsealedRows(trx: Q, limit: number) {
  return trx.selectFrom('audit_events').select(CHAIN_COLUMNS).where('seq', 'is', null).orderBy('id').limit(limit).execute();
}

export interface Seal {
  id: number;
  seq: number;
  prev_hash: string;
  hash: string;
}

/**
 * Writes a batch of seals in one statement (one round trip, one SQL text whatever the batch size, so
 * the prepared statement is reused): the seals travel as one JSON parameter. `hash is null`: the
 * append-only trigger allows this one update of a row, while it is unsealed, and still checks each row.
 * Returns how many rows took their seal.
 */
export async function writeSeals(trx: Transaction<DB>, dialect: Dialect, seals: Seal[]): Promise<number> {
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

/** Sealed rows from `seq` on, in seq order: one page of the chain walk. */
export async function sealedRowsFrom(db: Q, seq: number, limit: number) {
  return db.selectFrom('audit_events').select(CHAIN_COLUMNS).where('seq', '>=', seq).orderBy('seq').limit(limit).execute();
}

export async function countUnsealed(db: Q): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((e) => e.fn.countAll().as('n'))
    .where('seq', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first sealed row written at or after `at` (the first one still in retention), or null. */
export async function firstSealedSince(db: Q, at: string): Promise<number | null> {
  const row = await db
    .selectFrom('audit_events')
    .select((e) => e.fn.min('seq').as('s'))
    .where('seq', 'is not', null)
    .where('at', '>=', at)
    .executeTakeFirst();
  return row?.s != null ? Number(row.s) : null;
}

/** The highest seq sealed, or null when no row is. */
export async function lastSealedSeq(db: Q): Promise<number | null> {
  const row = await db
    .selectFrom('audit_events')
    .select((e) => e.fn.max('seq').as('s'))
    .executeTakeFirst();
  return row?.s != null ? Number(row.s) : null;
}

/** Whole rows after `afterSeq` up to `toSeq`, in seq order: one page of an archive. */
export async function rowsForArchive(db: Q, afterSeq: number, toSeq: number, limit: number) {
  return db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).where('seq', '<=', toSeq).orderBy('seq').limit(limit).execute();
}

/**
 * Deletes the sealed rows fromSeq..toSeq through the append-only trigger's controlled path: a
 * transaction-local setting on PostgreSQL, a permit row on SQLite, each withdrawn right after. Returns
 * how many rows went.
 */
export async function deleteSealedRange(trx: Transaction<DB>, dialect: Dialect, fromSeq: number, toSeq: number): Promise<number> {
  if (dialect === 'postgres') await sql`select set_config('tuijin.audit_purge', 'on', true)`.execute(trx);
  else await trx.insertInto('audit_purge_permits').values({ token: randomUUID() }).execute();
  const del = await trx.deleteFrom('audit_events').where('seq', '>=', fromSeq).where('seq', '<=', toSeq).executeTakeFirst();
  if (dialect === 'postgres') await sql`select set_config('tuijin.audit_purge', 'off', true)`.execute(trx);
  else await trx.deleteFrom('audit_purge_permits').execute();
  return Number(del.numDeletedRows);
}

export async function insertArchive(trx: Transaction<DB>, archive: Insertable<DB['audit_archives']>): Promise<void> {
  await trx.insertInto('audit_archives').values(archive).execute();
}
