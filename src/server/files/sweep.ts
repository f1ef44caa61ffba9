import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import { SYSTEM_ACTOR, type Deps } from '../context.ts';
import { FILE_GRACE_MS, FileStore, putBack } from './file-store.ts';
import { isHashReferenced, referencedHashes } from './files.repo.ts';

/**
 * What a crash leaves in the file store, cleaned at start-up: temporary files of uploads that were
 * being written (`*.tmp`) are deleted, and stored files no row refers to (orphans: the file was
 * renamed into place, the process died before its row committed) are moved to a quarantine folder
 * rather than deleted, since they may be evidence, and reported in the log and the audit trail.
 * Both only once older than a grace period, so another node's upload in progress is never touched.
 */
export const QUARANTINE_DIR_NAME = 'quarantine';
/** Minutes a leftover must be old before the start-up sweep takes it; the default is FILE_GRACE_MS (10). */
export const SWEEP_GRACE_ENV = 'TUIJIN_SWEEP_GRACE_MIN';
/** After the start-up sweep and its repeat once the grace has passed, the sweep runs daily. */
export const SWEEP_INTERVAL_MS = 24 * 60 * 60_000;
/** Orphans named one by one in the audit row; more are counted (the row stays far below the payload cap). */
const AUDIT_LISTED = 200;

const HASH = /^[0-9a-f]{64}$/;
const isErrno = (e: unknown, code: string) => (e as NodeJS.ErrnoException | null)?.code === code;

const GraceSchema = z.coerce.number({ message: `${SWEEP_GRACE_ENV} 应为非负的分钟数` }).min(0, `${SWEEP_GRACE_ENV} 应为非负的分钟数`);

/** The start-up sweep's grace from the environment (TUIJIN_SWEEP_GRACE_MIN, minutes; 0 only on a single node). */
export function sweepGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[SWEEP_GRACE_ENV];
  if (raw === undefined || raw === '') return FILE_GRACE_MS;
  const r = GraceSchema.safeParse(raw);
  if (!r.success) throw new Error(r.error.issues[0]!.message);
  return r.data * 60_000;
}

export interface SweepResult {
  tmpRemoved: number;
  /** Temporary files younger than the grace: possibly an upload in progress, left for a later sweep. */
  tmpKept: number;
  orphans: { sha256: string; size: number }[];
  /** Where the orphans went, or null when there were none. */
  quarantineDir: string | null;
  /** Files a collector had moved aside (`*.gc`) and died before judging: put back under their name. */
  putBack: number;
}

const stamp = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

/** One sweep of DATA_DIR/files (see the module comment). `now` is the clock, for tests. */
export async function sweepFiles(deps: Pick<Deps, 'db' | 'config' | 'clock'>, opts: { graceMs?: number; now?: Date } = {}): Promise<SweepResult> {
  const graceMs = opts.graceMs ?? FILE_GRACE_MS;
  const now = opts.now ?? deps.clock.now();
  const store = new FileStore(deps.config.dataDir);
  const result: SweepResult = { tmpRemoved: 0, tmpKept: 0, orphans: [], quarantineDir: null, putBack: 0 };
  // References are read before the folder: a row committed later belongs to a file written later, which the grace keeps.
  const referenced = await referencedHashes(deps.db);
  const ageOf = async (path: string) => {
    try {
      return now.getTime() - (await stat(path)).mtimeMs;
    } catch {
      return -1; // gone meanwhile
    }
  };
  const dirs = [store.root];
  try {
    for (const d of await readdir(store.root, { withFileTypes: true })) if (d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name)) dirs.push(join(store.root, d.name));
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return result;
    throw e;
  }
  const quarantine = join(deps.config.dataDir, QUARANTINE_DIR_NAME, stamp(now));
  for (const dir of dirs) {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      if (name.endsWith('.tmp')) {
        if ((await ageOf(path)) >= graceMs) {
          await unlink(path).catch(() => undefined);
          result.tmpRemoved++;
        } else result.tmpKept++;
      } else if (name.endsWith('.gc')) {
        const base = name.slice(0, 64);
        if (HASH.test(base) && (await ageOf(path)) >= graceMs) {
          await putBack(path, join(dir, base)).catch(() => undefined);
          result.putBack++;
        }
      } else if (HASH.test(name) && dir !== store.root && !referenced.has(name) && (await ageOf(path)) >= graceMs) {
        const size = (await stat(path)).size;
        await mkdir(quarantine, { recursive: true });
        const moved = join(quarantine, name);
        try {
          await rename(path, moved);
        } catch (e) {
          if (isErrno(e, 'ENOENT')) continue;
          throw e;
        }
        // Judged again once out of reach: an upload of the same content that just landed (fresh
        // modification time) or a row committed since the references were read puts it back.
        if ((await ageOf(moved)) < graceMs || (await isHashReferenced(deps.db, name))) {
          await putBack(moved, path);
          continue;
        }
        result.orphans.push({ sha256: name, size });
      }
    }
  }
  if (result.orphans.length) result.quarantineDir = quarantine;
  if (result.tmpRemoved || result.orphans.length || result.putBack) {
    await recordAudit(deps.db, {
      ...auditOf(SYSTEM_ACTOR),
      action: 'files.sweep',
      entityType: 'file',
      after: {
        tmpRemoved: result.tmpRemoved,
        putBack: result.putBack,
        orphans: result.orphans.length,
        quarantineDir: result.quarantineDir,
        quarantined: result.orphans.slice(0, AUDIT_LISTED),
        graceMs,
      },
    });
  }
  return result;
}

/** The log line of a sweep that found something, or null. */
export function describeSweep(r: SweepResult): string | null {
  if (!r.tmpRemoved && !r.orphans.length && !r.putBack) return null;
  const parts = [`${r.tmpRemoved} temporary file(s) removed`];
  if (r.orphans.length) parts.push(`${r.orphans.length} file(s) with no attachment row moved to ${r.quarantineDir}`);
  if (r.putBack) parts.push(`${r.putBack} file(s) a collector had moved aside put back`);
  return `file store sweep: ${parts.join('; ')}`;
}

/**
 * Sweeps at start-up (awaited, before the server listens) with the configured grace, then, once the
 * default grace has passed, again (so the leftovers of a crash just before this start are taken even
 * with the default), then daily. The later sweeps run while this node serves, so they never use less
 * than the default grace: a grace of 0 is for the start of a single node only. Timers are unref'd.
 * Returns a stop function.
 */
export async function startFileSweeps(deps: Pick<Deps, 'db' | 'config' | 'clock'>, env: NodeJS.ProcessEnv = process.env, log: (msg: string) => void = console.error): Promise<() => void> {
  const startGraceMs = sweepGraceMs(env);
  const servingGraceMs = Math.max(startGraceMs, FILE_GRACE_MS);
  const run = async (graceMs: number) => {
    try {
      const line = describeSweep(await sweepFiles(deps, { graceMs }));
      if (line) log(line);
    } catch (e) {
      log(`file store sweep failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };
  await run(startGraceMs);
  const timers = [setTimeout(() => void run(servingGraceMs), servingGraceMs + 1_000), setInterval(() => void run(servingGraceMs), SWEEP_INTERVAL_MS)];
  for (const t of timers) t.unref();
  return () => timers.forEach((t) => clearTimeout(t));
}
