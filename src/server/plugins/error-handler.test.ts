import { STATUS_CODES } from 'node:http';
import { connect } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, importSeed, type TestApp } from '../test/helpers.ts';
import { firstLeadTask } from '../test/finders.ts';
import { registerErrorHandler } from './error-handler.ts';

let t: TestApp;
let ids: { plan: number; unit: number; report: number };
beforeAll(async () => {
  t = await createTestApp();
  const plan = await importSeed(t);
  const tu = await firstLeadTask(t, plan);
  await t.addUser('dw', ['unit_manager'], tu.unit_id);
  const r = await t.inject(
    { method: 'POST', url: `/api/tasks/${tu.task_id}/reports`, payload: { unitId: tu.unit_id, kind: 'part', stage: 'in_progress', narrative: '推进中' } },
    'dw',
  );
  expect(r.statusCode).toBe(201);
  ids = { plan, unit: tu.unit_id, report: r.json().id };
});
afterAll(async () => t.close());

// RELIABILITY §1 rows 1–16: these four bodies gave 500 on all four upload routes, on both databases.
const BODY = '--fuzzB0undary\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nx\r\n--fuzzB0undary--';
const malformed = [
  { name: 'no boundary', type: 'multipart/form-data', body: BODY },
  { name: 'wrong boundary', type: 'multipart/form-data; boundary=other', body: BODY },
  { name: 'truncated', type: 'multipart/form-data; boundary=fuzzB0undary', body: BODY.slice(0, 60) },
  { name: '1 MB of garbage', type: 'multipart/form-data; boundary=fuzzB0undary', body: 'A'.repeat(1024 * 1024) },
  { name: 'a boundary over busboy’s 256-byte limit', type: `multipart/form-data; boundary=${'b'.repeat(300)}`, body: BODY },
];
const routes = [
  { route: 'POST /api/imports', as: 'coordinator', url: () => '/api/imports' },
  { route: 'POST /api/reports/:id/attachments', as: 'dw', url: () => `/api/reports/${ids.report}/attachments` },
  { route: 'POST /api/plans/:id/ledger.xlsx', as: 'dw', url: () => `/api/plans/${ids.plan}/ledger.xlsx?unit=${ids.unit}` },
  { route: 'POST /api/users/import', as: 'admin', url: () => '/api/users/import' },
];

describe('malformed multipart', () => {
  it.each(routes.flatMap((r) => malformed.map((m) => ({ ...r, ...m }))))('$route, $name → 400 in Chinese', async ({ as, url, type, body }) => {
    const res = await t.inject({ method: 'POST', url: url(), headers: { 'content-type': type }, payload: body }, as);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/multipart\/form-data/) });
  });
});

describe('unique-key violations reaching the error handler', () => {
  // A bare app with only the error handler and routes that hit the database's own unique keys, as two
  // racing requests would after both passed the service's check.
  const bare = Fastify();
  beforeAll(async () => {
    registerErrorHandler(bare);
    bare.post('/dup-user', async () => {
      const row = {
        username: 'coordinator',
        display_name: 'x',
        unit_id: null,
        password_hash: 'x',
        roles: '[]',
        must_change_password: 0,
        is_active: 1,
        failed_logins: 0,
        locked_until: null,
        created_at: 'now',
        updated_at: 'now',
      };
      await t.deps.db.insertInto('users').values(row).execute();
      return { ok: true };
    });
    bare.post('/dup-pkey', async () => {
      const u = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'coordinator').executeTakeFirstOrThrow();
      await t.deps.db
        .insertInto('users')
        .values({
          id: u.id,
          username: 'someone-else',
          display_name: 'x',
          unit_id: null,
          password_hash: 'x',
          roles: '[]',
          must_change_password: 0,
          is_active: 1,
          failed_logins: 0,
          locked_until: null,
          created_at: 'now',
          updated_at: 'now',
        } as never)
        .execute();
      return { ok: true };
    });
    // A plan import resolved a unit by name, then a concurrent merge deleted it (fuzz suite, PostgreSQL, 24 at a time: 500).
    bare.post('/gone-unit', async () => {
      const tu = await t.deps.db.selectFrom('task_units').selectAll().executeTakeFirstOrThrow();
      await t.deps.db
        .insertInto('task_units')
        .values({ task_id: tu.task_id, plan_id: tu.plan_id, unit_id: 987654, role: 'responsible', ordinal: 99, name_as_written: '已合并的单位' })
        .execute();
      return { ok: true };
    });
    await bare.ready();
  });
  afterAll(async () => bare.close());

  it('a row that refers to one a concurrent request removed → 409 in Chinese, nothing written', async () => {
    const res = await bare.inject({ method: 'POST', url: '/gone-unit' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toEqual({ code: 'CONFLICT', message: expect.stringMatching(/刚被其他操作修改或删除/) });
    expect(await t.deps.db.selectFrom('task_units').select('id').where('unit_id', '=', 987654).execute()).toEqual([]);
  });

  it('users.username → 409 用户名已存在', async () => {
    const res = await bare.inject({ method: 'POST', url: '/dup-user' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'CONFLICT', message: '用户名已存在' });
  });

  it('any other key (a primary key) → 409 with the general message', async () => {
    const res = await bare.inject({ method: 'POST', url: '/dup-pkey' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'CONFLICT', message: '该记录已存在或刚被其他请求修改，请刷新后重试' });
  });
});

describe('errors raised while routing, before any hook (found by the fuzz suite)', () => {
  // Fastify answered these itself, as {"error":"Bad Request","code":"FST_ERR_BAD_URL",…}: not the project's shape, not Chinese.
  it.each([
    ['a percent escape that is not UTF-8', '/api/plans/%ff%fe', 400, /无效的编码/],
    ['an overlong UTF-8 escape', '/api/tasks/%C0%AF/reports', 400, /无效的编码/],
    ['a lone surrogate escape', '/api/circulars/%ED%A0%80.docx', 400, /无效的编码/],
    ['a broken escape', '/api/units/%zz', 400, /无效的编码/],
    ['a 4,000-character id', `/api/tasks/${'A'.repeat(4000)}`, 414, /参数过长/],
  ])('%s → %i in the error shape', async (_name, url, status, message) => {
    for (const as of [null, 'dw']) {
      const res = await t.inject({ method: 'GET', url }, as);
      expect(res.statusCode).toBe(status);
      expect(res.json()).toEqual({ error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('requests the HTTP parser refuses, over a real socket', () => {
  // Fastify answered these itself: {"error":"Bad Request","message":"Client Error","statusCode":400}.
  const raw = async (bytes: string): Promise<string> => {
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((resolve) => socket.on('connect', resolve));
    socket.write(bytes);
    await new Promise((resolve) => socket.on('close', resolve));
    return Buffer.concat(chunks).toString('utf8');
  };
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it.each([
    [
      'Content-Length and Transfer-Encoding together',
      400,
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    [
      'malformed chunked encoding',
      400,
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    ],
    ['a 20 KB header', 431, `GET /api/health HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`],
    ['bytes that are not HTTP', 400, '\u0000\u0001GARBAGE\r\n\r\n'],
    ['a space in a header name', 400, 'GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n'],
  ])('%s → %i in the error shape', async (_name, status, bytes) => {
    const res = await raw(bytes);
    expect(res.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${STATUS_CODES[status]}`);
    expect(JSON.parse(res.slice(res.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fff]/) } });
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
