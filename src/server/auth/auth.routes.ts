import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../core/auth/policy.ts';
import { SecuritySettingsSchema } from '../../core/auth/session-policy.ts';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { ErrorSchema } from '../plans/plans.schema.ts';
import { findUnitName } from '../units/units.repo.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import * as service from './auth.service.ts';
import * as secondFactor from './second-factor.ts';
import { getSecuritySettings, putSecuritySettings } from './security-settings.ts';

const LoginSchema = z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(256) }).strict();
const MeSchema = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), unitId: z.number().nullable(), unitName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)), leaderSectionIds: z.array(z.number()), mustChangePassword: z.boolean(), passwordExpired: z.boolean(),
  /** What the session must do first: 'code' (second-factor code), 'enrol' (set up the second factor), 'password' (change it); null when done. */
  gate: z.enum(['code', 'enrol', 'password']).nullable(),
  csrfToken: z.string(),
});
const PasswordSchema = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }).strict();
const CodeSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字验证码') }).strict();
const SignInCodeSchema = z
  .object({ code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字验证码').optional(), recoveryCode: z.string().trim().min(1).max(32).optional() })
  .strict()
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), { message: '请输入动态验证码或恢复码（二选一）', path: ['code'] });
const SetupSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrCode: z.string() });
const UserIdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** Attempts per client address per window, before any password is checked (slows spraying across accounts). */
const IP_LIMIT = 30;
const IP_WINDOW_MS = 5 * 60_000;

/** Routes a session can reach in every gate: who am I, sign out. */
const ALL_GATES = ['code', 'enrol', 'password'] as const;

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const attempts = new Map<string, number[]>();
    const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

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

    app.post('/api/auth/login', { config: { action: 'public.read' }, schema: { tags: ['auth'], body: LoginSchema, response: { 200: MeSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema } } }, async (req, reply) => {
      limitAddress(req.ip);
      const signed = await service.login(deps, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      const settings = await getSecuritySettings(deps);
      // The cookie lasts no longer than the session can (its absolute lifetime); the server enforces the idle timeout.
      reply.setCookie(SESSION_COOKIE, signed.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: settings.absoluteHours * 3600 });
      const session = await service.resolveSession(deps, signed.token);
      return meOf(deps, session!);
    });

    app.post(
      '/api/auth/login/code',
      { config: { action: 'self.manage', gates: ['code'] }, schema: { tags: ['auth'], body: SignInCodeSchema, response: { 200: MeSchema, ...errors, 429: ErrorSchema } } },
      async (req) => {
        limitAddress(req.ip);
        await secondFactor.verifySignInCode(deps, actorOf(req), req.session!, req.body);
        return meOf(deps, (await service.resolveSession(deps, req.cookies[SESSION_COOKIE]!))!);
      },
    );

    app.get('/api/auth/me', { config: { action: 'self.manage', gates: ALL_GATES }, schema: { tags: ['auth'], response: { 200: MeSchema, 401: ErrorSchema } } }, async (req) => meOf(deps, req.session!));

    app.post('/api/auth/logout', { config: { action: 'self.manage', gates: ALL_GATES }, schema: { tags: ['auth'], response: { 204: z.null(), 401: ErrorSchema, 403: ErrorSchema } } }, async (req, reply) => {
      await service.logout(deps, actorOf(req), req.session!.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.post('/api/auth/logout-all', { config: { action: 'self.manage', gates: ALL_GATES }, schema: { tags: ['auth'], response: { 200: z.object({ sessions: z.number() }), 401: ErrorSchema, 403: ErrorSchema } } }, async (req, reply) => {
      const sessions = await service.logoutEverywhere(deps, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { sessions };
    });

    app.post('/api/auth/password', { config: { action: 'self.manage', gates: ['password'] }, schema: { tags: ['auth'], body: PasswordSchema, response: { 204: z.null(), 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema } } }, async (req, reply) => {
      await service.changePassword(deps, actorOf(req), req.session!.sessionId, req.body);
      return reply.status(204).send(null);
    });

    app.post('/api/auth/totp/setup', { config: { action: 'self.manage', gates: ['enrol'] }, schema: { tags: ['auth'], response: { 200: SetupSchema, ...errors } } }, async (req) =>
      secondFactor.startEnrolment(deps, actorOf(req)),
    );

    app.post(
      '/api/auth/totp/confirm',
      { config: { action: 'self.manage', gates: ['enrol'] }, schema: { tags: ['auth'], body: CodeSchema, response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...errors } } },
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

async function meOf(deps: Deps, s: service.SessionContext) {
  const unitName = s.principal.unitId ? await findUnitName(deps.db, s.principal.unitId) : undefined;
  return {
    id: s.principal.userId, username: s.username, displayName: s.displayName, unitId: s.principal.unitId, unitName: unitName ?? null,
    roles: [...s.principal.roles], leaderSectionIds: [...s.principal.leaderSectionIds], mustChangePassword: s.mustChangePassword, passwordExpired: s.passwordExpired,
    gate: s.gate, csrfToken: s.csrfToken,
  };
}
