import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../core/auth/policy.ts';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { ErrorSchema } from '../plans/plans.schema.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import * as service from './auth.service.ts';

const LoginSchema = z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(256) }).strict();
const MeSchema = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), unitId: z.number().nullable(), unitName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)), leaderSectionIds: z.array(z.number()), mustChangePassword: z.boolean(), csrfToken: z.string(),
});
const PasswordSchema = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }).strict();

/** Attempts per client address per window, before any password is checked (slows spraying across accounts). */
const IP_LIMIT = 30;
const IP_WINDOW_MS = 5 * 60_000;

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const attempts = new Map<string, number[]>();
    const cookieOptions = (secure: boolean) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: service.SESSION_DAYS * 86_400 });

    app.post('/api/auth/login', { config: { action: 'public.read' }, schema: { tags: ['auth'], body: LoginSchema, response: { 200: MeSchema, 400: ErrorSchema, 401: ErrorSchema, 423: ErrorSchema, 429: ErrorSchema } } }, async (req, reply) => {
      const now = Date.now();
      const recent = (attempts.get(req.ip) ?? []).filter((t) => now - t < IP_WINDOW_MS);
      if (recent.length >= IP_LIMIT) throw new AppError('RATE_LIMITED', '登录尝试过于频繁，请稍后再试');
      recent.push(now);
      attempts.set(req.ip, recent);
      // Forget quiet addresses now and then, so a flood of addresses cannot grow the map without bound.
      if (attempts.size > 10_000) for (const [ip, times] of attempts) if (times.every((t) => now - t >= IP_WINDOW_MS)) attempts.delete(ip);
      const signed = await service.login(deps, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, signed.token, cookieOptions(req.protocol === 'https'));
      const session = await service.resolveSession(deps, signed.token);
      return meOf(deps, session!);
    });

    app.get('/api/auth/me', { config: { action: 'self.manage' }, schema: { tags: ['auth'], response: { 200: MeSchema, 401: ErrorSchema } } }, async (req) => meOf(deps, req.session!));

    app.post('/api/auth/logout', { config: { action: 'self.manage' }, schema: { tags: ['auth'], response: { 204: z.null(), 401: ErrorSchema, 403: ErrorSchema } } }, async (req, reply) => {
      await service.logout(deps, actorOf(req), req.session!.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.post('/api/auth/logout-all', { config: { action: 'self.manage' }, schema: { tags: ['auth'], response: { 200: z.object({ sessions: z.number() }), 401: ErrorSchema, 403: ErrorSchema } } }, async (req, reply) => {
      const sessions = await service.logoutEverywhere(deps, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { sessions };
    });

    app.post('/api/auth/password', { config: { action: 'self.manage' }, schema: { tags: ['auth'], body: PasswordSchema, response: { 204: z.null(), 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema } } }, async (req, reply) => {
      await service.changePassword(deps, actorOf(req), req.body);
      return reply.status(204).send(null);
    });
  };
}

async function meOf(deps: Deps, s: service.SessionContext) {
  const unit = s.principal.unitId ? await deps.db.selectFrom('units').select('name').where('id', '=', s.principal.unitId).executeTakeFirst() : undefined;
  return {
    id: s.principal.userId, username: s.username, displayName: s.displayName, unitId: s.principal.unitId, unitName: unit?.name ?? null,
    roles: [...s.principal.roles], leaderSectionIds: [...s.principal.leaderSectionIds], mustChangePassword: s.mustChangePassword, csrfToken: s.csrfToken,
  };
}
