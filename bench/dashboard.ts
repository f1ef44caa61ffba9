/**
 * Dashboard benchmark: `node bench/dashboard.ts`. Every dashboard endpoint on the province-scale data
 * set (`scripts/seed-large.ts`: 50 plans, 20,000 tasks, 1,000 units, 200,000 reports, closed rounds
 * with snapshots), through `app.inject` as a signed-in leader, against the target of issue 5: each
 * under 300 ms, on SQLite and on PostgreSQL.
 *
 * - SQLite: the set is built into a temp DATA_DIR (removed afterwards unless BENCH_KEEP=1), or reused
 *   from BENCH_SQLITE_DIR (a DATA_DIR that `npm run seed:large` filled; built there when it holds no
 *   plan yet). The bench writes (reports, audit events) into it.
 * - PostgreSQL, when BENCH_DATABASE_URL or DATABASE_URL is set: a dedicated database
 *   `tuijin_bench_<random>` is created on that server, seeded, measured and dropped.
 * - Per endpoint, three cases (median and p95):
 *   cold  = the first request after the in-memory caches are dropped and the data version moved: the
 *           status table rebuilt from the database, as after a restart or a plan import (BENCH_COLD
 *           runs, default 5);
 *   write = the first request after a unit submitted a progress report through the API (the table
 *           refreshed for that task) — the everyday case while units report (BENCH_COLD runs);
 *   warm  = repeated requests, nothing written in between (BENCH_RUNS runs, default 30).
 * - Baseline: GET /api/health in the same process, same number of runs; `×health` is warm p50 over the
 *   baseline's p50, a figure less dependent on the machine than milliseconds.
 * `cold cpu` is the CPU time this process spent on the request: on a machine shared with other work
 * (load average above the CPU count) wall time is mostly waiting for a CPU, and this column shows
 * what the request itself costs.
 * PASS when cold, write and warm p95 are all under 300 ms. Exit code 1 when a request fails.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_OPTIONS, seedLarge } from '../scripts/seed-large.ts';
import { buildApp } from '#server/app.ts';
import { loadConfig } from '#server/config.ts';
import { SYSTEM_ACTOR, type Deps } from '#server/context.ts';
import { openDatabase } from '#server/db/connection.ts';
import { forgetDashboardCache } from '#server/dashboard/dashboard.service.ts';
import { createUser } from '#server/users/users.service.ts';
import { systemClock } from '#server/clock.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const COLD_RUNS = Number(process.env.BENCH_COLD ?? 5);
const TARGET_MS = 300;
const PASSWORD = 'Bench-password-2026';

interface Row { name: string; cold: number[]; coldCpu: number[]; coldDbCpu: number[]; afterWrite: number[]; warm: number[] }

/** CPU (ms) a process has used, from /proc (Linux; 0 when it cannot be read, e.g. a remote server). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
}
const ms = (x: number) => x.toFixed(1).padStart(7);

async function measure(label: string, deps: Deps): Promise<boolean> {
  const app = await buildApp({ deps });
  await app.ready();
  let failed = false;
  try {
    const plans = await deps.db.selectFrom('plans').select(['id']).orderBy('id').execute();
    if (plans.length === 0) throw new Error('no plan in the database');
    const planId = plans[0]!.id;
    const section = await deps.db.selectFrom('sections').select('id').where('plan_id', '=', planId).orderBy('ordinal').executeTakeFirstOrThrow();
    const busiest = await deps.db
      .selectFrom('task_units')
      .select((eb) => ['unit_id', eb.fn.countAll().as('n')])
      .groupBy('unit_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const month = (await deps.db.selectFrom('milestones').select('due_date').where('due_date', 'is not', null).orderBy('due_date').limit(1).offset(5000).executeTakeFirst())?.due_date?.slice(0, 7) ?? '2026-06';
    const username = `bench-leader-${randomUUID().slice(0, 8)}`;
    const staff = `bench-unit-${randomUUID().slice(0, 8)}`;
    await createUser(deps, SYSTEM_ACTOR, { username, displayName: '基准测试领导', unitId: null, roles: ['leader'], leaderSectionIds: [], fixedPassword: PASSWORD, mustChangePassword: false });
    await createUser(deps, SYSTEM_ACTOR, { username: staff, displayName: '基准测试填报员', unitId: busiest.unit_id, roles: ['unit_staff'], leaderSectionIds: [], fixedPassword: PASSWORD, mustChangePassword: false });
    const signIn = async (name: string) => {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: PASSWORD } });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
      return { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken as string };
    };
    const headers = await signIn(username);
    const staffHeaders = await signIn(staff);
    const openTasks = (await deps.db.selectFrom('task_units as tu').innerJoin('tasks as t', 't.id', 'tu.task_id').select('t.id').where('tu.unit_id', '=', busiest.unit_id).where('t.closed_on', 'is', null).limit(200).execute()).map((r) => r.id);
    let nextTask = 0;
    // A unit submits a progress report through the API: two writes, as on any working day.
    const report = async () => {
      const taskId = openTasks[nextTask++ % openTasks.length]!;
      const made = await app.inject({ method: 'POST', url: `/api/tasks/${taskId}/reports`, headers: staffHeaders, payload: { unitId: busiest.unit_id, kind: 'part', stage: 'in_progress', narrative: '基准测试：本周推进情况。' } });
      if (made.statusCode !== 201) throw new Error(`report failed: ${made.body}`);
      const sent = await app.inject({ method: 'POST', url: `/api/reports/${made.json().id}/submit`, headers: staffHeaders });
      if (sent.statusCode !== 200) throw new Error(`submit failed: ${sent.body}`);
    };

    const endpoints: [string, string][] = [
      ['summary', '/api/dashboard/summary'],
      ['burnup', '/api/dashboard/burnup'],
      ['sections', '/api/dashboard/sections'],
      ['units', '/api/dashboard/units'],
      ['units?limit=20', '/api/dashboard/units?limit=20'],
      ['heatmap', '/api/dashboard/heatmap'],
      ['rounds', '/api/dashboard/rounds'],
      ['roadmap?sectionId', `/api/dashboard/roadmap?sectionId=${section.id}`],
      ['tasks?status=overdue', '/api/dashboard/tasks?status=overdue&pageSize=50'],
      ['tasks?unitId&month', `/api/dashboard/tasks?unitId=${busiest.unit_id}&month=${month}&status=overdue,done_late`],
      ['summary?planId', `/api/dashboard/summary?planId=${planId}`],
      ['units?planId', `/api/dashboard/units?planId=${planId}`],
      ['heatmap?planId', `/api/dashboard/heatmap?planId=${planId}`],
      ['rounds?planId', `/api/dashboard/rounds?planId=${planId}`],
      ['roadmap?planId', `/api/dashboard/roadmap?planId=${planId}`],
    ];
    let lastCpu = 0;
    let lastDbCpu = 0;
    // PostgreSQL on this machine: the CPU its backends for this database spent on the request too.
    const backends = async () => (deps.dialect === 'postgres' ? (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(deps.db)).rows.map((r) => r.pid) : []);
    const dbCpu = (pids: number[]) => pids.reduce((n, pid) => n + processCpuMs(pid), 0);
    const hit = async (url: string, withDb = false): Promise<number> => {
      const pids0 = withDb ? await backends() : [];
      const d0 = dbCpu(pids0);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url, headers });
      const t = performance.now() - t0;
      const c = process.cpuUsage(c0);
      lastCpu = (c.user + c.system) / 1000;
      if (withDb) lastDbCpu = dbCpu([...new Set([...pids0, ...(await backends())])]) - d0;
      if (res.statusCode !== 200) {
        failed = true;
        console.error(`  ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      return t;
    };
    // A write moves the data version (as any real write does), and the in-memory caches are dropped.
    const coldStart = async () => {
      await deps.db.insertInto('audit_events').values({ at: new Date().toISOString(), actor_id: null, actor_unit_id: null, action: 'bench.touch', entity_type: 'bench', entity_id: null, before: null, after: null, client_ip: null, actor_name: 'bench' }).execute();
      forgetDashboardCache(deps);
    };

    for (let i = 0; i < 3; i += 1) await hit('/api/health'); // JIT and connections
    const rows: Row[] = [];
    for (const [name, url] of endpoints) {
      const row: Row = { name, cold: [], coldCpu: [], coldDbCpu: [], afterWrite: [], warm: [] };
      for (let i = 0; i < COLD_RUNS; i += 1) {
        await coldStart();
        row.cold.push(await hit(url, true));
        row.coldCpu.push(lastCpu);
        row.coldDbCpu.push(lastDbCpu);
      }
      await hit(url);
      for (let i = 0; i < COLD_RUNS; i += 1) {
        await report();
        row.afterWrite.push(await hit(url));
      }
      for (let i = 0; i < RUNS; i += 1) row.warm.push(await hit(url));
      rows.push(row);
    }
    const health: number[] = [];
    for (let i = 0; i < RUNS; i += 1) health.push(await hit('/api/health'));
    // The whole dashboard page after a write: every chart of the page, cold, one after the other.
    const page: number[] = [];
    for (let i = 0; i < COLD_RUNS; i += 1) {
      await coldStart();
      const t0 = performance.now();
      for (const url of ['/api/dashboard/summary', '/api/dashboard/burnup', '/api/dashboard/sections', '/api/dashboard/units?limit=20', '/api/dashboard/heatmap', '/api/dashboard/rounds']) await hit(url);
      page.push(performance.now() - t0);
    }

    const base = median(health);
    console.log(`\n${label}: ${RUNS} warm runs, ${COLD_RUNS} cold runs per endpoint; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`${'endpoint'.padEnd(24)} ${'cold p50'.padStart(8)} ${'cold p95'.padStart(8)} ${'cold cpu'.padStart(8)} ${'db cpu'.padStart(7)} ${'write p50'.padStart(9)} ${'write p95'.padStart(9)} ${'warm p50'.padStart(8)} ${'warm p95'.padStart(8)} ${'×health'.padStart(8)} ${'cold×h'.padStart(7)}  vs ${TARGET_MS} ms`);
    for (const r of rows) {
      const pass = [r.cold, r.afterWrite, r.warm].every((xs) => quantile(xs, 0.95) < TARGET_MS);
      console.log(`${r.name.padEnd(24)} ${ms(median(r.cold))}  ${ms(quantile(r.cold, 0.95))}  ${ms(median(r.coldCpu))} ${ms(median(r.coldDbCpu))}   ${ms(median(r.afterWrite))}   ${ms(quantile(r.afterWrite, 0.95))}  ${ms(median(r.warm))}  ${ms(quantile(r.warm, 0.95))}  ${(median(r.warm) / base).toFixed(1).padStart(7)} ${(median(r.cold) / base).toFixed(0).padStart(7)}  ${pass ? 'PASS' : 'FAIL'}`);
    }
    const worstCold = Math.max(...rows.map((r) => quantile(r.cold, 0.95)));
    console.log(`target: every endpoint cold, write and warm p95 < ${TARGET_MS} ms — ${rows.every((r) => [r.cold, r.afterWrite, r.warm].every((xs) => quantile(xs, 0.95) < TARGET_MS)) ? 'met' : 'NOT met'} (worst cold p95 ${worstCold.toFixed(0)} ms = ${(worstCold / TARGET_MS).toFixed(2)}× the target; cold×h = cold p50 / health p50)`);
    console.log(`${'GET /api/health'.padEnd(24)} ${''.padStart(8)}  ${''.padStart(8)}  ${''.padStart(8)} ${''.padStart(7)}   ${''.padStart(7)}   ${''.padStart(7)}  ${ms(base)}  ${ms(quantile(health, 0.95))}`);
    console.log('cold cpu = CPU time of this process for the request (p50): on SQLite all the work; db cpu = CPU of the PostgreSQL backends of this database during the request (p50; /proc, 10 ms ticks, 0 on SQLite). Wall time above their sum is waiting for a CPU on a busy machine.');
    console.log(`${'page of 6 charts, cold'.padEnd(24)} ${ms(median(page))}  ${ms(quantile(page, 0.95))}  (sequential, caches dropped)`);
    // The read model against its sources, after the seed and every write of this run: any task whose
    // facts row disagrees with its reports, links or milestones (by count) fails the bench.
    const n = (list: string) => sql.raw(`CASE WHEN f.${list} IS NULL THEN 0 ELSE length(f.${list}) - length(replace(f.${list}, ',', '')) + 1 END`);
    const wrong = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM tasks t LEFT JOIN dashboard_task_facts f ON f.task_id = t.id
      WHERE f.task_id IS NULL
         OR f.progressed <> (CASE WHEN EXISTS (SELECT 1 FROM progress_reports r WHERE r.task_id = t.id AND r.status <> 'draft') THEN 1 ELSE 0 END)
         OR ${n('reported_units')} <> (SELECT count(DISTINCT r.unit_id) FROM progress_reports r WHERE r.task_id = t.id AND r.status IN ('submitted', 'accepted'))
         OR ${n('units')} <> (SELECT count(*) FROM task_units tu WHERE tu.task_id = t.id)
         OR ${n('milestones')} <> (SELECT count(*) FROM milestones m WHERE m.task_id = t.id)`.execute(deps.db);
    const mismatched = Number(wrong.rows[0]?.n ?? 0);
    console.log(`read model: dashboard_task_facts checked against reports, links and milestones of every task — ${mismatched} tasks disagree`);
    if (mismatched > 0) failed = true;
    return !failed;
  } finally {
    await app.close();
  }
}

async function seedInto(deps: Deps, label: string): Promise<void> {
  const opts = DEFAULT_OPTIONS();
  console.log(`${label}: building the province-scale set…`);
  const r = await seedLarge(deps, opts);
  console.log(`${label}: ${Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(', ')} in ${(r.ms / 1000).toFixed(1)} s`);
}

async function sqliteRun(): Promise<boolean> {
  const reuse = process.env.BENCH_SQLITE_DIR;
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'tuijin-dash-bench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined, TUIJIN_DEMO: '0' });
  const database = await openDatabase({ sqlitePath: config.sqlitePath });
  try {
    const deps: Deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
    if (!(await database.db.selectFrom('plans').select('id').limit(1).executeTakeFirst())) await seedInto(deps, 'SQLite');
    else console.log(`SQLite: reusing ${config.sqlitePath}`);
    return await measure(`SQLite (${config.sqlitePath})`, deps);
  } finally {
    await database.close();
    // A set built here is some 150 MB: kept only when asked (BENCH_KEEP=1) or when it was given.
    if (!reuse && process.env.BENCH_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgresRun(url: string): Promise<boolean> {
  // BENCH_PG_DB=name: seed that database once (created when missing) and keep it, to re-measure or EXPLAIN.
  const keep = process.env.BENCH_PG_DB;
  const name = keep ?? `tuijin_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_PG_DB must be a plain lower-case name: ${name}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${name}`;
  try {
    const config = loadConfig({ ...process.env, DATABASE_URL: benchUrl.toString(), TUIJIN_DEMO: '0' });
    const database = await openDatabase({ databaseUrl: config.databaseUrl });
    try {
      const deps: Deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
      if (!(await database.db.selectFrom('plans').select('id').limit(1).executeTakeFirst())) await seedInto(deps, `PostgreSQL ${name}`);
      else console.log(`PostgreSQL: reusing ${name}`);
      return await measure(`PostgreSQL (${name})`, deps);
    } finally {
      await database.close();
    }
  } finally {
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
}

console.log(`dashboard bench: ${availableParallelism()} CPUs, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
let ok = true;
if (process.env.BENCH_SKIP_SQLITE !== '1') ok = (await sqliteRun()) && ok;
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
if (pgUrl) ok = (await postgresRun(pgUrl)) && ok;
else console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL or DATABASE_URL to measure it too)');
process.exitCode = ok ? 0 : 1;
