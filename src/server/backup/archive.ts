import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Config } from '../config.ts';
import { appVersion, BackupError, DATA_PREFIX, FORMAT_VERSION, MANIFEST_ENTRY, ManifestSchema, PG_ENTRY, SQLITE_ENTRY, type Manifest } from './manifest.ts';
import { snapshotPostgres } from './pg-snapshot.ts';
import { snapshotSqlite } from './sqlite-snapshot.ts';
import { readTar, TarFormatError, writeTar, type TarEntry } from './tar.ts';

/**
 * Evidence (PNG, JPEG, PDF, DOCX, XLSX) is compressed already; the database compresses about 4× even
 * at level 1, so a higher level would mostly cost CPU on the app's machine.
 */
const GZIP_LEVEL = 1;
/** The manifest is read whole into memory; 64 MB is about 400,000 files' entries. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Work folders of backup and restore, and the data moved aside by a forced restore, start with this. */
export const WORK_PREFIX = '.tuijin-';
/** The default folder of scheduled backups, inside DATA_DIR and never itself backed up or replaced. */
export const BACKUPS_DIR_NAME = 'backups';
/** The SQLite files at the root of DATA_DIR: the database is archived through its snapshot, not as files. */
export const SQLITE_FILES = ['tuijin.sqlite', 'tuijin.sqlite-wal', 'tuijin.sqlite-shm', 'tuijin.sqlite-journal'];

export interface BackupResult {
  file: string;
  size: number;
  sha256: string;
  manifest: Manifest;
  durationMs: number;
}

interface DataFile {
  abs: string;
  path: string;
  size: number;
  sha256: string;
  mtime: Date;
}

async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

const inside = (child: string, parent: string) => {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/**
 * Every file of DATA_DIR that belongs in a backup: evidence and archived circulars under files/, and
 * any other data folder. Left out: the SQLite files (copied through a snapshot), work folders,
 * backups themselves, and `*.tmp` files, which are uploads still being written.
 */
async function listDataFiles(dataDir: string, exclude: string[]): Promise<DataFile[]> {
  const out: DataFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = join(dir, e.name);
      const atRoot = dir === dataDir;
      if (e.name.startsWith(WORK_PREFIX) || (atRoot && (SQLITE_FILES.includes(e.name) || e.name === BACKUPS_DIR_NAME))) continue;
      if (exclude.some((x) => inside(abs, x))) continue;
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile() && !e.name.endsWith('.tmp')) {
        const st = await stat(abs);
        out.push({ abs, path: DATA_PREFIX + relative(dataDir, abs).split(sep).join('/'), size: st.size, sha256: '', mtime: st.mtime });
      }
    }
  };
  await walk(dataDir);
  for (const f of out) f.sha256 = (await hashFile(f.abs)).sha256;
  return out;
}

/** A file's bytes for the archive, hashed again on the way: a file changed since the manifest was made fails the backup. */
function body(f: { abs: string; path: string; sha256: string }): () => AsyncIterable<Uint8Array> {
  return async function* () {
    const h = createHash('sha256');
    for await (const chunk of createReadStream(f.abs)) {
      h.update(chunk as Buffer);
      yield chunk as Buffer;
    }
    if (h.digest('hex') !== f.sha256) throw new BackupError(`备份期间文件被改动：${f.path}，请重试`, `${f.path} changed while the backup ran; run it again`);
  };
}

function hashing(h: Hash): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h.update(chunk);
      cb(null, chunk);
    },
  });
}

async function fsyncPath(path: string, flags = 'r'): Promise<void> {
  const fh = await open(path, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes one .tar.gz with manifest.json first, then the database copy, then DATA_DIR's files. The
 * archive is written under a temporary name, flushed to disk and renamed, so `outFile` is either
 * complete or absent. `exclude` lists folders to leave out (the scheduled backups' own folder).
 */
export async function createBackup(config: Config, outFile: string, opts: { exclude?: string[]; now?: Date } = {}): Promise<BackupResult> {
  const started = Date.now();
  const out = resolve(outFile);
  await mkdir(dirname(out), { recursive: true });
  if (existsSync(out)) throw new BackupError(`备份文件已存在：${out}`, `the backup file already exists: ${out}`);
  const work = await mkdtemp(join(dirname(out), `${WORK_PREFIX}backup-`));
  const partial = `${out}.partial`;
  try {
    const kind = config.databaseUrl ? 'postgres' : 'sqlite';
    const dbEntry = kind === 'postgres' ? PG_ENTRY : SQLITE_ENTRY;
    const dbFile = join(work, 'db');
    const info = config.databaseUrl
      ? await snapshotPostgres(config.databaseUrl, dbFile)
      : { ...(await snapshotSqlite(config.sqlitePath, dbFile)), serverVersion: null };
    if (!info.level)
      throw new BackupError(
        '数据库中没有 Tuijin 的迁移记录：不是 Tuijin 数据库，或从未启动过',
        'the database has no Tuijin migrations: not a Tuijin database, or never started',
      );
    const dbHash = await hashFile(dbFile);
    const data = await listDataFiles(config.dataDir, [work, out, ...(opts.exclude ?? []).map((x) => resolve(x))]);
    const manifest: Manifest = {
      format: 'tuijin-backup',
      formatVersion: FORMAT_VERSION,
      createdAt: (opts.now ?? new Date()).toISOString(),
      app: appVersion(),
      migration: { level: info.level, applied: info.applied },
      database: { kind, entry: dbEntry, serverVersion: info.serverVersion },
      tables: info.tables,
      files: [{ path: dbEntry, size: dbHash.size, sha256: dbHash.sha256 }, ...data.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 }))],
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const entries: TarEntry[] = [
      {
        path: MANIFEST_ENTRY,
        size: manifestBytes.length,
        body: async function* () {
          yield manifestBytes;
        },
      },
      { path: dbEntry, size: dbHash.size, body: body({ abs: dbFile, path: dbEntry, sha256: dbHash.sha256 }) },
      ...data.map((f) => ({ path: f.path, size: f.size, mtime: f.mtime, body: body(f) })),
    ];
    const archiveHash = createHash('sha256');
    await rm(partial, { force: true }); // left by a run that died mid-write
    await pipeline(Readable.from(writeTar(entries)), createGzip({ level: GZIP_LEVEL }), hashing(archiveHash), createWriteStream(partial, { flags: 'wx' }));
    await fsyncPath(partial, 'r+');
    await rename(partial, out);
    await fsyncPath(dirname(out)).catch(() => undefined); // directories cannot be fsynced everywhere; the rename is still atomic
    return { file: out, size: (await stat(out)).size, sha256: archiveHash.digest('hex'), manifest, durationMs: Date.now() - started };
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Where an archive entry goes in a staging folder laid out like DATA_DIR; null for an unsafe path. */
function stagePathOf(entry: string, manifest: Manifest): string | null {
  if (entry === manifest.database.entry) return entry === SQLITE_ENTRY ? 'tuijin.sqlite' : 'tuijin.pgdump';
  if (!entry.startsWith(DATA_PREFIX)) return null;
  const rel = entry.slice(DATA_PREFIX.length);
  const parts = rel.split('/');
  if (!rel || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) return null;
  if (SQLITE_FILES.includes(parts[0]!) || parts[0] === 'tuijin.pgdump' || parts[0]!.startsWith(WORK_PREFIX)) return null;
  return parts.join(sep);
}

/**
 * Unpacks an archive into `stageDir` (laid out like DATA_DIR: tuijin.sqlite or tuijin.pgdump, files/…)
 * and checks every entry against the manifest as it is written: size and SHA-256, no entry missing,
 * none extra or repeated. `check` sees the manifest before anything else is unpacked and may refuse
 * it. The first problem throws a BackupError naming the entry.
 */
export async function extractArchive(file: string, stageDir: string, check: (m: Manifest) => void = () => {}): Promise<Manifest> {
  if (!existsSync(file)) throw new BackupError(`找不到备份文件：${file}`, `backup file not found: ${file}`);
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.once('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  let manifest: Manifest | null = null;
  let expected = new Map<string, { size: number; sha256: string }>();
  const seen = new Set<string>();
  let current = MANIFEST_ENTRY;
  /** The entry being written, closed here if a check stops the read halfway. */
  const writing: { fh: FileHandle | null } = { fh: null };
  try {
    await readTar(gunzip, async (path, size) => {
      current = path;
      if (!manifest) {
        if (path !== MANIFEST_ENTRY)
          throw new BackupError(
            `不是 Tuijin 备份：第一个条目是 ${path}，应为 manifest.json`,
            `not a Tuijin backup: the first entry is ${path}, not manifest.json`,
          );
        if (size > MAX_MANIFEST_BYTES) throw new BackupError('manifest.json 过大', 'manifest.json is too large');
        const chunks: Buffer[] = [];
        return {
          write: (c) => void chunks.push(Buffer.from(c)),
          end: () => {
            let parsed: unknown;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              throw new BackupError('manifest.json 不是有效的 JSON', 'manifest.json is not valid JSON');
            }
            const r = ManifestSchema.safeParse(parsed);
            if (!r.success)
              throw new BackupError(
                `manifest.json 格式不对（${r.error.issues[0]!.path.join('.')}）`,
                `manifest.json has the wrong shape (${r.error.issues[0]!.path.join('.')})`,
              );
            if (r.data.formatVersion > FORMAT_VERSION) {
              throw new BackupError(
                `备份格式版本 ${r.data.formatVersion} 比本程序支持的 ${FORMAT_VERSION} 新：请先升级 Tuijin`,
                `archive format ${r.data.formatVersion} is newer than this program's ${FORMAT_VERSION}: upgrade Tuijin first`,
              );
            }
            check(r.data);
            manifest = r.data;
            expected = new Map(r.data.files.map((f) => [f.path, f]));
          },
        };
      }
      const want = expected.get(path);
      if (!want) throw new BackupError(`归档中有清单未列出的条目：${path}`, `the archive holds an entry the manifest does not list: ${path}`);
      if (seen.has(path)) throw new BackupError(`归档中的条目重复：${path}`, `the archive holds ${path} twice`);
      seen.add(path);
      const rel = stagePathOf(path, manifest);
      if (!rel) throw new BackupError(`归档条目路径不安全：${path}`, `unsafe entry path in the archive: ${path}`);
      if (size !== want.size)
        throw new BackupError(
          `条目 ${path} 校验失败：大小 ${size} 字节，清单记录 ${want.size} 字节`,
          `${path} fails verification: ${size} bytes, the manifest says ${want.size}`,
        );
      const target = join(stageDir, rel);
      await mkdir(dirname(target), { recursive: true });
      const fh = await open(target, 'wx');
      writing.fh = fh;
      const h = createHash('sha256');
      return {
        async write(c) {
          h.update(c);
          await fh.write(c);
        },
        async end() {
          await fh.sync();
          writing.fh = null;
          await fh.close();
          const got = h.digest('hex');
          if (got !== want.sha256)
            throw new BackupError(
              `条目 ${path} 校验失败：SHA-256 为 ${got}，清单记录 ${want.sha256}（文件已损坏或被改动）`,
              `${path} fails verification: SHA-256 ${got}, the manifest says ${want.sha256} (damaged or altered)`,
            );
        },
      };
    });
  } catch (e) {
    if (e instanceof BackupError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const what = e instanceof TarFormatError ? '归档结构损坏' : '归档已损坏（解压失败）';
    throw new BackupError(`${what}：读到 ${current} 时出错（${msg}）`, `the archive is damaged: error while reading ${current} (${msg})`);
  } finally {
    await writing.fh?.close().catch(() => undefined);
    source.destroy();
    gunzip.destroy();
  }
  if (!manifest) throw new BackupError('归档中没有 manifest.json', 'the archive holds no manifest.json');
  const missing = [...expected.keys()].filter((p) => !seen.has(p));
  if (missing.length)
    throw new BackupError(
      `归档缺少条目：${missing.slice(0, 3).join('、')}${missing.length > 3 ? ` 等 ${missing.length} 个` : ''}`,
      `the archive lacks ${missing.length} entr${missing.length === 1 ? 'y' : 'ies'}: ${missing.slice(0, 3).join(', ')}`,
    );
  return manifest;
}

/** Compares row counts with the manifest; the first difference throws, naming the table. */
export function compareTables(expected: Record<string, number>, actual: Record<string, number>): void {
  for (const [table, n] of Object.entries(expected)) {
    if (!(table in actual)) throw new BackupError(`恢复的数据库缺少表 ${table}`, `the restored database lacks table ${table}`);
    if (actual[table] !== n)
      throw new BackupError(
        `表 ${table} 行数不符：恢复得到 ${actual[table]} 行，清单记录 ${n} 行`,
        `table ${table}: ${actual[table]} rows restored, the manifest says ${n}`,
      );
  }
  const extra = Object.keys(actual).filter((t) => !(t in expected));
  if (extra.length)
    throw new BackupError(
      `恢复的数据库多出清单未列出的表：${extra.join('、')}`,
      `the restored database has tables the manifest does not list: ${extra.join(', ')}`,
    );
}
