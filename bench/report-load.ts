/**
 * Load benchmark: `node bench/report-load.ts`. 200 unit accounts report progress with evidence at
 * the same moment against a real server on a fresh SQLite database, and nothing may be lost.
 *
 * 1. Setup (not timed): a temp DATA_DIR; the sample plan imported and 200 unit accounts created
 *    straight in the database (createUser, fixedPassword), spread over the units named on tasks.
 * 2. The server runs as a child process, `node src/cli.ts serve` (TUIJIN_DEMO=0), so the clients in
 *    this process never share its event loop or CPU time slices with the code being measured.
 * 3. Every account signs in over HTTP (cookie + x-csrf-token). The login limiter counts attempts per
 *    client IP and the server is started with TRUST_PROXY=1 (as behind a proxy) so it trusts X-Forwarded-For, so each client sends its own address, as 200
 *    offices behind the reverse proxy would.
 * 4. Baseline: the 200 clients at once, each GET /api/health ×4 (about as many requests as a report).
 * 5. Load, twice. Each client: POST /api/tasks/:id/reports → 1–2 × POST /api/reports/:id/attachments
 *    (a distinct 50–200 KB PNG or PDF) → POST /api/reports/:id/submit.
 *    a. Concurrent: the 200 clients start at random moments within BENCH_WINDOW_MS (default 10 s),
 *       all connected and overlapping — about 70 requests and 30 files a second, many times the rush
 *       of a real reporting deadline (200 units in an afternoon). The issue's target is checked here.
 *    b. Burst: all 200 start at the same millisecond. On a 2-CPU machine this measures queueing: even
 *       the health baseline under the same burst takes ~100–200 ms at p95, so it is reported with its
 *       ratio to that baseline (issue 9: ≤ 2).
 *    c. Floor: both bursts again against bench/null-server.ts, which only reads bodies, hashes the
 *       files and answers. Its ratio is what the clients (in this process, on the same CPUs) and the
 *       machine cost before any server work: no server can show a lower one in this bench.
 * 6. Check: the server is stopped, then every report is read back (status submitted), every
 *    attachment row, and every stored file under DATA_DIR/files is hashed and compared.
 *
 * Prints per-request-type latency (p50/p95/p99/max), throughput, each phase's baseline (GET /api/health
 * ×4 per client with the same arrival pattern) and the ratio p95(report requests)/p95(baseline), and
 * whether p95 < 200 ms in the concurrent phase (the target of issue 4). Exit code 1
 * when any request failed or anything is missing; a missed latency target is printed, not fatal.
 * BENCH_CPU_PROF=DIR runs the server with --cpu-prof into DIR. BENCH_CLIENTS=N changes the count.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '#server/config.ts';
import { SYSTEM_ACTOR } from '#server/context.ts';
import { openDatabase } from '#server/db/connection.ts';
import { importSampleIfEmpty } from '#server/sample.ts';
import { createUser } from '#server/users/users.service.ts';
import { ROOT, freePort, multipart, runBench, startServer as startBenchServer, stats, stopServer } from './_lib.ts';
import { systemClock } from '#server/clock.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const PASSWORD = 'Bench-password-2021';
const TARGET_P95_MS = 200;
/** Issue 9: the burst's report requests at p95 within twice the health baseline of the same burst. */
const BURST_TARGET_RATIO = 2;
const BASELINE_REQUESTS = 4;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);

// A seeded generator, so every run spreads accounts and files the same way.
let seed = 0x2021_0007;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

interface Account { username: string; unitId: number; taskId: number; kind: 'part' | 'consolidated'; files: Evidence[]; ip: string }
interface Evidence { name: string; bytes: Buffer; sha256: string }
interface Sample { type: string; ms: number; status: number; ok: boolean }
interface Session { cookie: string; csrf: string }

// ---------------------------------------------------------------- setup (not timed)

const dataDir = mkdtempSync(join(tmpdir(), 'tuijin-bench-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined, TUIJIN_DEMO: '0' });
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`report-load: ${CLIENTS} clients, ${availableParallelism()} CPUs, load average ${load()}, DATA_DIR ${dataDir}`);

/** A distinct evidence file: a PNG or PDF signature, then random bytes (so every SHA-256 differs). */
function evidence(i: number, k: number): Evidence {
  const size = 50_000 + Math.floor(rand() * 150_000);
  const png = rand() < 0.6;
  const head = png ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) : Buffer.from('%PDF-1.4\n');
  const bytes = Buffer.concat([head, randomBytes(size - head.length)]);
  return { name: `佐证${i + 1}-${k + 1}.${png ? 'png' : 'pdf'}`, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function prepare(): Promise<Account[]> {
  const database = await openDatabase({ sqlitePath: config.sqlitePath });
  try {
    const deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
    const planId = await importSampleIfEmpty(deps);
    if (!planId) throw new Error('sample plan was not imported');
    const rows = await deps.db
      .selectFrom('task_units as tu')
      .innerJoin('units as u', 'u.id', 'tu.unit_id')
      .select(['tu.task_id', 'tu.unit_id', 'tu.role'])
      .where('u.is_collective', '=', 0)
      .orderBy('tu.unit_id')
      .orderBy('tu.task_id')
      .execute();
    const tasksOf = new Map<number, { taskId: number; lead: boolean }[]>();
    for (const r of rows) tasksOf.set(r.unit_id, [...(tasksOf.get(r.unit_id) ?? []), { taskId: r.task_id, lead: r.role === 'lead' }]);
    const units = [...tasksOf.keys()];
    const accounts: Account[] = Array.from({ length: CLIENTS }, (_, i) => {
      const unitId = units[i % units.length]!;
      const t = pick(tasksOf.get(unitId)!);
      const kind = t.lead && rand() < 0.5 ? 'consolidated' : 'part';
      const files = Array.from({ length: rand() < 0.5 ? 1 : 2 }, (_, k) => evidence(i, k));
      return { username: `bench${String(i + 1).padStart(3, '0')}`, unitId, taskId: t.taskId, kind, files, ip: `10.${(i >> 8) & 255}.${i & 255}.${1 + (i % 250)}` };
    });
    // Eight at a time: argon2 runs on the libuv pool, the inserts serialise on the one connection.
    for (let i = 0; i < accounts.length; i += 8) {
      await Promise.all(
        accounts.slice(i, i + 8).map((a) =>
          createUser(deps, SYSTEM_ACTOR, { username: a.username, displayName: a.username, unitId: a.unitId, roles: ['unit_staff'], leaderSectionIds: [], fixedPassword: PASSWORD, mustChangePassword: false }),
        ),
      );
    }
    console.log(`setup: sample plan ${planId}, ${units.length} units named on tasks, ${accounts.length} accounts, ${accounts.reduce((n, a) => n + a.files.length, 0)} evidence files`);
    return accounts;
  } finally {
    await database.close();
  }
}

/** The server under test, with --cpu-prof when BENCH_CPU_PROF is set. */
const startServer = (port: number) => startBenchServer(port, { dataDir, nodeArgs: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [] });

// ---------------------------------------------------------------- clients

async function timed(samples: Sample[], type: string, url: string, init: RequestInit): Promise<{ status: number; json: any }> {
  const t0 = performance.now();
  let status = 0;
  let json: any = null;
  try {
    const res = await fetch(url, init);
    status = res.status;
    const text = await res.text();
    json = text ? JSON.parse(text) : null;
  } catch (err) {
    json = { error: String(err) };
  }
  samples.push({ type, ms: performance.now() - t0, status, ok: status >= 200 && status < 300 });
  return { status, json };
}

interface Outcome { reportId: number | null; attachments: { id: number; sha256: string }[]; failures: string[] }

/** One unit's weekly report: create, attach its evidence, submit. */
async function report(base: string, a: Account, s: Session, samples: Sample[]): Promise<Outcome> {
  const auth = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-forwarded-for': a.ip };
  const out: Outcome = { reportId: null, attachments: [], failures: [] };
  const created = await timed(samples, 'POST /api/tasks/:id/reports', `${base}/api/tasks/${a.taskId}/reports`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ unitId: a.unitId, kind: a.kind, stage: 'in_progress', narrative: `${a.username}：本周已完成系统对接与材料收集，下一步推进验收。` }),
  });
  if (created.status !== 201) {
    out.failures.push(`${a.username} create: ${created.status} ${JSON.stringify(created.json)}`);
    return out;
  }
  out.reportId = created.json.id;
  for (const f of a.files) {
    const { body, type } = multipart(f.name, f.bytes);
    const up = await timed(samples, 'POST /api/reports/:id/attachments', `${base}/api/reports/${out.reportId}/attachments`, { method: 'POST', headers: { ...auth, 'content-type': type }, body });
    if (up.status !== 201 || up.json.sha256 !== f.sha256) out.failures.push(`${a.username} upload ${f.name}: ${up.status} ${JSON.stringify(up.json)}`);
    else out.attachments.push({ id: up.json.id, sha256: f.sha256 });
  }
  const sub = await timed(samples, 'POST /api/reports/:id/submit', `${base}/api/reports/${out.reportId}/submit`, { method: 'POST', headers: auth });
  if (sub.status !== 200 || sub.json.status !== 'submitted') out.failures.push(`${a.username} submit: ${sub.status} ${JSON.stringify(sub.json)}`);
  return out;
}

// ---------------------------------------------------------------- figures

/** Measures what the client side (this process) cost during a phase, to tell client from server time. */
function clientMeter() {
  const cpu = process.cpuUsage();
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  return () => {
    eld.disable();
    const used = process.cpuUsage(cpu);
    return `client: CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, event-loop delay p99 ${(eld.percentile(99) / 1e6).toFixed(0)} ms`;
  };
}

/**
 * CPU time (user and system, ms) the server process has used so far, all its threads (the event loop,
 * the thread pool's file work), from /proc (Linux; null elsewhere). Per request it is what the server's
 * work costs whatever else runs on the machine: under a burst the latency ratio of two phases is close
 * to the ratio of their CPU per request, since both queue on the same event loop.
 */
function serverCpuMs(pid: number | undefined): { user: number; system: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, in USER_HZ (100 on Linux)
    return { user: (Number(fields[11]) * 1000) / 100, system: (Number(fields[12]) * 1000) / 100 };
  } catch {
    return null;
  }
}

function serverMeter(pid: number | undefined) {
  const c0 = serverCpuMs(pid);
  return (requests: number) => {
    const c1 = serverCpuMs(pid);
    if (c0 === null || c1 === null) return 'server: CPU n/a';
    const user = c1.user - c0.user;
    const system = c1.system - c0.system;
    return `server: CPU ${(user + system).toFixed(0)} ms, ${((user + system) / requests).toFixed(2)} ms per request (user ${(user / requests).toFixed(2)}, system ${(system / requests).toFixed(2)})`;
  };
}

function table(title: string, samples: Sample[], wallMs: number, client?: string, server?: string) {
  console.log(`\n${title} — ${samples.length} requests in ${wallMs.toFixed(0)} ms, ${((samples.length / wallMs) * 1000).toFixed(0)} req/s, errors ${samples.filter((x) => !x.ok).length}${client ? `; ${client}` : ''}${server ? `; ${server}` : ''}`);
  console.log(`${'request'.padEnd(36)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  const types = [...new Set(samples.map((x) => x.type))];
  const rows = [...types.map((t) => [t, samples.filter((x) => x.type === t)] as const), ...(types.length > 1 ? [['all', samples] as const] : [])];
  for (const [t, xs] of rows) {
    const s = stats(xs.map((x) => x.ms));
    console.log(`${t.padEnd(36)} ${String(s.n).padStart(5)} ${s.p50.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.p99.toFixed(1).padStart(8)} ${s.max.toFixed(1).padStart(8)}`);
  }
}

// ---------------------------------------------------------------- verification

function verify(accounts: Account[], outcomes: Outcome[]): { checked: { reports: number; attachmentRows: number; files: number; bytesHashed: number }; problems: string[] } {
  const problems: string[] = [];
  const db = new DatabaseSync(config.sqlitePath, { readOnly: true });
  const checked = { reports: 0, attachmentRows: 0, files: 0, bytesHashed: 0 };
  try {
    const reportStmt = db.prepare('SELECT id, task_id, unit_id, kind, status, submitted_at FROM progress_reports WHERE id = ?');
    const filesStmt = db.prepare('SELECT id, sha256, size FROM attachments WHERE report_id = ? ORDER BY id');
    for (const [i, a] of accounts.entries()) {
      const o = outcomes[i]!;
      if (o.reportId == null) {
        problems.push(`${a.username}: no report was created`);
        continue;
      }
      const r = reportStmt.get(o.reportId) as { task_id: number; unit_id: number; kind: string; status: string; submitted_at: string | null } | undefined;
      checked.reports++;
      if (!r) problems.push(`report ${o.reportId} (${a.username}) is missing`);
      else if (r.status !== 'submitted' || !r.submitted_at || r.task_id !== a.taskId || r.unit_id !== a.unitId || r.kind !== a.kind) problems.push(`report ${o.reportId} (${a.username}) is ${JSON.stringify(r)}`);
      const rows = filesStmt.all(o.reportId) as { id: number; sha256: string; size: number }[];
      const expected = a.files.map((f) => f.sha256).sort();
      const got = rows.map((x) => x.sha256).sort();
      if (expected.join() !== got.join()) problems.push(`report ${o.reportId} (${a.username}) has attachments ${got.join(',') || 'none'}, expected ${expected.join(',')}`);
      for (const row of rows) {
        checked.attachmentRows++;
        const path = join(dataDir, 'files', row.sha256.slice(0, 2), row.sha256);
        if (!existsSync(path)) {
          problems.push(`file of attachment ${row.id} is missing: ${path}`);
          continue;
        }
        const bytes = readFileSync(path);
        checked.files++;
        checked.bytesHashed += bytes.length;
        if (createHash('sha256').update(bytes).digest('hex') !== row.sha256 || bytes.length !== row.size) problems.push(`file of attachment ${row.id} does not match its hash or size`);
      }
    }
    const total = (db.prepare('SELECT COUNT(*) AS n FROM progress_reports').get() as { n: number }).n;
    const totalFiles = (db.prepare('SELECT COUNT(*) AS n FROM attachments').get() as { n: number }).n;
    const expectedFiles = accounts.reduce((n, a) => n + a.files.length, 0);
    if (total !== accounts.length) problems.push(`${total} reports in the database, expected ${accounts.length}`);
    if (totalFiles !== expectedFiles) problems.push(`${totalFiles} attachment rows in the database, expected ${expectedFiles}`);
  } finally {
    db.close();
  }
  const leftovers = existsSync(join(dataDir, 'files')) ? readdirSync(join(dataDir, 'files'), { recursive: true }).map(String).filter((p) => p.endsWith('.tmp')) : [];
  if (leftovers.length) problems.push(`${leftovers.length} temporary files left under DATA_DIR/files`);
  return { checked, problems };
}

/**
 * The burst phase again, against bench/null-server.ts: what 200 clients sending these bodies at once
 * cost on this machine when the server does nothing but read them. A burst ratio cannot fall below
 * this floor's, whatever the server does.
 */
async function floorBurst(accounts: Account[]): Promise<{ reports: Sample[]; health: Sample[] }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bench/null-server.ts'), String(port)], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (i > 100) throw new Error('null server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/api/health`).then((r) => r.text())));
    const health: Sample[] = [];
    await Promise.all(accounts.map(async () => {
      for (let k = 0; k < BASELINE_REQUESTS; k++) await timed(health, 'GET /api/health', `${base}/api/health`, { method: 'GET' });
    }));
    const reports: Sample[] = [];
    const session = { cookie: '', csrf: '' };
    const outcomes = await Promise.all(accounts.map((a) => report(base, a, session, reports)));
    const failed = outcomes.flatMap((o) => o.failures);
    if (failed.length) throw new Error(`null server burst failed: ${failed[0]}`);
    return { reports, health };
  } finally {
    await stopServer(child);
  }
}

// ---------------------------------------------------------------- run

async function main(): Promise<number> {
  const accounts = await prepare();
  const port = await freePort();
  const server = await startServer(port);
  const base = `http://127.0.0.1:${port}`;
  const failures: string[] = [];
  let outcomes: Outcome[] = [];
  let checkedAccounts: Account[] = [];
  const pacedSamples: Sample[] = [];
  const pacedBase: Sample[] = [];
  const burstSamples: Sample[] = [];
  const burstBase: Sample[] = [];
  const cpuLines: string[] = [];
  try {
    // Sign-in (timed, reported, not part of the target: argon2id costs ~90 ms of the pool per login by design).
    const loginSamples: Sample[] = [];
    const t0 = performance.now();
    const sessions = await Promise.all(
      accounts.map(async (a) => {
        const res = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': a.ip },
          body: JSON.stringify({ username: a.username, password: PASSWORD }),
        }).catch((err: unknown) => ({ status: 0, err }) as const);
        loginSamples.push({ type: 'POST /api/auth/login', ms: performance.now() - t0, status: res.status, ok: res.status === 200 });
        if (!('headers' in res) || res.status !== 200) throw new Error(`sign-in of ${a.username} failed: ${res.status} ${'text' in res ? await res.text() : String(res.err)}`);
        const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
        return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
      }),
    );
    table('sign-in (all at once; argon2id by design, not part of the target)', loginSamples, performance.now() - t0);

    await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/api/health`).then((r) => r.text())));
    const health = async (samples: Sample[]) => {
      for (let k = 0; k < BASELINE_REQUESTS; k++) await timed(samples, 'GET /api/health', `${base}/api/health`, { method: 'GET' });
    };
    const files = (xs: Account[]) => xs.reduce((n, a) => n + a.files.length, 0);

    // a. Concurrent within the window: each client keeps its start offset for baseline and load.
    const offsets = accounts.map(() => rand() * WINDOW_MS);
    const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const pacedAccounts = accounts.map((a, i) => ({ ...a, files: a.files.map((_, k) => evidence(i, k + 10)) }));
    const pid = server.child.pid;
    let m = clientMeter();
    let sm = serverMeter(pid);
    let t = performance.now();
    await Promise.all(offsets.map(async (o) => {
      await later(o);
      await health(pacedBase);
    }));
    table(`baseline (concurrent): ${accounts.length} clients within ${WINDOW_MS} ms, GET /api/health ×${BASELINE_REQUESTS} each`, pacedBase, performance.now() - t, m(), sm(pacedBase.length));
    m = clientMeter();
    sm = serverMeter(pid);
    t = performance.now();
    const pacedOutcomes = await Promise.all(pacedAccounts.map(async (a, i) => {
      await later(offsets[i]!);
      return report(base, a, sessions[i]!, pacedSamples);
    }));
    table(`load (concurrent): ${accounts.length} clients within ${WINDOW_MS} ms, create → ${files(pacedAccounts)} uploads → submit`, pacedSamples, performance.now() - t, m(), sm(pacedSamples.length));

    // b. Burst: every client at the same moment.
    m = clientMeter();
    sm = serverMeter(pid);
    t = performance.now();
    await Promise.all(accounts.map(() => health(burstBase)));
    const burstBaseCpu = sm(burstBase.length);
    table(`baseline (burst): ${accounts.length} clients at once, GET /api/health ×${BASELINE_REQUESTS} each`, burstBase, performance.now() - t, m(), burstBaseCpu);
    m = clientMeter();
    sm = serverMeter(pid);
    t = performance.now();
    const burstOutcomes = await Promise.all(accounts.map((a, i) => report(base, a, sessions[i]!, burstSamples)));
    const burstCpu = sm(burstSamples.length);
    table(`load (burst): ${accounts.length} clients at once, create → ${files(accounts)} uploads → submit`, burstSamples, performance.now() - t, m(), burstCpu);
    cpuLines.push(`burst server CPU: health ${burstBaseCpu.replace('server: CPU ', '')}; reports ${burstCpu.replace('server: CPU ', '')}`);

    checkedAccounts = [...pacedAccounts, ...accounts];
    outcomes = [...pacedOutcomes, ...burstOutcomes];
    for (const o of outcomes) failures.push(...o.failures);
  } finally {
    await stopServer(server.child);
  }
  const floor = await floorBurst(accounts);
  const serverLog = server.log();
  const serverErrors = serverLog.split('\n').filter((l) => /"level":(50|60)|\berror\b/i.test(l));

  const { checked, problems } = verify(checkedAccounts, outcomes);
  const all = [...pacedSamples, ...pacedBase, ...burstSamples, ...burstBase];
  const errors = all.filter((x) => !x.ok).length;
  const p95 = (xs: Sample[]) => stats(xs.map((x) => x.ms)).p95;
  const worstType = (xs: Sample[]) => Math.max(...[...new Set(xs.map((x) => x.type))].map((ty) => p95(xs.filter((x) => x.type === ty))));
  const pacedP95 = p95(pacedSamples);
  const pacedWorst = worstType(pacedSamples);

  console.log(`\nload average at the end ${load()} (figures are only comparable on an otherwise idle machine)`);
  console.log(`total requests ${all.length}, errors ${errors}`);
  console.log(`concurrent: p95 report requests ${pacedP95.toFixed(1)} ms, p95 baseline ${p95(pacedBase).toFixed(1)} ms, ratio ${(pacedP95 / p95(pacedBase)).toFixed(1)}`);
  const burstRatio = p95(burstSamples) / p95(burstBase);
  console.log(`burst:      p95 report requests ${p95(burstSamples).toFixed(1)} ms, p95 baseline ${p95(burstBase).toFixed(1)} ms, ratio ${burstRatio.toFixed(1)} (target ≤ ${BURST_TARGET_RATIO}: ${burstRatio <= BURST_TARGET_RATIO ? 'met' : 'NOT met'})`);
  for (const l of cpuLines) console.log(l);
  const floorRatio = p95(floor.reports) / p95(floor.health);
  console.log(`floor:      the same two bursts against bench/null-server.ts (reads bodies, hashes files, no database): p95 report requests ${p95(floor.reports).toFixed(1)} ms, p95 health ${p95(floor.health).toFixed(1)} ms, ratio ${floorRatio.toFixed(1)}`);
  console.log(`            a server doing nothing reaches ratio ${floorRatio.toFixed(1)} with these clients on this machine; Tuijin's burst is ${(p95(burstSamples) / p95(floor.reports)).toFixed(1)}× the floor's p95`);
  console.log(`checked: ${checked.reports} reports (status submitted), ${checked.attachmentRows} attachment rows, ${checked.files} stored files hashed (${(checked.bytesHashed / 1e6).toFixed(1)} MB); problems ${problems.length}`);
  console.log(`target p95 < ${TARGET_P95_MS} ms on SQLite (concurrent phase): ${pacedP95 < TARGET_P95_MS && pacedWorst < TARGET_P95_MS ? 'met' : 'NOT met'} (all report requests ${pacedP95.toFixed(0)} ms, worst request type ${pacedWorst.toFixed(0)} ms)`);
  if (serverErrors.length) console.log(`server logged ${serverErrors.length} error lines, first: ${serverErrors[0]}`);
  for (const f of [...failures, ...problems].slice(0, 20)) console.log(`  ✗ ${f}`);

  const failed = errors > 0 || failures.length > 0 || problems.length > 0;
  if (!failed && !process.env.BENCH_KEEP) rmSync(dataDir, { recursive: true, force: true });
  return failed ? 1 : 0;
}

runBench(main);
