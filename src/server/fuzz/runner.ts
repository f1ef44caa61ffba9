import { request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { TestApp } from '../test/helpers.ts';
import { ANONYMOUS, type FuzzCase, type Persona } from './generator.ts';
import type { RequestSpec } from './mutations.ts';

/** A response the suite does not accept, with what is needed to send the same request again. */
export interface Failure {
  index: number;
  persona: Persona;
  request: string;
  mutation: string;
  status: number;
  why: string;
  body: string;
}

export interface Memory {
  rssMB: number;
  heapMB: number;
}

export interface RunStats {
  /** Cases run, and responses judged: a race case sends several requests. */
  cases: number;
  sent: number;
  byClass: Record<string, number>;
  byStatus: Record<string, number>;
  byPersona: Record<string, Record<string, number>>;
  byGroup: Record<string, number>;
  serverErrors: number;
  /** Over HTTP: connections the server closed before answering (an upload refused while it was still being sent). */
  dropped: number;
  failures: Failure[];
  /** Every route that was sent at least one request, as `METHOD /route`. */
  routes: Set<string>;
  durationMs: number;
  memoryBefore: Memory;
  memoryAfter: Memory;
  /** `/api/health` after the run. */
  healthStatus: number;
  /** Personas restored before they could sign in again (see World.restorePersona). */
  repairs: string[];
}

/** Forces a full collection so the heap figures compare live data, not garbage still to be collected. */
const collect: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
})();

function memoryNow(): Memory {
  collect();
  const m = process.memoryUsage();
  return { rssMB: Math.round(m.rss / 1024 / 1024), heapMB: Math.round(m.heapUsed / 1024 / 1024) };
}

/** What the judge needs of a response, from either transport. */
export interface Answer {
  statusCode: number;
  body: string;
}

const CJK = /[\u3400-\u9fff]/;
const classOf = (status: number) => `${Math.floor(status / 100)}xx`;
const SESSION_ENDING = /^\/api\/auth\/logout/;

/** Why a response breaks the contract, or null: no 5xx, and every 4xx the project's error shape with a Chinese message. */
export function judge(res: Answer): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (res.statusCode < 400) return null;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return 'a 4xx body that is not JSON';
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return 'a 4xx body that is not { error: { code, message } }';
  if (!CJK.test(error.message)) return 'a 4xx message that is not in Chinese';
  return null;
}

/** Sessions of the personas, signed in through the API from addresses of their own (the per-address sign-in limit is not what is fuzzed). */
class Sessions {
  private readonly headers = new Map<Persona, Promise<Record<string, string>>>();
  private static logins = 0;
  private readonly t: TestApp;
  private readonly restore: (persona: Persona) => Promise<void>;
  /** Sign-ins that needed the persona restored first, as `persona: status`. */
  readonly repairs: string[] = [];
  constructor(t: TestApp, restore: (persona: Persona) => Promise<void>) {
    this.t = t;
    this.restore = restore;
  }

  of(persona: Persona): Promise<Record<string, string>> {
    let h = this.headers.get(persona);
    if (!h) {
      h = this.signIn(persona);
      this.headers.set(persona, h);
    }
    return h;
  }

  /** Forgets a session that a request ended, so the next request signs in again. */
  renew(persona: Persona, stale: Record<string, string>): void {
    void this.headers.get(persona)?.then((h) => {
      if (h === stale) this.headers.delete(persona);
    });
  }

  /** Through the test helper's sign-in, which also passes an administrator's second factor. */
  private async signIn(persona: Persona): Promise<Record<string, string>> {
    const login = () => {
      const n = ++Sessions.logins;
      return this.t.signIn(persona, `10.77.${(n >> 8) & 255}.${n & 255}`);
    };
    try {
      return await login();
    } catch (e) {
      this.repairs.push(`${persona}: ${(e as Error).message.slice(0, 80)}`);
      await this.restore(persona);
      return login();
    }
  }
}

function headersFor(spec: RequestSpec, session: Record<string, string> | null): Record<string, string> {
  const auth: Record<string, string> = session ? { ...session } : {};
  switch (spec.session) {
    case 'no-csrf':
      delete auth['x-csrf-token'];
      break;
    case 'bad-csrf':
      if (session) auth['x-csrf-token'] = 'forged-token';
      break;
    case 'garbage-cookie':
      auth.cookie = 'tuijin_session=%%%not-a-token%%%; tuijin_session=; =; ;;';
      break;
    case 'huge-cookie':
      auth.cookie = `tuijin_session=${'a'.repeat(12 * 1024)}`;
      break;
    case 'session':
      break;
  }
  return { ...spec.headers, ...auth };
}

const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

/**
 * One request over a real socket to the listening app, so Node's HTTP parser, real streams and early
 * answers (a 413 before the body is read) are part of the run. Null when the connection ended before
 * any answer: the server may close on a refused upload while the client still writes (EPIPE).
 */
function overHttp(port: number, spec: RequestSpec, headers: Record<string, string>, payload: Buffer | undefined): Promise<Answer | null> {
  return new Promise((resolve) => {
    let answered = false;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: spec.method,
        path: spec.url,
        headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', () => {
      if (!answered) resolve(null);
    });
    req.end(payload);
  });
}

/**
 * Sends the cases through `app.inject`, `concurrency` at a time, and judges every response. The
 * run never stops at a failure: all of them are collected, with the case index and seed enough to
 * send each again.
 */
export async function runCases(
  t: TestApp,
  cases: readonly FuzzCase[],
  {
    concurrency = 8,
    onProgress,
    restorePersona = async () => {},
    port,
  }: {
    concurrency?: number;
    onProgress?: (done: number) => void;
    restorePersona?: (persona: Persona) => Promise<void> /** Send over HTTP to this port instead of `inject`. */;
    port?: number;
  } = {},
): Promise<RunStats> {
  const sessions = new Sessions(t, restorePersona);
  const stats: RunStats = {
    cases: cases.length,
    sent: 0,
    byClass: {},
    byStatus: {},
    byPersona: {},
    byGroup: {},
    serverErrors: 0,
    dropped: 0,
    failures: [],
    routes: new Set(),
    durationMs: 0,
    memoryBefore: memoryNow(),
    memoryAfter: { rssMB: 0, heapMB: 0 },
    healthStatus: 0,
    repairs: sessions.repairs,
  };
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const spec = c.mutation.build();
      const session = c.persona === ANONYMOUS ? null : await sessions.of(c.persona);
      // Bytes, as a client sends them. (A string payload that Fastify refuses unread, such as a 413, is
      // kept alive by light-my-request until the app closes: a harness artifact, not a server leak.)
      const bytes = spec.payload === undefined ? undefined : Buffer.from(spec.payload);
      const headers = headersFor(spec, session);
      const send = (): Promise<Answer | null> =>
        port === undefined
          ? t.app.inject({ method: spec.method as 'GET', url: spec.url, headers, ...(bytes ? { payload: bytes } : {}) })
          : overHttp(port, spec, headers, bytes);
      const answers = await Promise.all(Array.from({ length: spec.copies ?? 1 }, send));
      const responses = answers.filter((a): a is Answer => a !== null);
      stats.dropped += answers.length - responses.length;
      // Only a body too large to be worth reading may be cut short; anything smaller must get an answer.
      if (responses.length < answers.length && (bytes?.length ?? 0) < 1024 * 1024) {
        stats.failures.push({
          index: c.index,
          persona: c.persona,
          request: `${spec.method} ${spec.url.slice(0, 160)}`,
          mutation: `${c.mutation.group}: ${c.mutation.label}`,
          status: 0,
          why: 'connection closed without an answer',
          body: '',
        });
      }
      stats.routes.add(`${c.op.method} ${c.op.route}`);
      count(stats.byGroup, c.mutation.group);
      for (const res of responses) {
        stats.sent++;
        count(stats.byClass, classOf(res.statusCode));
        count(stats.byStatus, String(res.statusCode));
        count((stats.byPersona[c.persona] ??= {}), classOf(res.statusCode));
        if (res.statusCode >= 500) stats.serverErrors++;
        const why = judge(res);
        if (why) {
          stats.failures.push({
            index: c.index,
            persona: c.persona,
            request: `${spec.method} ${spec.url.length > 160 ? `${spec.url.slice(0, 160)}…` : spec.url}`,
            mutation: `${c.mutation.group}: ${c.mutation.label}`,
            status: res.statusCode,
            why,
            body: res.body.slice(0, 300),
          });
        }
      }
      // A sign-out (or anything else that ended the session) must not turn the rest of the run anonymous.
      const ended = responses.some((res) => res.statusCode === 401 || (SESSION_ENDING.test(c.op.route) && res.statusCode < 300));
      if (session && spec.session === 'session' && ended) sessions.renew(c.persona, session);
      if (c.index % 500 === 0) onProgress?.(c.index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  stats.durationMs = Math.round(performance.now() - started);
  stats.healthStatus = (await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode;
  stats.memoryAfter = memoryNow();
  return stats;
}

/** The figures of a run as printed by the test and by `npm run fuzz`. */
export function formatStats(seed: number, dialect: string, s: RunStats): string {
  const line = (m: Record<string, number>) =>
    Object.entries(m)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · ');
  return [
    `fuzz on ${dialect}, seed ${seed} (repeat with FUZZ_SEED=${seed})`,
    `requests sent: ${s.sent} (${s.cases} cases) to ${s.routes.size} routes in ${(s.durationMs / 1000).toFixed(1)} s (${Math.round(s.sent / (s.durationMs / 1000))} req/s)`,
    `by status class: ${line(s.byClass)}`,
    `by status: ${line(s.byStatus)}`,
    ...Object.entries(s.byPersona).map(([p, m]) => `  ${p}: ${line(m)}`),
    `by mutation group: ${line(s.byGroup)}`,
    `5xx: ${s.serverErrors} · contract failures: ${s.failures.length} · dropped: ${s.dropped} · /api/health after: ${s.healthStatus} · personas restored: ${s.repairs.length ? s.repairs.join(', ') : 'none'}`,
    `memory before: RSS ${s.memoryBefore.rssMB} MB, heap ${s.memoryBefore.heapMB} MB · after: RSS ${s.memoryAfter.rssMB} MB, heap ${s.memoryAfter.heapMB} MB`,
    ...s.failures.slice(0, 30).map((f) => `  ✖ #${f.index} ${f.persona} ${f.request} [${f.mutation}] → ${f.status} ${f.why}: ${f.body.slice(0, 160)}`),
  ].join('\n');
}
