import { existsSync } from 'node:fs';
import { backup, DatabaseSync } from 'node:sqlite';
import { BackupError } from './manifest.ts';

/**
 * node:sqlite's backup copies `rate` pages per step and restarts when another connection writes
 * between steps; one step of every page copies the whole file inside one read transaction, so a busy
 * server can never make it start over, and under WAL that read blocks no writer. The step runs on
 * libuv's thread pool, so a scheduled backup does not stall the server's event loop.
 */
const ALL_PAGES = 2 ** 31 - 1;

export interface SqliteInfo {
  tables: Record<string, number>;
  /** Last migration applied, or null when the file has none (not a Tuijin database). */
  level: string | null;
  applied: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Copies the live database at `sqlitePath` to `dest`, consistent while the app writes, and reads its row counts. */
export async function snapshotSqlite(sqlitePath: string, dest: string): Promise<SqliteInfo> {
  if (!existsSync(sqlitePath))
    throw new BackupError(`找不到数据库文件 ${sqlitePath}（DATA_DIR 是否正确？）`, `database file not found: ${sqlitePath} (is DATA_DIR right?)`);
  // A connection of its own: the app's connection would be held for the whole copy.
  const source = new DatabaseSync(sqlitePath);
  try {
    source.exec('PRAGMA busy_timeout = 5000');
    await backup(source, dest, { rate: ALL_PAGES });
  } finally {
    source.close();
  }
  return inspectSqlite(dest, { standalone: true });
}

/**
 * Row counts and migration level of a database file. `standalone` turns a WAL copy into one
 * self-contained file (rollback journal), which is what goes into an archive; `check` runs SQLite's
 * quick_check and throws on damage.
 */
export function inspectSqlite(path: string, opts: { standalone?: boolean; check?: boolean } = {}): SqliteInfo {
  const db = new DatabaseSync(path);
  try {
    if (opts.standalone) db.exec('PRAGMA journal_mode = DELETE');
    if (opts.check) {
      const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
      if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') {
        const what = rows
          .map((r) => r.quick_check)
          .slice(0, 3)
          .join('; ');
        throw new BackupError(`数据库文件已损坏（SQLite 检查：${what}）`, `the database file is damaged (SQLite quick_check: ${what})`);
      }
    }
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
    ).map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const name of names) tables[name] = Number((db.prepare(`SELECT count(*) AS n FROM ${quote(name)}`).get() as { n: number }).n);
    let level: string | null = null;
    let applied = 0;
    if (names.includes('kysely_migration')) {
      const r = db.prepare('SELECT max(name) AS level, count(*) AS n FROM kysely_migration').get() as { level: string | null; n: number };
      level = r.level;
      applied = Number(r.n);
    }
    return { tables, level, applied };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new BackupError(`无法读取数据库文件：${msg}`, `cannot read the database file: ${msg}`);
  } finally {
    db.close();
  }
}

/**
 * Throws when another process has the database open (a running server). Leaving WAL mode needs the
 * only connection, so the attempt fails at once if there is another; the app turns WAL back on when
 * it next opens the file.
 */
export function assertSqliteUnused(path: string): void {
  if (!existsSync(path)) return;
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA busy_timeout = 0');
    db.prepare('PRAGMA journal_mode = DELETE').get();
  } catch {
    throw new BackupError(
      `数据库 ${path} 正被其他进程使用：请先停止 Tuijin 服务再恢复`,
      `the database ${path} is in use by another process: stop the Tuijin server before restoring`,
    );
  } finally {
    db.close();
  }
}
