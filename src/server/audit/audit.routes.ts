import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { IsoDate } from '../plans/plans.schema.ts';
import * as service from './audit.service.ts';

const AuditQuery = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  outcome: z.enum(['ok', 'denied']).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
const AuditList = z.object({
  data: z.array(z.object({
    id: z.number(), at: z.string(), actorId: z.number().nullable(), actorName: z.string().nullable(), actorUnitId: z.number().nullable(), action: z.string(),
    entityType: z.string(), entityId: z.string().nullable(), before: z.unknown(), after: z.unknown(), clientIp: z.string().nullable(), outcome: z.string(),
  })),
  total: z.number(),
});

/** Read and export only: the audit trail has no route that changes or deletes it. */
export function auditRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { action: 'audit.read' as const };
    app.get('/api/audit', { config, schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditList } } }, async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return service.findAuditEvents(deps, filter, { page, pageSize });
    });
    app.get('/api/audit.xlsx', { config, schema: { tags: ['audit'], querystring: AuditQuery, hide: true } }, async (req, reply) => {
      const { page: _p, pageSize: _s, ...filter } = req.query;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent('审计日志.xlsx')}`)
        .send(await service.exportAuditXlsx(deps, filter));
    });
  };
}
