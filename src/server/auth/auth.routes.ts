import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CodeSchema, LoginSchema, MeSchema, PasswordSchema, RecoveryCodesSchema, SessionsEndedSchema, SignInCodeSchema, TotpSetupSchema, UserIdParams } from '#core/api/auth.ts';
import { SecuritySettingsSchema } from '#core/auth/session-policy.ts';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { errorResponses } from '#core/api/common.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import * as service from './auth.service.ts';
import * as secondFactor from './second-factor.ts';
import { getSecuritySettings, putSecuritySettings } from './security-settings.ts';

/** Attempts per client address per window, before any password is checked (slows spraying across accounts). */
const IP_LIMIT = 30;
const IP_WINDOW_MS = 5 * 60_000;

/** Routes a session can reach in every gate: who am I, sign out. */
const ALL_GATES = ['code', 'enrol', 'password'] as const;

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const attempts = new Map<string, number[]>();
    const errors = errorResponses(400, 401, 403, 404, 409);

    /** Counts a sign-in step from the client's address (the socket's, unless a trusted proxy says otherwise). */
    const limitAddress = (ip: string) => {
      const now = deps.clock.ms();
      const recent = (attempts.get(ip) ?? []).filter((t) => now - t < IP_WINDOW_MS);
      if (recent.length >= IP_LIMIT) throw new AppError('RATE_LIMITED', '登录尝试过于频繁，请稍后再试');
      recent.push(now);
      attempts.set(ip, recent);
      // Forget quiet addresses now and then, so a flood of addresses cannot grow the map without bound.
      if (attempts.size > 10_000) for (const [a, times] of attempts) if (times.every((t) => now - t >= IP_WINDOW_MS)) attempts.delete(a);
    };

    app.post('/api/auth/login', { config: { action: 'public.read' }, schema: { tags: ['auth'], body: LoginSchema, response: { 200: MeSchema, ...errorResponses(400, 401, 429) } } }, async (req, reply) => {
      limitAddress(req.ip);
      const signed = await service.login(deps, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      const settings = await getSecuritySettings(deps);
      // The cookie lasts no longer than the session can (its absolute lifetime); the server enforces the idle timeout.
      reply.setCookie(SESSION_COOKIE, signed.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: settings.absoluteHours * 3600 });
      const session = await service.resolveSession(deps, signed.token);
      return service.meOf(deps, session!);
    });

    app.post(
      '/api/auth/login/code',
      { config: { action: 'self.manage', gates: ['code'] }, schema: { tags: ['auth'], body: SignInCodeSchema, response: { 200: MeSchema, ...errors, ...errorResponses(429) } } },
      async (req) => {
        limitAddress(req.ip);
        await secondFactor.verifySignInCode(deps, actorOf(req), req.session!, req.body);
        return service.meOf(deps, (await service.resolveSession(deps, req.cookies[SESSION_COOKIE]!))!);
      },
    );

    app.get('/api/auth/me', { config: { action: 'self.manage', gates: ALL_GATES }, schema: { tags: ['auth'], response: { 200: MeSchema, ...errorResponses(401) } } }, async (req) => service.meOf(deps, req.session!));

    app.post('/api/auth/logout', { config: { action: 'self.manage', gates: ALL_GATES }, schema: { tags: ['auth'], response: { 204: z.null(), ...errorResponses(401, 403) } } }, async (req, reply) => {
      await service.logout(deps, actorOf(req), req.session!.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.post('/api/auth/logout-all', { config: { action: 'self.manage', gates: ALL_GATES }, schema: { tags: ['auth'], response: { 200: SessionsEndedSchema, ...errorResponses(401, 403) } } }, async (req, reply) => {
      const sessions = await service.logoutEverywhere(deps, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { sessions };
    });

    app.post('/api/auth/password', { config: { action: 'self.manage', gates: ['password'] }, schema: { tags: ['auth'], body: PasswordSchema, response: { 204: z.null(), ...errorResponses(400, 401, 403) } } }, async (req, reply) => {
      await service.changePassword(deps, actorOf(req), req.session!.sessionId, req.body);
      return reply.status(204).send(null);
    });

    app.post('/api/auth/totp/setup', { config: { action: 'self.manage', gates: ['enrol'] }, schema: { tags: ['auth'], response: { 200: TotpSetupSchema, ...errors } } }, async (req) =>
      secondFactor.startEnrolment(deps, actorOf(req)),
    );

    app.post(
      '/api/auth/totp/confirm',
      { config: { action: 'self.manage', gates: ['enrol'] }, schema: { tags: ['auth'], body: CodeSchema, response: { 200: RecoveryCodesSchema, ...errors } } },
      async (req) => secondFactor.confirmEnrolment(deps, actorOf(req), req.session!, req.body.code),
    );

    app.delete('/api/users/:id/totp', { config: { action: 'security.manage' }, schema: { tags: ['auth'], params: UserIdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await secondFactor.resetSecondFactor(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/api/settings/security', { config: { action: 'security.manage' }, schema: { tags: ['settings'], response: { 200: SecuritySettingsSchema, ...errors } } }, async () => getSecuritySettings(deps));
    app.put('/api/settings/security', { config: { action: 'security.manage' }, schema: { tags: ['settings'], body: z.unknown(), response: { 200: SecuritySettingsSchema, ...errors } } }, async (req) =>
      putSecuritySettings(deps, actorOf(req), req.body),
    );
  };
}
