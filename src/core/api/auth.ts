/** The contract of signing in, the session, passwords and the second factor. */
import { z } from 'zod';
import { ROLES } from '../auth/policy.ts';
import { SESSION_GATES } from '../auth/session-policy.ts';

export const LoginSchema = z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(256) }).strict();

/** The signed-in user (`POST /api/auth/login`, `GET /api/auth/me`). */
export const MeSchema = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), unitId: z.number().nullable(), unitName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)), leaderSectionIds: z.array(z.number()), mustChangePassword: z.boolean(),
  /** The password outlived the office's expiry setting: it must be changed like a temporary one. */
  passwordExpired: z.boolean(),
  /** What the session must do first: 'code' (second-factor code), 'enrol' (set up the second factor), 'password' (change it); null when done. */
  gate: z.enum(SESSION_GATES).nullable(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof MeSchema>;

export const PasswordSchema = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }).strict();
export const CodeSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字验证码') }).strict();
export const SignInCodeSchema = z
  .object({ code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字验证码').optional(), recoveryCode: z.string().trim().min(1).max(32).optional() })
  .strict()
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), { message: '请输入动态验证码或恢复码（二选一）', path: ['code'] });
export type SignInCode = z.input<typeof SignInCodeSchema>;

/** `POST /api/auth/totp/setup`: the secret shown once, as text and as a QR code (an SVG data URL). */
export const TotpSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrCode: z.string() });
export type TotpSetup = z.infer<typeof TotpSetupSchema>;
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const SessionsEndedSchema = z.object({ sessions: z.number() });
export const UserIdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
