import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from '#core/auth/policy.ts';
import { passwordProblem } from '#core/auth/password.ts';
import { isPasswordExpired, needsSecondFactor, sessionEndsAt, sessionExpiry, sessionGate, type SecuritySettings, type SessionGate } from '#core/auth/session-policy.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import * as repo from './auth.repo.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { getSecuritySettings } from './security-settings.ts';
import { readUnitSubtree, unitSubtree } from './unit-tree.ts';
import { findUnitName } from '../units/units.repo.ts';

// Verifying against a throw-away hash when the user does not exist keeps timing from revealing usernames.
const DUMMY_HASH = hashPassword('not-a-real-password-Aa1!');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The one answer to a sign-in that fails on the password: an unknown username, a wrong password and a
 * locked account all get it (same status, same body), so the answer tells nobody which names exist or
 * which account is locked. Admins see locks on the accounts page.
 */
export const signInRefusal = (s: Pick<SecuritySettings, 'lockAfterFailures' | 'lockMinutes'>): AppError =>
  new AppError('UNAUTHENTICATED', `用户名或密码错误。连续输错 ${s.lockAfterFailures} 次，账号将被临时锁定 ${s.lockMinutes} 分钟`);

export interface SignedIn {
  token: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Counts a wrong password or second-factor code against the account (one atomic UPDATE) and audits it,
 * with `auth.lock` for the guess that locks the account.
 */
export async function countFailure(deps: Deps, settings: SecuritySettings, user: { id: number; unit_id: number | null; username: string }, ip: string | null, reason: string, action = 'auth.login'): Promise<void> {
  const now = deps.clock.ms();
  const audit = { actorId: user.id, actorUnitId: user.unit_id, actorName: user.username, clientIp: ip, entityType: 'user', entityId: user.id };
  await deps.db.transaction().execute(async (trx) => {
    const r = await repo.registerFailedLogin(trx, user.id, iso(now), settings.lockAfterFailures, iso(now + settings.lockMinutes * 60_000));
    await recordAudit(trx, { ...audit, action: r?.lockedNow ? 'auth.lock' : action, outcome: 'denied', after: { reason: r ? reason : 'locked', ...(r ? { failed: r.failed } : {}) } });
  });
}

/**
 * Signs a user in with the password. `lockAfterFailures` wrong passwords in a row lock the account for
 * `lockMinutes` (settings); while locked even the right password is refused. The password is always
 * hashed (a dummy one for an unknown user), so the three refusals also take about the same time.
 * A user with a second factor gets a session that must still pass it (gate 'code'). Every attempt is audited.
 */
export async function login(deps: Deps, input: { username: string; password: string; ip: string | null; userAgent: string | null }): Promise<SignedIn> {
  const settings = await getSecuritySettings(deps);
  const user = await repo.findUserByUsername(deps.db, input.username);
  if (!user) {
    await verifyPassword(input.password, await DUMMY_HASH);
    await recordAudit(deps.db, { action: 'auth.login', entityType: 'user', entityId: null, clientIp: input.ip, outcome: 'denied', after: { username: input.username, reason: 'unknown user' } });
    throw signInRefusal(settings);
  }
  const audit = { actorId: user.id, actorUnitId: user.unit_id, actorName: user.username, clientIp: input.ip, entityType: 'user', entityId: user.id };
  const ok = await verifyPassword(input.password, user.password_hash);
  const now = deps.clock.ms();
  if (user.locked_until && user.locked_until > iso(now)) {
    await recordAudit(deps.db, { ...audit, action: 'auth.login', outcome: 'denied', after: { reason: 'locked', lockedUntil: user.locked_until } });
    throw signInRefusal(settings);
  }
  if (!ok) {
    await countFailure(deps, settings, user, input.ip, 'wrong password');
    throw signInRefusal(settings);
  }
  if (user.is_active !== 1) {
    await recordAudit(deps.db, { ...audit, action: 'auth.login', outcome: 'denied', after: { reason: 'inactive' } });
    throw new AppError('UNAUTHENTICATED', '账号已停用，请联系管理员');
  }
  const token = randomBytes(32).toString('base64url');
  const created = iso(now);
  const signedIn = await deps.db.transaction().execute(async (trx) => {
    // Parallel wrong guesses may have locked the account while this password was being checked.
    if (!(await repo.clearFailedLoginsUnlessLocked(trx, user.id, created))) return false;
    await repo.deleteExpiredSessions(trx, user.id, created);
    await repo.insertSession(trx, {
      id: hashToken(token), user_id: user.id, csrf_token: randomBytes(24).toString('base64url'), created_at: created,
      expires_at: iso(sessionEndsAt({ createdAt: created, lastSeenAt: created }, settings)), last_seen_at: created,
      ip: input.ip, user_agent: input.userAgent?.slice(0, 300) ?? null, second_factor_ok: user.totp_enabled_at ? 0 : 1,
    });
    await recordAudit(trx, { ...audit, action: 'auth.login', after: user.totp_enabled_at ? { secondFactor: 'pending' } : undefined });
    return true;
  });
  if (!signedIn) {
    await recordAudit(deps.db, { ...audit, action: 'auth.login', outcome: 'denied', after: { reason: 'locked' } });
    throw signInRefusal(settings);
  }
  return { token };
}

export interface SessionContext {
  sessionId: string;
  csrfToken: string;
  principal: Principal;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  passwordExpired: boolean;
  /** What the session must do before it may use the app, or null. */
  gate: SessionGate | null;
}

/**
 * Resolves a session cookie to its principal (with unit subtree and leader sections) in one query for
 * session, user and unit tree version (the tree itself is held in memory: unit-tree.ts). A session past
 * its idle timeout or absolute lifetime (settings) is deleted, audited, and answers as no session;
 * a live one's last use moves forward, at most once a minute so reads do not turn into writes.
 */
export async function resolveSession(deps: Deps, token: string): Promise<SessionContext | null> {
  const id = hashToken(token);
  const s = await repo.findSession(deps.db, id);
  if (!s || s.is_active !== 1) return null;
  const settings = await getSecuritySettings(deps);
  const now = deps.clock.ms();
  const expired = sessionExpiry({ createdAt: s.created_at, lastSeenAt: s.last_seen_at }, now, settings);
  if (expired) {
    await deps.db.transaction().execute(async (trx) => {
      await repo.deleteSession(trx, id);
      await recordAudit(trx, { actorId: s.user_id, actorUnitId: s.unit_id, actorName: s.username, action: 'auth.session_end', entityType: 'user', entityId: s.user_id, after: { reason: expired } });
    });
    return null;
  }
  if (now - Date.parse(s.last_seen_at) > 60_000) {
    await repo.touchSession(deps.db, id, iso(now), iso(sessionEndsAt({ createdAt: s.created_at, lastSeenAt: iso(now) }, settings)));
  }
  const roles = JSON.parse(s.roles) as Role[];
  const [unitScope, leaderSectionIds] = await Promise.all([
    s.unit_id ? (s.units_version == null ? readUnitSubtree(deps, s.unit_id) : unitSubtree(deps, s.unit_id, Number(s.units_version))) : Promise.resolve([]),
    roles.includes('leader') ? repo.leaderSectionIds(deps.db, s.user_id) : Promise.resolve([]),
  ]);
  const mustChangePassword = s.must_change_password === 1;
  const passwordExpired = isPasswordExpired(s.password_changed_at ?? s.user_created_at, now, settings.passwordMaxAgeDays);
  const gate = sessionGate({
    enrolled: s.totp_enabled_at !== null, secondFactorOk: s.second_factor_ok === 1, needsSecondFactor: needsSecondFactor(roles, settings.totpRoles), mustChangePassword, passwordExpired,
  });
  return {
    sessionId: id, csrfToken: s.csrf_token, username: s.username, displayName: s.display_name, mustChangePassword, passwordExpired, gate,
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

/**
 * Changes the signed-in user's password after checking the current one and the strength rule. Every
 * other session of the user ends (a stolen session does not outlive the change); this one stays.
 */
export async function changePassword(deps: Deps, actor: Actor, sessionId: string, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const user = await repo.findUserById(deps.db, actor.userId!);
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    await recordAudit(deps.db, { ...auditOf(actor), action: 'auth.password', entityType: 'user', entityId: user.id, outcome: 'denied', after: { reason: 'wrong current password' } });
    throw new AppError('INVALID_INPUT', '当前密码不正确', { field: 'currentPassword' });
  }
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw new AppError('INVALID_INPUT', problem, { field: 'newPassword' });
  if (await verifyPassword(input.newPassword, user.password_hash)) throw new AppError('INVALID_INPUT', '新密码不能与当前密码相同', { field: 'newPassword' });
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePasswordHash(trx, user.id, hash, deps.clock.iso());
    const revoked = await repo.deleteOtherSessions(trx, user.id, sessionId);
    await recordAudit(trx, { ...auditOf(actor), action: 'auth.password', entityType: 'user', entityId: user.id, after: { otherSessionsEnded: revoked } });
  });
}

/** What the signed-in user's own page and the web app's session know of them. */
export async function meOf(deps: Deps, s: SessionContext) {
  const unitName = s.principal.unitId ? await findUnitName(deps.db, s.principal.unitId) : undefined;
  return {
    id: s.principal.userId, username: s.username, displayName: s.displayName, unitId: s.principal.unitId, unitName: unitName ?? null,
    roles: [...s.principal.roles], leaderSectionIds: [...s.principal.leaderSectionIds], mustChangePassword: s.mustChangePassword, passwordExpired: s.passwordExpired,
    gate: s.gate, csrfToken: s.csrfToken,
  };
}
