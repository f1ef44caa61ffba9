import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './login-redirect.ts';

describe('login redirect', () => {
  it('accepts same-site paths only', () => {
    expect(safeNext('/plans/3?tab=a')).toBe('/plans/3?tab=a');
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('/login?next=/plans')).toBeNull();
    expect(safeNext('')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });

  it('builds the login URL with the current page', () => {
    expect(loginPath('/plans/3/tasks?q=电子')).toBe(`/login?next=${encodeURIComponent('/plans/3/tasks?q=电子')}`);
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/login')).toBe('/login');
  });
});
