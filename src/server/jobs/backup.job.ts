import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { backupFileName, backupsToRemove, isBackupDue } from '#core/backup/index.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import { createBackup } from '../backup/archive.ts';
import * as repo from '../backup/backup.repo.ts';
import { backupTargetDir, getBackupSettings } from '../backup/backup-settings.ts';
import { BackupError, totals } from '../backup/manifest.ts';
import { verifyInWorker } from '../backup/verify-in-worker.ts';
import { SYSTEM_ACTOR, type Deps } from '../context.ts';
import { insertInAppNotifications } from '../notifications/notifications.repo.ts';
import { acquireJobLock, releaseJobLock, renewJobLock } from './job-lock.ts';

export const BACKUP_LOCK = 'backup';
/** The lock outlives a stalled node by this much; a live run renews it every third of it. */
const LOCK_TTL_MS = 15 * 60_000;
/** How often each node asks whether a scheduled backup is due (a settings read and one indexed query). */
export const BACKUP_CHECK_INTERVAL_MS = 60_000;

export type BackupJobResult =
  | { ran: false; reason: 'disabled' | 'not_due' | 'locked' }
  | { ran: true; run: repo.BackupRun };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** "2026-12-05 02:00（北京时间）": China Standard Time is UTC+8 all year. */
const beijingTime = (d: Date) => `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;

/**
 * The scheduled backup: when the daily slot has passed (see core/backup `isBackupDue`), one node
 * (job lock, renewed while it runs) writes the archive into the target folder, verifies it in a
 * worker thread (every entry's size and SHA-256, and a SQLite copy's integrity and row counts),
 * removes archives retention no longer keeps, records the run and audits it as the system. A failure is recorded and audited too, and not
 * retried before the next slot. `now` is the clock, for tests.
 */
export async function runBackupJob(
  deps: Deps,
  opts: { now?: Date; log?: (msg: string) => void; /** The archive's check; a test may stand in a failing one. */ verify?: typeof verifyInWorker } = {},
): Promise<BackupJobResult> {
  const now = opts.now ?? deps.clock.now();
  const log = opts.log ?? (() => {});
  const settings = await getBackupSettings(deps);
  if (!settings.enabled) return { ran: false, reason: 'disabled' };
  if (!isBackupDue(settings, await repo.lastStartOf(deps.db, 'schedule'), now)) return { ran: false, reason: 'not_due' };
  const holder = await acquireJobLock(deps.db, BACKUP_LOCK, now, LOCK_TTL_MS);
  if (!holder) return { ran: false, reason: 'locked' };
  const heartbeat = setInterval(() => void renewJobLock(deps.db, BACKUP_LOCK, holder, deps.clock.now(), LOCK_TTL_MS).catch(() => undefined), LOCK_TTL_MS / 3);
  heartbeat.unref();
  try {
    // Another node may have run this slot between the first look and the lock.
    if (!isBackupDue(settings, await repo.lastStartOf(deps.db, 'schedule'), now)) return { ran: false, reason: 'not_due' };
    const at = now.toISOString();
    // Such a row is a run whose node died midway, or, in a database restored from a scheduled archive,
    // the run that made that archive (its row was copied while it ran): the message names both.
    await repo.failInterruptedRuns(deps.db, at, '备份中途中断，未记录结果：进程退出或节点失联（若本数据库恢复自这次备份的归档，则该归档已生成，请以归档的校验为准）');
    const id = await repo.insertRun(deps.db, 'schedule', at);
    const dir = backupTargetDir(deps.config, settings);
    const started = Date.now();
    // The injected clock, moved on by the time the run took.
    const clock = () => new Date(now.getTime() + (Date.now() - started));
    let unverified: string | null = null;
    try {
      const written = await createBackup(deps.config, join(dir, backupFileName(now)), { exclude: [dir], now });
      const t = totals(written.manifest);
      unverified = written.file;
      const checked = await (opts.verify ?? verifyInWorker)(written.file, dir);
      if (checked.rows !== t.rows || checked.files !== t.files) throw new BackupError(`归档校验得到 ${checked.rows} 行、${checked.files} 个文件，与写入的 ${t.rows} 行、${t.files} 个文件不符`, `the archive's check counted ${checked.rows} rows and ${checked.files} files, the backup wrote ${t.rows} and ${t.files}`);
      unverified = null;
      const own = written.file.slice(dir.length + 1);
      const removed = backupsToRemove(await readdir(dir), settings, now).filter((n) => n !== own);
      for (const name of removed) await rm(join(dir, name), { force: true });
      const end = { status: 'ok' as const, finishedAt: clock().toISOString(), file: written.file, size: written.size, sha256: written.sha256, rows: t.rows, files: t.files, removed };
      await deps.db.transaction().execute(async (trx) => {
        await repo.finishRun(trx, id, end);
        await recordAudit(trx, { ...auditOf(SYSTEM_ACTOR), action: 'backup.run', entityType: 'backup', entityId: id, after: { ...end, tables: t.tables, verified: true } });
      });
      log(`backup ${written.file}: ${t.rows} rows, ${t.files} files, ${written.size} bytes, verified; retention removed ${removed.length}`);
    } catch (e) {
      let error = e instanceof BackupError ? e.message : `无法完成备份：${messageOf(e)}`;
      if (unverified) {
        // An archive that failed its check is kept for inspection under a name retention never counts.
        await rename(unverified, `${unverified}.unverified`).catch(() => undefined);
        error += `（未通过校验的归档已改名为 ${unverified}.unverified）`;
      }
      await deps.db.transaction().execute(async (trx) => {
        await repo.finishRun(trx, id, { status: 'failed', finishedAt: clock().toISOString(), error });
        await recordAudit(trx, { ...auditOf(SYSTEM_ACTOR), action: 'backup.fail', entityType: 'backup', entityId: id, after: { targetDir: dir, error } });
        // Every admin is told in the app: a backup that fails unseen is found only when it is needed.
        const body = `${beijingTime(now)} 的定时备份未完成：${error}。请检查目标文件夹 ${dir}（系统设置 → 定时备份），下一次将在下个备份时间重试。`;
        const admins = await repo.activeAdminIds(trx);
        if (admins.length) await insertInAppNotifications(trx, admins.map((user_id) => ({ user_id, unit_id: null, kind: 'backup' as const, task_id: null, milestone_id: null, notice_key: null, title: '定时备份失败', body, created_at: clock().toISOString() })));
      });
      log(`scheduled backup failed: ${error}`);
    }
    return { ran: true, run: (await repo.findRun(deps.db, id))! };
  } finally {
    clearInterval(heartbeat);
    await releaseJobLock(deps.db, BACKUP_LOCK, holder);
  }
}

/** Asks every BACKUP_CHECK_INTERVAL_MS whether a backup is due, never overlapping itself on this node. Returns a stop function. */
export function startBackupJob(deps: Deps, log: (msg: string) => void): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runBackupJob(deps, { log })
      .catch((e: unknown) => log(`backup job failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, BACKUP_CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
