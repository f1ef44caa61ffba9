import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '#server/context.ts';
import { importSampleIfEmpty } from '#server/sample.ts';
import { createUser } from '#server/users/users.service.ts';
import { leadsByTask, startE2E, type E2E, signIn as signInAs, signOut } from './harness.ts';

const PASSWORD = 'Tuijin-e2e-2021!';

let e: E2E;
let taskId: number;

beforeAll(async () => {
  e = await startE2E();
  await importSampleIfEmpty(e.deps);
  const { db } = e.deps;
  const units = new Map((await db.selectFrom('units').select(['id', 'parent_id', 'is_collective']).execute()).map((u) => [u.id, u]));
  // A task with exactly one lead unit, a top-level ordinary unit (so its account is plainly the lead).
  const byTask = await leadsByTask(e.deps);
  const pick = [...byTask].find(([, lead]) => lead.length === 1 && units.get(lead[0]!)?.parent_id === null && units.get(lead[0]!)?.is_collective === 0);
  if (!pick) throw new Error('the sample plan has no task with a single lead unit');
  taskId = pick[0];
  const account = { password: PASSWORD, mustChangePassword: false, leaderSectionIds: [] };
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'qiantou', displayName: '李牵头', unitId: pick[1][0]!, roles: ['unit_manager'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'tongchou', displayName: '赵统筹', unitId: null, roles: ['coordinator'] });
});
afterAll(async () => e?.close());

const signIn = (page: Page, username: string) => signInAs(page, username, PASSWORD);

/** Signs in and opens the task page. */
async function openTask(page: Page, username: string) {
  await page.goto(`${e.baseUrl}/tasks/${taskId}`);
  await page.waitForURL(/\/login/);
  await signIn(page, username);
  await page.waitForURL(new RegExp(`/tasks/${taskId}$`));
  await page.getByTestId('ledger-card').waitFor();
}

async function addEntry(page: Page, action: string, owner: string, deliverable: string) {
  await page.getByTestId('ledger-add').click();
  await page.getByTestId('ledger-action').fill(action);
  await page.getByTestId('ledger-owner').fill(owner);
  await page.getByTestId('ledger-deliverable').fill(deliverable);
  await page.getByTestId('ledger-save').click();
  await page.getByTestId('ledger-table').getByText(action).waitFor();
}

/** Confirms the lead unit's 报送 in its pop-confirm. */
async function submitPlan(page: Page) {
  await page.getByTestId('ledger-submit').click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /报\s*送/ })
    .click();
  await page.getByTestId('ledger-status').filter({ hasText: '待审核' }).waitFor();
}

async function review(page: Page, decision: 'approve' | 'return', comment: string) {
  await page.getByTestId(decision === 'approve' ? 'ledger-approve' : 'ledger-return').click();
  await page.getByTestId('ledger-review-comment').fill(comment);
  await page.getByTestId('ledger-review-confirm').click();
  await page
    .getByTestId('ledger-status')
    .filter({ hasText: decision === 'approve' ? '已通过' : '已退回' })
    .waitFor();
}

it('the lead unit drafts and submits the plan, the coordinator returns it, and approves it once resubmitted', async () => {
  const { page } = e;

  // 1. The lead unit adds two actions to its ledger and submits the plan.
  await openTask(page, 'qiantou');
  expect(await page.getByTestId('ledger-status').textContent()).toBe('未报送');
  expect(await page.getByTestId('ledger-submit').count()).toBe(0);
  await addEntry(page, '制定窗口改造工作方案，明确时间表。', '王科长', '工作方案');
  await addEntry(page, '完成窗口改造并组织人员培训。', '刘主任', '验收报告');
  const entries = await e.deps.db
    .selectFrom('ledger_entries')
    .select(['action', 'owner', 'deliverable'])
    .where('task_id', '=', taskId)
    .orderBy('ordinal')
    .execute();
  expect(entries).toEqual([
    { action: '制定窗口改造工作方案，明确时间表。', owner: '王科长', deliverable: '工作方案' },
    { action: '完成窗口改造并组织人员培训。', owner: '刘主任', deliverable: '验收报告' },
  ]);
  await submitPlan(page);
  expect(await page.getByTestId('ledger-submit').count()).toBe(0);
  await signOut(page);

  // 2. The coordinator returns it; a return needs a comment.
  await page.goto(`${e.baseUrl}/tasks/${taskId}`);
  await signIn(page, 'tongchou');
  await page.waitForURL(new RegExp(`/tasks/${taskId}$`));
  await page.getByTestId('ledger-return').click();
  await page.getByTestId('ledger-review-confirm').click();
  await page.getByText('请填写退回意见').waitFor();
  await page.getByTestId('ledger-review-comment').fill('请细化培训安排的时间节点。');
  await page.getByTestId('ledger-review-confirm').click();
  await page.getByTestId('ledger-status').filter({ hasText: '已退回' }).waitFor();
  await signOut(page);

  // 3. The lead unit reads the comment, amends an action and submits again.
  await openTask(page, 'qiantou');
  await page.getByTestId('ledger-returned').getByText('请细化培训安排的时间节点。').waitFor();
  await page.getByTestId('ledger-table').getByRole('button', { name: '编辑' }).nth(1).click();
  await page.getByTestId('ledger-action').fill('完成窗口改造，9月底前分两批组织人员培训。');
  await page.getByTestId('ledger-save').click();
  await page.getByTestId('ledger-table').getByText('9月底前分两批').waitFor();
  await submitPlan(page);
  await signOut(page);

  // 4. The coordinator approves it: the task page shows 已通过.
  await openTask(page, 'tongchou');
  await review(page, 'approve', '举措具体可行，同意。');
  expect(await page.getByTestId('ledger-status').textContent()).toBe('已通过');
  expect(await page.getByTestId('ledger-approve').count()).toBe(0);
  await page.getByTestId('ledger-card').getByText('举措具体可行，同意。').waitFor();
  await page.getByTestId('ledger-card').scrollIntoViewIfNeeded();
  await e.shot('ledger');

  // 5. The plan overview offers the ledger workbook and the checkpoints; the bell leads to 通知中心.
  const { planId } = await e.deps.db.selectFrom('tasks').select('plan_id as planId').where('id', '=', taskId).executeTakeFirstOrThrow();
  await page.goto(`${e.baseUrl}/plans/${planId}`);
  await page.getByTestId('ledger-export').waitFor();
  expect(await page.getByTestId('ledger-export').getAttribute('href')).toBe(`/api/plans/${planId}/ledger.xlsx`);
  await page.getByTestId('checkpoints').scrollIntoViewIfNeeded();
  await e.shot('plan-checkpoints');
  const user = await e.deps.db.selectFrom('users').select('id').where('username', '=', 'tongchou').executeTakeFirstOrThrow();
  await e.deps.db
    .insertInto('notifications')
    .values({
      user_id: user.id,
      unit_id: null,
      kind: 'urge',
      task_id: taskId,
      milestone_id: null,
      notice_key: null,
      title: '任务逾期催办',
      body: '请督促牵头单位尽快完成。',
      created_at: new Date().toISOString(),
      read_at: null,
    })
    .execute();
  await page.reload();
  const bell = page.getByTestId('notification-bell');
  await page.locator('[data-testid=notification-bell][data-unread="1"]').waitFor();
  await bell.click();
  await page.waitForURL(/\/notifications$/);
  const item = page.getByTestId('notification-item').filter({ hasText: '任务逾期催办' });
  await item.locator('.ant-tag', { hasText: '催办' }).waitFor();
  await e.shot('notifications');
  await page.getByTestId('notifications-read-all').click();
  await page.locator('[data-testid=notification-item][data-read=true]').waitFor();
  await page.locator('[data-testid=notification-bell][data-unread="0"]').waitFor();
});
