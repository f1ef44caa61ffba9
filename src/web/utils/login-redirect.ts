/** Where the login page sends the user back to, and how to get there. */

/**
 * A `next` that is safe to navigate to after signing in: a same-site path (not `//host`, not a URL,
 * not the login page itself), else null.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return null;
  return next;
}

/** `/login?next=/plans/3%3Ftab%3Dx` for the page the user was on; bare `/login` for the home page. */
export function loginPath(current: string | null | undefined): string {
  const next = safeNext(current);
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
