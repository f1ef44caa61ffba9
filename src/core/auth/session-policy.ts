import { z } from 'zod';
import { ROLES, type Role } from './policy.ts';

/**
 * Sign-in and session rules for 等保2.0 level 3 (GB/T 22239-2019 8.1.4.1 身份鉴别, 8.1.4.2 访问控制):
 * a session ends after a period without use and after an absolute lifetime, repeated wrong passwords
 * lock the account for a time, passwords may expire, and administrators sign in with a second factor.
 *
 * 等保 asks for each control but sets no number. Every number below is therefore the office's
 * setting (stored with the other settings, changed on the admin's settings page); the defaults are a
 * starting point, not a requirement: 30 minutes idle and 12 hours absolute (one working day), a lock
 * after 10 wrong passwords for 15 minutes, and no password expiry.
 */
export const SECURITY_DEFAULTS = {
  idleMinutes: 30,
  absoluteHours: 12,
  lockAfterFailures: 10,
  lockMinutes: 15,
  /** null: passwords do not expire. */
  passwordMaxAgeDays: null as number | null,
  /** Roles that must sign in with a second factor, besides the three administrators, who always must. */
  totpRoles: [] as Role[],
} as const;

/**
 * Roles whose members always need the second factor, whatever the setting says: the three
 * administrators of 三权分立 (等保2.0 level 3 asks for two factors for administrators).
 */
export const TOTP_ALWAYS_ROLES: readonly Role[] = ['admin', 'security_admin', 'audit_admin'];

export const SecuritySettingsSchema = z
  .object({
    idleMinutes: z.number({ message: '请填写空闲超时分钟数' }).int('应为整数').min(1, '空闲超时至少 1 分钟').max(24 * 60, '空闲超时不能超过 1440 分钟'),
    absoluteHours: z.number({ message: '请填写会话最长时长' }).int('应为整数').min(1, '会话最长时长至少 1 小时').max(24 * 30, '会话最长时长不能超过 720 小时'),
    lockAfterFailures: z.number({ message: '请填写锁定前允许的错误次数' }).int('应为整数').min(3, '至少允许 3 次').max(100, '不能超过 100 次'),
    lockMinutes: z.number({ message: '请填写锁定分钟数' }).int('应为整数').min(1, '锁定至少 1 分钟').max(24 * 60, '锁定不能超过 1440 分钟'),
    passwordMaxAgeDays: z.number().int('应为整数').min(1, '密码有效期至少 1 天').max(3650, '密码有效期不能超过 3650 天').nullable(),
    totpRoles: z.array(z.enum(ROLES, { message: '角色无效' })).max(ROLES.length),
  })
  .strict()
  .refine((s) => s.idleMinutes <= s.absoluteHours * 60, { message: '空闲超时不能长于会话最长时长', path: ['idleMinutes'] });
export type SecuritySettings = z.infer<typeof SecuritySettingsSchema>;

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { ...SECURITY_DEFAULTS, totpRoles: [...SECURITY_DEFAULTS.totpRoles] };

const MINUTE = 60_000;

/** The instant a session ends: the earlier of last use + idle timeout and creation + absolute lifetime. */
export function sessionEndsAt(s: { createdAt: string; lastSeenAt: string }, settings: Pick<SecuritySettings, 'idleMinutes' | 'absoluteHours'>): number {
  return Math.min(Date.parse(s.lastSeenAt) + settings.idleMinutes * MINUTE, Date.parse(s.createdAt) + settings.absoluteHours * 60 * MINUTE);
}

/** Why a session is over at `now`, or null while it lives. */
export function sessionExpiry(s: { createdAt: string; lastSeenAt: string }, nowMs: number, settings: Pick<SecuritySettings, 'idleMinutes' | 'absoluteHours'>): 'idle' | 'absolute' | null {
  if (nowMs >= Date.parse(s.createdAt) + settings.absoluteHours * 60 * MINUTE) return 'absolute';
  if (nowMs >= Date.parse(s.lastSeenAt) + settings.idleMinutes * MINUTE) return 'idle';
  return null;
}

/** Has the password outlived the expiry setting? Never when the setting is off. */
export function isPasswordExpired(changedAt: string, nowMs: number, maxAgeDays: number | null): boolean {
  return maxAgeDays !== null && nowMs >= Date.parse(changedAt) + maxAgeDays * 24 * 60 * MINUTE;
}

/** Must a user with these roles sign in with a second factor? */
export function needsSecondFactor(roles: readonly Role[], totpRoles: readonly Role[]): boolean {
  return roles.some((r) => TOTP_ALWAYS_ROLES.includes(r) || totpRoles.includes(r));
}

/**
 * What a signed-in session must do before it may use the app, most urgent first: 'code' (enter the
 * second-factor code), 'enrol' (set up the second factor its roles require), 'password' (change a
 * temporary or expired password). null: nothing, the session is complete.
 */
export const SESSION_GATES = ['code', 'enrol', 'password'] as const;
export type SessionGate = (typeof SESSION_GATES)[number];

export function sessionGate(s: { enrolled: boolean; secondFactorOk: boolean; needsSecondFactor: boolean; mustChangePassword: boolean; passwordExpired: boolean }): SessionGate | null {
  if (s.enrolled && !s.secondFactorOk) return 'code';
  if (s.needsSecondFactor && !s.enrolled) return 'enrol';
  if (s.mustChangePassword || s.passwordExpired) return 'password';
  return null;
}

/** The refusal of a route a gated session may not call yet (403). */
export const GATE_MESSAGES: Record<SessionGate, string> = {
  code: '请先输入动态验证码完成登录',
  enrol: '您的账号须启用双因素认证（动态验证码），请先完成绑定',
  password: '请先修改密码（初始密码、重置后的密码或已过期的密码须修改后才能使用系统）',
};
