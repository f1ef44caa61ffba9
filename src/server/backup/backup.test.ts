import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-chain.ts';
import { TEST_DIALECT } from '../test/helpers.ts';
import { createBackup, type BackupResult } from './archive.ts';
import { codeMigrationLevel, type Manifest } from './manifest.ts';
import { pgTargetContents } from './pg-snapshot.ts';
import { restoreBackup, verifyBackup } from './restore.ts';
import { readTar, writeTar } from './tar.ts';
import { verifyInWorker } from './verify-in-worker.ts';
import { dropTestDatabases, emptyInstallation, hashTree, populatedInstallation, tableCounts, type Installation } from '../test/installations.ts';

let source: Awaited<ReturnType<typeof populatedInstallation>>;
let backup: BackupResult;
let sourceCounts: Record<string, number>;
let sourceFiles: Record<string, string>;

beforeAll(async () => {
  source = await populatedInstallation();
  backup = await createBackup(source.config, join(source.config.dataDir, '..', 'out', 'b.tar.gz'));
  sourceCounts = await tableCounts(source.database);
  sourceFiles = hashTree(join(source.config.dataDir, 'files'));
});
afterAll(async () => {
  await source.database.close();
  await dropTestDatabases();
});

/** The archive's entries in memory (test archives are small). */
async function entriesOf(file: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  await readTar(Readable.from([gunzipSync(readFileSync(file))]), (path) => {
    const chunks: Buffer[] = [];
    return { write: (c) => void chunks.push(Buffer.from(c)), end: () => void out.push({ path, bytes: Buffer.concat(chunks) }) };
  });
  return out;
}

/** Writes an archive from entries, as createBackup would lay them out. */
async function archiveOf(file: string, entries: { path: string; bytes: Buffer }[]): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of writeTar(entries.map((e) => ({ path: e.path, size: e.bytes.length, body: async function* () { yield e.bytes; } })))) chunks.push(c);
  writeFileSync(file, gzipSync(Buffer.concat(chunks)));
}

async function tampered(change: (entries: { path: string; bytes: Buffer }[]) => void): Promise<string> {
  const entries = await entriesOf(backup.file);
  change(entries);
  const file = `${backup.file}.${Math.random().toString(36).slice(2)}.tar.gz`;
  await archiveOf(file, entries);
  return file;
}

/** The target holds nothing restored: no database, no files, no work folder left behind. */
async function expectUntouched(target: Installation) {
  if (existsSync(target.config.dataDir)) expect(readdirSync(target.config.dataDir)).toEqual([]);
  if (target.config.databaseUrl) expect(await pgTargetContents(target.config.databaseUrl)).toBeNull();
}

describe(`backup and restore (${TEST_DIALECT})`, () => {
  it('writes one archive with a manifest: app version, migration level, database kind, rows per table, size and SHA-256 of every file', async () => {
    const m = backup.manifest;
    expect(m.app).toEqual({ name: 'tuijin', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(m.migration.level).toBe(await codeMigrationLevel(source.deps.dialect));
    expect(m.database.kind).toBe(TEST_DIALECT);
    expect(m.tables).toEqual(sourceCounts);
    expect(m.tables.tasks).toBe(199);
    const entries = await entriesOf(backup.file);
    expect(entries[0]!.path).toBe('manifest.json');
    expect(JSON.parse(entries[0]!.bytes.toString())).toEqual(m);
    // Every entry after the manifest is listed with its size and hash; the half-written upload is left out.
    expect(entries.slice(1).map((e) => e.path)).toEqual(m.files.map((f) => f.path));
    expect(m.files.map((f) => f.path).sort()).toEqual([m.database.entry, 'data/exports/台账.xlsx', ...source.evidence.map((h) => `data/files/${h.slice(0, 2)}/${h}`)].sort());
    for (const f of m.files) {
      const e = entries.find((x) => x.path === f.path)!;
      expect(e.bytes.length).toBe(f.size);
    }
    expect(await verifyBackup(backup.file, join(source.config.dataDir, '..', 'verify'))).toMatchObject({ totals: { tables: Object.keys(sourceCounts).length, files: 4 } });
  });

  it('restores into an empty installation: every table has the same rows and every file the same SHA-256, and the app opens it', async () => {
    const target = emptyInstallation();
    const r = await restoreBackup(target.config, backup.file);
    expect(r.replacedDir).toBeNull();
    expect(r.replacedDatabase).toBeNull();
    const restored = await target.open();
    try {
      expect(await tableCounts(restored)).toEqual(sourceCounts);
      expect(hashTree(join(target.config.dataDir, 'files'))).toEqual(Object.fromEntries(Object.entries(sourceFiles).filter(([p]) => !p.endsWith('.tmp'))));
      expect(readFileSync(join(target.config.dataDir, 'exports', '台账.xlsx'), 'utf8')).toBe('another data folder');
      const plan = await restored.db.selectFrom('plans').select('number').executeTakeFirstOrThrow();
      expect(plan.number).toBe('山政发〔2021〕7号');
      expect(sourceCounts.attachments).toBe(1);
      expect(sourceCounts.ledger_entries).toBe(1);
      // The sealed audit chain verifies on the copy, and new rows get fresh ids (PostgreSQL sequences restored too).
      const chain = await verifyAuditChain({ db: restored.db, dialect: restored.dialect });
      expect(chain).toMatchObject({ ok: true, firstBroken: null });
      expect(chain.checked).toBeGreaterThan(0);
      const maxUnit = Number((await restored.db.selectFrom('units').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
      const added = await restored.db.insertInto('units').values({ name: '恢复后新增的单位', is_collective: 0, parent_id: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
      expect(added.id).toBeGreaterThan(maxUnit);
    } finally {
      await restored.close();
    }
    // Nothing of the restore's work is left in DATA_DIR.
    expect(readdirSync(target.config.dataDir).filter((n) => n.startsWith('.tuijin-'))).toEqual([]);
  });

  it('refuses an archive with a flipped byte in an evidence file, naming the entry, and restores nothing', async () => {
    const name = `data/files/${source.evidence[1]!.slice(0, 2)}/${source.evidence[1]}`;
    const file = await tampered((es) => {
      const e = es.find((x) => x.path === name)!;
      e.bytes[10] = e.bytes[10]! ^ 0x01;
    });
    const target = emptyInstallation();
    await expect(restoreBackup(target.config, file)).rejects.toThrow(`条目 ${name} 校验失败：SHA-256`);
    await expect(verifyBackup(file, join(source.config.dataDir, '..', 'verify'))).rejects.toThrow(name);
    await expectUntouched(target);
  });

  it('verifies in a worker thread as it does in the process: the totals of a sound archive, the refusal of a damaged one', async () => {
    const t = backup.manifest;
    const rows = Object.values(t.tables).reduce((a, b) => a + b, 0);
    expect(await verifyInWorker(backup.file, join(source.config.dataDir, '..', 'verify'))).toEqual({ rows, files: 4 });
    const name = `data/files/${source.evidence[2]!.slice(0, 2)}/${source.evidence[2]}`;
    const file = await tampered((es) => {
      const e = es.find((x) => x.path === name)!;
      e.bytes[3] = e.bytes[3]! ^ 0x20;
    });
    const refused = verifyInWorker(file, join(source.config.dataDir, '..', 'verify'));
    await expect(refused).rejects.toThrow(`条目 ${name} 校验失败：SHA-256`);
    await expect(refused).rejects.toMatchObject({ en: expect.stringContaining('fails verification') });
  });

  it('refuses an archive with a flipped byte in the database copy, naming it', async () => {
    const file = await tampered((es) => {
      const e = es.find((x) => x.path.startsWith('db/'))!;
      e.bytes[Math.floor(e.bytes.length / 2)] = e.bytes[Math.floor(e.bytes.length / 2)]! ^ 0xff;
    });
    const target = emptyInstallation();
    await expect(restoreBackup(target.config, file)).rejects.toThrow(`条目 ${backup.manifest.database.entry} 校验失败`);
    await expectUntouched(target);
  });

  it('refuses a damaged .tar.gz, a missing or an unlisted entry, and a consistent but wrong row count', async () => {
    const bytes = readFileSync(backup.file);
    const cut = `${backup.file}.cut.tar.gz`;
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const target = emptyInstallation();
    await expect(restoreBackup(target.config, cut)).rejects.toThrow(/归档已损坏|归档结构损坏/);
    await expectUntouched(target);

    const missing = await tampered((es) => void es.splice(es.findIndex((x) => x.path === 'data/exports/台账.xlsx'), 1));
    await expect(restoreBackup(target.config, missing)).rejects.toThrow('归档缺少条目：data/exports/台账.xlsx');
    const extra = await tampered((es) => void es.push({ path: 'data/files/zz/evil', bytes: Buffer.from('x') }));
    await expect(restoreBackup(target.config, extra)).rejects.toThrow('清单未列出的条目：data/files/zz/evil');
    // The manifest is edited so its hashes still match, but it claims one more task than the copy holds.
    const counts = await tampered((es) => {
      const m = JSON.parse(es[0]!.bytes.toString()) as Manifest;
      m.tables.tasks = m.tables.tasks! + 1;
      es[0]!.bytes = Buffer.from(JSON.stringify(m));
    });
    await expect(restoreBackup(target.config, counts)).rejects.toThrow(`表 tasks 行数不符：恢复得到 199 行，清单记录 200 行`);
    await expectUntouched(target);
  });

  it('refuses a backup from a newer migration level and from the other database kind', async () => {
    const newer = await tampered((es) => {
      const m = JSON.parse(es[0]!.bytes.toString()) as Manifest;
      m.migration.level = '99991231000000-from-the-future';
      es[0]!.bytes = Buffer.from(JSON.stringify(m));
    });
    const target = emptyInstallation();
    await expect(restoreBackup(target.config, newer)).rejects.toThrow(/备份来自更新的 Tuijin（数据库迁移 99991231000000-from-the-future）/);
    const other = await tampered((es) => {
      const m = JSON.parse(es[0]!.bytes.toString()) as Manifest;
      m.database.kind = m.database.kind === 'sqlite' ? 'postgres' : 'sqlite';
      es[0]!.bytes = Buffer.from(JSON.stringify(m));
    });
    await expect(restoreBackup(target.config, other)).rejects.toThrow(/的备份，目标是/);
    await expectUntouched(target);
  });

  it('refuses a non-empty target without --force; with it, replaces the data and keeps the old aside', async () => {
    const target = await populatedInstallation();
    const extra = await target.deps.db.insertInto('units').values({ name: '只在目标中的单位', is_collective: 0, parent_id: null, created_at: new Date().toISOString() }).execute();
    expect(extra).toBeTruthy();
    const before = await tableCounts(target.database);
    await target.database.close();
    await expect(restoreBackup(target.config, backup.file)).rejects.toThrow(/目标不为空.*--force/);
    const untouched = await target.open();
    expect(await tableCounts(untouched)).toEqual(before);
    await untouched.close();

    const r = await restoreBackup(target.config, backup.file, { force: true });
    const restored = await target.open();
    try {
      expect(await tableCounts(restored)).toEqual(sourceCounts);
      expect(await restored.db.selectFrom('units').select('id').where('name', '=', '只在目标中的单位').execute()).toEqual([]);
    } finally {
      await restored.close();
    }
    expect(hashTree(join(target.config.dataDir, 'files'))).toEqual(Object.fromEntries(Object.entries(sourceFiles).filter(([p]) => !p.endsWith('.tmp'))));
    expect(r.replacedDir).not.toBeNull();
    expect(existsSync(join(r.replacedDir!, 'files'))).toBe(true);
    if (TEST_DIALECT === 'postgres') expect(r.replacedDatabase).toMatch(/_replaced_/);
    else expect(existsSync(join(r.replacedDir!, 'tuijin.sqlite'))).toBe(true);
  });
});
