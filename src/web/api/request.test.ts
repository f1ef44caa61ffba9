import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, setErrorNotifier } from './request.ts';

function reply(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('request error policy', () => {
  const shown: string[] = [];
  setErrorNotifier((text) => shown.push(text));
  afterEach(() => {
    vi.unstubAllGlobals();
    shown.length = 0;
  });

  it('returns JSON, and nothing for 204', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => reply(200, { status: 'ok' })));
    await expect(request('GET', '/api/health')).resolves.toEqual({ status: 'ok' });
    vi.stubGlobal('fetch', vi.fn(async () => reply(204)));
    await expect(request('DELETE', '/api/imports/1')).resolves.toBeUndefined();
  });

  it('shows the server message once and rejects with its code and details', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => reply(404, { error: { code: 'NOT_FOUND', message: '方案不存在' } })));
    const err = await request('GET', '/api/plans/9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'NOT_FOUND', message: '方案不存在' });
    expect(shown).toEqual(['方案不存在']);
  });

  it('leaves statuses the caller handles to the caller', async () => {
    const body = { error: { code: 'CONFLICT', message: '该文件已导入为方案 山政发〔2021〕7号', details: { planId: 1, url: '/plans/1' } } };
    vi.stubGlobal('fetch', vi.fn(async () => reply(409, body)));
    const err = await request('POST', '/api/imports', { handles: [409] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, details: { planId: 1, url: '/plans/1' } });
    expect(shown).toEqual([]);
  });

  it('explains non-JSON failures and network errors in Chinese', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })));
    await expect(request('GET', '/api/plans')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
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
});
