import { setCsrfToken } from './csrf.ts';
import type { SecuritySettings } from '#core/auth/session-policy.ts';
import { ApiError, del, get, post, put } from './request.ts';
import type { Me, TotpSetup } from '#core/api/auth.ts';

/**
 * Signs in; 401 (wrong password, unknown user or locked account: one answer) and 429 (too many
 * attempts) are shown by the form. The session may still have a gate to pass (`me.gate`).
 */
export async function login(username: string, password: string): Promise<Me> {
  const me = await post<Me>('/api/auth/login', { username, password }, { handles: [400, 401, 423, 429] });
  setCsrfToken(me.csrfToken);
  return me;
}

/** The second step of signing in: the code from the authenticator app, or a recovery code. */
export async function submitSignInCode(input: { code: string } | { recoveryCode: string }): Promise<Me> {
  const me = await post<Me>('/api/auth/login/code', input, { handles: [400, 401, 409, 429] });
  setCsrfToken(me.csrfToken);
  return me;
}

/** Starts second-factor enrolment: a new secret, shown only in this answer. */
export const startTotpSetup = () => post<TotpSetup>('/api/auth/totp/setup', undefined, { handles: [409] });

/** Confirms enrolment with a code from the app; answers the recovery codes, shown only once. */
export const confirmTotp = (code: string) => post<{ recoveryCodes: string[] }>('/api/auth/totp/confirm', { code }, { handles: [400, 409] });

/** The signed-in user, or null without a session (no redirect: the caller decides). */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await get<Me>('/api/auth/me', { signal, handles: [401] });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export async function logout(): Promise<void> {
  try {
    await post<void>('/api/auth/logout', undefined, { handles: [401] });
  } finally {
    setCsrfToken(null);
  }
}

/** Ends the user's sessions on every device, this one included; resolves with how many there were. */
export async function logoutEverywhere(): Promise<number> {
  try {
    const { sessions } = await post<{ sessions: number }>('/api/auth/logout-all', undefined, { handles: [401] });
    return sessions;
  } finally {
    setCsrfToken(null);
  }
}

/** Changes the password; a 400 (wrong current password, weak new one) is shown by the form. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  post<void>('/api/auth/password', { currentPassword, newPassword }, { handles: [400] });

/** The office's sign-in and session settings (admin). */
export const getSecuritySettings = (signal?: AbortSignal) => get<SecuritySettings>('/api/settings/security', { signal });
/** Replaces them; a 400 (out of range) is shown by the form. */
export const putSecuritySettings = (s: SecuritySettings) => put<SecuritySettings>('/api/settings/security', s, { handles: [400] });

/** An admin removes an account's second factor (a lost phone): its sessions end, it enrols again at sign-in. */
export const resetSecondFactor = (userId: number) => del(`/api/users/${userId}/totp`);
