import { afterEach, describe, expect, it, vi } from 'vitest';
import { getCsrfToken, setCsrfToken } from './csrf.ts';
import { ApiError, request, setErrorNotifier, setLoginRedirect } from './request.ts';

function reply(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('request error policy', () => {
  const shown: string[] = [];
  setErrorNotifier((text) => shown.push(text));
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
    shown.length = 0;
    setCsrfToken(null);
  });

  it('returns JSON, and nothing for 204', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => reply(200, { status: 'ok' })),
    );
    await expect(request('GET', '/api/health')).resolves.toEqual({ status: 'ok' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => reply(204)),
    );
    await expect(request('DELETE', '/api/imports/1')).resolves.toBeUndefined();
  });

  it('shows the server message once and rejects with its code and details', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => reply(404, { error: { code: 'NOT_FOUND', message: '方案不存在' } })),
    );
    const err = await request('GET', '/api/plans/9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'NOT_FOUND', message: '方案不存在' });
    expect(shown).toEqual(['方案不存在']);
  });

  it('leaves statuses the caller handles to the caller', async () => {
    const body = { error: { code: 'CONFLICT', message: '该文件已导入为方案 山政发〔2021〕7号', details: { planId: 1, url: '/plans/1' } } };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => reply(409, body)),
    );
    const err = await request('POST', '/api/imports', { handles: [409] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, details: { planId: 1, url: '/plans/1' } });
    expect(shown).toEqual([]);
  });

  it('explains non-JSON failures and network errors in Chinese', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })),
    );
    await expect(request('GET', '/api/plans')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(request('GET', '/api/plans')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
    expect(shown).toEqual(['服务暂时不可用，请稍后重试', '无法连接服务器，请检查网络后重试']);
  });

  it('sends JSON bodies and query strings', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => reply(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    await request('PATCH', '/api/plans/1', { body: { title: '新标题' }, query: { a: 1, b: null } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/plans/1?a=1');
    expect(init).toMatchObject({ method: 'PATCH', body: '{"title":"新标题"}' });
    expect((init!.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('sends the CSRF token on writes only', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => reply(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok-1');
    await request('GET', '/api/plans');
    await request('POST', '/api/users', { body: { username: 'a' } });
    await request('DELETE', '/api/imports/1');
    const headers = fetchMock.mock.calls.map(([, init]) => init!.headers as Record<string, string>);
    expect(headers[0]!['x-csrf-token']).toBeUndefined();
    expect(headers[1]!['x-csrf-token']).toBe('tok-1');
    expect(headers[2]!['x-csrf-token']).toBe('tok-1');
    expect(fetchMock.mock.calls[0]![1]).toMatchObject({ credentials: 'same-origin' });
  });

  it('sends a 401 to the login page with the current path, once for a burst', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const redirects: string[] = [];
    setLoginRedirect((url) => redirects.push(url));
    vi.stubGlobal('window', { location: { pathname: '/plans/3/tasks', search: '?q=电子' } });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => reply(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } })),
    );
    setCsrfToken('tok-1');
    await expect(request('GET', '/api/plans/3')).rejects.toMatchObject({ status: 401 });
    await expect(request('GET', '/api/plans/3/tasks')).rejects.toMatchObject({ status: 401 });
    expect(redirects).toEqual([`/login?next=${encodeURIComponent('/plans/3/tasks?q=电子')}`]);
    expect(shown).toEqual(['登录已失效，请重新登录']);
    expect(getCsrfToken()).toBeNull();
    // A caller that handles 401 (the login form) gets the error and nothing else happens.
    vi.setSystemTime(new Date('2026-01-01T00:01:00Z'));
    await expect(request('POST', '/api/auth/login', { handles: [401] })).rejects.toMatchObject({ status: 401, message: '请先登录' });
    expect(redirects).toHaveLength(1);
  });

  it('shows a 403 refusal without leaving the page', async () => {
    const redirects: string[] = [];
    setLoginRedirect((url) => redirects.push(url));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => reply(403, { error: { code: 'FORBIDDEN', message: '无权执行此操作' } })),
    );
    await expect(request('PATCH', '/api/units/1', { body: {} })).rejects.toMatchObject({ status: 403 });
    expect(shown).toEqual(['无权执行此操作']);
    expect(redirects).toEqual([]);
  });
});
