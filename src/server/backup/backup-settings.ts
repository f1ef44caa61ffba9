import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackupSettingsSchema, DEFAULT_BACKUP_SETTINGS, isBackupDue, nextSlot, type BackupSettings } from '#core/backup/index.ts';
import type { Config } from '../config.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import * as settingsRepo from '../settings/settings.repo.ts';
import { writeSetting } from '../settings/settings.service.ts';
import { BACKUPS_DIR_NAME } from './archive.ts';
import * as repo from './backup.repo.ts';

/**
 * The scheduled-backup setting (enabled, time of day, target folder, retention), stored in the
 * settings table like the audit retention, read straight from it (only the job and the settings page
 * ask), and every change audited.
 */
export const BACKUP_SETTINGS_KEY = 'backup_schedule';
/** Runs listed on the settings page. */
export const RECENT_RUNS = 10;

/** The program's own folder: the web bundle is served from inside it, so archives must never land there. */
const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const within = (child: string, parent: string) => {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

export async function getBackupSettings(deps: Pick<Deps, 'db'>): Promise<BackupSettings> {
  const stored = BackupSettingsSchema.safeParse((await settingsRepo.allSettings(deps.db)).get(BACKUP_SETTINGS_KEY));
  return stored.success ? stored.data : DEFAULT_BACKUP_SETTINGS;
}

/** Where archives go: the admin's folder, or DATA_DIR/backups. */
export function backupTargetDir(config: Pick<Config, 'dataDir'>, settings: Pick<BackupSettings, 'targetDir'>): string {
  return settings.targetDir ? resolve(settings.targetDir) : join(config.dataDir, BACKUPS_DIR_NAME);
}

/**
 * Refuses a folder a backup could not safely write to: relative, DATA_DIR itself or a folder holding
 * it (the backup would leave all data out, as it never archives its own folder), a folder inside
 * DATA_DIR other than the default, the program's folder (served to browsers), or one this process
 * cannot create or write.
 */
async function checkTargetDir(config: Config, dir: string): Promise<void> {
  const bad = (message: string) => new AppError('INVALID_INPUT', message, { field: 'targetDir' });
  if (!isAbsolute(dir)) throw bad('目标文件夹应为绝对路径，例如 /var/backups/tuijin');
  const abs = resolve(dir);
  if (within(config.dataDir, abs)) throw bad('目标文件夹不能是数据目录（DATA_DIR）本身或其上级文件夹');
  // Inside DATA_DIR a hand-made `tuijin backup` would archive the archives; the default folder is the one it knows to leave out.
  if (within(abs, config.dataDir) && abs !== join(config.dataDir, BACKUPS_DIR_NAME)) throw bad('目标文件夹不能位于数据目录（DATA_DIR）之内：请留空以使用默认的 DATA_DIR/backups，或选择数据目录之外的文件夹');
  if (within(abs, APP_ROOT) || within(APP_ROOT, abs)) throw bad('目标文件夹不能位于程序目录之内（其中的文件可能被网页访问）');
  try {
    await mkdir(abs, { recursive: true });
    await access(abs, constants.W_OK);
  } catch (e) {
    throw bad(`无法写入目标文件夹 ${abs}（${(e as NodeJS.ErrnoException).code ?? String(e)}）：请创建该文件夹并允许 Tuijin 的运行账号写入`);
  }
}

export async function putBackupSettings(deps: Deps, actor: Actor, input: unknown): Promise<BackupSettings> {
  const r = BackupSettingsSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new AppError('INVALID_INPUT', issue.code === 'unrecognized_keys' ? '备份设置中有无法识别的字段' : issue.message, { field: issue.path.join('.') });
  }
  const value = r.data;
  if (value.targetDir) await checkTargetDir(deps.config, value.targetDir);
  await writeSetting(deps, actor, BACKUP_SETTINGS_KEY, value, await getBackupSettings(deps));
  return value;
}

/** What the settings page shows: the setting, the folder it resolves to, the next run, and the latest runs. */
export async function backupStatus(deps: Deps, now = deps.clock.now()) {
  const settings = await getBackupSettings(deps);
  const runs = await repo.recentRuns(deps.db, RECENT_RUNS);
  // A slot not yet run (the setting just turned on, or every node was down) runs at the job's next check.
  const due = isBackupDue(settings, await repo.lastStartOf(deps.db, 'schedule'), now);
  return {
    settings,
    targetDir: backupTargetDir(deps.config, settings),
    nextRunAt: settings.enabled ? (due ? now : nextSlot(now, settings.timeOfDay)).toISOString() : null,
    lastRun: runs[0] ?? null,
    runs,
  };
}
