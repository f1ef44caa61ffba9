/** The contract of the audit trail: search, verification of its hash chain, and retention. */
import { z } from 'zod';
import { ARCHIVE_BREAKS, CHAIN_BREAKS } from '../audit/chain.ts';
import { AUDIT_OUTCOMES } from '../audit/outcomes.ts';
import { IsoDate } from './common.ts';

export { AUDIT_OUTCOME_LABELS, AUDIT_OUTCOMES } from '../audit/outcomes.ts';
export type { AuditOutcome } from '../audit/outcomes.ts';


export const AuditQuerySchema = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** YYYY-MM-DD, Asia/Shanghai days. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
/** The filters of the audit page (the paging is the table's). */
export type AuditQuery = { [K in 'actor' | 'action' | 'entityType' | 'outcome' | 'from' | 'to']?: z.output<typeof AuditQuerySchema>[K] | null };

/** One audit event; `at` is ISO UTC, `seq` and `hash` its place in the hash chain (null until chained). */
export const AuditEventSchema = z.object({
  id: z.number(), at: z.string(), actorId: z.number().nullable(), actorName: z.string().nullable(), actorUnitId: z.number().nullable(), action: z.string(),
  entityType: z.string(), entityId: z.string().nullable(), before: z.unknown(), after: z.unknown(), clientIp: z.string().nullable(), outcome: z.string(),
  seq: z.number().nullable(), hash: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export const AuditListSchema = z.object({ data: z.array(AuditEventSchema), total: z.number() });

export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  lastSeq: z.number(),
  pending: z.number(),
  anchor: z.object({ seq: z.number(), hash: z.string(), archiveId: z.number().nullable() }),
  firstBroken: z.object({ seq: z.number(), id: z.number().nullable(), reason: z.enum(CHAIN_BREAKS), message: z.string() }).nullable(),
  checkedAt: z.string(),
  /** With ?archives=true: the archive files too, from the genesis hash to the database's first row. */
  archives: z
    .object({
      ok: z.boolean(), archives: z.number(), rows: z.number(),
      firstBroken: z.object({ archiveId: z.number(), file: z.string(), seq: z.number().nullable(), reason: z.enum(ARCHIVE_BREAKS), message: z.string() }).nullable(),
    })
    .nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
export const VerifyQuerySchema = z.object({ archives: z.enum(['true', 'false']).default('false') });

/** An archive of purged audit rows. */
export const AuditArchiveSchema = z.object({ id: z.number(), fromSeq: z.number(), toSeq: z.number(), rows: z.number(), firstAt: z.string(), lastAt: z.string(), file: z.string(), sha256: z.string(), bytes: z.number(), createdAt: z.string() });
export type AuditArchive = z.infer<typeof AuditArchiveSchema>;
/** `GET /api/audit/retention`: `days` the trail is kept in the database (at least 180), and its archives. */
export const AuditRetentionSchema = z.object({ days: z.number(), archiveDir: z.string(), oldestAt: z.string().nullable(), archives: z.array(AuditArchiveSchema) });
export type AuditRetentionInfo = z.infer<typeof AuditRetentionSchema>;
