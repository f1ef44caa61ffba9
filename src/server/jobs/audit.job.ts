import { sealAuditChain } from '../audit/audit-chain.ts';
import { purgeExpiredAudit, type PurgeResult } from '../audit/audit-retention.ts';
import type { Deps } from '../context.ts';
import { acquireJobLock, releaseJobLock } from './job-lock.ts';

export const AUDIT_RETENTION_LOCK = 'audit-retention';
/** Longer than a purge of AUDIT_PURGE_MAX_ROWS rows takes (archive written, then one delete). */
const LOCK_TTL_MS = 30 * 60_000;
/** How often committed audit rows are sealed into the hash chain: the window in which a row is protected by the triggers alone. */
export const AUDIT_SEAL_INTERVAL_MS = 10_000;
/** The first purge after start: soon, but not in the way of the start itself. */
export const AUDIT_PURGE_FIRST_DELAY_MS = 60_000;
/** The purge runs daily; retention is counted in days. */
export const AUDIT_PURGE_INTERVAL_MS = 24 * 60 * 60_000;

/** The retention job: one node at a time (job lock), archive then purge what is past the retention setting. */
export async function runAuditRetention(deps: Deps, now = deps.clock.now()): Promise<{ ran: boolean; purged: PurgeResult | null }> {
  const holder = await acquireJobLock(deps.db, AUDIT_RETENTION_LOCK, now, LOCK_TTL_MS);
  if (!holder) return { ran: false, purged: null };
  try {
    return { ran: true, purged: await purgeExpiredAudit(deps, { now }) };
  } finally {
    await releaseJobLock(deps.db, AUDIT_RETENTION_LOCK, holder);
  }
}

/**
 * Seals new audit rows now and then and runs the retention job a minute after start and then daily.
 * The retention job takes `deps.clock` as now. Returns a stop function.
 */
export function startAuditJobs(deps: Deps, log: (msg: string) => void): () => void {
  const guard = (name: string, run: () => Promise<unknown>) => {
    let running = false;
    return () => {
      if (running) return;
      running = true;
      run()
        .catch((e: unknown) => log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`))
        .finally(() => {
          running = false;
        });
    };
  };
  const seal = guard('audit sealing', () => sealAuditChain(deps));
  const purge = guard('audit retention job', () => runAuditRetention(deps));
  const timers = [setInterval(seal, AUDIT_SEAL_INTERVAL_MS), setInterval(purge, AUDIT_PURGE_INTERVAL_MS), setTimeout(purge, AUDIT_PURGE_FIRST_DELAY_MS)];
  for (const t of timers) t.unref();
  return () => timers.forEach((t) => clearTimeout(t));
}
