/**
 * The CSRF token of the current session. The session cookie is HttpOnly; the token comes in the body
 * of login and `GET /api/auth/me` and goes back in the `x-csrf-token` header of every write.
 */
let token: string | null = null;

export const CSRF_HEADER = 'x-csrf-token';

export function setCsrfToken(value: string | null): void {
  token = value;
}

export function getCsrfToken(): string | null {
  return token;
}
