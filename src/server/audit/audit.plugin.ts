import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EventThrottle } from '#core/audit/throttle.ts';
import { ACTION_ROLES } from '#core/auth/policy.ts';
import { CSRF_HEADER, recordDenied } from '../auth/auth.plugin.ts';
import type { Deps } from '../context.ts';
import { AUDIT_THROTTLE, auditContext, type AuditRequestState } from './audit-context.ts';
import { boundedUrl, recordAudit, recordSummary, type AuditInput } from './audit.repo.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auditState: AuditRequestState | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Successful reads of sensitive data, recorded after the fact with outcome 'read' (by route, as the
 * router names it). Writes are not listed: they are audited by their service, in their transaction.
 */
export const SENSITIVE_READS: Record<string, { action: string; entityType: string; param?: string }> = {
  'GET /api/attachments/:id': { action: 'attachment.download', entityType: 'attachment', param: 'id' },
  'GET /api/audit': { action: 'audit.list', entityType: 'audit' },
  'GET /api/audit.xlsx': { action: 'audit.export', entityType: 'audit' },
  'GET /api/audit/verify': { action: 'audit.verify', entityType: 'audit' },
  'GET /api/audit/archives/:id': { action: 'audit.archive.download', entityType: 'audit_archive', param: 'id' },
  'GET /api/users': { action: 'user.list', entityType: 'user' },
  'GET /api/settings': { action: 'settings.read', entityType: 'setting' },
  'GET /api/settings/security': { action: 'settings.read', entityType: 'setting' },
  'GET /api/settings/backup': { action: 'settings.read', entityType: 'setting' },
  'GET /api/plans/:id/ledger.xlsx': { action: 'ledger.export', entityType: 'plan', param: 'id' },
  // Evidence of unannounced visits (暗访): who opened which photo or recording is part of the record.
  'GET /api/inspection-evidence/:id': { action: 'inspection.evidence.download', entityType: 'inspection_evidence', param: 'id' },
};

const usernameOf = (req: FastifyRequest): string | null => {
  const u = (req.body as { username?: unknown } | null)?.username;
  return typeof u === 'string' ? u.slice(0, 64) : null;
};

/**
 * The audit trail's one place for what no service records: refusals by the route guard (401 for an
 * anonymous write, 403 by role or CSRF, on reads too), 403s a service throws without recording
 * (e.g. a cross-unit ledger import), 429s (sign-in limit, busy exports) and successful sensitive reads.
 * Keyed by the route's policy action and the response status, in onSend, so the row is written before
 * the client hears the answer. A service that records its own refusal marks the request, and nothing is
 * added twice. All of it passes the app's throttle (audit-context.ts).
 */
export function registerAuditHooks(app: FastifyInstance, deps: Deps): void {
  const throttle = new EventThrottle<AuditInput>(AUDIT_THROTTLE);
  app.decorateRequest('auditState', null);

  // Callback style: everything after `done` (other hooks, the handler, services) runs inside the store.
  app.addHook('onRequest', (req, _reply, done) => {
    const state: AuditRequestState = { denied: false, throttle };
    req.auditState = state;
    auditContext.run(state, done);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const action = req.routeOptions.config?.action;
    const state = req.auditState;
    if (!action || !state || state.denied) return payload;
    try {
      await auditContext.run(state, () => recordOutcome(deps, req, action, reply.statusCode));
    } catch (err) {
      req.log.error({ err }, 'audit record failed');
    }
    return payload;
  });

  const flush = async (all: boolean) => {
    for (const s of all ? throttle.drain() : throttle.due(Date.now())) await recordSummary(deps.db, s);
  };
  const timer = setInterval(() => void flush(false).catch((err: unknown) => app.log.error({ err }, 'audit summary flush failed')), AUDIT_THROTTLE.windowMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush(true);
  });
}

async function recordOutcome(deps: Deps, req: FastifyRequest, action: string, status: number): Promise<void> {
  const session = req.session;
  const policy = action as keyof typeof ACTION_ROLES;
  if (status === 401 && !session && ACTION_ROLES[policy] !== null && UNSAFE.has(req.method)) {
    await recordDenied(deps, req, action, { reason: 'unauthenticated' });
  } else if (status === 403 && session) {
    const csrf = UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== session.csrfToken;
    await recordDenied(deps, req, action, { reason: csrf ? 'csrf' : 'forbidden' });
  } else if (status === 429) {
    if (req.routeOptions.url === '/api/auth/login') {
      await recordAudit(deps.db, {
        action: 'auth.login',
        entityType: 'user',
        clientIp: req.ip,
        outcome: 'denied',
        after: { username: usernameOf(req), reason: 'rate limited' },
      });
    } else await recordDenied(deps, req, action, { reason: 'rate limited' });
  } else if (status >= 200 && status < 300) {
    const read = SENSITIVE_READS[`${req.method} ${req.routeOptions.url}`];
    if (!read) return;
    const p = session?.principal;
    const id = read.param ? (req.params as Record<string, string | undefined>)[read.param] : undefined;
    const { url: _u, ...query } = boundedUrl(req.url);
    await recordAudit(deps.db, {
      actorId: p?.userId ?? null,
      actorUnitId: p?.unitId ?? null,
      actorName: session?.username ?? null,
      clientIp: req.ip,
      action: read.action,
      entityType: read.entityType,
      entityId: id ?? null,
      outcome: 'read',
      ...(query.query ? { after: query } : {}),
    });
  }
}
