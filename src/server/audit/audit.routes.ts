import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { AuditListSchema, AuditQuerySchema, AuditRetentionSchema, AuditVerificationSchema, VerifyQuerySchema } from '#core/api/audit.ts';
import { errorResponses, fileResponse, IdParams, MIME } from '#core/api/common.ts';
import { putAuditRetention } from '../settings/settings.service.ts';
import { verifyAuditArchives } from './audit-archive-verify.ts';
import { verifyAuditChain } from './audit-chain.ts';
import * as service from './audit.service.ts';

/** Who may change how long the audit trail is kept: the audit administrator (三权分立), not the system administrator. */
export const AUDIT_RETENTION_WRITE_ACTION = 'audit.manage' as const;

const errors = errorResponses(400, 401, 403, 429);

/** Read, export and verify only: the audit trail has no route that changes or deletes it. */
export function auditRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { action: 'audit.read' as const };
    app.get(
      '/api/audit',
      { config, schema: { tags: ['audit'], querystring: AuditQuerySchema, response: { 200: AuditListSchema, ...errors } } },
      async (req) => {
        const { page, pageSize, ...filter } = req.query;
        return service.findAuditEvents(deps, filter, { page, pageSize });
      },
    );
    app.get(
      '/api/audit.xlsx',
      { config, schema: { tags: ['audit'], querystring: AuditQuerySchema, response: { 200: fileResponse('审计日志导出（流式）', MIME.xlsx), ...errors } } },
      async (req, reply) => {
        const { page: _p, pageSize: _s, ...filter } = req.query;
        const stream = service.exportAuditXlsx(deps, filter);
        return reply
          .type(MIME.xlsx)
          .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent('审计日志.xlsx')}`)
          .send(stream);
      },
    );
    app.get(
      '/api/audit/verify',
      { config, schema: { tags: ['audit'], querystring: VerifyQuerySchema, response: { 200: AuditVerificationSchema, ...errors } } },
      async (req) => {
        const chain = await verifyAuditChain(deps);
        const archives = req.query.archives === 'true' ? await verifyAuditArchives(deps) : null;
        // `ok` covers everything checked: the database's chain, and the archives when asked for.
        return { ...chain, ok: chain.ok && (archives?.ok ?? true), archives };
      },
    );
    // An archive of purged rows (one JSON object a line, gzip), exactly as written: its SHA-256 is in the retention info.
    app.get(
      '/api/audit/archives/:id',
      {
        config,
        schema: {
          tags: ['audit'],
          params: IdParams,
          response: { 200: fileResponse('已归档的审计记录（每行一个 JSON，gzip）', MIME.gzip), ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (req, reply) => {
        const archive = await service.openAuditArchive(deps, req.params.id);
        return reply
          .type(MIME.gzip)
          .header('content-length', archive.bytes)
          .header('content-disposition', `attachment; filename="${archive.file}"`)
          .send(archive.stream);
      },
    );
    app.get('/api/audit/retention', { config, schema: { tags: ['audit'], response: { 200: AuditRetentionSchema, ...errors } } }, async () =>
      service.auditRetentionInfo(deps),
    );
    // Under /api/settings: it changes a setting, not the trail.
    app.put(
      '/api/settings/audit-retention',
      {
        config: { action: AUDIT_RETENTION_WRITE_ACTION },
        schema: { tags: ['settings'], body: z.unknown(), response: { 200: AuditRetentionSchema, ...errors } },
      },
      async (req) => {
        await putAuditRetention(deps, actorOf(req), req.body);
        return service.auditRetentionInfo(deps);
      },
    );
  };
}
