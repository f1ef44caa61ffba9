import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupFileName, DEFAULT_BACKUP_SETTINGS } from '#core/backup/index.ts';
import { BACKUP_SETTINGS_KEY, putBackupSettings } from '../backup/backup-settings.ts';
import { restoreBackup, verifyBackup } from '../backup/restore.ts';
import { dropTestDatabases, emptyInstallation, populatedInstallation, tableCounts } from '../test/installations.ts';
import { SYSTEM_ACTOR } from '../context.ts';
import { putSetting } from '../settings/settings.repo.ts';
import { createUser } from '../users/users.service.ts';
import { TEST_DIALECT } from '../test/helpers.ts';
import { BACKUP_LOCK, runBackupJob } from './backup.job.ts';
import { acquireJobLock } from './job-lock.ts';

let inst: Awaited<ReturnType<typeof populatedInstallation>>;
let target: string;
beforeAll(async () => {
  inst = await populatedInstallation();
  target = join(mkdtempSync(join(tmpdir(), 'tuijin-backup-target-')), 'archives');
});
afterAll(async () => {
  await inst.database.close();
  await dropTestDatabases();
});

// 02:00 China time is 18:00 UTC the day before.
const slot = (day: string) => new Date(`${day}T18:00:00Z`);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
const archives = () => (existsSync(target) ? readdirSync(target).filter((n) => n.endsWith('.tar.gz')).sort() : []);
const auditOf = (action: string) => inst.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();

describe(`scheduled backup job (${TEST_DIALECT})`, () => {
  it('does nothing while the setting is off', async () => {
    expect(await runBackupJob(inst.deps, { now: slot('2026-12-01') })).toEqual({ ran: false, reason: 'disabled' });
    expect(await inst.deps.db.selectFrom('backup_runs').selectAll().execute()).toEqual([]);
  });

  it('runs once per daily slot: writes and verifies the archive, keeps the newest N, and audits each run as the system', async () => {
    await putBackupSettings(inst.deps, SYSTEM_ACTOR, { enabled: true, timeOfDay: '02:00', keepLast: 2, keepDays: 0, targetDir: target });
    const counts = await tableCounts(inst.database);
    // Turned on in the afternoon: the missed 02:00 slot is caught up at once, then not again that day.
    const first = await runBackupJob(inst.deps, { now: plus(slot('2026-12-01'), 7 * 60) });
    expect(first.ran).toBe(true);
    if (!first.ran) return;
    expect(first.run).toMatchObject({ status: 'ok', trigger: 'schedule', error: null, removed: [], file: join(target, backupFileName(plus(slot('2026-12-01'), 7 * 60))) });
    expect(first.run.size).toBeGreaterThan(1000);
    expect(first.run.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.run.files).toBe(4); // 3 evidence files and one in another data folder; the half-written upload is left out
    const checked = await verifyBackup(first.run.file!, join(target, '..'));
    // The archive's manifest counts the rows as they were, with the run's own row (written as it started) and its job lock.
    expect(checked.manifest.tables).toEqual({ ...counts, backup_runs: 1, job_locks: 1 });
    expect(first.run.rows).toBe(checked.totals.rows);
    expect(await runBackupJob(inst.deps, { now: plus(slot('2026-12-01'), 8 * 60) })).toEqual({ ran: false, reason: 'not_due' });
    expect(await runBackupJob(inst.deps, { now: plus(slot('2026-12-02'), -1) })).toEqual({ ran: false, reason: 'not_due' });

    const second = await runBackupJob(inst.deps, { now: plus(slot('2026-12-02'), 1) });
    const third = await runBackupJob(inst.deps, { now: plus(slot('2026-12-03'), 1) });
    expect(second.ran && third.ran).toBe(true);
    // keepLast 2: the third run removed the first archive.
    expect(archives()).toEqual([backupFileName(plus(slot('2026-12-02'), 1)), backupFileName(plus(slot('2026-12-03'), 1))]);
    if (third.ran) expect(third.run.removed).toEqual([backupFileName(plus(slot('2026-12-01'), 7 * 60))]);
    const audits = await auditOf('backup.run');
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actor_id === null && a.actor_name === 'system' && a.outcome === 'ok')).toBe(true);
    expect(JSON.parse(audits[2]!.after!)).toMatchObject({ status: 'ok', verified: true, removed: [backupFileName(plus(slot('2026-12-01'), 7 * 60))] });
  });

  it('a scheduled archive restores into an empty installation with every row count and file', async () => {
    const last = archives().at(-1)!;
    const empty = emptyInstallation();
    const r = await restoreBackup(empty.config, join(target, last));
    const restored = await empty.open();
    try {
      expect(await tableCounts(restored)).toEqual(r.manifest.tables);
      expect(r.totals.files).toBe(4);
    } finally {
      await restored.close();
    }
  });

  it('of two nodes at the same slot, exactly one backs up', async () => {
    const now = plus(slot('2026-12-04'), 1);
    const [a, b] = await Promise.all([runBackupJob(inst.deps, { now }), runBackupJob(inst.deps, { now })]);
    expect([a.ran, b.ran].filter(Boolean)).toHaveLength(1);
    expect((a.ran ? b : a)).toMatchObject({ ran: false, reason: expect.stringMatching(/^(locked|not_due)$/) });
    expect(archives()).toHaveLength(2);
    // A lock another node holds (not expired) keeps this one out; expired, it is taken over.
    const next = plus(slot('2026-12-05'), 1);
    expect(await acquireJobLock(inst.deps.db, BACKUP_LOCK, next, 60_000)).not.toBeNull();
    expect(await runBackupJob(inst.deps, { now: plus(next, 0.5) })).toEqual({ ran: false, reason: 'locked' });
    expect((await runBackupJob(inst.deps, { now: plus(next, 2) })).ran).toBe(true);
  });

  it('records, audits and does not retry a failure until the next slot; a run a dead node left is marked interrupted', async () => {
    // A node died mid-run: its row stays 'running' until the next run, which holds the lock, marks it.
    await inst.deps.db.insertInto('backup_runs').values({ trigger: 'schedule', status: 'running', started_at: plus(slot('2026-12-05'), 30).toISOString(), finished_at: null, file: null, size: null, sha256: null, rows: null, files: null, removed: null, error: null }).execute();
    // The folder is gone and a file took its name (the PUT route refuses such a folder; a disk can still change under a stored setting).
    const blocked = join(target, '..', 'not-a-folder');
    writeFileSync(blocked, 'x');
    await putSetting(inst.deps.db, BACKUP_SETTINGS_KEY, { ...DEFAULT_BACKUP_SETTINGS, enabled: true, targetDir: blocked }, null, new Date().toISOString());
    const account = (username: string, roles: ('admin' | 'coordinator')[]) => createUser(inst.deps, SYSTEM_ACTOR, { username, displayName: username, unitId: null, roles, leaderSectionIds: [], fixedPassword: 'Test-password-2021', mustChangePassword: false });
    const admin = (await account('bkadmin', ['admin'])).user.id;
    const coordinator = (await account('bkcoord', ['coordinator'])).user.id;
    const failed = await runBackupJob(inst.deps, { now: plus(slot('2026-12-06'), 1) });
    expect(failed.ran && failed.run.status).toBe('failed');
    if (failed.ran) expect(failed.run.error).toMatch(/EEXIST|ENOTDIR/);
    const runs = await inst.deps.db.selectFrom('backup_runs').select(['status', 'error']).orderBy('id').execute();
    expect(runs.filter((r) => r.status === 'failed').map((r) => r.error)).toEqual([expect.stringContaining('备份中途中断'), expect.stringMatching(/^无法完成备份：.*(EEXIST|ENOTDIR)/)]);
    expect(runs.some((r) => r.status === 'running')).toBe(false);
    const fails = await auditOf('backup.fail');
    expect(fails).toHaveLength(1);
    expect(JSON.parse(fails[0]!.after!)).toMatchObject({ targetDir: blocked, error: expect.stringMatching(/EEXIST|ENOTDIR/) });
    // Every admin is told in the app, nobody else.
    const told = await inst.deps.db.selectFrom('notifications').select(['user_id', 'kind', 'title', 'body']).where('kind', '=', 'backup').execute();
    expect(told.map((n) => n.user_id)).toEqual([admin]);
    expect(told.map((n) => n.user_id)).not.toContain(coordinator);
    expect(told[0]).toMatchObject({ title: '定时备份失败', body: expect.stringMatching(/^2026-12-07 02:01（北京时间） 的定时备份未完成：.*(EEXIST|ENOTDIR)/) });
    expect(await runBackupJob(inst.deps, { now: plus(slot('2026-12-06'), 30) })).toEqual({ ran: false, reason: 'not_due' });
  });

  it('an archive that fails its check is renamed .unverified, not counted by retention, and the run fails in Chinese', async () => {
    await putBackupSettings(inst.deps, SYSTEM_ACTOR, { enabled: true, timeOfDay: '02:00', keepLast: 2, keepDays: 0, targetDir: target });
    const day = plus(slot('2026-12-07'), 1);
    const failed = await runBackupJob(inst.deps, { now: day, verify: async () => ({ rows: 1, files: 0 }) });
    expect(failed.ran && failed.run.status).toBe('failed');
    const name = backupFileName(day);
    if (failed.ran) expect(failed.run.error).toMatch(new RegExp(`^归档校验得到 1 行、0 个文件，与写入的 \\d+ 行、4 个文件不符（未通过校验的归档已改名为 .*${name.replace(/\./g, '\\.')}\\.unverified）$`));
    expect(readdirSync(target)).toContain(`${name}.unverified`);
    expect(archives()).not.toContain(name);
  });
});
