import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { BackupError } from './manifest.ts';

/**
 * PostgreSQL through its own tools: `pg_dump -Fc` in a snapshot exported by a repeatable-read
 * transaction that also counts every table's rows, so the counts in the manifest describe exactly
 * the rows in the dump while the app keeps writing; `pg_restore` into a new database that replaces
 * the target only once it is complete and counted.
 */

export interface PgInfo {
  tables: Record<string, number>;
  level: string | null;
  applied: number;
  serverVersion: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The URL without its password (which goes to the tools through PGPASSWORD, never on a command line `ps` shows). */
function toolTarget(url: string): { dbArg: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbArg: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new BackupError('DATABASE_URL 中没有数据库名', 'DATABASE_URL names no database');
  return name;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/** Runs pg_dump / pg_restore; a missing binary or a failure becomes a BackupError with the tool's own words. */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<string> {
  const { dbArg, env } = toolTarget(url);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, '--dbname', dbArg], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new BackupError(
              `找不到 ${tool}：请安装 PostgreSQL 客户端（apt install postgresql-client）`,
              `${tool} not found: install the PostgreSQL client tools (apt install postgresql-client)`,
            )
          : e,
      ),
    );
    child.once('close', (code) => {
      if (code === 0) resolve(out);
      else {
        const tail = err.trim().split('\n').slice(-5).join(' | ');
        reject(new BackupError(`${tool} 失败（退出码 ${code}）：${tail}`, `${tool} failed (exit code ${code}): ${tail}`));
      }
    });
  });
}

async function countTables(client: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<{ table_schema: string; table_name: string }>(
    "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
  );
  const tables: Record<string, number> = {};
  for (const r of rows) {
    const key = r.table_schema === 'public' ? r.table_name : `${r.table_schema}.${r.table_name}`;
    const n = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(r.table_schema)}.${quote(r.table_name)}`);
    tables[key] = Number(n.rows[0]!.n);
  }
  return tables;
}

async function migrationLevel(client: pg.ClientBase, tables: Record<string, number>): Promise<{ level: string | null; applied: number }> {
  if (!('kysely_migration' in tables)) return { level: null, applied: 0 };
  const { rows } = await client.query<{ level: string | null; n: string }>('SELECT max(name) AS level, count(*) AS n FROM kysely_migration');
  return { level: rows[0]!.level, applied: Number(rows[0]!.n) };
}

/** Dumps the database of `url` to `dest` (custom format) and counts its rows in the same snapshot. */
export async function snapshotPostgres(url: string, dest: string): Promise<PgInfo> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
    // The exported snapshot lives as long as this transaction: keep it open until pg_dump is done.
    const dump = runTool('pg_dump', ['--format=custom', '--no-owner', '--no-acl', `--snapshot=${snapshot}`, '--file', dest], url);
    const counting = (async () => {
      const tables = await countTables(client);
      const serverVersion = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
      return { tables, serverVersion, ...(await migrationLevel(client, tables)) };
    })();
    const [info] = await Promise.all([counting, dump]);
    await client.query('COMMIT');
    return info;
  } finally {
    await client.end();
  }
}

/** Checks a dump file is readable by pg_restore (its table of contents), without a database. */
export async function listDump(file: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pg_restore', ['--list', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT' ? new BackupError('找不到 pg_restore：请安装 PostgreSQL 客户端', 'pg_restore not found: install the PostgreSQL client tools') : e,
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`数据库转储无法读取：${err.trim()}`, `the database dump cannot be read: ${err.trim()}`)),
    );
  });
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  // The maintenance database: a database cannot be created, renamed or dropped from inside itself.
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** What makes the target database "not empty": null when it does not exist or has no table. */
export async function pgTargetContents(url: string): Promise<string | null> {
  const name = databaseName(url);
  const exists = await withAdmin(url, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0);
  if (!exists) return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    const n = Number(rows[0]!.n);
    return n > 0 ? `数据库 ${name} 中已有 ${n} 张表` : null;
  } finally {
    await client.end();
  }
}

export interface PreparedPg {
  /** The restored, counted database, not yet in place. */
  tempName: string;
  tables: Record<string, number>;
  level: string | null;
  /** Puts the restored database in place of the target; returns the old one's new name, if there was one. */
  commit(): Promise<string | null>;
  abort(): Promise<void>;
}

/** Restores `dumpFile` into a new database beside the target and counts it; nothing of the target is touched yet. */
export async function preparePostgres(url: string, dumpFile: string): Promise<PreparedPg> {
  const target = databaseName(url);
  const suffix = randomBytes(4).toString('hex');
  // PostgreSQL names are at most 63 bytes.
  const tempName = `${target.slice(0, 40)}_restore_${suffix}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE ${quote(tempName)} TEMPLATE template0 ENCODING 'UTF8'`));
  const abort = () => withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(tempName)}`)).then(() => undefined);
  try {
    const tempUrl = withDatabase(url, tempName);
    await runTool('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', dumpFile], tempUrl);
    const client = new pg.Client({ connectionString: tempUrl });
    await client.connect();
    let tables: Record<string, number>;
    let level: string | null;
    try {
      tables = await countTables(client);
      level = (await migrationLevel(client, tables)).level;
    } finally {
      await client.end();
    }
    const commit = () =>
      withAdmin(url, async (c) => {
        const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [target])).rowCount! > 0;
        const replaced = exists ? `${target.slice(0, 40)}_replaced_${suffix}` : null;
        try {
          if (replaced) await c.query(`ALTER DATABASE ${quote(target)} RENAME TO ${quote(replaced)}`);
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          throw new BackupError(
            `无法替换数据库 ${target}（${msg}）：请先停止 Tuijin 服务再恢复`,
            `cannot replace database ${target} (${msg}): stop the Tuijin server before restoring`,
          );
        }
        try {
          await c.query(`ALTER DATABASE ${quote(tempName)} RENAME TO ${quote(target)}`);
        } catch (e) {
          if (replaced) await c.query(`ALTER DATABASE ${quote(replaced)} RENAME TO ${quote(target)}`);
          throw e;
        }
        return replaced;
      });
    return { tempName, tables, level, commit, abort };
  } catch (e) {
    await abort();
    throw e;
  }
}
