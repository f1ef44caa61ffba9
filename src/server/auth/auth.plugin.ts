import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACTION_ROLES, can, type Action } from '#core/auth/policy.ts';
import { GATE_MESSAGES, type SessionGate } from '#core/auth/session-policy.ts';
import { boundedUrl, recordAudit } from '../audit/audit.repo.ts';
import type { Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { resolveSession, type SessionContext } from './auth.service.ts';

export const SESSION_COOKIE = 'tuijin_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action this route performs; every /api route must name one. */
    action?: Action;
    /**
     * The gates in which a session may still call this route (sign-out and the like, the step that
     * opens the gate). Any other route answers 403 while a session has to enter a code, enrol a
     * second factor or change its password (src/core/auth/session-policy.ts).
     */
    gates?: readonly SessionGate[];
    /** The refusal's message when the generic one would not tell the caller why (a unit re-checking its own rectification). */
    forbidden?: string;
  }
  interface FastifyRequest {
    session: SessionContext | null;
  }
}

/** One entry per API route, for the generated authorization test and the README table. */
export interface RegisteredRoute {
  method: string;
  url: string;
  action: Action;
}

/**
 * Sessions, CSRF and the route guard. Every /api route must declare `config.action`; a route added
 * without one stops the app from starting. The guard runs before validation, so a caller without
 * the right gets 401/403 whatever the body. A session that has not finished signing in (second-factor
 * code, enrolment, a password it must change) reaches only the routes that name its gate.
 */
export async function registerAuth(app: FastifyInstance, deps: Deps, registry: RegisteredRoute[]): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const action = route.config?.action;
    if (!action || !(action in ACTION_ROLES)) throw new Error(`Route ${route.method} ${route.url} declares no policy action`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') registry.push({ method, url: route.url, action });
  });

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? await resolveSession(deps, token) : null;
  });

  app.addHook('preValidation', async (req) => {
    const action = req.routeOptions.config?.action;
    if (!action) return; // static files and the SPA
    if (ACTION_ROLES[action] === null) return;
    const session = req.session;
    if (!session) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new AppError('FORBIDDEN', '请求校验失败（CSRF），请刷新页面后重试');
    }
    // The refusals are audited by the response hook (src/server/audit/audit.plugin.ts), reads included.
    if (session.gate && !req.routeOptions.config?.gates?.includes(session.gate))
      throw new AppError('FORBIDDEN', GATE_MESSAGES[session.gate], { gate: session.gate });
    if (!can(session.principal, action)) throw new AppError('FORBIDDEN', req.routeOptions.config?.forbidden ?? '无权执行此操作');
  });
}

/** Logs a refused request, its URL bounded (path, query cut at a few hundred characters), so crafted requests leave a trace. */
export async function recordDenied(deps: Deps, req: FastifyRequest, action: string, details?: unknown): Promise<void> {
  const p = req.session?.principal;
  await recordAudit(deps.db, {
    actorId: p?.userId ?? null,
    actorUnitId: p?.unitId ?? null,
    actorName: req.session?.username ?? null,
    clientIp: req.ip,
    action,
    entityType: 'route',
    entityId: `${req.method} ${req.routeOptions.url ?? boundedUrl(req.url).url}`,
    outcome: 'denied',
    after: { ...boundedUrl(req.url), ...(details && typeof details === 'object' ? details : {}) },
  });
}
