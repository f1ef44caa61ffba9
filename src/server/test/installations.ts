import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../config.ts';
import type { Deps } from '../context.ts';
import { openDatabase, type Database } from '../db/connection.ts';
import { sealAuditChain } from '../audit/audit-chain.ts';
import { FileStore } from '../files/file-store.ts';
import { SYSTEM_ACTOR } from '../context.ts';
import { createUser } from '../users/users.service.ts';
import { importSampleIfEmpty } from '../sample.ts';
import { TEST_DIALECT } from './helpers.ts';
import { withDatabase } from '../backup/pg-snapshot.ts';
import { systemClock } from '../clock.ts';

/**
 * Backup tests need whole installations: a DATA_DIR with a SQLite file, or (when DATABASE_URL is set)
 * a PostgreSQL database of their own, since pg_dump and the restore swap work on whole databases.
 */
const baseUrl = process.env.DATABASE_URL;
/** Every database a test file creates starts with this, so `dropTestDatabases` finds them all. */
export const DB_PREFIX = `tuijin_bk_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
let counter = 0;

export interface Installation {
  config: Config;
  /** Opens (and migrates) the installation's database. */
  open(): Promise<Database>;
}

/** An empty installation: a fresh DATA_DIR and, on PostgreSQL, the URL of a database that does not exist yet. */
export function emptyInstallation(): Installation {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'tuijin-backup-test-')), 'data');
  const databaseUrl = baseUrl ? withDatabase(baseUrl, `${DB_PREFIX}_${++counter}`) : '';
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  return {
    config,
    async open() {
      if (config.databaseUrl) await ensureDatabase(config.databaseUrl);
      return openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
    },
  };
}

async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/** An installation with the sample plan, three evidence files, one file in another data folder and one half-written upload. */
export async function populatedInstallation(): Promise<Installation & { deps: Deps; database: Database; evidence: string[] }> {
  const inst = emptyInstallation();
  const database = await inst.open();
  const deps: Deps = { db: database.db, dialect: database.dialect, config: inst.config, clock: systemClock };
  await importSampleIfEmpty(deps);
  const store = new FileStore(inst.config.dataDir);
  const evidence: string[] = [];
  for (let i = 0; i < 3; i++) evidence.push(await store.save(Buffer.from(`%PDF-1.4\nevidence ${i} ${randomUUID()}\n`)));
  mkdirSync(join(inst.config.dataDir, 'exports'), { recursive: true });
  writeFileSync(join(inst.config.dataDir, 'exports', '台账.xlsx'), 'another data folder');
  writeFileSync(join(store.root, 'half-written.1234.tmp'), 'an upload still being written');
  // A unit's account, a report with the first evidence file attached and a ledger entry, all audited, and the audit chain sealed.
  const link = await deps.db.selectFrom('task_units').select(['task_id', 'unit_id']).orderBy('task_id').orderBy('unit_id').executeTakeFirstOrThrow();
  const { user } = await createUser(deps, SYSTEM_ACTOR, { username: 'bk-unit', displayName: '备份测试', unitId: link.unit_id, roles: ['unit_staff'], leaderSectionIds: [], fixedPassword: 'Test-password-2021', mustChangePassword: false });
  const at = new Date().toISOString();
  const report = await deps.db.insertInto('progress_reports').values({ task_id: link.task_id, unit_id: link.unit_id, kind: 'part', stage: 'in_progress', narrative: '已完成系统对接', status: 'submitted', created_by: user.id, created_at: at, updated_at: at, submitted_at: at, reviewed_by: null, reviewed_at: null, review_comment: null }).returning('id').executeTakeFirstOrThrow();
  await deps.db.insertInto('attachments').values({ report_id: report.id, sha256: evidence[0]!, file_name: '佐证.pdf', mime: 'application/pdf', size: 1, created_at: at }).execute();
  await deps.db.insertInto('ledger_entries').values({ task_id: link.task_id, unit_id: link.unit_id, milestone_id: null, action: '梳理事项清单', owner: null, start_date: null, due_date: '2021-06-30', deliverable: null, ordinal: 0, created_by: user.id, created_at: at, updated_at: at }).execute();
  await sealAuditChain(deps);
  return { ...inst, deps, database, evidence };
}

/** Rows per table, read straight from the database. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const names =
    database.dialect === 'sqlite'
      ? (await database.db.selectFrom('sqlite_master' as any).select('name').where('type', '=', 'table').where('name', 'not like', 'sqlite_%').execute()).map((r: any) => r.name as string)
      : (await database.db.selectFrom('information_schema.tables' as any).select('table_name').where('table_schema', '=', 'public').where('table_type', '=', 'BASE TABLE').execute()).map((r: any) => r.table_name as string);
  const out: Record<string, number> = {};
  for (const n of names.sort()) out[n] = Number(((await database.db.selectFrom(n as any).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as { n: number | string }).n);
  return out;
}

/** SHA-256 of every file under a folder, by relative path. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = join(e.parentPath, e.name);
    out[relative(dir, abs).split(sep).join('/')] = createHash('sha256').update(readFileSync(abs)).digest('hex');
  }
  return out;
}

/** Drops every database this test file made (restores rename and create some of their own). */
export async function dropTestDatabases(): Promise<void> {
  if (TEST_DIALECT !== 'postgres') return;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${DB_PREFIX}%`]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
