import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from '#core/auth/totp.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import * as repo from './auth.repo.ts';
import { countFailure, signInRefusal, type SessionContext } from './auth.service.ts';
import { getSecuritySettings } from './security-settings.ts';

/**
 * The TOTP second factor: enrolment (a secret shown once as a QR code and text, confirmed with a code),
 * the code step after the password, recovery codes for a lost phone, and an admin's reset.
 */
const ISSUER = '推进';
/** Recovery codes made at enrolment; each works once. */
export const RECOVERY_CODE_COUNT = 10;

// ---- Secrets at rest: AES-256-GCM under TUIJIN_TOTP_KEY when it is set ----------------------------

/** Seals a secret for the database: `gcm:` iv.tag.ciphertext under the key, or `plain:` without one. */
export function sealSecret(secret: string, key: Buffer | undefined): string {
  if (!key) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `gcm:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
}

export function openSecret(sealed: string, key: Buffer | undefined): string {
  if (sealed.startsWith('plain:')) return sealed.slice(6);
  const [iv, tag, ct] = sealed.slice(4).split('.');
  if (!sealed.startsWith('gcm:') || !iv || !tag || !ct) throw new Error('unreadable TOTP secret');
  if (!key) throw new Error('TOTP secrets are sealed but TUIJIN_TOTP_KEY is not set');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

// ---- Recovery codes ------------------------------------------------------------------------------

/** A recovery code as shown: 10 base32 characters (50 bits) in two groups, e.g. `K7QX2-MB4TR`. */
function newRecoveryCode(): string {
  const s = base32Encode(randomBytes(7)).slice(0, 10);
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** The stored form of a recovery code: SHA-256 of its characters, case, dashes and spaces ignored. */
export const hashRecoveryCode = (code: string): string => createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');

// ---- Enrolment -----------------------------------------------------------------------------------

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code, an SVG data URL. */
  qrCode: string;
}

/**
 * Starts enrolment: a new secret, kept as pending until a code confirms it. Shown only in this answer;
 * asking again replaces it. Refused when the user already has a second factor.
 */
export async function startEnrolment(deps: Deps, actor: Actor): Promise<TotpSetup> {
  const user = await repo.findUserById(deps.db, actor.userId!);
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (user.totp_enabled_at) throw new AppError('CONFLICT', '已启用双因素认证；如需更换设备，请联系管理员重置');
  const secret = newTotpSecret();
  const uri = otpauthUri(secret, user.username, ISSUER);
  const qrCode = `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })).toString('base64')}`;
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPendingTotpSecret(trx, user.id, sealSecret(secret, deps.config.totpKey), deps.clock.iso());
    await recordAudit(trx, { ...auditOf(actor), action: 'auth.totp_setup', entityType: 'user', entityId: user.id });
  });
  return { secret, otpauthUri: uri, qrCode };
}

/**
 * Confirms enrolment with a code from the app: the pending secret becomes the second factor, the
 * session counts as having passed it, and the recovery codes are made (answered once, stored hashed).
 */
export async function confirmEnrolment(deps: Deps, actor: Actor, session: SessionContext, code: string): Promise<{ recoveryCodes: string[] }> {
  const user = await repo.findUserById(deps.db, actor.userId!);
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (user.totp_enabled_at) throw new AppError('CONFLICT', '已启用双因素认证');
  if (!user.totp_pending_secret) throw new AppError('CONFLICT', '请先获取绑定二维码');
  const now = deps.clock.ms();
  const step = matchTotp(openSecret(user.totp_pending_secret, deps.config.totpKey), code, now);
  if (step === null) {
    await recordAudit(deps.db, { ...auditOf(actor), action: 'auth.totp_enrol', entityType: 'user', entityId: user.id, outcome: 'denied', after: { reason: 'wrong code' } });
    throw new AppError('INVALID_INPUT', '验证码不正确，请核对手机上的时间后重试', { field: 'code' });
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const at = new Date(now).toISOString();
  const done = await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.confirmTotpSecret(trx, user.id, user.totp_pending_secret!, step, at))) return false;
    await repo.replaceRecoveryCodes(trx, user.id, codes.map(hashRecoveryCode), at);
    await repo.markSecondFactorOk(trx, session.sessionId);
    await recordAudit(trx, { ...auditOf(actor), action: 'auth.totp_enrol', entityType: 'user', entityId: user.id, after: { recoveryCodes: RECOVERY_CODE_COUNT } });
    return true;
  });
  if (!done) throw new AppError('CONFLICT', '绑定已变更，请重新获取二维码');
  return { recoveryCodes: codes };
}

// ---- The code step at sign-in ---------------------------------------------------------------------

/**
 * Completes a sign-in with a TOTP code (each time step once) or an unused recovery code. A wrong
 * code counts against the account like a wrong password; the guess that locks it ends the session.
 */
export async function verifySignInCode(deps: Deps, actor: Actor, session: SessionContext, input: { code?: string | undefined; recoveryCode?: string | undefined }): Promise<void> {
  if (session.gate !== 'code') throw new AppError('CONFLICT', '当前登录无需输入动态验证码');
  const user = await repo.findUserById(deps.db, actor.userId!);
  if (!user?.totp_secret) throw new AppError('CONFLICT', '当前登录无需输入动态验证码');
  const now = deps.clock.ms();
  const at = new Date(now).toISOString();
  let ok = false;
  let how: 'totp' | 'recovery' = 'totp';
  if (input.code !== undefined) {
    const step = matchTotp(openSecret(user.totp_secret, deps.config.totpKey), input.code, now, user.totp_last_step);
    ok = step !== null && (await repo.takeTotpStep(deps.db, user.id, step));
  } else if (input.recoveryCode !== undefined) {
    how = 'recovery';
    ok = await repo.useRecoveryCode(deps.db, user.id, hashRecoveryCode(input.recoveryCode), at);
  }
  const settings = await getSecuritySettings(deps);
  if (!ok) {
    await countFailure(deps, settings, user, actor.ip, how === 'totp' ? 'wrong or used code' : 'wrong recovery code', 'auth.totp');
    const after = await repo.findUserById(deps.db, user.id);
    if (after?.locked_until && after.locked_until > at) {
      await repo.deleteSession(deps.db, session.sessionId);
      throw signInRefusal(settings);
    }
    throw new AppError('INVALID_INPUT', how === 'totp' ? '动态验证码不正确或已使用，请输入手机上显示的新验证码' : '恢复码不正确或已使用', { field: how === 'totp' ? 'code' : 'recoveryCode' });
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.clearFailedLoginsUnlessLocked(trx, user.id, at))) throw signInRefusal(settings);
    await repo.markSecondFactorOk(trx, session.sessionId);
    const left = how === 'recovery' ? await repo.countUnusedRecoveryCodes(trx, user.id) : undefined;
    await recordAudit(trx, { ...auditOf(actor), action: 'auth.totp', entityType: 'user', entityId: user.id, after: { method: how, ...(left !== undefined ? { recoveryCodesLeft: left } : {}) } });
  });
}

/** An admin removes a user's second factor (a lost phone and lost recovery codes); the user's sessions end. */
export async function resetSecondFactor(deps: Deps, actor: Actor, userId: number): Promise<void> {
  const at = deps.clock.iso();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.clearTotp(trx, userId, at))) throw new AppError('NOT_FOUND', '账号不存在');
    const ended = await repo.deleteUserSessions(trx, userId);
    await recordAudit(trx, { ...auditOf(actor), action: 'auth.totp_reset', entityType: 'user', entityId: userId, after: { sessionsEnded: ended } });
  });
}
