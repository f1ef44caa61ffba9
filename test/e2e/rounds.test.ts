import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import type { DashboardSummary } from '#web/api/dashboard.ts';
import { SYSTEM_ACTOR } from '#server/context.ts';
import { importSampleIfEmpty } from '#server/sample.ts';
import { createUser } from '#server/users/users.service.ts';
import { clickSettled, leadsByTask, startE2E, type E2E, signIn as signInAs, signOut } from './harness.ts';

const PASSWORD = 'Tuijin-e2e-2021!';
const NEXT_STEP = '下一步，各牵头单位要于12月15日前补齐全部佐证材料，逾期单位由区营商办约谈。';

let e: E2E;
/** Two tasks, each led by one plain unit of its own, with no dated deadline: reporting on them turns 未启动 into 推进中. */
let picks: { taskId: number; title: string; unitId: number; unitName: string; username: string; narrative: string }[];

beforeAll(async () => {
  e = await startE2E();
  await importSampleIfEmpty(e.deps);
  const { db } = e.deps;
  const units = new Map((await db.selectFrom('units').select(['id', 'name', 'parent_id', 'is_collective']).execute()).map((u) => [u.id, u]));
  const tasks = new Map((await db.selectFrom('tasks').select(['id', 'title']).execute()).map((t) => [t.id, t.title]));
  const dated = new Set((await db.selectFrom('milestones').select('task_id').where('due_date', 'is not', null).execute()).map((m) => m.task_id));
  const leadsOf = await leadsByTask(e.deps);
  picks = [];
  for (const [taskId, lead] of leadsOf) {
    const unitId = lead[0]!;
    const unit = units.get(unitId);
    if (lead.length !== 1 || dated.has(taskId) || !unit || unit.parent_id !== null || unit.is_collective !== 0) continue;
    if (picks.some((p) => p.unitId === unitId)) continue;
    const n = picks.length + 1;
    picks.push({
      taskId,
      title: tasks.get(taskId)!,
      unitId,
      unitName: unit.name,
      username: `danwei${n}`,
      narrative: `第${n}家单位：本期已完成方案细化，正在组织实施。`,
    });
    if (picks.length === 2) break;
  }
  if (picks.length < 2) throw new Error('the sample plan has no two undated tasks led by two plain units');

  const account = { password: PASSWORD, mustChangePassword: false, leaderSectionIds: [] };
  for (const p of picks)
    await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: p.username, displayName: `${p.unitName}管理员`, unitId: p.unitId, roles: ['unit_manager'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'tongchou', displayName: '赵统筹', unitId: null, roles: ['coordinator'] });
});
afterAll(async () => e?.close());

const signIn = (page: Page, username: string) => signInAs(page, username, PASSWORD);

/** An API answer read with the page's session, as the web app would. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
    return res.json();
  }, path) as Promise<T>;
}

/** The text of the XML parts of a zip (a .docx or .xlsx) whose names match, tags removed and runs joined. */
async function zipText(path: string, part: RegExp): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const names = Object.keys(zip.files).filter((n) => part.test(n));
  expect(names.length).toBeGreaterThan(0);
  const xml = await Promise.all(names.map((n) => zip.file(n)!.async('string')));
  return xml
    .join('\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

/** The number an antd Statistic shows. */
async function stat(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).locator('.ant-statistic-content-value').textContent());
}

/** Waits until no table is loading and its fade has ended, so that a screenshot shows the page at rest. */
async function settle(page: Page): Promise<void> {
  await page.locator('.ant-spin-blur').first().waitFor({ state: 'detached' });
  await page.waitForTimeout(400);
}

/** Clicks a download link and resolves with the downloaded file's name and path. */
async function download(page: Page, testId: string): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path };
}

it('the coordinator opens a round, two units report, the round closes and its circular is edited, issued and downloaded', async () => {
  const { page, baseUrl } = e;
  // What the page showed when a step failed.
  onTestFailed(async () => {
    await e.shot('rounds-failure');
  });

  // 1. The coordinator opens 第1期调度 for the sample plan (preselected: it is the only plan), every unit of it by default.
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login$/);
  await signIn(page, 'tongchou');
  await page.getByTestId('menu-rounds').click();
  await page.waitForURL(/\/rounds$/);
  const before = await apiGet<DashboardSummary>(page, '/api/dashboard/summary');
  await page.getByTestId('round-create').click();
  await expect.poll(() => page.getByTestId('round-title').inputValue(), { timeout: 10_000 }).toBe('第1期调度');
  await page.getByTestId('round-plans').locator('.ant-select-selection-item').first().waitFor();
  await page.getByTestId('round-note').fill('请各单位于截止日期前在任务页报送本期进展。');
  await e.shot('round-create');
  await page.getByTestId('round-create-confirm').click();
  await page.waitForURL(/\/rounds\/\d+$/);
  const roundId = Number(/\/rounds\/(\d+)$/.exec(page.url())![1]);
  await page.getByTestId('round-status').filter({ hasText: '进行中' }).waitFor();
  const expected = await stat(page, 'count-expected');
  expect(expected).toBeGreaterThan(2);
  for (const p of picks) expect(await page.locator(`[data-testid=round-unit-row][data-unit="${p.unitName}"]`).getAttribute('data-state')).toBe('missing');
  await e.shot('round-open');
  await signOut(page);

  // 2. Each unit finds the round on its workbench with its task to report, and reports on the task page.
  for (const p of picks) {
    await signIn(page, p.username);
    await page.waitForURL(/\/workbench$/);
    const card = page.getByTestId('workbench-rounds');
    await card.waitFor();
    expect(await card.textContent()).toContain('第1期调度');
    expect(await card.textContent()).toContain('本单位未报送');
    if (p === picks[0]) await e.shot('workbench-round');
    await card.locator(`[data-testid=workbench-round-task][href="/tasks/${p.taskId}"]`).click();
    await page.waitForURL(new RegExp(`/tasks/${p.taskId}$`));
    await page.getByTestId('report-editor').waitFor();
    await page.getByTestId('round-hint').filter({ hasText: '第1期调度' }).filter({ hasText: '计入本期调度' }).waitFor();
    await page.getByTestId('report-editor').locator('label', { hasText: '推进中' }).click();
    await page.getByTestId('report-narrative').fill(p.narrative);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-waiting').waitFor();
    await page.getByTestId('round-hint').filter({ hasText: '已在' }).waitFor();
    if (p === picks[0]) await e.shot('task-round-reported');
    const report = await e.deps.db
      .selectFrom('progress_reports')
      .select(['status', 'round_id'])
      .where('task_id', '=', p.taskId)
      .where('unit_id', '=', p.unitId)
      .executeTakeFirstOrThrow();
    expect(report).toEqual({ status: 'submitted', round_id: roundId });
    // Back on the workbench, the card says the unit has reported.
    await page.goto(`${baseUrl}/workbench`);
    await page.getByTestId('workbench-rounds').getByText('本单位已报送').waitFor();
    await signOut(page);
  }

  // 3. The round page shows both units as reported; the rest are still missing.
  await page.goto(`${baseUrl}/rounds/${roundId}`);
  await signIn(page, 'tongchou');
  await page.waitForURL(new RegExp(`/rounds/${roundId}$`));
  await page.getByTestId('round-unit-row').first().waitFor();
  expect(await stat(page, 'count-on-time')).toBe(2);
  expect(await stat(page, 'count-missing')).toBe(expected - 2);
  await page.getByTestId('filter-reported').click();
  await expect.poll(() => page.getByTestId('round-unit-row').count(), { timeout: 10_000 }).toBe(2);
  for (const p of picks) expect(await page.locator(`[data-testid=round-unit-row][data-unit="${p.unitName}"]`).getAttribute('data-state')).toBe('onTime');
  await e.shot('round-reported');
  await page.getByTestId('filter-missing').click();
  await expect.poll(() => page.getByTestId('round-unit-row').count(), { timeout: 10_000 }).toBe(Math.min(100, expected - 2));
  expect(await page.locator(`[data-testid=round-unit-row][data-unit="${picks[0]!.unitName}"]`).count()).toBe(0);

  // 4. Closing freezes the snapshot, which the page then shows.
  await page.getByTestId('round-close').click();
  await page.getByText('结束后将冻结快照，通报以快照为准').waitFor();
  await page.getByTestId('round-close-confirm').click();
  await page.getByTestId('round-status').filter({ hasText: '已结束' }).waitFor();
  await page.getByTestId('round-snapshot').waitFor();
  const snapshot = await apiGet<{ reporting: { expected: number; onTime: number }; overall: { total: number } }>(page, `/api/rounds/${roundId}/snapshot`);
  expect(snapshot.reporting).toMatchObject({ expected, onTime: 2 });
  expect(await stat(page, 'snapshot-total')).toBe(snapshot.overall.total);
  await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' });
  await e.shot('round-closed');

  // 5. 生成通报 opens the draft; the coordinator adds a sentence to 下一步工作 and saves.
  await page.getByTestId('circular-generate').click();
  await page.waitForURL(/\/circulars\/\d+$/);
  const circularId = Number(/\/circulars\/(\d+)$/.exec(page.url())![1]);
  await page.getByTestId('circular-status').filter({ hasText: '草稿' }).waitFor();
  const title = await page.getByTestId('circular-title').inputValue();
  expect(title.length).toBeGreaterThan(0);
  expect(await page.getByTestId('circular-save').isDisabled()).toBe(true);
  const nextSteps = page.getByTestId('block-nextSteps');
  await nextSteps.fill(`${await nextSteps.inputValue()}\n${NEXT_STEP}`);
  expect(await page.getByTestId('circular-save').isDisabled()).toBe(false);
  await e.shot('circular-editor');
  // Leaving with unsaved edits asks first; staying keeps them.
  await page.locator('.ant-breadcrumb a', { hasText: '调度通报' }).click();
  await page.locator('.ant-modal-confirm-title', { hasText: '通报有未保存的修改' }).waitFor();
  await page.getByRole('button', { name: '留在此页' }).click();
  await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
  expect(page.url()).toMatch(new RegExp(`/circulars/${circularId}$`));
  expect(await nextSteps.inputValue()).toContain(NEXT_STEP);
  await page.getByTestId('circular-save').click();
  await page.getByText('已保存').first().waitFor();
  const draft = await apiGet<{ blocks: { nextSteps: string }; status: string }>(page, `/api/circulars/${circularId}`);
  expect(draft.status).toBe('draft');
  expect(draft.blocks.nextSteps).toContain(NEXT_STEP);
  // The draft previews as a PDF generated on the fly.
  await page.getByTestId('circular-preview').hover();
  const [preview] = await Promise.all([page.waitForEvent('download'), clickSettled(page.getByRole('menuitem', { name: /预览 PDF/ }))]);
  expect((await readFile(await preview.path())).subarray(0, 5).toString()).toBe('%PDF-');
  await page.evaluate(() => window.scrollTo(0, 0));
  await e.shot('circular-draft');

  // 6. Issuing asks first; afterwards the circular is read-only with its three files.
  await page.getByTestId('circular-issue').click();
  await page.getByText('签发后不可修改').first().waitFor();
  await page.getByTestId('circular-issue-confirm').click();
  await page.getByTestId('circular-issued').waitFor();
  await page.getByTestId('circular-status').filter({ hasText: '已签发' }).waitFor();
  expect(await page.getByTestId('circular-save').count()).toBe(0);
  expect(await page.getByTestId('block-nextSteps').textContent()).toContain(NEXT_STEP);
  await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await e.shot('circular-issued');

  // 7. The Word file carries the title and the edited sentence; the Excel appendix the reported progress.
  const docx = await download(page, 'circular-download-docx');
  expect(docx.name).toMatch(/\.docx$/);
  const body = await zipText(docx.path, /^word\/document\.xml$/);
  expect(body).toContain(title);
  expect(body).toContain(NEXT_STEP);
  const xlsx = await download(page, 'circular-download-xlsx');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const sheet = await zipText(xlsx.path, /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/);
  for (const p of picks) {
    expect(sheet).toContain(p.title);
    expect(sheet).toContain(p.narrative);
  }

  // 8. A second draft of the round can be generated and deleted; the issued one stays.
  await page.goto(`${baseUrl}/rounds/${roundId}`);
  await page.getByTestId('circular-generate').click();
  await page.waitForURL((url) => /\/circulars\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${circularId}`));
  const secondId = Number(/\/circulars\/(\d+)$/.exec(page.url())![1]);
  await page.getByTestId('circular-delete').click();
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /删\s*除/ })
    .click();
  await page.waitForURL(new RegExp(`/rounds/${roundId}$`));
  expect(await e.deps.db.selectFrom('circulars').select('id').where('round_id', '=', roundId).execute()).toEqual([{ id: circularId }]);
  expect(secondId).not.toBe(circularId);

  // 9. The archive lists it as issued, with its round.
  await page.getByTestId('menu-rounds').click();
  await page.waitForURL(/\/rounds$/);
  const row = page.locator(`[data-testid=round-row][data-round-id="${roundId}"]`);
  await row.getByTestId('round-status').filter({ hasText: '已结束' }).waitFor();
  expect(await row.getByTestId('round-progress').getAttribute('data-reported')).toBe('2');
  await row.getByTestId('round-circular-link').waitFor();
  await settle(page);
  await e.shot('round-list');
  await page.getByTestId('nav-circulars').click();
  await page.waitForURL(/\/circulars$/);
  await page.getByTestId('circular-row').filter({ hasText: title }).getByTestId('circular-status').filter({ hasText: '已签发' }).waitFor();
  await settle(page);
  await e.shot('circular-list');

  // 10. The dashboard counts the two tasks as 推进中 now, and the round's trend has the closed round.
  await page.getByTestId('menu-dashboard').click();
  await page.waitForURL(/\/dashboard/);
  const inProgress = page.getByTestId('summary-in-progress');
  await expect.poll(async () => Number(await inProgress.getAttribute('data-value')), { timeout: 15_000 }).toBe(before.counts.inProgress + 2);
  const after = await apiGet<DashboardSummary>(page, '/api/dashboard/summary');
  expect(after.counts.notStarted).toBe(before.counts.notStarted - 2);
  const trend = await apiGet<{ data: { roundId: number; reportingRate: number }[] }>(page, '/api/dashboard/rounds');
  expect(trend.data.find((r) => r.roundId === roundId)?.reportingRate).toBeCloseTo(2 / expected, 3);
  await e.shot('dashboard-after-round');
  await signOut(page);

  // 11. A unit reads the issued circular: listed in the archive, read-only, its files downloadable; it cannot open a round.
  await page.goto(`${baseUrl}/circulars`);
  await signIn(page, picks[0]!.username);
  await page.waitForURL(/\/circulars$/);
  await page.getByTestId('circular-row').filter({ hasText: title }).getByTestId('circular-link').click();
  await page.waitForURL(new RegExp(`/circulars/${circularId}$`));
  await page.getByTestId('circular-issued').waitFor();
  expect(await page.getByTestId('block-nextSteps').textContent()).toContain(NEXT_STEP);
  expect(await page.getByTestId('circular-save').count()).toBe(0);
  expect(await page.getByTestId('circular-download-pdf').getAttribute('href')).toBe(`/api/circulars/${circularId}.pdf`);
  await e.shot('circular-unit-view');
  await page.getByTestId('menu-rounds').click();
  await page.waitForURL(/\/rounds$/);
  await page.locator(`[data-testid=round-row][data-round-id="${roundId}"]`).waitFor();
  expect(await page.getByTestId('round-create').count()).toBe(0);
});
