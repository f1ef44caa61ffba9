import { describe, expect, it } from 'vitest';
import { ANONYMOUS, planCases, slotCount } from './generator.ts';
import { mutationsOf } from './mutations.ts';
import { operationsOf, type OpenApiDocument, type Operation } from './openapi.ts';
import { judge } from './runner.ts';

const int = { type: 'integer', minimum: 1 };
const doc: OpenApiDocument = {
  paths: {
    '/api/things/{id}': {
      patch: {
        parameters: [{ in: 'path', name: 'id', required: true, schema: int }],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { title: { type: 'string', minLength: 1 }, unitId: int, tags: { type: 'array', items: { type: 'string' } } },
                required: ['title'],
              },
            },
          },
        },
      },
    },
    '/api/things': { get: { parameters: [{ in: 'query', name: 'q', schema: { type: 'string' } }] } },
  },
};
const registry = [
  { method: 'PATCH', url: '/api/things/:id', action: 'plan.manage' },
  { method: 'GET', url: '/api/things', action: 'public.read' },
  { method: 'GET', url: '/api/things/:id.pdf', action: 'plan.read' },
];
const ops = operationsOf(doc, registry);
const personas = [ANONYMOUS, 'unit', 'coordinator'];
const plan = (seed: number, count: number) => planCases(ops, { seed, count, personas, pathValue: () => '7', ids: (f) => (f === 'unitId' ? 3 : undefined) });
const shape = (seed: number) => plan(seed, 200).map((c) => `${c.persona} ${c.op.method} ${c.op.route} ${c.mutation.label}`);

describe('operations from the OpenAPI document and the route registry', () => {
  it('takes schemas from the document and fuzzes hidden routes from their path', () => {
    const patch = ops.find((o) => o.method === 'PATCH')!;
    expect(patch.body?.required).toEqual(['title']);
    expect(patch.pathParams.map((p) => p.name)).toEqual(['id']);
    const hidden = ops.find((o) => o.route === '/api/things/:id.pdf')!;
    expect(hidden).toMatchObject({ inDocument: false, pathParams: [{ name: 'id' }], body: null });
  });

  it('refuses a document that lists a route the app does not serve', () => {
    expect(() => operationsOf({ paths: { ...doc.paths, '/api/ghost': { get: {} } } }, registry)).toThrow(/GET \/api\/ghost/);
  });
});

describe('cases', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(shape(42)).toEqual(shape(42));
    expect(shape(43)).not.toEqual(shape(42));
  });

  it('reach every route as every persona once the count covers the slots', () => {
    const cases = plan(1, slotCount(ops, personas));
    for (const op of ops)
      for (const p of personas)
        expect(
          cases.some((c) => c.op === op && c.persona === p),
          `${op.route} ${p}`,
        ).toBe(true);
  });

  it('mutate what the issue names: types, missing fields, size, nesting, encoding, content types, ids, traversal', () => {
    const labels = (op: Operation) =>
      mutationsOf(
        op,
        () => '7',
        () => undefined,
      ).map((m) => `${m.group}: ${m.label}`);
    const patch = labels(ops[0]!);
    for (const want of [
      'field: title missing',
      'field: title as number',
      'field: unitId as string',
      'body: extra field',
      'field: title 1 MB string',
      'field: title 10k nested arrays',
      'body: 10k nested objects',
      'field: tags 100k-item array',
      'field: title invalid UTF-8 bytes',
      'content-type: text/plain',
      'content-type: form-urlencoded',
      'content-type: multipart with junk',
      'content-type: no content type',
      'path: id=9223372036854775808',
      'path: id=-1',
      'path: id=1e309',
      'path: id=NaN',
      'path: id=%00',
      'path: id=7%00',
      'path: id=../../etc/passwd',
      'path: id=%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'field: title="\\u202e\\u202dRTL"',
    ]) {
      expect(patch).toContain(want);
    }
    // A route without a JSON body gets the multipart cases (the upload routes are among them).
    expect(labels(ops[2]!).filter((l) => l.startsWith('multipart'))).toEqual([]);
    const command = operationsOf({ paths: {} }, [{ method: 'POST', url: '/api/things/:id/upload', action: 'plan.manage' }])[0]!;
    expect(labels(command)).toEqual(
      expect.arrayContaining(['multipart: no boundary', 'multipart: truncated', 'multipart: lying zip named .xlsx', 'multipart: exe named .pdf']),
    );
  });

  it('build a field mutation as the one change to a valid body', () => {
    const m = mutationsOf(
      ops[0]!,
      () => '7',
      (f) => (f === 'unitId' ? 3 : undefined),
    )
      .find((x) => x.label === 'unitId=9223372036854775808')!
      .build();
    expect(m).toMatchObject({ method: 'PATCH', url: '/api/things/7', headers: { 'content-type': 'application/json' } });
    expect(m.payload).toBe('{"title":"推进测试fuzz","unitId":9223372036854775808,"tags":["推进测试fuzz"]}');
  });
});

describe('judge', () => {
  it('accepts 2xx/3xx and 4xx in the error shape with a Chinese message, and nothing else', () => {
    expect(judge({ statusCode: 200, body: 'anything' })).toBeNull();
    expect(judge({ statusCode: 404, body: '{"error":{"code":"NOT_FOUND","message":"任务不存在"}}' })).toBeNull();
    expect(judge({ statusCode: 500, body: '{"error":{"code":"INTERNAL","message":"服务器内部错误"}}' })).toMatch(/500/);
    expect(judge({ statusCode: 400, body: '{"error":"Bad Request","code":"FST_ERR_BAD_URL","message":"bad"}' })).toMatch(/not \{ error/);
    expect(judge({ statusCode: 400, body: '{"error":{"code":"INVALID_INPUT","message":"Bad Request"}}' })).toMatch(/Chinese/);
    expect(judge({ statusCode: 413, body: '<html>' })).toMatch(/not JSON/);
  });
});
