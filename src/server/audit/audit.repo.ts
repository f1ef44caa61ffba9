import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../context.ts';
import type { DB } from '../db/schema.ts';

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
  /** 'denied' records a refused attempt. */
  outcome?: 'ok' | 'denied';
}

/** The actor fields of an AuditEvent. */
export function auditOf(actor: Actor) {
  return { actorId: actor.userId, actorUnitId: actor.unitId, actorName: actor.name, clientIp: actor.ip };
}

/** Records one AuditEvent; call it inside the transaction of the write it describes. */
export async function recordAudit(trx: Kysely<DB> | Transaction<DB>, e: AuditInput): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      at: new Date().toISOString(),
      actor_id: e.actorId ?? null,
      actor_unit_id: e.actorUnitId ?? null,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId == null ? null : String(e.entityId),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      client_ip: e.clientIp ?? null,
      actor_name: e.actorName ?? null,
      outcome: e.outcome ?? 'ok',
    })
    .execute();
}
