import { DEFAULT_SECURITY_SETTINGS, SecuritySettingsSchema, type SecuritySettings } from '../../core/auth/session-policy.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import * as settingsRepo from '../settings/settings.repo.ts';

/**
 * The office's sign-in and session settings (idle timeout, absolute lifetime, lock, password expiry,
 * roles that need a second factor), stored in the settings table under one key. The defaults are in
 * core/auth/session-policy.ts and are settings, not rules of 等保.
 */
const KEY = 'security';

/** The time now, from the app's clock (tests control it). */
export const nowMs = (deps: Pick<Deps, 'clock'>): number => deps.clock?.() ?? Date.now();

/**
 * Read through a cache of a few seconds per database: every request resolves its session against
 * these settings. A change on this node drops the cache at once; another node sees it within the TTL.
 */
const TTL_MS = 5_000;
const cache = new WeakMap<object, { at: number; value: Promise<SecuritySettings> }>();

export function getSecuritySettings(deps: Pick<Deps, 'db'>): Promise<SecuritySettings> {
  const hit = cache.get(deps.db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = settingsRepo.allSettings(deps.db).then((all) => {
    // Stored values were checked when written; one that no longer parses (an older shape) falls back to the defaults.
    const parsed = SecuritySettingsSchema.safeParse(all.get(KEY));
    return parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS;
  });
  value.catch(() => cache.delete(deps.db));
  cache.set(deps.db, { at: Date.now(), value });
  return value;
}

/** Replaces the security settings (admin), audited with before and after. */
export async function putSecuritySettings(deps: Deps, actor: Actor, input: unknown): Promise<SecuritySettings> {
  const r = SecuritySettingsSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new AppError('INVALID_INPUT', issue.message, { field: issue.path.join('.') });
  }
  const before = await getSecuritySettings(deps);
  await deps.db.transaction().execute(async (trx) => {
    await settingsRepo.putSetting(trx, KEY, r.data, actor.userId, new Date(nowMs(deps)).toISOString());
    await recordAudit(trx, { ...auditOf(actor), action: 'settings.update', entityType: 'setting', entityId: KEY, before, after: r.data });
  });
  cache.delete(deps.db);
  return r.data;
}
