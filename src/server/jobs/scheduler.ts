import type { Deps } from '../context.ts';
import { startAuditJobs } from './audit.job.ts';
import { startBackupJob } from './backup.job.ts';
import { runReminders } from './reminders.job.ts';

/**
 * Runs the reminders job shortly after start and then every `TUIJIN_REMINDER_INTERVAL_MIN` minutes
 * (default 30; 0 disables it). The timers are unref'd so they never keep the process alive. Returns a
 * stop function.
 */
export function startScheduler(deps: Deps, env: NodeJS.ProcessEnv = process.env, log: (msg: string) => void = console.error): () => void {
  const raw = env.TUIJIN_REMINDER_INTERVAL_MIN;
  const minutes = raw === undefined || raw === '' ? 30 : Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`TUIJIN_REMINDER_INTERVAL_MIN 应为非负数：${raw}`);
  const stopAuditJobs = startAuditJobs(deps, log);
  // Scheduled backups: the admin's setting decides whether and when (src/server/jobs/backup.job.ts).
  const stopBackup = startBackupJob(deps, log);
  const stopAudit = () => {
    stopAuditJobs();
    stopBackup();
  };
  if (minutes === 0) return stopAudit;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow run is never overlapped on this node; other nodes are kept out by the lock
    running = true;
    try {
      await runReminders(deps);
    } catch (e) {
      log(`reminders job failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 5_000);
  const timer = setInterval(() => void tick(), minutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    stopAudit();
    clearTimeout(first);
    clearInterval(timer);
  };
}
