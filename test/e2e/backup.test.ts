import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '#server/context.ts';
import { runBackupJob } from '#server/jobs/backup.job.ts';
import { importSampleIfEmpty } from '#server/sample.ts';
import { createUser } from '#server/users/users.service.ts';
import { enrolSecondFactor, signIn, startE2E, type E2E } from './harness.ts';

const PASSWORD = 'Tuijin-e2e-2021!';
let e: E2E;
let target: string;
beforeAll(async () => {
  e = await startE2E();
  await importSampleIfEmpty(e.deps);
  await createUser(e.deps, SYSTEM_ACTOR, { username: 'sysadmin', displayName: '系统管理员', unitId: null, roles: ['admin'], leaderSectionIds: [], password: PASSWORD, mustChangePassword: false });
  target = join(mkdtempSync(join(tmpdir(), 'tuijin-e2e-backups-')), 'nightly');
});
afterAll(async () => e?.close());

it('an admin turns on the daily backup on the settings page, and the card then shows the run, its size and result', async () => {
  const { page, baseUrl } = e;
  await page.goto(`${baseUrl}/admin/settings`);
  await signIn(page, 'sysadmin', PASSWORD);
  // An administrator enrols a second factor at the first sign-in.
  await enrolSecondFactor(page);
  const card = page.getByTestId('settings-backup');
  await card.getByText('尚未运行过定时备份').waitFor();
  await expect(card.getByText('定时备份未开启。', { exact: false }).count()).resolves.toBe(1);

  // A relative folder is refused with the server's Chinese message, and nothing is stored.
  await card.getByRole('switch').click();
  await card.getByPlaceholder('/var/backups/tuijin').fill('backups');
  await card.getByRole('button', { name: '保存备份设置' }).click();
  await page.getByText('目标文件夹应为绝对路径，例如 /var/backups/tuijin').waitFor();
  expect((await e.deps.db.selectFrom('settings').select('key').where('key', '=', 'backup_schedule').execute()).length).toBe(0);

  await card.getByPlaceholder('/var/backups/tuijin').fill(target);
  await card.getByRole('button', { name: '保存备份设置' }).click();
  await page.getByText('定时备份设置已保存').waitFor();
  await card.getByText(target, { exact: true }).waitFor();
  await card.getByText(/下次备份：/).waitFor();
  await e.shot('backup-settings-saved');

  // The job (the server's scheduler runs it each minute; here it is called with the clock of now).
  const r = await runBackupJob(e.deps, { now: new Date() });
  expect(r.ran).toBe(true);
  const archives = existsSync(target) ? readdirSync(target).filter((n) => n.endsWith('.tar.gz')) : [];
  expect(archives).toHaveLength(1);
  await card.getByRole('button', { name: /刷\s*新/ }).click();
  await card.getByText('成功').waitFor();
  await card.getByText('归档已校验（每个条目的大小与 SHA-256）').waitFor();
  await card.getByText(/\d+(\.\d)? (KB|MB)（\d+ 行数据，0 个文件）/).waitFor();
  await card.getByText(join(target, archives[0]!)).waitFor();
  await e.shot('backup-settings-last-run');
});
