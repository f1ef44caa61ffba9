import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '#server/context.ts';
import { importSampleIfEmpty } from '#server/sample.ts';
import { createUser } from '#server/users/users.service.ts';
import { startE2E, type E2E, signIn as signInAs, signOut } from './harness.ts';

const PASSWORD = 'Tuijin-e2e-2021!';

let e: E2E;
let taskId: number;
let leadName: string;
let responsibleName: string;
/** Evidence files: a real 1×1 PNG and a one-page PDF. */
let pngPath: string;
let pdfPath: string;

beforeAll(async () => {
  e = await startE2E();
  await importSampleIfEmpty(e.deps);
  const { db } = e.deps;
  const units = new Map((await db.selectFrom('units').select(['id', 'name', 'parent_id', 'is_collective']).execute()).map((u) => [u.id, u]));
  const links = await db.selectFrom('task_units').select(['task_id', 'unit_id', 'role']).orderBy('task_id').orderBy('ordinal').execute();
  const dated = new Set((await db.selectFrom('milestones').select('task_id').where('due_date', 'is not', null).execute()).map((m) => m.task_id));
  // A task with one lead unit and another responsible unit, both top-level ordinary units (so that
  // neither account sees the other's unit as its own); preferably without a dated deadline, so that
  // closing it today counts as on time (已完成) however far past the sample plan's year we are.
  const candidates: { taskId: number; lead: number; responsible: number; dated: boolean }[] = [];
  for (const id of new Set(links.map((l) => l.task_id))) {
    const of = links.filter((l) => l.task_id === id);
    const lead = of.filter((l) => l.role === 'lead').map((l) => l.unit_id);
    const plain = (u: number) => units.get(u)?.parent_id === null && units.get(u)?.is_collective === 0;
    const responsible = of.filter((l) => l.role === 'responsible' && !lead.includes(l.unit_id) && plain(l.unit_id)).map((l) => l.unit_id);
    if (lead.length === 1 && plain(lead[0]!) && responsible.length > 0) candidates.push({ taskId: id, lead: lead[0]!, responsible: responsible[0]!, dated: dated.has(id) });
  }
  const pick = candidates.find((c) => !c.dated) ?? candidates[0];
  if (!pick) throw new Error('the sample plan has no task with a lead and a responsible unit');
  taskId = pick.taskId;
  leadName = units.get(pick.lead)!.name;
  responsibleName = units.get(pick.responsible)!.name;

  const account = { password: PASSWORD, mustChangePassword: false, leaderSectionIds: [] };
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'zeren', displayName: '张责任', unitId: pick.responsible, roles: ['unit_manager'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'qiantou', displayName: '李牵头', unitId: pick.lead, roles: ['unit_manager'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'tongchou', displayName: '赵统筹', unitId: null, roles: ['coordinator'] });

  const dir = mkdtempSync(join(tmpdir(), 'tuijin-evidence-'));
  pngPath = join(dir, '现场照片.png');
  writeFileSync(pngPath, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
  pdfPath = join(dir, '验收报告.pdf');
  writeFileSync(
    pdfPath,
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
});
afterAll(async () => e?.close());

const signIn = (page: Page, username: string) => signInAs(page, username, PASSWORD);

/** Picks a stage in the report editor. */
async function chooseStage(page: Page, label: string) {
  await page.getByTestId('report-editor').locator('label', { hasText: label }).click();
}

async function reportsOfTask() {
  return e.deps.db.selectFrom('progress_reports').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
}

it('a responsible unit reports, the lead consolidates, the coordinator returns and then accepts, and the task is closed', async () => {
  const { page, baseUrl } = e;

  // 1. The responsible unit lands on its workbench, opens the task and reports its part with a photo.
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login$/);
  await signIn(page, 'zeren');
  await page.waitForURL(/\/workbench$/);
  await page.getByTestId('workbench-overdue').waitFor();
  expect(await page.getByTestId('menu-workbench').count()).toBe(1);
  expect(await page.getByTestId('menu-reviews').count()).toBe(0);

  await page.goto(`${baseUrl}/tasks/${taskId}`);
  await page.getByTestId('report-editor').waitFor();
  expect(await page.getByTestId('report-editor').getAttribute('data-kind')).toBe('part');
  await chooseStage(page, '推进中');
  await page.getByTestId('report-narrative').fill('已完成窗口改造，正在组织人员培训。');
  await page.locator('[data-testid=evidence-upload] input[type=file]').setInputFiles(pngPath);
  await page.getByTestId('attachment-link').filter({ hasText: '现场照片.png' }).waitFor();
  await e.shot('report-form');
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-waiting').waitFor();
  let reports = await reportsOfTask();
  expect(reports.map((r) => [r.kind, r.status, r.stage])).toEqual([['part', 'submitted', 'in_progress']]);
  expect(await e.deps.db.selectFrom('attachments').select('file_name').where('report_id', '=', reports[0]!.id).execute()).toEqual([{ file_name: '现场照片.png' }]);
  await page.getByTestId('timeline-item').filter({ hasText: '已完成窗口改造' }).first().waitFor();
  await signOut(page);

  // 2. The lead unit sees the part waiting to be consolidated, reads it, and submits the task as done with evidence.
  await signIn(page, 'qiantou');
  await page.waitForURL(/\/workbench$/);
  await page.getByTestId('workbench-to-consolidate').waitFor();
  expect(Number(await page.getByTestId('workbench-to-consolidate').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
  await page.locator(`[data-testid=workbench-consolidate-link][href="/tasks/${taskId}"]`).click();
  await page.waitForURL(new RegExp(`/tasks/${taskId}$`));
  await page.getByTestId('part-reports').getByText(responsibleName).waitFor();
  expect(await page.getByTestId('part-reports').textContent()).toContain('已完成窗口改造');
  expect(await page.getByTestId('report-editor').getAttribute('data-kind')).toBe('consolidated');
  await page.getByTestId('report-merge').click();
  expect(await page.getByTestId('report-narrative').inputValue()).toContain(`【${responsibleName}】`);
  await chooseStage(page, '已完成');
  // Declaring the task done needs evidence first.
  await page.getByTestId('report-blocker').waitFor();
  await page.locator('[data-testid=evidence-upload] input[type=file]').setInputFiles(pdfPath);
  await page.getByTestId('attachment-link').filter({ hasText: '验收报告.pdf' }).waitFor();
  await page.getByTestId('report-blocker').waitFor({ state: 'detached' });
  await e.shot('report-consolidate');
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-waiting').waitFor();
  reports = await reportsOfTask();
  expect(reports.map((r) => [r.kind, r.status])).toEqual([['part', 'submitted'], ['consolidated', 'submitted']]);
  await signOut(page);

  // 3. The coordinator returns it from the review queue with a comment.
  await signIn(page, 'tongchou');
  await page.getByTestId('menu-reviews').click();
  await page.waitForURL(/\/reviews$/);
  const row = page.getByTestId('review-row').filter({ hasText: leadName });
  await row.waitFor();
  expect(await page.getByTestId('review-row').count()).toBe(1);
  await e.shot('review-queue');
  await row.getByTestId('queue-return').click();
  // A return needs a comment.
  await page.getByTestId('review-confirm').click();
  await page.getByText('请填写退回意见').waitFor();
  await page.getByTestId('review-comment').fill('请补充培训签到表。');
  await page.getByTestId('review-confirm').click();
  await page.getByText('已退回').first().waitFor();
  await page.getByTestId('review-row').waitFor({ state: 'detached' });
  expect((await reportsOfTask()).at(-1)).toMatchObject({ kind: 'consolidated', status: 'returned', review_comment: '请补充培训签到表。' });
  await signOut(page);

  // 4. The lead unit finds the returned report on its workbench, amends it and submits again.
  await signIn(page, 'qiantou');
  await page.waitForURL(/\/workbench$/);
  expect(Number(await page.getByTestId('workbench-returned').getAttribute('data-count'))).toBe(1);
  await page.getByTestId('workbench-returned').getByText('请补充培训签到表。').waitFor();
  await e.shot('workbench');
  await page.locator(`[data-testid=workbench-returned-link][href="/tasks/${taskId}"]`).click();
  await page.getByTestId('report-returned').getByText('请补充培训签到表。').waitFor();
  const narrative = page.getByTestId('report-narrative');
  await narrative.fill(`${await narrative.inputValue()}\n已补充培训签到表。`);
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-waiting').waitFor();
  expect((await reportsOfTask()).at(-1)).toMatchObject({ kind: 'consolidated', status: 'submitted' });
  await signOut(page);

  // 5. The coordinator accepts it on the task page: the task is closed (销号) and shows 已完成.
  await page.goto(`${baseUrl}/tasks/${taskId}`);
  await signIn(page, 'tongchou');
  await page.waitForURL(new RegExp(`/tasks/${taskId}$`));
  await page.getByTestId('consolidated-reports').getByText('已补充培训签到表').waitFor();
  await page.getByTestId('review-accept').click();
  await page.getByTestId('review-comment').fill('材料齐全，同意销号。');
  await page.getByTestId('review-confirm').click();
  await page.getByText('任务已销号').first().waitFor();
  const status = page.getByTestId('task-status');
  await status.filter({ hasText: /已完成|逾期完成/ }).waitFor();
  const closed = await e.deps.db.selectFrom('tasks').select('closed_on').where('id', '=', taskId).executeTakeFirstOrThrow();
  expect(closed.closed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByTestId('timeline-item').filter({ hasText: '销号' }).first().waitFor();
  await page.getByTestId('task-reopen').waitFor();
  // The review dialog fades out after the decision; shoot the page, not the animation.
  await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' });
  await e.shot('task-done');
  // On time when the task has no dated deadline (the one picked, when the sample has one).
  const hasDated = (await e.deps.db.selectFrom('milestones').select('id').where('task_id', '=', taskId).where('due_date', 'is not', null).execute()).length > 0;
  expect(await status.textContent()).toBe(hasDated ? '逾期完成' : '已完成');
});
