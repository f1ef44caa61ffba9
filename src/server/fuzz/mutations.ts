import { crc32, deflateRawSync } from 'node:zlib';
import { deflated, DOCX_CONTENT_TYPES, rawZip, XLSX_CONTENT_TYPES } from '../files/zip-fixtures.ts';
import { pathParamNames, type JsonSchema, type Operation } from './openapi.ts';
import { sampleOf, typeOf, type IdLookup } from './sample.ts';

/** How a request carries the persona's session; the mutations of the session itself say otherwise. */
export type SessionUse = 'session' | 'no-csrf' | 'bad-csrf' | 'garbage-cookie' | 'huge-cookie';

/** One request to send, before the persona's cookie and CSRF header are added. */
export interface RequestSpec {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  session: SessionUse;
  /** Sent this many times at once (races on a unique key or a state transition); 1 when absent. */
  copies?: number;
}

/** One change to an otherwise well-formed request; built only when it is sent (bodies reach 2.5 MB). */
export interface Mutation {
  /** path, query, body, field, content-type, multipart, race or session: the figures are kept per group. */
  group: string;
  label: string;
  build(): RequestSpec;
}

/** A valid request of an operation, the base each mutation changes. */
interface Base {
  op: Operation;
  path: Record<string, string>;
  query: [string, string][];
  body: unknown;
}

const MB = 1024 * 1024;
const JSON_TYPE = { 'content-type': 'application/json' };
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Path parameter values, spliced into the URL as written (percent escapes stay escapes). `{v}` is
 * the valid value: a padded real id must not turn into another object (` 1` and `\uFEFF1` are read
 * as id 1, which is an account the run signs in with).
 */
export const BAD_PATH_VALUES: readonly string[] = [
  '-1',
  '0',
  '9223372036854775808',
  '-9223372036854775809',
  '99999999999999999999',
  '-9007199254740993',
  '1e309',
  '1.5',
  'NaN',
  'Infinity',
  'abc',
  '0x1f',
  '%20{v}',
  '{v}%20',
  '{v}.5',
  '{v}e0',
  '%EF%BC%91%EF%BC%92',
  '../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5cwindows',
  '%00',
  '{v}%00',
  '%00.docx',
  '%ff%fe',
  '%C0%AF',
  '%E2%80%AE{v}',
  '%EF%BB%BF{v}',
  '%C2%A0{v}',
  '%E3%80%80{v}',
  '%F0%9F%98%80',
  '%ED%A0%80',
  '%zz',
  '%',
  'A'.repeat(4000),
  "1'%20or%20'1'='1",
  '%0d%0aX-Injected:%201',
  '1;drop%20table%20users',
];

/** Query values (already URL-encoded) for any parameter; the numeric ones matter for integer parameters. */
export const BAD_QUERY_VALUES: readonly string[] = [
  'abc',
  '-1',
  '0',
  '1.5',
  '9223372036854775808',
  '1e309',
  'NaN',
  '',
  '%20',
  'true',
  '%00',
  'a%00b',
  '%ff',
  '%C0%AF',
  '%E2%80%AE',
  '%F0%9F%98%80',
  '%ED%A0%80',
  'A'.repeat(20_000),
  '..%2f..%2fetc%2fpasswd',
  '%7B%22%24gt%22%3A%22%22%7D',
];

/** String values with odd Unicode, each written as JSON text. */
export const ODD_STRINGS: readonly string[] = [
  '"\\u202e\\u202dRTL"',
  '"\\u200b\\u200c\\u200d\\u2060"',
  `"${'e\\u0301'.repeat(1000)}"`,
  '"\\ud83d\\ude00\\ud83d\\udc68\\u200d\\ud83d\\udc69"',
  '"\\ufeff"',
  '"\\uffff\\ufffe"',
  '"\\u0000"',
  '"a\\u0000b"',
  '"\\ud800"',
  '"\\udc00x"',
  '"\\u3000\\u00a0 "',
  '"Ａ１２３"',
  '"𠮷野家"',
  '"<script>alert(1)</script>"',
  `"'; DROP TABLE users; --"`,
  '"\\r\\nX-Injected: 1"',
  '"../../etc/passwd"',
];

/** Other literals, as JSON text, for any field. */
const ODD_LITERALS: readonly string[] = [
  '1e309',
  '-1e309',
  '9223372036854775808',
  '-9223372036854775809',
  '9007199254740993',
  '-1',
  '0',
  '-0',
  '1.5',
  '"NaN"',
  '"Infinity"',
  '"1"',
  '"2021-02-30"',
  '"9999-99-99"',
  '{"$gt":""}',
  '[[]]',
  `"${'x'.repeat(5001)}"`,
];

const WRONG_TYPES: Record<string, string> = { number: '12345', string: '"str"', boolean: 'true', null: 'null', array: '[]', object: '{}' };

const nested = (open: string, close: string, depth: number, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);
const DEEP_ARRAYS = nested('[', ']', 10_000);
const DEEP_OBJECTS = nested('{"a":', '}', 10_000);
const HUGE_ARRAY = `[${'1,'.repeat(99_999)}1]`;
const MB_STRING = `"${'x'.repeat(MB)}"`;
const INVALID_UTF8 = Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]);

const VALID_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fuzz image')]);
const PLAN_TEXT = Buffer.from('山政发〔2099〕1号\n关于印发模糊测试方案的通知\n一、开办企业\n1. 压缩开办时间。9月底前完成。牵头单位：区审批服务局\n');

const MARK = '\u0001FUZZ\u0001';
const MARK_JSON = JSON.stringify(MARK);

/** `body` as JSON text with the value at `path` replaced by raw JSON text (or removed when `raw` is undefined). */
function withField(body: unknown, path: string[], raw: string | undefined): string {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (raw === undefined) delete at[last];
  else at[last] = MARK;
  const text = JSON.stringify(copy);
  return raw === undefined ? text : text.replace(MARK_JSON, () => raw);
}

/** The fields a body mutation aims at: top-level properties and those one object level down. */
function fieldsOf(schema: JsonSchema, prefix: string[] = [], depth = 0): { path: string[]; schema: JsonSchema; required: boolean }[] {
  const out: { path: string[]; schema: JsonSchema; required: boolean }[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, name];
    out.push({ path, schema: s, required: required.has(name) });
    if (depth === 0 && typeOf(s) === 'object') out.push(...fieldsOf(s, path, 1));
  }
  return out;
}

function urlOf(base: Base, path: Record<string, string> = base.path, query: [string, string][] = base.query): string {
  const p = base.op.route.replace(/:(\w+)/g, (_, name: string) => path[name] ?? '1');
  return query.length ? `${p}?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : p;
}

const boundary = 'fuzzB0undary';
const part = (name: string, fileName: string | null, content: string | Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${fileName === null ? '' : `; filename="${fileName}"`}\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from('\r\n'),
  ]);
const form = (...parts: Buffer[]) => Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);

/** Office-shaped zips whose main part claims 10 bytes and inflates to 1 MB of zeros: a bomb in miniature. */
let lying: { docx: Buffer; xlsx: Buffer } | undefined;
function lyingZip(kind: 'docx' | 'xlsx'): Buffer {
  if (!lying) {
    const zeros = Buffer.alloc(MB);
    const liar = (name: string) => ({ name, method: 8 as const, data: deflateRawSync(zeros), crc: crc32(zeros), size: 10 });
    lying = {
      docx: rawZip([deflated('[Content_Types].xml', DOCX_CONTENT_TYPES), liar('word/document.xml')]),
      xlsx: rawZip([deflated('[Content_Types].xml', XLSX_CONTENT_TYPES), deflated('xl/workbook.xml', '<workbook/>'), liar('xl/worksheets/sheet1.xml')]),
    };
  }
  return lying[kind];
}

/** Multipart bodies for routes that take no JSON body: the upload routes, and every other command that should refuse them. */
function multipartCases(): [string, () => { contentType: string; payload: Buffer; copies?: number }][] {
  const mp = (payload: Buffer, contentType = `multipart/form-data; boundary=${boundary}`) => ({ contentType, payload });
  const txt = part('file', 'a.txt', 'x');
  return [
    ['no boundary', () => mp(form(txt), 'multipart/form-data')],
    ['wrong boundary', () => mp(form(txt), 'multipart/form-data; boundary=other')],
    ['truncated', () => mp(form(txt).subarray(0, 60))],
    ['no parts', () => mp(Buffer.from(`--${boundary}--\r\n`))],
    ['empty body', () => mp(Buffer.alloc(0))],
    ['field without file', () => mp(form(part('file', null, 'text')))],
    ['wrong field name', () => mp(form(part('upload', 'a.pdf', '%PDF-1.4\n')))],
    ['empty file', () => mp(form(part('file', 'empty.pdf', '')))],
    ['two files', () => mp(form(part('file', 'a.png', '\x89PNG\r\n\x1a\n1'), part('file', 'b.png', '\x89PNG\r\n\x1a\n2')))],
    ['30 fields', () => mp(form(...Array.from({ length: 30 }, (_, i) => part(`f${i}`, null, 'v')), txt))],
    ['traversal file name', () => mp(form(part('file', '../../../etc/passwd', '%PDF-1.4\n%%EOF\n')))],
    ['NUL and CRLF in file name', () => mp(form(part('file', 'a\u0000b\r\nX: 1.pdf', '%PDF-1.4\n%%EOF\n')))],
    ['exe named .pdf', () => mp(form(part('file', 'report.pdf', 'MZ\x90\x00\x03 not a pdf')))],
    ['html named .png', () => mp(form(part('file', 'x.png', '<html><script>alert(1)</script></html>')))],
    ['zip that is not Office, named .docx', () => mp(form(part('file', 'x.docx', Buffer.from('PK\x03\x04 word/document.xml garbage'))))],
    ['lying zip named .docx', () => mp(form(part('file', 'bomb.docx', lyingZip('docx'))))],
    ['lying zip named .xlsx', () => mp(form(part('file', 'bomb.xlsx', lyingZip('xlsx'))))],
    ['1 MB garbage .txt', () => mp(form(part('file', 'junk.txt', Buffer.alloc(MB, 0x41))))],
    ['invalid UTF-8 .txt', () => mp(form(part('file', 'bad.txt', INVALID_UTF8)))],
    ['junk between boundaries', () => mp(Buffer.from(`--${boundary}\r\ngarbage without headers\r\n--${boundary}--\r\n`))],
    ['1 MB with a boundary but no parts', () => mp(Buffer.alloc(MB, 0x41))],
    // Well-formed uploads, alone and six at once (the same content: one stored file, six rows, or a 409).
    ['a valid PNG', () => mp(form(part('file', '照片.png', VALID_PNG)))],
    ['a valid PNG, 6 at once', () => ({ ...mp(form(part('file', '照片.png', VALID_PNG))), copies: 6 })],
    ['a plan text, 6 at once', () => ({ ...mp(form(part('file', '方案.txt', PLAN_TEXT))), copies: 6 })],
  ];
}

/**
 * Every mutation of one operation, in a fixed order: each changes one thing of a valid request
 * (a path parameter, a query parameter, a field, the whole body, its content type, the multipart
 * framing or the session), so a refusal can be traced to its cause.
 */
export function mutationsOf(op: Operation, pathValue: (name: string) => string, ids: IdLookup): Mutation[] {
  const path = Object.fromEntries(pathParamNames(op.route).map((n) => [n, pathValue(n)]));
  const query: [string, string][] = op.query.filter((q) => q.required).map((q) => [q.name, encodeURIComponent(String(sampleOf(q.schema, q.name, ids)))]);
  const body = op.body ? sampleOf(op.body, 'body', ids) : undefined;
  const base: Base = { op, path, query, body };
  const hasBody = UNSAFE.has(op.method);
  const bodyText = body === undefined ? (hasBody ? '{}' : undefined) : JSON.stringify(body);
  const spec = (over: Partial<RequestSpec>): RequestSpec => ({
    method: op.method,
    url: urlOf(base),
    headers: bodyText === undefined ? {} : { ...JSON_TYPE },
    ...(bodyText === undefined ? {} : { payload: bodyText }),
    session: 'session',
    ...over,
  });
  const out: Mutation[] = [];
  const add = (group: string, label: string, build: () => RequestSpec) => out.push({ group, label, build });

  for (const name of Object.keys(path)) {
    for (const bad of BAD_PATH_VALUES) {
      const value = bad.replaceAll('{v}', path[name]!);
      add('path', `${name}=${value.length > 40 ? `${value.slice(0, 8)}…(${value.length})` : value}`, () =>
        spec({ url: urlOf(base, { ...path, [name]: value }) }),
      );
    }
  }
  const plain = urlOf(base).split('?')[0]!;
  add('path', '/api/../ prefix', () => spec({ url: plain.replace('/api/', '/api/../api/') }));
  add('path', 'double slash', () => spec({ url: plain.replace('/api/', '/api//') }));
  add('path', 'trailing slash', () => spec({ url: `${plain}/` }));
  add('path', 'traversal suffix', () => spec({ url: `${plain}/..%2f..%2f..%2fetc%2fpasswd` }));

  for (const q of op.query) {
    for (const bad of BAD_QUERY_VALUES)
      add('query', `${q.name}=${bad.length > 40 ? `A…(${bad.length})` : bad}`, () =>
        spec({ url: urlOf(base, path, [...query.filter(([k]) => k !== q.name), [q.name, bad]]) }),
      );
    add('query', `${q.name} repeated`, () => spec({ url: urlOf(base, path, [...query, [q.name, '1'], [q.name, '2']]) }));
    add('query', `${q.name}[]`, () => spec({ url: urlOf(base, path, [...query, [`${q.name}[]`, '1']]) }));
    add('query', `${q.name}[a]`, () => spec({ url: urlOf(base, path, [...query, [`${q.name}[a]`, '1']]) }));
  }
  add('query', '__proto__[x]', () => spec({ url: urlOf(base, path, [...query, ['__proto__[x]', '1']]) }));
  add('query', 'constructor[prototype][x]', () => spec({ url: urlOf(base, path, [...query, ['constructor[prototype][x]', '1']]) }));
  add('query', 'unknown parameter', () => spec({ url: urlOf(base, path, [...query, ['fuzzUnknown', '1']]) }));
  add('query', '64 KB query', () => spec({ url: urlOf(base, path, [...query, ['pad', 'x'.repeat(64 * 1024)]]) }));
  add('query', 'bare separators', () => spec({ url: `${urlOf(base, path, [])}?&&&=&=%` }));

  if (op.body && body && typeof body === 'object') {
    for (const f of fieldsOf(op.body)) {
      const label = f.path.join('.');
      const at = (raw: string | undefined) => () => spec({ payload: withField(body, f.path, raw) });
      if (f.required) add('field', `${label} missing`, at(undefined));
      const t = typeOf(f.schema);
      for (const [type, raw] of Object.entries(WRONG_TYPES))
        if (type !== t && !(t === 'integer' && type === 'number')) add('field', `${label} as ${type}`, at(raw));
      add('field', `${label} 1 MB string`, at(MB_STRING));
      add('field', `${label} [1 MB string]`, at(`[${MB_STRING}]`));
      for (const raw of ODD_LITERALS) add('field', `${label}=${raw.slice(0, 24)}`, at(raw));
      for (const raw of ODD_STRINGS) add('field', `${label}=${raw.slice(0, 24)}`, at(raw));
      add('field', `${label} 10k nested arrays`, at(DEEP_ARRAYS));
      add('field', `${label} 10k nested objects`, at(DEEP_OBJECTS));
      add('field', `${label} 100k-item array`, at(HUGE_ARRAY));
      add('field', `${label} invalid UTF-8 bytes`, () => {
        const [head, tail] = withField(body, f.path, '"\u0002"').split('\u0002') as [string, string];
        return spec({ payload: Buffer.concat([Buffer.from(head.replace(/"$/, '"a')), INVALID_UTF8, Buffer.from(tail)]) });
      });
    }
  }

  if (hasBody) {
    const obj = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const text = JSON.stringify(obj);
    // `text` with raw JSON members put first, a valid object whatever the body holds.
    const prepend = (members: string) => (text === '{}' ? `{${members}}` : `{${members},${text.slice(1)}`);
    // Payloads are thunks: a route's mutation list lives for the whole run and must not hold megabytes.
    const raw = (label: string, payload: () => string | Buffer) => add('body', label, () => spec({ payload: payload(), headers: JSON_TYPE }));
    raw('extra field', () => JSON.stringify({ ...obj, fuzzExtra: 1 }));
    raw('__proto__ key', () => prepend('"__proto__":{"isAdmin":true}'));
    raw('constructor.prototype key', () => prepend('"constructor":{"prototype":{"isAdmin":true}}'));
    raw('duplicate key', () => (text.length > 2 ? `${text.slice(0, -1)},${text.slice(1)}` : '{"a":1,"a":2}'));
    for (const s of ['{}', 'null', '0', '"s"', '[]', 'true', '[{}]', '-0', '1e999']) raw(`body ${s}`, () => s);
    raw('empty', () => '');
    raw('truncated', () => text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    raw('unbalanced brace', () => '{');
    raw('1 MB garbage', () => 'g'.repeat(MB));
    raw('10k nested arrays', () => DEEP_ARRAYS);
    raw('10k nested objects', () => DEEP_OBJECTS);
    raw('200k unbalanced [', () => '['.repeat(200_000));
    raw('100k-item array', () => HUGE_ARRAY);
    raw('BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    raw('UTF-16LE', () => Buffer.from(text, 'utf16le'));
    raw('invalid UTF-8 key', () => {
      const [head, tail] = prepend('"\u0002":1').split('\u0002') as [string, string];
      return Buffer.concat([Buffer.from(head), INVALID_UTF8, Buffer.from(tail)]);
    });
    raw('2.5 MB (over the limit)', () => `{"pad":"${'x'.repeat(2.5 * MB)}"}`);
    raw('1 MB of whitespace', () => `${' '.repeat(MB)}${text}`);
    const ct = (label: string, contentType: string | null, payload: string | Buffer = text) =>
      add('content-type', label, () => spec({ payload, headers: contentType === null ? {} : { 'content-type': contentType } }));
    ct('text/plain', 'text/plain');
    ct('form-urlencoded', 'application/x-www-form-urlencoded', 'a=1&b=%00&c[]=x');
    ct('multipart with junk', `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\njunk\r\n`);
    ct('no content type', null);
    ct('charset=latin1', 'application/json; charset=latin1');
    ct('APPLICATION/JSON', 'APPLICATION/JSON');
    ct('odd parameters', 'application/json\t;;;=');
    ct('application/xml', 'application/xml', '<a>1</a>');
    ct('octet-stream', 'application/octet-stream', INVALID_UTF8);
    ct('json type, empty body', 'application/json', '');
    if (!op.body)
      for (const [label, make] of multipartCases())
        add('multipart', label, () => {
          const m = make();
          return spec({ payload: m.payload, headers: { 'content-type': m.contentType }, ...(m.copies ? { copies: m.copies } : {}) });
        });
    // The valid request itself, once and as concurrent copies: check-then-act races answer 409, never 500.
    add('race', 'the valid request', () => spec({}));
    add('race', '6 concurrent copies', () => spec({ copies: 6 }));
    add('race', '6 concurrent copies, extra field', () => spec({ copies: 6, payload: JSON.stringify({ ...obj, fuzzExtra: 1 }) }));
    add('session', 'no CSRF token', () => spec({ session: 'no-csrf' }));
    add('session', 'wrong CSRF token', () => spec({ session: 'bad-csrf' }));
  } else {
    add('body', 'GET with a JSON body', () => spec({ payload: '{"a":1}', headers: JSON_TYPE }));
    add('body', 'GET with invalid UTF-8 body', () => spec({ payload: INVALID_UTF8, headers: { 'content-type': 'text/plain' } }));
  }
  add('session', 'garbage cookie', () => spec({ session: 'garbage-cookie' }));
  add('session', '12 KB cookie', () => spec({ session: 'huge-cookie' }));
  return out;
}
