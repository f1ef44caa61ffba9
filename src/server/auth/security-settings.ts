import { DEFAULT_SECURITY_SETTINGS, SecuritySettingsSchema, type SecuritySettings } from '#core/auth/session-policy.ts';
import type { Actor, Deps } from '../context.ts';
import * as settingsRepo from '../settings/settings.repo.ts';
import { cachedPerDatabase, parseSetting, writeSetting } from '../settings/settings.service.ts';

/**
 * The office's sign-in and session settings (idle timeout, absolute lifetime, lock, password expiry,
 * roles that need a second factor), stored in the settings table under one key. The defaults are in
 * core/auth/session-policy.ts and are settings, not rules of 等保.
 */
const KEY = 'security';

/**
 * Read through a cache of a few seconds per database: every request resolves its session against
 * these settings. A change on this node drops the cache at once; another node sees it within the TTL.
 */
const security = cachedPerDatabase(5_000, async (deps) => {
  // Stored values were checked when written; one that no longer parses (an older shape) falls back to the defaults.
  const parsed = SecuritySettingsSchema.safeParse((await settingsRepo.allSettings(deps.db)).get(KEY));
  return parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS;
});

export function getSecuritySettings(deps: Pick<Deps, 'db'>): Promise<SecuritySettings> {
  return security.get(deps);
}

/** Replaces the security settings (security administrator), audited with before and after. */
export async function putSecuritySettings(deps: Deps, actor: Actor, input: unknown): Promise<SecuritySettings> {
  const value = parseSetting(SecuritySettingsSchema, input);
  await writeSetting(deps, actor, KEY, value, await getSecuritySettings(deps));
  security.forget(deps);
  return value;
}
