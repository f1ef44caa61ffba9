import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addCoordinator, ROOT, startE2E, type E2E } from './harness.ts';

const COORDINATOR_PASSWORD = 'Tuijin-e2e-2021!';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await addCoordinator(e.deps, COORDINATOR_PASSWORD);
});
afterAll(async () => e?.close());

it('uploads the sample plan through the UI, checks the draft, commits it and browses 199 tasks', async () => {
  const { page, baseUrl } = e;
  // Sign in as a coordinator, who may import plans.
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill('tongchou');
  await page.getByTestId('login-password').fill(COORDINATOR_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/plans$/);

  await page.goto(`${baseUrl}/imports/new`);
  await page.setInputFiles('[data-testid="import-upload"] input[type=file]', join(ROOT, 'samples', 'shanting-2021-7.txt'));

  // The draft editor: the task table beside the highlighted source text.
  await page.waitForURL(/\/imports\/\d+$/);
  await page.getByTestId('draft-task-row').first().waitFor();
  expect(await page.getByTestId('draft-task-count').textContent()).toContain('199');
  await page.getByTestId('draft-task-row').nth(1).click();
  await page.locator('[data-testid="draft-source"] mark').first().waitFor();
  const marks = await page.locator('[data-testid="draft-source"] mark').allTextContents();
  expect(marks).toContain('9月底前');
  await e.shot('import-preview');

  await page.getByTestId('draft-commit').click();
  await page.waitForURL(/\/plans\/\d+$/);
  await page.getByTestId('plan-edit').waitFor();
  await page.getByText('工程建设项目审批制度改革').first().waitFor();
  await e.shot('plan-overview');

  const planId = /\/plans\/(\d+)$/.exec(page.url())![1];
  await page.goto(`${baseUrl}/plans/${planId}/tasks`);
  await page.getByTestId('task-total').waitFor();
  expect(await page.getByTestId('task-total').textContent()).toContain('199');
  await page.getByText('按照省市部署全面应用电子证照').first().waitFor();
  await e.shot('tasks');

  // Search in traditional script finds the simplified text, and the filter lands in the URL.
  const search = page.getByPlaceholder('搜索任务内容（简繁皆可）');
  await search.fill('電子證照');
  await search.press('Enter');
  await page.waitForURL(/q=/);
  const total = async () => Number(/共 (\d+) 项任务/.exec((await page.getByTestId('task-total').textContent()) ?? '')?.[1]);
  await expect.poll(total, { timeout: 10_000 }).toBeLessThan(199);
  expect(await total()).toBeGreaterThan(0);

  const count = await e.deps.db
    .selectFrom('tasks')
    .select((x) => x.fn.countAll().as('c'))
    .executeTakeFirstOrThrow();
  expect(Number(count.c)).toBe(199);

  // Importing the same document again is refused with a link to the plan.
  await page.goto(`${baseUrl}/imports/new`);
  await page.setInputFiles('[data-testid="import-upload"] input[type=file]', join(ROOT, 'samples', 'shanting-2021-7.txt'));
  // Wait for the conflict alert itself: the page's help text also mentions 已导入.
  const conflict = page.getByTestId('import-conflict');
  await conflict.waitFor();
  expect(await conflict.textContent()).toContain('已导入');
  expect(await page.getByTestId('import-conflict-link').getAttribute('href')).toBe(`/plans/${planId}`);
});
