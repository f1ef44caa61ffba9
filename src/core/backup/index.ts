import { z } from 'zod';

/**
 * Scheduled backups: the admin's setting, when a run is due, and which archives retention removes.
 * Pure rules, shared by the server job and the settings page.
 */

/** At most this many archives kept by count: a year of daily backups. */
export const MAX_KEEP_LAST = 366;
/** At most ten years by age; beyond that an age limit means nothing in practice. */
export const MAX_KEEP_DAYS = 3650;
/** A path longer than this is a typo rather than a folder (Linux PATH_MAX is 4096, typical paths are < 100). */
export const MAX_TARGET_DIR_LENGTH = 500;

export const BackupSettingsSchema = z
  .object({
    enabled: z.boolean({ message: '请选择是否开启定时备份' }),
    /** Time of day in China Standard Time (UTC+8, no daylight saving), HH:MM. */
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '备份时间应为 HH:MM（00:00–23:59）'),
    /** Keep the newest N archives. */
    keepLast: z.number().int('保留份数应为整数').min(1, '至少保留 1 份').max(MAX_KEEP_LAST, `保留份数最多 ${MAX_KEEP_LAST}`),
    /** Also remove archives older than this many days (the newest is always kept); 0 = no age limit. */
    keepDays: z.number().int('保留天数应为整数').min(0, '保留天数不能为负').max(MAX_KEEP_DAYS, `保留天数最多 ${MAX_KEEP_DAYS}`),
    /** Absolute folder the archives are written to; null = DATA_DIR/backups. */
    targetDir: z.string().trim().min(1, '请填写目标文件夹').max(MAX_TARGET_DIR_LENGTH, `目标文件夹路径最长 ${MAX_TARGET_DIR_LENGTH} 个字符`).nullable(),
  })
  .strict();
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { enabled: false, timeOfDay: '02:00', keepLast: 7, keepDays: 0, targetDir: null };

/** China Standard Time is UTC+8 all year. */
const CST_OFFSET_MS = 8 * 3_600_000;

/** The latest scheduled instant at or before `now` for a daily time of day in China Standard Time. */
export function latestSlot(now: Date, timeOfDay: string): Date {
  const [hh, mm] = timeOfDay.split(':').map(Number) as [number, number];
  const local = new Date(now.getTime() + CST_OFFSET_MS);
  const slot = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hh, mm) - CST_OFFSET_MS;
  return new Date(slot <= now.getTime() ? slot : slot - 86_400_000);
}

/** The next scheduled instant after `now`. */
export function nextSlot(now: Date, timeOfDay: string): Date {
  return new Date(latestSlot(now, timeOfDay).getTime() + 86_400_000);
}

/**
 * A scheduled run is due when the latest slot has passed and no scheduled run started since. A slot
 * missed while no node was up (or just after the setting was turned on) is caught up once, not once
 * per missed day; a failed run is not retried before the next slot, so a broken target folder shows as
 * one failure a day rather than one a minute.
 */
export function isBackupDue(settings: BackupSettings, lastStartedAt: Date | null, now: Date): boolean {
  if (!settings.enabled) return false;
  return lastStartedAt === null || lastStartedAt.getTime() < latestSlot(now, settings.timeOfDay).getTime();
}

const NAME = /^tuijin-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.tar\.gz$/;

/** The file name of an archive made at `at`: sortable, UTC, and what retention recognises. */
export function backupFileName(at: Date): string {
  return `tuijin-backup-${at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')}.tar.gz`;
}

/** When an archive named by `backupFileName` was made; null for any other file (never touched by retention). */
export function backupTimeOf(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const t = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(t.getTime()) ? null : t;
}

/**
 * The archives retention removes: beyond the newest `keepLast`, and (with keepDays) older than that
 * many days, but never the newest one, so an age limit cannot leave the folder empty after a long
 * outage. Only names made by `backupFileName` are considered.
 */
export function backupsToRemove(names: string[], settings: Pick<BackupSettings, 'keepLast' | 'keepDays'>, now: Date): string[] {
  const dated = names
    .map((name) => ({ name, at: backupTimeOf(name) }))
    .filter((x): x is { name: string; at: Date } => x.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const oldest = settings.keepDays > 0 ? now.getTime() - settings.keepDays * 86_400_000 : -Infinity;
  return dated.filter((x, i) => i >= settings.keepLast || (i > 0 && x.at.getTime() < oldest)).map((x) => x.name);
}
