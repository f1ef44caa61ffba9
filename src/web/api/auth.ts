import { setCsrfToken } from './csrf.ts';
import { ApiError, get, post } from './request.ts';
import type { Me } from './types.ts';

/** Signs in; 401 (wrong password), 423 (locked) and 429 (too many attempts) are shown by the form. */
export async function login(username: string, password: string): Promise<Me> {
  const me = await post<Me>('/api/auth/login', { username, password }, { handles: [400, 401, 423, 429] });
  setCsrfToken(me.csrfToken);
  return me;
}

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
