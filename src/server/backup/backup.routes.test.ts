import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { insertInAppNotifications } from '../notifications/notifications.repo.ts';
import * as repo from './backup.repo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const get = async () => t.inject({ method: 'GET', url: '/api/settings/backup' }, 'admin');
const put = async (payload: unknown) => t.inject({ method: 'PUT', url: '/api/settings/backup', payload: payload as object }, 'admin');
const valid = { enabled: true, timeOfDay: '03:30', keepLast: 14, keepDays: 30, targetDir: null };

describe('backup setting routes', () => {
  it('start off, writing to DATA_DIR/backups, with no run yet; only admins see it', async () => {
    const res = await get();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      settings: { enabled: false, timeOfDay: '02:00', keepLast: 7, keepDays: 0, targetDir: null },
      targetDir: join(t.deps.config.dataDir, 'backups'),
      nextRunAt: null,
      lastRun: null,
      runs: [],
    });
    expect((await t.inject({ method: 'GET', url: '/api/settings/backup' }, 'coordinator')).statusCode).toBe(403);
    expect((await t.inject({ method: 'PUT', url: '/api/settings/backup', payload: valid }, 'coordinator')).statusCode).toBe(403);
  });

  it('saves a valid setting, audits before and after, and shows when it runs next', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'tuijin-bk-route-')), 'nightly');
    const res = await put({ ...valid, targetDir: folder });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.settings).toEqual({ ...valid, targetDir: folder });
    expect(body.targetDir).toBe(folder);
    // No run yet: the slot already passed today is caught up at the job's next check, so "next" is now.
    expect(Math.abs(Date.parse(body.nextRunAt) - Date.now())).toBeLessThan(60_000);
    const audit = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'settings.update')
      .where('entity_id', '=', 'backup_schedule')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toMatchObject({ enabled: false, keepLast: 7 });
    expect(JSON.parse(audit.after!)).toEqual({ ...valid, targetDir: folder });
    expect(audit.actor_name).toBe('admin');
    expect((await get()).json().settings).toEqual({ ...valid, targetDir: folder });
  });

  it('accepts the default folder written out', async () => {
    const res = await put({ ...valid, targetDir: join(t.deps.config.dataDir, 'backups') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().targetDir).toBe(join(t.deps.config.dataDir, 'backups'));
  });

  it('shows the latest run with its size and result', async () => {
    const at = new Date().toISOString();
    const id = await repo.insertRun(t.deps.db, 'schedule', at);
    await repo.finishRun(t.deps.db, id, {
      status: 'ok',
      finishedAt: at,
      file: '/srv/b/tuijin-backup-x.tar.gz',
      size: 3_000_000_000,
      sha256: 'a'.repeat(64),
      rows: 5897,
      files: 6,
      removed: ['old.tar.gz'],
    });
    const failed = await repo.insertRun(t.deps.db, 'schedule', new Date(Date.now() + 1000).toISOString());
    await repo.finishRun(t.deps.db, failed, { status: 'failed', finishedAt: at, error: '磁盘已满' });
    const body = (await get()).json();
    expect(body.lastRun).toMatchObject({ id: failed, status: 'failed', error: '磁盘已满', size: null });
    // Larger than 2^31: a bigint column, read back as a number on both databases.
    expect(body.runs[1]).toMatchObject({ id, status: 'ok', size: 3_000_000_000, rows: 5897, files: 6, removed: ['old.tar.gz'] });
    // The slot of today has run: next is the next 03:30 China time.
    expect(Date.parse(body.nextRunAt)).toBeGreaterThan(Date.now());
    expect(new Date(Date.parse(body.nextRunAt) + 8 * 3_600_000).toISOString().slice(11, 16)).toBe('03:30');
  });

  it("lists a failed-backup notification in the admin's notifications", async () => {
    const [admin] = await repo.activeAdminIds(t.deps.db);
    await insertInAppNotifications(t.deps.db, [
      {
        user_id: admin!,
        unit_id: null,
        kind: 'backup',
        task_id: null,
        milestone_id: null,
        notice_key: null,
        title: '定时备份失败',
        body: '磁盘已满',
        created_at: new Date().toISOString(),
      },
    ]);
    const res = await t.inject({ method: 'GET', url: '/api/notifications' }, 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.stringify(res.json())).toContain('"kind":"backup"');
  });

  it('refuses a bad setting with a Chinese message and keeps the stored one', async () => {
    const before = (await get()).json().settings;
    const appRoot = fileURLToPath(new URL('../../../', import.meta.url));
    const cases: [unknown, string][] = [
      [{ ...valid, timeOfDay: '25:00' }, '备份时间应为 HH:MM（00:00–23:59）'],
      [{ ...valid, keepLast: 0 }, '至少保留 1 份'],
      [{ ...valid, keepDays: 99999 }, '保留天数最多 3650'],
      [{ ...valid, enabled: 'yes' }, '请选择是否开启定时备份'],
      [{ ...valid, targetDir: 'backups' }, '目标文件夹应为绝对路径，例如 /var/backups/tuijin'],
      [{ ...valid, targetDir: t.deps.config.dataDir }, '目标文件夹不能是数据目录（DATA_DIR）本身或其上级文件夹'],
      [{ ...valid, targetDir: join(t.deps.config.dataDir, '..') }, '目标文件夹不能是数据目录（DATA_DIR）本身或其上级文件夹'],
      [
        { ...valid, targetDir: join(t.deps.config.dataDir, 'files', 'bk') },
        '目标文件夹不能位于数据目录（DATA_DIR）之内：请留空以使用默认的 DATA_DIR/backups，或选择数据目录之外的文件夹',
      ],
      [
        { ...valid, targetDir: join(t.deps.config.dataDir, 'archives') },
        '目标文件夹不能位于数据目录（DATA_DIR）之内：请留空以使用默认的 DATA_DIR/backups，或选择数据目录之外的文件夹',
      ],
      [{ ...valid, targetDir: join(appRoot, 'dist', 'web') }, '目标文件夹不能位于程序目录之内（其中的文件可能被网页访问）'],
      [{ ...valid, extra: 1 }, '备份设置中有无法识别的字段'],
      [[1, 2], '预期为对象'],
    ];
    for (const [payload, message] of cases) {
      const res = await put(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      if (message === '预期为对象') expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      else expect(res.json().error.message).toBe(message);
    }
    expect((await get()).json().settings).toEqual(before);
  });
});
