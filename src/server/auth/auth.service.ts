import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from '../../core/auth/policy.ts';
import { passwordProblem } from '../../core/auth/password.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { nowIso } from '../db/util.ts';
import { AppError } from '../errors.ts';
import * as repo from './auth.repo.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const SESSION_DAYS = 7;
/** Consecutive wrong passwords that lock an account, and for how long. */
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MINUTES = 15;

// Verifying against a throw-away hash when the user does not exist keeps timing from revealing usernames.
const DUMMY_HASH = hashPassword('not-a-real-password-Aa1!');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  token: string;
  csrfToken: string;
  user: { id: number; username: string; displayName: string; unitId: number | null; roles: Role[]; mustChangePassword: boolean };
}

/**
 * Signs a user in. Ten wrong passwords in a row lock the account for 15 minutes; while locked even
 * the right password is refused. Every attempt is audited.
 */
export async function login(deps: Deps, input: { username: string; password: string; ip: string | null; userAgent: string | null }): Promise<SignedIn> {
  const user = await repo.findUserByUsername(deps.db, input.username);
  const now = new Date();
  if (!user) {
    await verifyPassword(input.password, await DUMMY_HASH);
    await recordAudit(deps.db, { action: 'auth.login', entityType: 'user', entityId: null, clientIp: input.ip, outcome: 'denied', after: { username: input.username, reason: 'unknown user' } });
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
  }
  const audit = { actorId: user.id, actorUnitId: user.unit_id, actorName: user.username, clientIp: input.ip, entityType: 'user', entityId: user.id };
  if (user.locked_until && user.locked_until > now.toISOString()) {
    await recordAudit(deps.db, { ...audit, action: 'auth.login', outcome: 'denied', after: { reason: 'locked' } });
    const minutes = Math.max(1, Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60_000));
    throw new AppError('LOCKED', `连续输错密码次数过多，账号已临时锁定，请 ${minutes} 分钟后再试`, { lockedUntil: user.locked_until });
  }
  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok || user.is_active !== 1) {
    const failed = user.failed_logins + (ok ? 0 : 1);
    const lockedUntil = failed >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    await deps.db.transaction().execute(async (trx) => {
      await repo.recordFailedLogin(trx, user.id, lockedUntil ? 0 : failed, lockedUntil);
      await recordAudit(trx, { ...audit, action: lockedUntil ? 'auth.lock' : 'auth.login', outcome: 'denied', after: { reason: ok ? 'inactive' : 'wrong password', failed } });
    });
    if (lockedUntil) throw new AppError('LOCKED', `连续输错密码次数过多，账号已临时锁定 ${LOCK_MINUTES} 分钟`, { lockedUntil });
    throw new AppError('UNAUTHENTICATED', ok ? '账号已停用，请联系管理员' : '用户名或密码错误');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await deps.db.transaction().execute(async (trx) => {
    await repo.clearFailedLogins(trx, user.id);
    await repo.insertSession(trx, {
      id: hashToken(token), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(), last_seen_at: now.toISOString(),
      ip: input.ip, user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(trx, { ...audit, action: 'auth.login' });
  });
  return {
    token, csrfToken,
    user: { id: user.id, username: user.username, displayName: user.display_name, unitId: user.unit_id, roles: JSON.parse(user.roles) as Role[], mustChangePassword: user.must_change_password === 1 },
  };
}

export interface SessionContext {
  sessionId: string;
  csrfToken: string;
  principal: Principal;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
}

/** Resolves a session cookie to its principal (with unit subtree and leader sections), sliding its expiry. */
export async function resolveSession(deps: Deps, token: string): Promise<SessionContext | null> {
  const id = hashToken(token);
  const now = new Date();
  const s = await repo.findSession(deps.db, id, now.toISOString());
  if (!s || s.is_active !== 1) return null;
  // Touch at most once a minute so reads do not turn into writes.
  if (now.getTime() - Date.parse(s.last_seen_at) > 60_000) {
    await repo.touchSession(deps.db, id, now.toISOString(), new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString());
  }
  const roles = JSON.parse(s.roles) as Role[];
  const [unitScope, leaderSectionIds] = await Promise.all([
    s.unit_id ? repo.unitSubtree(deps.db, s.unit_id) : Promise.resolve([]),
    roles.includes('leader') ? repo.leaderSectionIds(deps.db, s.user_id) : Promise.resolve([]),
  ]);
  return {
    sessionId: id, csrfToken: s.csrf_token, username: s.username, displayName: s.display_name, mustChangePassword: s.must_change_password === 1,
    principal: { userId: s.user_id, unitId: s.unit_id, roles, unitScope, leaderSectionIds },
  };
}

export async function logout(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sessionId);
    await recordAudit(trx, { ...auditOf(actor), action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
}

/** Ends every session of the user, on every device. */
export async function logoutEverywhere(deps: Deps, actor: Actor): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const n = await repo.deleteUserSessions(trx, actor.userId!);
    await recordAudit(trx, { ...auditOf(actor), action: 'auth.logout_all', entityType: 'user', entityId: actor.userId, after: { sessions: n } });
    return n;
  });
}

/** Changes the signed-in user's password after checking the current one and the strength rule. */
export async function changePassword(deps: Deps, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const user = await repo.findUserById(deps.db, actor.userId!);
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    await recordAudit(deps.db, { ...auditOf(actor), action: 'auth.password', entityType: 'user', entityId: user.id, outcome: 'denied', after: { reason: 'wrong current password' } });
    throw new AppError('INVALID_INPUT', '当前密码不正确', { field: 'currentPassword' });
  }
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw new AppError('INVALID_INPUT', problem, { field: 'newPassword' });
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePasswordHash(trx, user.id, hash, false, nowIso());
    await recordAudit(trx, { ...auditOf(actor), action: 'auth.password', entityType: 'user', entityId: user.id });
  });
}
