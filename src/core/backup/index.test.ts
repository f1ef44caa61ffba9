import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToRemove, backupTimeOf, BackupSettingsSchema, DEFAULT_BACKUP_SETTINGS, isBackupDue, latestSlot, nextSlot } from './index.ts';

const at = (iso: string) => new Date(iso);

describe('scheduled backup rules', () => {
  it('places the daily slot in China Standard Time: 02:00 CST is 18:00 UTC the day before', () => {
    expect(latestSlot(at('2026-12-04T17:59:59Z'), '02:00').toISOString()).toBe('2026-12-03T18:00:00.000Z');
    expect(latestSlot(at('2026-12-04T18:00:00Z'), '02:00').toISOString()).toBe('2026-12-04T18:00:00.000Z');
    // 23:30 CST on 12-04 is 15:30 UTC the same day; at 16:00 UTC (00:00 CST 12-05) the latest slot is that one.
    expect(latestSlot(at('2026-12-04T16:00:00Z'), '23:30').toISOString()).toBe('2026-12-04T15:30:00.000Z');
    expect(nextSlot(at('2026-12-04T16:00:00Z'), '23:30').toISOString()).toBe('2026-12-05T15:30:00.000Z');
  });

  it('is due once per slot: not before it, once after it, caught up once after an outage, never when disabled', () => {
    const s = { ...DEFAULT_BACKUP_SETTINGS, enabled: true, timeOfDay: '02:00' };
    const slot = at('2026-12-04T18:00:00Z');
    expect(isBackupDue(s, at('2026-12-03T18:00:05Z'), at('2026-12-04T17:59:00Z'))).toBe(false);
    expect(isBackupDue(s, at('2026-12-03T18:00:05Z'), slot)).toBe(true);
    expect(isBackupDue(s, slot, at('2026-12-04T18:01:00Z'))).toBe(false);
    expect(isBackupDue(s, null, at('2026-12-04T10:00:00Z'))).toBe(true);
    // Down for three days: one run, not three.
    const later = at('2026-12-08T03:00:00Z');
    expect(isBackupDue(s, at('2026-12-04T18:00:01Z'), later)).toBe(true);
    expect(isBackupDue(s, later, at('2026-12-08T03:01:00Z'))).toBe(false);
    expect(isBackupDue({ ...s, enabled: false }, null, later)).toBe(false);
  });

  it('names archives by their UTC time and reads the time back; other names are not archives', () => {
    const name = backupFileName(at('2026-12-04T18:00:07.123Z'));
    expect(name).toBe('tuijin-backup-20261204T180007Z.tar.gz');
    expect(backupTimeOf(name)?.toISOString()).toBe('2026-12-04T18:00:07.000Z');
    for (const other of [
      'tuijin-backup-20261204T180007Z.tar.gz.partial',
      'notes.txt',
      'tuijin-backup-20261340T000000Z.tar.gz',
      'x-tuijin-backup-20261204T180007Z.tar.gz',
    ])
      expect(backupTimeOf(other)).toBeNull();
  });

  it('keeps the newest N, also drops archives past N days, always keeps the newest, and ignores other files', () => {
    const names = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'].map((d) => backupFileName(at(`${d}T18:00:00Z`)));
    const now = at('2026-12-05T18:30:00Z');
    const mine = ['readme.txt', ...names];
    expect(backupsToRemove(mine, { keepLast: 3, keepDays: 0 }, now).sort()).toEqual(names.slice(0, 2));
    expect(backupsToRemove(mine, { keepLast: 10, keepDays: 2 }, now).sort()).toEqual(names.slice(0, 3)); // 12-03 18:00 is 2 days and 30 minutes old
    expect(backupsToRemove(mine, { keepLast: 10, keepDays: 0 }, now)).toEqual([]);
    // After a 100-day outage an age limit would remove everything: the newest stays.
    expect(backupsToRemove(names, { keepLast: 10, keepDays: 7 }, at('2027-03-15T00:00:00Z')).sort()).toEqual(names.slice(0, 4));
  });

  it('refuses settings out of range with a Chinese message naming the rule', () => {
    const bad = (patch: object) => BackupSettingsSchema.safeParse({ ...DEFAULT_BACKUP_SETTINGS, ...patch });
    expect(bad({}).success).toBe(true);
    expect(bad({ timeOfDay: '24:00' }).error?.issues[0]?.message).toBe('备份时间应为 HH:MM（00:00–23:59）');
    expect(bad({ keepLast: 0 }).error?.issues[0]?.message).toBe('至少保留 1 份');
    expect(bad({ keepDays: -1 }).error?.issues[0]?.message).toBe('保留天数不能为负');
    expect(bad({ keepLast: 2.5 }).error?.issues[0]?.message).toBe('保留份数应为整数');
    expect(bad({ extra: 1 }).success).toBe(false);
  });
});
