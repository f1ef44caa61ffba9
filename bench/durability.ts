/**
 * Durability under kill -9: `node bench/durability.ts`. 200 concurrent writers against the real
 * server, which is killed with SIGKILL mid-run and restarted, three times per database; every write
 * whose 2xx response arrived must be in the database afterwards, with its file and hash, and the
 * start-up sweep must leave no orphan file and no `.tmp` behind.
 *
 * 1. Setup (not timed), per database: a temp DATA_DIR, and on PostgreSQL a new database on the server
 *    of BENCH_DATABASE_URL (or TEST_DATABASE_URL; without either, only SQLite runs). The sample plan
 *    is imported and one unit_staff account made per unit named on tasks, straight in the database.
 * 2. The server runs as a child process, `node src/cli.ts serve` (bench/_lib.ts), with
 *    TUIJIN_SWEEP_GRACE_MIN=0: a single node that has just started owns every leftover in its store.
 *    Each account signs in once; sessions live in the database, so they outlive the kills.
 * 3. Per kill: 200 writers (BENCH_WRITERS), each on its own (task, unit) pair, loop on
 *    - POST /api/tasks/:id/reports (a draft progress report, its narrative a unique tag), then
 *      POST /api/reports/:id/attachments (a distinct 2–12 KB PNG or PDF), and every third write
 *    - POST /api/tasks/:id/ledger (a ledger entry, its action the unique tag; a third of the writers
 *      start with one).
 *    After BENCH_KILL_MS (default 6000,8000,10000 ms; one per kill) the server gets SIGKILL by PID
 *    with the writers' requests in flight.
 * 4. With the server dead, the store is scanned: `.tmp` files and stored files no row refers to.
 *    Then the server is restarted on the same data, and once healthy everything acknowledged so far
 *    (all kills, all databases' own) is read back: each report and ledger entry by id and tag, each
 *    attachment row by id with its SHA-256 and size, and its file hashed. The store is scanned again.
 *
 * Prints per kill and database: writes acknowledged (reports / attachments / ledger entries) and
 * per second, in flight at the kill, committed but never acknowledged, acknowledged but lost
 * (must be 0), acknowledged without their audit event (must be 0), `.tmp` and orphan files left by the kill, moved to quarantine by the start-up sweep,
 * and left after it (must be 0), and the restart time. Exit code 1 when anything acknowledged was lost,
 * damaged or unaudited, or a leftover survived the sweep. BENCH_KEEP=1 keeps the data folders and database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { withDatabase } from '#server/backup/pg-snapshot.ts';
import { loadConfig } from '#server/config.ts';
import { SYSTEM_ACTOR } from '#server/context.ts';
import { openDatabase } from '#server/db/connection.ts';
import { importSampleIfEmpty } from '#server/sample.ts';
import { createUser } from '#server/users/users.service.ts';
import { freePort, multipart, runBench, startServer, stats } from './_lib.ts';
import { systemClock } from '#server/clock.ts';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 200);
const KILL_MS = (process.env.BENCH_KILL_MS ?? '6000,8000,10000').split(',').map(Number);
const PASSWORD = 'Bench-password-2021';
const PG_BASE = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || '';
const SERVER_ENV = { TUIJIN_SWEEP_GRACE_MIN: '0', TUIJIN_REMINDER_INTERVAL_MIN: '0' };

// A seeded generator, so every run spreads writers and files the same way.
let seed = 0x2026_1204;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed / 2 ** 32;
};

interface Target { name: 'SQLite' | 'PostgreSQL'; dataDir: string; databaseUrl: string; sqlitePath: string; drop(): Promise<void> }
interface Writer { username: string; ip: string; unitId: number; taskId: number; offset: number }
interface Session { cookie: string; csrf: string }
type Kind = 'report' | 'attachment' | 'ledger';
interface Ack { kind: Kind; id: number; tag: string; sha256?: string; size?: number; reportId?: number }

// ---------------------------------------------------------------- database access for the checks

interface Reader { all<T>(sql: string): Promise<T[]>; close(): Promise<void> }

async function reader(t: Target): Promise<Reader> {
  if (t.databaseUrl) {
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    return { all: async <T,>(q: string) => (await c.query(q)).rows as T[], close: () => c.end() };
  }
  // Read-write so that it may recover the WAL of a killed process; it only reads.
  const db = new DatabaseSync(t.sqlitePath);
  return { all: async <T,>(q: string) => db.prepare(q).all() as T[], close: async () => db.close() };
}

const chunks = <T,>(xs: T[], n = 1000): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

async function byIds<T extends { id: number }>(r: Reader, table: string, columns: string, ids: number[]): Promise<Map<number, T>> {
  const out = new Map<number, T>();
  for (const c of chunks(ids)) for (const row of await r.all<T>(`SELECT id, ${columns} FROM ${table} WHERE id IN (${c.map(Number).join(',')})`)) out.set(Number(row.id), row);
  return out;
}

/** `.tmp` files and stored files no row refers to, under DATA_DIR/files. */
async function scanStore(t: Target, r: Reader): Promise<{ tmp: number; orphans: number; stored: number }> {
  const root = join(t.dataDir, 'files');
  if (!existsSync(root)) return { tmp: 0, orphans: 0, stored: 0 };
  const refs = new Set(
    (await r.all<{ h: string }>('SELECT sha256 AS h FROM attachments UNION SELECT docx_sha256 FROM circulars UNION SELECT pdf_sha256 FROM circulars UNION SELECT xlsx_sha256 FROM circulars')).map((x) => x.h),
  );
  const paths = readdirSync(root, { recursive: true }).map(String);
  const hashes = paths.filter((p) => /^[0-9a-f]{2}[/\\][0-9a-f]{64}$/.test(p)).map((p) => p.slice(3));
  return { tmp: paths.filter((p) => p.endsWith('.tmp')).length, orphans: hashes.filter((h) => !refs.has(h)).length, stored: hashes.length };
}

function quarantined(t: Target): number {
  const q = join(t.dataDir, 'quarantine');
  return existsSync(q) ? readdirSync(q, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
}

// ---------------------------------------------------------------- setup

async function makeTarget(name: Target['name']): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tuijin-durability-'));
  if (name === 'SQLite') return { name, dataDir, databaseUrl: '', sqlitePath: join(dataDir, 'tuijin.sqlite'), drop: async () => {} };
  const dbName = `tuijin_durability_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  return {
    name,
    dataDir,
    databaseUrl: withDatabase(PG_BASE, dbName),
    sqlitePath: join(dataDir, 'tuijin.sqlite'),
    async drop() {
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function prepare(t: Target): Promise<Writer[]> {
  const config = loadConfig({ ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl || undefined, TUIJIN_DEMO: '0' });
  const database = await openDatabase({ databaseUrl: t.databaseUrl || undefined, sqlitePath: t.sqlitePath });
  try {
    const deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
    if (!(await importSampleIfEmpty(deps))) throw new Error('sample plan was not imported');
    const pairs = await deps.db
      .selectFrom('task_units as tu')
      .innerJoin('units as u', 'u.id', 'tu.unit_id')
      .select(['tu.task_id', 'tu.unit_id'])
      .distinct()
      .where('u.is_collective', '=', 0)
      .orderBy('tu.task_id')
      .orderBy('tu.unit_id')
      .execute();
    const units = [...new Set(pairs.map((p) => p.unit_id))];
    const usernameOf = (unitId: number) => `dur${unitId}`;
    for (let i = 0; i < units.length; i += 8) {
      await Promise.all(
        units.slice(i, i + 8).map((unitId) =>
          createUser(deps, SYSTEM_ACTOR, { username: usernameOf(unitId), displayName: usernameOf(unitId), unitId, roles: ['unit_staff'], leaderSectionIds: [], fixedPassword: PASSWORD, mustChangePassword: false }),
        ),
      );
    }
    // Distinct (task, unit) pairs, spread over the whole list.
    const step = Math.max(1, Math.floor(pairs.length / WRITERS));
    return Array.from({ length: WRITERS }, (_, i) => {
      const p = pairs[(i * step) % pairs.length]!;
      return { username: usernameOf(p.unit_id), ip: `10.9.${(p.unit_id >> 8) & 255}.${p.unit_id & 255}`, unitId: p.unit_id, taskId: p.task_id, offset: i % 3 };
    });
  } finally {
    await database.close();
  }
}

async function signIn(base: string, writers: Writer[]): Promise<Map<string, Session>> {
  const sessions = new Map<string, Session>();
  const first = [...new Map(writers.map((w) => [w.username, w])).values()];
  await Promise.all(
    first.map(async (w) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': w.ip }, body: JSON.stringify({ username: w.username, password: PASSWORD }) });
      if (res.status !== 200) throw new Error(`sign-in of ${w.username} failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      sessions.set(w.username, { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken });
    }),
  );
  return sessions;
}

// ---------------------------------------------------------------- writers

function evidence(): { name: string; bytes: Buffer; sha256: string } {
  const png = rand() < 0.6;
  const head = png ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) : Buffer.from('%PDF-1.4\n');
  const bytes = Buffer.concat([head, randomBytes(2_000 + Math.floor(rand() * 10_000))]);
  return { name: `佐证.${png ? 'png' : 'pdf'}`, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

interface Round {
  stopping: boolean;
  inFlight: number;
  acked: Ack[];
  /** Non-2xx answers by status (before the kill, these are bugs or limits worth seeing). */
  refused: Map<number, number>;
  latencies: number[];
}

async function send(round: Round, url: string, init: RequestInit): Promise<{ status: number; json: any } | null> {
  round.inFlight++;
  const t0 = performance.now();
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    round.latencies.push(performance.now() - t0);
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text.slice(0, 200) };
    }
    if (res.status < 200 || res.status > 299) round.refused.set(res.status, (round.refused.get(res.status) ?? 0) + 1);
    return { status: res.status, json };
  } catch {
    return null; // the server died with the request in flight
  } finally {
    round.inFlight--;
  }
}

async function writer(base: string, w: Writer, s: Session, round: Round, label: string): Promise<void> {
  const auth = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-forwarded-for': w.ip };
  for (let n = 1; !round.stopping; n++) {
    const tag = `${label}-${w.username}-${w.taskId}-${n}`;
    // Every third write a ledger entry, shifted per writer so that even a slow run has all three kinds.
    if ((n + w.offset) % 3 === 0) {
      const r = await send(round, `${base}/api/tasks/${w.taskId}/ledger`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ unitId: w.unitId, action: tag }) });
      if (!r) return;
      if (r.status === 201) {
        const entry = (r.json.entries as { id: number; action: string }[]).find((e) => e.action === tag);
        if (!entry) throw new Error(`ledger answer without the entry ${tag}`);
        round.acked.push({ kind: 'ledger', id: entry.id, tag });
      }
      continue;
    }
    const r = await send(round, `${base}/api/tasks/${w.taskId}/reports`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ unitId: w.unitId, kind: 'part', stage: 'in_progress', narrative: tag }) });
    if (!r) return;
    if (r.status !== 201) continue;
    round.acked.push({ kind: 'report', id: r.json.id, tag });
    const f = evidence();
    const { body, type } = multipart(f.name, f.bytes);
    const up = await send(round, `${base}/api/reports/${r.json.id}/attachments`, { method: 'POST', headers: { ...auth, 'content-type': type }, body });
    if (!up) return;
    if (up.status === 201) {
      if (up.json.sha256 !== f.sha256) throw new Error(`upload answered hash ${up.json.sha256}, sent ${f.sha256}`);
      round.acked.push({ kind: 'attachment', id: up.json.id, tag, sha256: f.sha256, size: f.bytes.length, reportId: r.json.id });
    }
  }
}

// ---------------------------------------------------------------- checks

/** Everything acknowledged so far, read back; returns the problems (lost or damaged writes). */
async function checkAcked(t: Target, r: Reader, acked: Ack[]): Promise<{ lost: Record<Kind, number>; problems: string[] }> {
  const lost: Record<Kind, number> = { report: 0, attachment: 0, ledger: 0 };
  const problems: string[] = [];
  const of = (k: Kind) => acked.filter((a) => a.kind === k);
  const reports = await byIds<{ id: number; narrative: string }>(r, 'progress_reports', 'narrative', of('report').map((a) => a.id));
  for (const a of of('report')) {
    const row = reports.get(a.id);
    if (!row) {
      lost.report++;
      problems.push(`report ${a.id} (${a.tag}) is missing`);
    } else if (row.narrative !== a.tag) problems.push(`report ${a.id} holds ${row.narrative}, expected ${a.tag}`);
  }
  const ledger = await byIds<{ id: number; action: string }>(r, 'ledger_entries', 'action', of('ledger').map((a) => a.id));
  for (const a of of('ledger')) {
    const row = ledger.get(a.id);
    if (!row) {
      lost.ledger++;
      problems.push(`ledger entry ${a.id} (${a.tag}) is missing`);
    } else if (row.action !== a.tag) problems.push(`ledger entry ${a.id} holds ${row.action}, expected ${a.tag}`);
  }
  const files = await byIds<{ id: number; sha256: string; size: number | string }>(r, 'attachments', 'sha256, size', of('attachment').map((a) => a.id));
  for (const a of of('attachment')) {
    const row = files.get(a.id);
    if (!row) {
      lost.attachment++;
      problems.push(`attachment ${a.id} (${a.tag}) is missing`);
      continue;
    }
    if (row.sha256 !== a.sha256 || Number(row.size) !== a.size) problems.push(`attachment ${a.id} row is ${row.sha256}/${row.size}, expected ${a.sha256}/${a.size}`);
    const path = join(t.dataDir, 'files', a.sha256!.slice(0, 2), a.sha256!);
    if (!existsSync(path)) {
      lost.attachment++;
      problems.push(`file of attachment ${a.id} is missing`);
      continue;
    }
    const bytes = readFileSync(path);
    if (createHash('sha256').update(bytes).digest('hex') !== a.sha256) problems.push(`file of attachment ${a.id} does not match its hash`);
  }
  return { lost, problems };
}

/**
 * Acknowledged writes without their audit event (report.create, report.attach, ledger.add), which is
 * written in the same transaction: must be 0.
 */
async function unaudited(r: Reader, acked: Ack[]): Promise<number> {
  const audited = async (action: string, ids: number[]) => {
    const out = new Set<string>();
    for (const c of chunks(ids)) {
      const list = c.map((id) => `'${Number(id)}'`).join(',');
      for (const row of await r.all<{ e: string }>(`SELECT entity_id AS e FROM audit_events WHERE action = '${action}' AND entity_id IN (${list})`)) out.add(String(row.e));
    }
    return out;
  };
  const reports = acked.filter((a) => a.kind === 'report').map((a) => a.id);
  const ledger = acked.filter((a) => a.kind === 'ledger').map((a) => a.id);
  const created = await audited('report.create', reports);
  const added = await audited('ledger.add', ledger);
  // report.attach names the report; its payload names the attachment.
  const attachIds = new Set<number>();
  const reportsWithFiles = [...new Set(acked.filter((a) => a.kind === 'attachment').map((a) => a.reportId!))];
  for (const c of chunks(reportsWithFiles)) {
    const list = c.map((id) => `'${Number(id)}'`).join(',');
    for (const row of await r.all<{ after: string }>(`SELECT after FROM audit_events WHERE action = 'report.attach' AND entity_id IN (${list})`)) attachIds.add(Number((JSON.parse(row.after) as { attachmentId: number }).attachmentId));
  }
  return reports.filter((id) => !created.has(String(id))).length + ledger.filter((id) => !added.has(String(id))).length + acked.filter((a) => a.kind === 'attachment' && !attachIds.has(a.id)).length;
}

/** Rows of this kill's writes that committed although their answer never arrived. */
async function committedNotAcked(r: Reader, label: string, acked: Ack[]): Promise<number> {
  const ackedIds = { report: new Set(acked.filter((a) => a.kind === 'report').map((a) => a.id)), ledger: new Set(acked.filter((a) => a.kind === 'ledger').map((a) => a.id)) };
  const like = `'${label}-%'`;
  const reports = await r.all<{ id: number }>(`SELECT id FROM progress_reports WHERE narrative LIKE ${like}`);
  const ledger = await r.all<{ id: number }>(`SELECT id FROM ledger_entries WHERE action LIKE ${like}`);
  const attachments = await r.all<{ id: number }>(`SELECT a.id FROM attachments a JOIN progress_reports p ON p.id = a.report_id WHERE p.narrative LIKE ${like}`);
  const ackedFiles = new Set(acked.filter((a) => a.kind === 'attachment').map((a) => a.id));
  return reports.filter((x) => !ackedIds.report.has(Number(x.id))).length + ledger.filter((x) => !ackedIds.ledger.has(Number(x.id))).length + attachments.filter((x) => !ackedFiles.has(Number(x.id))).length;
}

// ---------------------------------------------------------------- run

interface KillRow {
  db: string;
  kill: number;
  atMs: number;
  acked: Record<Kind, number>;
  perSecond: number;
  p95: number;
  inFlight: number;
  committedNotAcked: number;
  lost: number;
  unaudited: number;
  tmpAtKill: number;
  orphansAtKill: number;
  quarantined: number;
  tmpAfter: number;
  orphansAfter: number;
  restartMs: number;
  refused: string;
}

async function runDatabase(t: Target): Promise<{ rows: KillRow[]; problems: string[] }> {
  const writers = await prepare(t);
  const port = await freePort();
  let server = await startServer(port, { dataDir: t.dataDir, databaseUrl: t.databaseUrl, env: SERVER_ENV });
  const base = `http://127.0.0.1:${port}`;
  const sessions = await signIn(base, writers);
  console.log(`${t.name}: ${writers.length} writers over ${sessions.size} unit accounts, DATA_DIR ${t.dataDir}`);
  const allAcked: Ack[] = [];
  const rows: KillRow[] = [];
  const problems: string[] = [];
  for (const [k, killAfter] of KILL_MS.entries()) {
    const label = `dur${k + 1}`;
    const round: Round = { stopping: false, inFlight: 0, acked: [], refused: new Map(), latencies: [] };
    const t0 = performance.now();
    const running = writers.map((w) => writer(base, w, sessions.get(w.username)!, round, label));
    await new Promise((r) => setTimeout(r, killAfter));
    round.stopping = true;
    const inFlight = round.inFlight;
    const ackedBeforeKill = round.acked.length;
    const elapsed = (performance.now() - t0) / 1000;
    const child = server.child;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(child.pid!, 'SIGKILL');
    await exited;
    await Promise.all(running);
    allAcked.push(...round.acked);

    let r = await reader(t);
    const atKill = await scanStore(t, r);
    await r.close();
    const before = quarantined(t);
    server = await startServer(port, { dataDir: t.dataDir, databaseUrl: t.databaseUrl, env: SERVER_ENV });
    r = await reader(t);
    try {
      const after = await scanStore(t, r);
      const check = await checkAcked(t, r, allAcked);
      const lost = check.lost.report + check.lost.attachment + check.lost.ledger;
      const noAudit = await unaudited(r, allAcked);
      if (noAudit) problems.push(`${t.name} kill ${k + 1}: ${noAudit} acknowledged write(s) without their audit event`);
      problems.push(...check.problems.map((p) => `${t.name} kill ${k + 1}: ${p}`));
      if (after.tmp) problems.push(`${t.name} kill ${k + 1}: ${after.tmp} .tmp file(s) left after the start-up sweep`);
      if (after.orphans) problems.push(`${t.name} kill ${k + 1}: ${after.orphans} orphan file(s) left after the start-up sweep`);
      const count = (kind: Kind) => round.acked.filter((a) => a.kind === kind).length;
      rows.push({
        db: t.name,
        kill: k + 1,
        atMs: killAfter,
        acked: { report: count('report'), attachment: count('attachment'), ledger: count('ledger') },
        perSecond: ackedBeforeKill / elapsed,
        p95: stats(round.latencies).p95,
        inFlight,
        committedNotAcked: await committedNotAcked(r, label, round.acked),
        lost,
        unaudited: noAudit,
        tmpAtKill: atKill.tmp,
        orphansAtKill: atKill.orphans,
        quarantined: quarantined(t) - before,
        tmpAfter: after.tmp,
        orphansAfter: after.orphans,
        restartMs: server.startedInMs,
        refused: [...round.refused].map(([s, n]) => `${s}×${n}`).join(' ') || '—',
      });
    } finally {
      await r.close();
    }
    console.log(`  kill ${k + 1} after ${killAfter} ms: ${round.acked.length} acknowledged, ${inFlight} in flight, lost so far ${rows.at(-1)!.lost}`);
  }
  // The restarted server takes writes again.
  const w = writers[0]!;
  const s = sessions.get(w.username)!;
  const after = await fetch(`${base}/api/tasks/${w.taskId}/reports`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-forwarded-for': w.ip, 'content-type': 'application/json' }, body: JSON.stringify({ unitId: w.unitId, kind: 'part', stage: 'in_progress', narrative: 'after the last restart' }) });
  if (after.status !== 201) problems.push(`${t.name}: a write after the last restart answered ${after.status}`);
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
  const serverErrors = server.log().split('\n').filter((l) => /"level":(50|60)|unhandled/i.test(l));
  if (serverErrors.length) console.log(`  server logged ${serverErrors.length} error lines after the last restart, first: ${serverErrors[0]!.slice(0, 300)}`);
  return { rows, problems };
}

function print(rows: KillRow[]) {
  const head = ['db', 'kill', 'at ms', 'acked reports', 'acked files', 'acked ledger', 'acked/s', 'p95 ms', 'in flight', 'committed not acked', 'LOST', 'acked without audit', '.tmp at kill', 'orphans at kill', 'quarantined', '.tmp after', 'orphans after', 'restart ms', 'non-2xx before kill'];
  console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) {
    console.log(
      `| ${[r.db, r.kill, r.atMs, r.acked.report, r.acked.attachment, r.acked.ledger, r.perSecond.toFixed(0), r.p95.toFixed(0), r.inFlight, r.committedNotAcked, r.lost, r.unaudited, r.tmpAtKill, r.orphansAtKill, r.quarantined, r.tmpAfter, r.orphansAfter, r.restartMs.toFixed(0), r.refused].join(' | ')} |`,
    );
  }
}

async function main(): Promise<number> {
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`durability: ${WRITERS} writers, kills after ${KILL_MS.join(' / ')} ms, ${availableParallelism()} CPUs, load average ${load()}`);
  const names: Target['name'][] = ['SQLite', ...(PG_BASE ? (['PostgreSQL'] as const) : [])];
  if (!PG_BASE) console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a server where a database may be created)');
  const rows: KillRow[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const t = await makeTarget(name);
    let failed = true;
    try {
      const r = await runDatabase(t);
      rows.push(...r.rows);
      problems.push(...r.problems);
      failed = r.problems.length > 0;
    } finally {
      if (!failed && !process.env.BENCH_KEEP) {
        await t.drop();
        rmSync(t.dataDir, { recursive: true, force: true });
      } else console.log(`${name}: data kept in ${t.dataDir}${t.databaseUrl ? ` and ${new URL(t.databaseUrl).pathname.slice(1)}` : ''}`);
    }
  }
  print(rows);
  const sum = (f: (r: KillRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  console.log(`\nacknowledged ${sum((r) => r.acked.report + r.acked.attachment + r.acked.ledger)} writes over ${rows.length} kills, lost ${Math.max(0, ...rows.map((r) => r.lost))}, orphans and .tmp left after the sweeps ${sum((r) => r.orphansAfter + r.tmpAfter)}; load average ${load()}`);
  for (const p of problems.slice(0, 20)) console.log(`  ✗ ${p}`);
  return problems.length ? 1 : 0;
}

runBench(main);
