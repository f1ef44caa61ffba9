import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addCoordinator, ROOT, signIn, startE2E, type E2E } from './harness.ts';

const PASSWORD = 'Tuijin-e2e-2024!';
// A county plan whose tasks are its （一） items; the reader takes their 1． sub-points instead.
const PLAN = join(ROOT, 'test', 'fixtures', 'plans', 'county-2024-sublevels.txt');
// The office's directory: every unit of the plan but 县行政审批局, which it knows as 县行政审批服务局.
const DIRECTORY = ['县政务服务中心', '县数据局', '县行政审批服务局', '县发改局', '县财政局', '县市场监管局', '县自然资源局'];

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await addCoordinator(e.deps, PASSWORD);
  await e.deps.db
    .insertInto('units')
    .values(DIRECTORY.map((name) => ({ name, is_collective: 0, parent_id: null, created_at: new Date().toISOString() })))
    .execute();
});
afterAll(async () => e?.close());

/** Clicks into the source pane on the line that holds `needle`, as a coordinator would, and marks it as starting a task. */
async function markLine(needle: string): Promise<void> {
  const { page } = e;
  const point = await page.getByTestId('draft-source').evaluate((box, text) => {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent?.indexOf(text) ?? -1;
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(n, at + 2);
      range.setEnd(n, at + 3);
      (n.parentElement ?? box).scrollIntoView({ block: 'center' });
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  }, needle);
  expect(point, needle).not.toBeNull();
  await page.mouse.click(point!.x, point!.y);
  const picked = page.getByTestId('source-picked-line');
  await picked.waitFor();
  expect(await picked.textContent()).toContain(needle);
  await picked.getByTestId('source-task-start').click();
}

it("shows the reading's warnings and levels, and fixes the task level and one task start by re-reading in place", async () => {
  const { page, baseUrl } = e;
  await page.goto(`${baseUrl}/login`);
  await signIn(page, 'tongchou', PASSWORD);
  await page.waitForURL(/\/plans$/);
  await page.goto(`${baseUrl}/imports/new`);
  await page.setInputFiles('[data-testid="import-upload"] input[type=file]', PLAN);
  await page.waitForURL(/\/imports\/\d+$/);
  await page.getByTestId('draft-task-row').first().waitFor();
  const count = async () => Number(/(\d+) 项任务/.exec((await page.getByTestId('draft-task-count').textContent()) ?? '')?.[1]);
  // The reader took the sub-points: 8 of them and the one （一） item that has none.
  expect(await count()).toBe(9);

  // Warnings first: the unit the directory does not know, on both sub-points that carry it, with the name it resembles.
  const reading = page.getByTestId('draft-reading');
  expect(await reading.getByTestId('draft-warning-count-unit_not_in_directory').textContent()).toContain('2');
  const warning = reading.getByTestId('draft-warning').first();
  expect(await warning.textContent()).toBe('表中第 3 项单位“县行政审批局”不在单位名录中，提交后将新建该单位；是否应为“县行政审批服务局”？查看任务');
  await warning.getByTestId('draft-warning-task').click();
  await expect.poll(() => page.getByTestId('draft-title').inputValue()).toBe('一般事项审批时限压缩至5个工作日');

  // The hierarchy: three levels, with their forms, first markers and counts.
  const levels = reading.getByTestId('draft-level');
  expect(await levels.count()).toBe(3);
  expect(await levels.nth(1).textContent()).toMatch(/2 级 · （一）.*（一）.*5/);
  expect(await levels.nth(2).textContent()).toMatch(/3 级 · 1．.*1．.*8.*任务层级/);
  await e.shot('import-structure-read');

  // A metadata edit, not yet saved: the re-read saves it first and keeps it.
  await page.getByTestId('draft-doc-title').fill('青禾县2024年优化营商环境重点任务（已核对）');

  // "任务在此层级" on the （一） level.
  await reading.locator('[data-testid="draft-level"][data-form="cn-paren"]').getByTestId('draft-level-choose').click();
  await expect.poll(count, { timeout: 10_000 }).toBe(5);
  await page.locator('.ant-message-notice').filter({ hasText: '已重新识别：共 5 项任务，其中 4 项按新结构读出' }).waitFor();
  expect(await page.getByTestId('draft-doc-title').inputValue()).toBe('青禾县2024年优化营商环境重点任务（已核对）');
  expect(await reading.locator('[data-testid="draft-level"][data-form="cn-paren"]').getByTestId('draft-level-is-task').textContent()).toBe('已选为任务层级');
  expect(await reading.getByTestId('draft-warning-count-unit_not_in_directory').textContent()).toContain('1');

  // "从此行开始一项任务": click into the unnumbered line under （二）加强信用监管.
  await markLine('推行信用修复“一次办”，8月底前出台配套办法。');
  await expect.poll(count, { timeout: 10_000 }).toBe(6);
  // The line cut 加强信用监管 in two: both halves are read anew.
  await page.locator('.ant-message-notice').filter({ hasText: '已重新识别：共 6 项任务，其中 2 项按新结构读出' }).waitFor();
  // The re-read selects the task it read anew.
  await expect.poll(() => page.getByTestId('draft-title').inputValue()).toBe('推行信用修复“一次办”，8月底前出台配套办法');
  expect(await reading.getByTestId('draft-task-starts').textContent()).toMatch(/第 \d+ 行/);
  // A task of its own line carries no unit: the page says so.
  expect(await reading.getByTestId('draft-warning-count-task_without_unit').textContent()).toContain('1');
  expect(await page.getByTestId('draft-doc-title').inputValue()).toBe('青禾县2024年优化营商环境重点任务（已核对）');
  await page.evaluate(() => window.scrollTo(0, 0));
  await e.shot('import-structure-fixed');

  // Give the new task its unit and correct the unknown one, from the warnings' links: nothing is left to confirm.
  const lead = page.getByTestId('draft-lead');
  await lead.click();
  await page.keyboard.type('县市场监管局');
  await page.keyboard.press('Enter');
  await reading.locator('[data-testid="draft-warning"][data-code="unit_not_in_directory"]').getByTestId('draft-warning-task').click();
  await expect.poll(() => page.getByTestId('draft-title').inputValue()).toBe('压缩审批时限');
  await lead.click();
  await page.keyboard.press('Backspace');
  await page.keyboard.type('县行政审批服务局');
  await page.keyboard.press('Enter');
  await page.getByTestId('draft-save').click();
  await reading.getByTestId('draft-warnings-none').waitFor();

  await page.getByTestId('draft-commit').click();
  await page.waitForURL(/\/plans\/\d+$/);
  const planId = Number(/\/plans\/(\d+)$/.exec(page.url())![1]);
  const plan = await e.deps.db.selectFrom('plans').select(['title']).where('id', '=', planId).executeTakeFirstOrThrow();
  expect(plan.title).toBe('青禾县2024年优化营商环境重点任务（已核对）');
  const tasks = await e.deps.db.selectFrom('tasks').select(['title']).where('plan_id', '=', planId).orderBy('ordinal').execute();
  const leads = await e.deps.db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .select(['t.title', 'u.name'])
    .where('t.plan_id', '=', planId)
    .where('tu.role', '=', 'lead')
    .where('t.title', 'in', ['压缩审批时限', '推行信用修复“一次办”，8月底前出台配套办法'])
    .orderBy('t.ordinal')
    .execute();
  expect(leads.map((r) => r.name)).toEqual(['县行政审批服务局', '县市场监管局']);
  expect(tasks.map((t) => t.title)).toEqual([
    '深化“一网通办”改革',
    '压缩审批时限',
    '规范涉企收费',
    '加强信用监管',
    '推行信用修复“一次办”，8月底前出台配套办法',
    '保障项目用地',
  ]);
});

it('makes a draft of a document whose task level is not found, and reads its tasks from the lines marked', async () => {
  const { page, baseUrl } = e;
  const dir = mkdtempSync(join(tmpdir(), 'tuijin-e2e-plan-'));
  const file = join(dir, '年度重点工作.txt');
  writeFileSync(
    file,
    '关于做好2024年度重点工作的通知\n一、总体要求\n各单位要高度重视，认真抓好落实。\n二、工作目标\n年底前建成全县数据共享平台。\n9月底前完成政务服务事项梳理。\n三、组织保障\n加强组织领导。\n',
  );
  await page.goto(`${baseUrl}/imports/new`);
  await page.setInputFiles('[data-testid="import-upload"] input[type=file]', file);
  await page.waitForURL(/\/imports\/\d+$/);
  const reading = page.getByTestId('draft-reading');
  await reading.getByTestId('draft-warning-count-no_task_level').waitFor();
  expect(await page.getByTestId('draft-task-count').textContent()).toContain('0 项任务');
  await e.shot('import-structure-no-level');
  await markLine('年底前建成全县数据共享平台。');
  await expect.poll(async () => page.getByTestId('draft-task-count').textContent(), { timeout: 10_000 }).toContain('1 项任务');
  await markLine('9月底前完成政务服务事项梳理。');
  await expect.poll(async () => page.getByTestId('draft-task-count').textContent(), { timeout: 10_000 }).toContain('2 项任务');
  expect(await page.getByTestId('draft-title').inputValue()).toBe('9月底前完成政务服务事项梳理');
  expect(await reading.getByTestId('draft-warning-count-no_task_level').count()).toBe(0);
});
