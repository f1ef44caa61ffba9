import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { compareTables, extractArchive, SQLITE_FILES, WORK_PREFIX } from './archive.ts';
import { BackupError, codeMigrationLevel, totals, type Manifest } from './manifest.ts';
import { listDump, pgTargetContents, preparePostgres, type PreparedPg } from './pg-snapshot.ts';
import { assertSqliteUnused, inspectSqlite } from './sqlite-snapshot.ts';

export interface RestoreResult {
  manifest: Manifest;
  totals: ReturnType<typeof totals>;
  /** Where a forced restore moved the previous DATA_DIR contents, if there were any. */
  replacedDir: string | null;
  /** The previous PostgreSQL database's new name after a forced restore. */
  replacedDatabase: string | null;
  durationMs: number;
}

/** What makes DATA_DIR "not empty" for a SQLite restore: a database file, or any stored file. */
function sqliteTargetContents(config: Config): string | null {
  if (existsSync(config.sqlitePath)) return `已有数据库文件 ${config.sqlitePath}`;
  return filesContents(config);
}

function filesContents(config: Config): string | null {
  const files = join(config.dataDir, 'files');
  if (existsSync(files) && readdirSync(files, { recursive: true, withFileTypes: true }).some((e) => e.isFile())) return `${files} 中已有文件`;
  return null;
}

function checkManifest(m: Manifest, kind: 'sqlite' | 'postgres', codeLevel: string): void {
  if (m.database.kind !== kind) {
    const name = (k: string) => (k === 'sqlite' ? 'SQLite' : 'PostgreSQL');
    throw new BackupError(
      `这是 ${name(m.database.kind)} 的备份，目标是 ${name(kind)}：请按备份的数据库类型设置 DATABASE_URL`,
      `this is a ${name(m.database.kind)} backup and the target is ${name(kind)}: set DATABASE_URL to match the backup`,
    );
  }
  if (m.migration.level > codeLevel) {
    throw new BackupError(
      `备份来自更新的 Tuijin（数据库迁移 ${m.migration.level}），本程序只认识到 ${codeLevel}：请先升级 Tuijin 再恢复`,
      `the backup comes from a newer Tuijin (migration ${m.migration.level}); this program knows up to ${codeLevel}: upgrade Tuijin first`,
    );
  }
}

/**
 * Checks an archive without restoring it: every entry's size and SHA-256, and for SQLite the copy's
 * integrity and row counts; a PostgreSQL dump is checked readable (its counts need a restore).
 */
export async function verifyBackup(file: string, workDir: string): Promise<{ manifest: Manifest; totals: ReturnType<typeof totals> }> {
  await mkdir(workDir, { recursive: true });
  const stage = await mkdtemp(join(workDir, `${WORK_PREFIX}verify-`));
  try {
    const manifest = await extractArchive(file, stage);
    if (manifest.database.kind === 'sqlite') compareTables(manifest.tables, inspectSqlite(join(stage, 'tuijin.sqlite'), { check: true }).tables);
    else await listDump(join(stage, 'tuijin.pgdump'));
    return { manifest, totals: totals(manifest) };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/**
 * Restores an archive into the configured installation (DATA_DIR, and DATABASE_URL's database on
 * PostgreSQL). Everything is unpacked and verified first in a staging folder inside DATA_DIR (and a
 * new database beside the target): hashes and sizes of every entry, then the database's row counts
 * against the manifest. Only then is the old data moved aside and the restored data renamed into
 * place, so a failure at any earlier point leaves the installation as it was. A non-empty target is
 * refused unless `force`; forced, the previous data is kept (moved aside, or the database renamed)
 * for the operator to delete once satisfied. The server must be stopped.
 */
export async function restoreBackup(config: Config, file: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const started = Date.now();
  const kind = config.databaseUrl ? 'postgres' : 'sqlite';
  const codeLevel = await codeMigrationLevel(kind);
  if (!existsSync(file)) throw new BackupError(`找不到备份文件：${file}`, `backup file not found: ${file}`);
  const contents = config.databaseUrl ? ((await pgTargetContents(config.databaseUrl)) ?? filesContents(config)) : sqliteTargetContents(config);
  if (contents && !opts.force) {
    throw new BackupError(
      `目标不为空（${contents}）。如确要用备份替换现有数据，请加 --force（原数据会移到一旁保留）`,
      `the target is not empty (${contents}); add --force to replace it (the current data is kept aside)`,
    );
  }
  if (kind === 'sqlite') assertSqliteUnused(config.sqlitePath);

  await mkdir(config.dataDir, { recursive: true });
  const stage = await mkdtemp(join(config.dataDir, `${WORK_PREFIX}restore-`));
  let prepared: PreparedPg | null = null;
  try {
    const manifest = await extractArchive(file, stage, (m) => checkManifest(m, kind, codeLevel));
    if (kind === 'sqlite') {
      const info = inspectSqlite(join(stage, 'tuijin.sqlite'), { check: true });
      compareTables(manifest.tables, info.tables);
      if (info.level !== manifest.migration.level)
        throw new BackupError(
          `数据库的迁移级别 ${info.level} 与清单记录 ${manifest.migration.level} 不符`,
          `the database's migration level ${info.level} differs from the manifest's ${manifest.migration.level}`,
        );
    } else {
      prepared = await preparePostgres(config.databaseUrl!, join(stage, 'tuijin.pgdump'));
      compareTables(manifest.tables, prepared.tables);
      await rm(join(stage, 'tuijin.pgdump'));
    }
    const swap = await swapIn(config, stage, kind);
    let replacedDatabase: string | null = null;
    if (prepared) {
      try {
        replacedDatabase = await prepared.commit();
      } catch (e) {
        await swap.undo();
        throw e;
      }
      prepared = null;
    }
    return { manifest, totals: totals(manifest), replacedDir: swap.aside, replacedDatabase, durationMs: Date.now() - started };
  } catch (e) {
    if (prepared) await prepared.abort().catch(() => undefined);
    if (e instanceof BackupError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new BackupError(`恢复失败：${msg}（现有数据未改动）`, `restore failed: ${msg} (the current data is unchanged)`);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/** The top-level names of DATA_DIR a restore replaces: what the archive brings, files/, and the SQLite files. */
async function replacedNames(stage: string, kind: 'sqlite' | 'postgres'): Promise<string[]> {
  const brought = await readdir(stage);
  return [...new Set([...brought, 'files', ...(kind === 'sqlite' ? SQLITE_FILES : [])])];
}

interface Swap {
  /** Where the previous data went, if there was any. */
  aside: string | null;
  /** Puts the previous data back (the restored data goes back to the stage, deleted with it). */
  undo(): Promise<void>;
}

/** Moves the current data aside (into a `.tuijin-replaced-…` folder) and the staged data in; undoes itself on failure. */
async function swapIn(config: Config, stage: string, kind: 'sqlite' | 'postgres'): Promise<Swap> {
  const dataDir = config.dataDir;
  const names = await replacedNames(stage, kind);
  const present = names.filter((n) => existsSync(join(dataDir, n)));
  const aside = present.length ? join(dataDir, `${WORK_PREFIX}replaced-${new Date().toISOString().replace(/[-:.]/g, '')}`) : null;
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  const undo = async () => {
    for (const n of movedIn.reverse()) await rename(join(dataDir, n), join(stage, n)).catch(() => undefined);
    for (const n of movedAside.reverse()) await rename(join(aside!, n), join(dataDir, n)).catch(() => undefined);
    if (aside) await rm(aside, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    if (aside) {
      await mkdir(aside);
      for (const n of present) {
        await rename(join(dataDir, n), join(aside, n));
        movedAside.push(n);
      }
    }
    for (const n of await readdir(stage)) {
      await rename(join(stage, n), join(dataDir, n));
      movedIn.push(n);
    }
  } catch (e) {
    await undo();
    throw e;
  }
  return { aside, undo };
}
