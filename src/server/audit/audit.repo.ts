import type { Kysely, Transaction } from 'kysely';
import type { ThrottleSummary } from '#core/audit/throttle.ts';
import type { Actor } from '../context.ts';
import type { DB } from '../db/schema.ts';
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
