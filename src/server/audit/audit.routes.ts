import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses, IdParams, IsoDate } from '../../core/api/common.ts';
import { putAuditRetention } from '../settings/settings.service.ts';
import { verifyAuditArchives } from './audit-archive-verify.ts';
import { verifyAuditChain } from './audit-chain.ts';
import * as service from './audit.service.ts';

/** Who may change how long the audit trail is kept: the audit administrator (三权分立), not the system administrator. */
export const AUDIT_RETENTION_WRITE_ACTION = 'audit.manage' as const;

const AuditQuery = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  outcome: z.enum(['ok', 'denied', 'read']).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
const AuditList = z.object({
  data: z.array(z.object({
    id: z.number(), at: z.string(), actorId: z.number().nullable(), actorName: z.string().nullable(), actorUnitId: z.number().nullable(), action: z.string(),
    entityType: z.string(), entityId: z.string().nullable(), before: z.unknown(), after: z.unknown(), clientIp: z.string().nullable(), outcome: z.string(),
    seq: z.number().nullable(), hash: z.string().nullable(),
  })),
  total: z.number(),
});
const Verification = z.object({
  ok: z.boolean(),
  checked: z.number(),
  lastSeq: z.number(),
  pending: z.number(),
  anchor: z.object({ seq: z.number(), hash: z.string(), archiveId: z.number().nullable() }),
  firstBroken: z.object({ seq: z.number(), id: z.number().nullable(), reason: z.enum(['missing', 'link', 'hash']), message: z.string() }).nullable(),
  checkedAt: z.string(),
  /** With ?archives=true: the archive files too, from the genesis hash to the database's first row. */
  archives: z
    .object({
      ok: z.boolean(), archives: z.number(), rows: z.number(),
      firstBroken: z.object({ archiveId: z.number(), file: z.string(), seq: z.number().nullable(), reason: z.enum(['file', 'sha256', 'missing', 'link', 'hash', 'anchor']), message: z.string() }).nullable(),
    })
    .nullable(),
});
const VerifyQuery = z.object({ archives: z.enum(['true', 'false']).default('false') });
const Retention = z.object({
  days: z.number(),
  archiveDir: z.string(),
  oldestAt: z.string().nullable(),
  archives: z.array(z.object({ id: z.number(), fromSeq: z.number(), toSeq: z.number(), rows: z.number(), firstAt: z.string(), lastAt: z.string(), file: z.string(), sha256: z.string(), bytes: z.number(), createdAt: z.string() })),
});
const errors = errorResponses(400, 401, 403, 429);

/** Read, export and verify only: the audit trail has no route that changes or deletes it. */
export function auditRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { action: 'audit.read' as const };
    app.get('/api/audit', { config, schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditList, ...errors } } }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return service.findAuditEvents(deps, filter, { page, pageSize });
    });
    app.get('/api/audit.xlsx', { config, schema: { tags: ['audit'], querystring: AuditQuery, hide: true } }, async (req, reply) => {
      const { page: _p, pageSize: _s, ...filter } = req.query;
      const stream = service.exportAuditXlsx(deps, filter);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent('审计日志.xlsx')}`)
        .send(stream);
    });
    app.get('/api/audit/verify', { config, schema: { tags: ['audit'], querystring: VerifyQuery, response: { 200: Verification, ...errors } } }, async (req) => {
      const chain = await verifyAuditChain(deps);
      const archives = req.query.archives === 'true' ? await verifyAuditArchives(deps) : null;
      // `ok` covers everything checked: the database's chain, and the archives when asked for.
      return { ...chain, ok: chain.ok && (archives?.ok ?? true), archives };
    });
    // An archive of purged rows (one JSON object a line, gzip), exactly as written: its SHA-256 is in the retention info.
    app.get('/api/audit/archives/:id', { config, schema: { tags: ['audit'], params: IdParams, hide: true } }, async (req, reply) => {
      const archive = await service.openAuditArchive(deps, req.params.id);
      return reply
        .type('application/gzip')
        .header('content-length', archive.bytes)
        .header('content-disposition', `attachment; filename="${archive.file}"`)
        .send(archive.stream);
    });
    app.get('/api/audit/retention', { config, schema: { tags: ['audit'], response: { 200: Retention, ...errors } } }, async () => service.auditRetentionInfo(deps));
    // Under /api/settings: it changes a setting, not the trail.
    app.put(
      '/api/settings/audit-retention',
      { config: { action: AUDIT_RETENTION_WRITE_ACTION }, schema: { tags: ['settings'], body: z.unknown(), response: { 200: Retention, ...errors } } },
      async (req) => {
        await putAuditRetention(deps, actorOf(req), req.body);
        return service.auditRetentionInfo(deps);
      },
    );
  };
}
