import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RoundSnapshot } from '#core/rounds/types.ts';
import type { DashboardSummary, Heatmap, RoundTrend, SectionProgress } from '#web/api/dashboard.ts';
import type { PublicPlan } from '#web/api/public.ts';
import { SYSTEM_ACTOR, type Actor } from '#server/context.ts';
import { closeRound, openRound } from '#server/rounds/rounds.service.ts';
import { forgetDashboardCache } from '#server/dashboard/dashboard.service.ts';
import { importSampleIfEmpty } from '#server/sample.ts';
import { putPublicPage } from '#server/settings/settings.service.ts';
import { createUser } from '#server/users/users.service.ts';
import { COUNT_KEYS, heatmapView, segmentCentre } from '#web/pages/dashboard/charts.ts';
import { SHOTS_DIR, startE2E, type E2E, signIn, signOut } from './harness.ts';

const PASSWORD = 'Tuijin-e2e-2021!';
/** Staff names that must never reach the public page. */
const LEADER_NAME = '钱分管';
const STAFF_NAME = '孙填报员';

let e: E2E;
let planId: number;

beforeAll(async () => {
  e = await startE2E();
  await importSampleIfEmpty(e.deps);
  const { db } = e.deps;
  planId = (await db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
  // Some closed tasks, so that the charts show finished work next to the overdue: every fifth task
  // closed early in the plan's year (on time), every seventh closed after its year (late).
  const tasks = await db.selectFrom('tasks').select('id').where('plan_id', '=', planId).orderBy('id').execute();
  const early = tasks.filter((_, i) => i % 5 === 0).map((t) => t.id);
  const late = tasks.filter((_, i) => i % 5 !== 0 && i % 7 === 0).map((t) => t.id);
  await db.updateTable('tasks').set({ closed_on: '2021-03-01' }).where('id', 'in', early).execute();
  await db.updateTable('tasks').set({ closed_on: '2022-03-01' }).where('id', 'in', late).execute();
  // Written behind the services' back: the dashboards' cached table must be rebuilt.
  forgetDashboardCache(e.deps);

  const unit = await db.selectFrom('units').select('id').where('is_collective', '=', 0).orderBy('id').executeTakeFirstOrThrow();
  const account = { password: PASSWORD, mustChangePassword: false, leaderSectionIds: [] };
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'lingdao', displayName: LEADER_NAME, unitId: null, roles: ['leader'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'tianbao', displayName: STAFF_NAME, unitId: unit.id, roles: ['unit_staff'] });
  const { user: coordinator } = await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'tongchou', displayName: '赵统筹', unitId: null, roles: ['coordinator'] });
  const actor: Actor = {
    userId: coordinator.id,
    unitId: null,
    name: '赵统筹',
    ip: null,
    principal: { userId: coordinator.id, unitId: null, roles: ['coordinator'], unitScope: [], leaderSectionIds: [] },
  };
  // Two closed dispatch rounds: the trend across rounds has two points.
  for (const [title, due, closed] of [['第1期调度', '2026-10-16', '2026-10-20T02:00:00Z'], ['第2期调度', '2026-11-13', '2026-11-17T02:00:00Z']] as const) {
    const round = await openRound(e.deps, actor, { title, dueDate: due, planIds: [planId] }, new Date(Date.parse(closed) - 7 * 86_400_000));
    await closeRound(e.deps, actor, round.id, new Date(closed));
  }
});
afterAll(async () => e?.close());

/** A GET of the API from the page, with its session. */
function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
    return res.json();
  }, path) as Promise<T>;
}

/** Closes the drill-down drawer and waits until its mask has gone (it would swallow the next click). */
async function closeDrawer(page: Page) {
  await page.locator('.ant-drawer-close').click();
  await page.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });
}

async function figure(page: Page, testId: string): Promise<number> {
  const el = page.getByTestId(testId);
  await expect.poll(async () => el.getAttribute('data-value'), { timeout: 10_000 }).toMatch(/^\d+$/);
  return Number(await el.getAttribute('data-value'));
}

it('a leader reads the dashboard, drills into a section, opens the cockpit; the public page shows tasks and nothing internal', async () => {
  const { page, baseUrl } = e;

  // 1. 看板: the figures are the API's.
  await page.goto(`${baseUrl}/dashboard?planId=${planId}`);
  await page.waitForURL(/\/login/);
  await signIn(page, 'lingdao', PASSWORD);
  await page.waitForURL(/\/dashboard\?planId=/);
  await page.getByTestId('main-menu').waitFor();
  expect(await page.getByTestId('menu-dashboard').count()).toBe(1);
  const summary = await api<DashboardSummary>(page, `/api/dashboard/summary?planId=${planId}`);
  expect(summary.counts.total).toBeGreaterThan(100);
  expect(await figure(page, 'summary-tasks')).toBe(summary.counts.total);
  expect(await figure(page, 'summary-done')).toBe(summary.counts.done + summary.counts.doneLate);
  expect(await figure(page, 'summary-in-progress')).toBe(summary.counts.inProgress);
  expect(await figure(page, 'summary-due-soon')).toBe(summary.counts.dueSoon);
  expect(await figure(page, 'summary-overdue')).toBe(summary.counts.overdue);
  expect(await page.getByTestId('summary-rate').textContent()).toContain(`${(summary.counts.completionRate * 100).toFixed(1)}%`);
  expect(summary.counts.done).toBeGreaterThan(0);
  expect(summary.counts.doneLate).toBeGreaterThan(0);

  // Every chart is drawn.
  for (const id of ['chart-burnup', 'chart-rounds', 'chart-sections', 'chart-units', 'chart-heatmap', 'chart-roadmap']) {
    await page.locator(`[data-testid=${id}][data-ready=true] canvas`).first().waitFor();
  }
  await page.waitForTimeout(600); // the charts' entry animation
  await e.shot('dashboard');
  await page.screenshot({ path: join(SHOTS_DIR, 'dashboard-full.png'), fullPage: true });

  // 2. Click a section's overdue segment on the canvas: the drawer lists exactly that section's overdue tasks.
  const sections = (await api<{ data: SectionProgress[] }>(page, `/api/dashboard/sections?planId=${planId}`)).data;
  const index = sections.findIndex((s) => s.counts.overdue > 0 && s.counts.done > 0);
  expect(index).toBeGreaterThanOrEqual(0);
  const section = sections[index]!;
  const x = segmentCentre(sections, index, 'overdue');
  const point = await page.evaluate(
    ([value, category]) => window.__charts!['chart-sections']!.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [value, category]) as number[],
    [x, index] as const,
  );
  await page.getByTestId('chart-sections').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('chart-sections').boundingBox())!;
  await page.mouse.click(box.x + point[0]!, box.y + point[1]!);
  const total = page.getByTestId('drill-total');
  await total.waitFor();
  expect(Number(await total.getAttribute('data-count'))).toBe(section.counts.overdue);
  await expect.poll(() => page.getByTestId('drill-row').count(), { timeout: 10_000 }).toBe(Math.min(20, section.counts.overdue));
  expect(await page.locator('.ant-drawer-title').textContent()).toContain(section.title);
  // Every row is an overdue task of that section, linking to the task.
  const statuses = await page.locator('[data-testid=drill-row] [data-status]').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
  expect(new Set(statuses)).toEqual(new Set(['overdue']));
  const href = await page.getByTestId('drill-task-link').first().getAttribute('href');
  expect(href).toMatch(/^\/tasks\/\d+$/);
  await e.shot('dashboard-drill');

  // The done segment of the same bar gives that count.
  await closeDrawer(page);
  const donePoint = await page.evaluate(
    ([value, category]) => window.__charts!['chart-sections']!.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [value, category]) as number[],
    [segmentCentre(sections, index, 'done'), index] as const,
  );
  await page.mouse.click(box.x + donePoint[0]!, box.y + donePoint[1]!);
  await expect.poll(async () => Number(await page.getByTestId('drill-total').getAttribute('data-count')), { timeout: 10_000 }).toBe(section.counts[COUNT_KEYS.done]);
  await closeDrawer(page);

  // A click anywhere over the burn-up opens the tasks due in the month under it.
  const june = await api<{ total: number }>(page, `/api/dashboard/tasks?planId=${planId}&month=2021-06&pageSize=1`);
  expect(june.total).toBeGreaterThan(0);
  await page.getByTestId('chart-burnup').scrollIntoViewIfNeeded();
  const burnupBox = (await page.getByTestId('chart-burnup').boundingBox())!;
  const junePoint = await page.evaluate(() => window.__charts!['chart-burnup']!.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, ['2021-06-15', 20]) as number[]);
  await page.mouse.click(burnupBox.x + junePoint[0]!, burnupBox.y + junePoint[1]!);
  await expect.poll(async () => Number(await page.getByTestId('drill-total').getAttribute('data-count')), { timeout: 10_000 }).toBe(june.total);
  expect(await page.locator('.ant-drawer-title').textContent()).toContain('2021年6月');
  await closeDrawer(page);

  // A heat-map cell opens that unit's tasks due that month and not done on time.
  const view = heatmapView(await api<Heatmap>(page, `/api/dashboard/heatmap?planId=${planId}`), 30);
  const [m, u] = view.cells.reduce((a, b) => (b[2] > a[2] ? b : a));
  const unit = view.units[u]!;
  const month = view.months[m]!;
  const cellTasks = await api<{ total: number }>(page, `/api/dashboard/tasks?planId=${planId}&unitId=${unit.unitId}&month=${month}&status=overdue,done_late&pageSize=1`);
  expect(cellTasks.total).toBeGreaterThan(0);
  await page.getByTestId('chart-heatmap').scrollIntoViewIfNeeded();
  const heatBox = (await page.getByTestId('chart-heatmap').boundingBox())!;
  const cell = await page.evaluate(([x, y]) => window.__charts!['chart-heatmap']!.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [x, y]) as number[], [m, u] as const);
  await page.mouse.click(heatBox.x + cell[0]!, heatBox.y + cell[1]!);
  await expect.poll(async () => Number(await page.getByTestId('drill-total').getAttribute('data-count')), { timeout: 10_000 }).toBe(cellTasks.total);
  expect(await page.locator('.ant-drawer-title').textContent()).toContain(unit.name);
  await closeDrawer(page);

  // A point of the rounds' trend lists the tasks its snapshot froze as overdue.
  const trend = (await api<{ data: RoundTrend[] }>(page, `/api/dashboard/rounds?planId=${planId}`)).data;
  expect(trend.map((r) => r.title).sort()).toEqual(['第1期调度', '第2期调度']);
  const first = trend.find((r) => r.title === '第1期调度')!;
  const snapshot = await api<RoundSnapshot>(page, `/api/rounds/${first.roundId}/snapshot`);
  expect(snapshot.overdue.length).toBeGreaterThan(0);
  await page.getByTestId('chart-rounds').scrollIntoViewIfNeeded();
  const roundsBox = (await page.getByTestId('chart-rounds').boundingBox())!;
  // Oldest first on the chart: the first round is category 0; click its completion-rate point.
  const roundPoint = await page.evaluate(
    ([category, value]) => window.__charts!['chart-rounds']!.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [category, value]) as number[],
    [0, first.completionRate] as const,
  );
  await page.mouse.click(roundsBox.x + roundPoint[0]!, roundsBox.y + roundPoint[1]!);
  await expect.poll(async () => Number(await page.getByTestId('drill-total').getAttribute('data-count')), { timeout: 10_000 }).toBe(snapshot.overdue.length);
  expect(await page.locator('.ant-drawer-title').textContent()).toContain('第1期调度');
  await closeDrawer(page);

  // A summary card drills too: 逾期 lists every overdue task.
  await page.getByTestId('summary-overdue').click();
  await expect.poll(async () => Number(await page.getByTestId('drill-total').getAttribute('data-count')), { timeout: 10_000 }).toBe(summary.counts.overdue);
  await closeDrawer(page);

  // 3. The cockpit: full screen frame (no menu), the same figures, a visible update time. It runs in a
  // browser context of its own with a fake clock, so that the minute's auto-refresh can be fast-forwarded
  // without the clock touching the rest of the test.
  expect(await page.getByTestId('open-cockpit').locator('xpath=ancestor::a').getAttribute('href')).toBe(`/cockpit?planId=${planId}`);
  const context = await e.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.clock.install();
  const cp = await context.newPage();
  const cockpitShot = (name: string) => cp.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
  await cp.goto(`${baseUrl}/cockpit?planId=${planId}`);
  await cp.waitForURL(/\/login/);
  await signIn(cp, 'lingdao', PASSWORD);
  await cp.getByTestId('cockpit').waitFor();
  expect(cp.url()).toContain(`/cockpit?planId=${planId}`);
  expect(await cp.getByTestId('main-menu').count()).toBe(0);
  expect(await figure(cp, 'cockpit-tasks')).toBe(summary.counts.total);
  expect(await figure(cp, 'cockpit-overdue')).toBe(summary.counts.overdue);
  await expect.poll(async () => cp.getByTestId('cockpit-updated').textContent(), { timeout: 10_000 }).toMatch(/更新于 \d{2}:\d{2}:\d{2}/);
  for (const id of ['cockpit-gauge', 'cockpit-burnup', 'cockpit-rounds', 'cockpit-sections', 'cockpit-units', 'cockpit-heatmap']) {
    await cp.locator(`[data-testid=${id}][data-ready=true] canvas`).first().waitFor();
  }
  await cp.clock.runFor(600);
  await cockpitShot('cockpit');
  // And on a meeting-room screen.
  await cp.setViewportSize({ width: 1920, height: 1080 });
  await cp.clock.runFor(600);
  await cockpitShot('cockpit-1080');
  await cp.setViewportSize({ width: 1440, height: 900 });
  await cp.getByTestId('cockpit-overdue').click();
  await expect.poll(async () => Number(await cp.getByTestId('drill-total').getAttribute('data-count')), { timeout: 10_000 }).toBe(summary.counts.overdue);
  await cockpitShot('cockpit-drill');
  await closeDrawer(cp);

  // A task closed meanwhile shows on the cockpit after the next refresh (every 60 s), without a reload.
  const open = await e.deps.db.selectFrom('tasks').select('id').where('plan_id', '=', planId).where('closed_on', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  await e.deps.db.updateTable('tasks').set({ closed_on: '2021-03-02' }).where('id', '=', open.id).execute();
  forgetDashboardCache(e.deps);
  const before = await figure(cp, 'cockpit-done');
  // (The fake clock also runs on by itself, so only "within the minute" is checked, not "not before".)
  await cp.clock.runFor(61_000);
  await expect.poll(() => figure(cp, 'cockpit-done'), { timeout: 10_000 }).toBe(before + 1);
  await context.close();

  // 4. Signed out, the public page shows the plan's tasks by section and nothing internal.
  // Every plan (no planId): the figures of the unnarrowed API.
  await page.goto(`${baseUrl}/dashboard`);
  const all = await api<DashboardSummary>(page, '/api/dashboard/summary');
  expect(await figure(page, 'summary-tasks')).toBe(all.counts.total);
  expect(await figure(page, 'summary-overdue')).toBe(all.counts.overdue);
  await signOut(page);
  await page.goto(`${baseUrl}/public`);
  await page.getByTestId('public-plan-link').first().waitFor();
  expect(page.url()).toMatch(/\/public$/);
  await e.shot('public-list');
  await page.getByTestId('public-plan-link').first().click();
  await page.waitForURL(new RegExp(`/public/plans/${planId}$`));
  await page.getByTestId('public-task').first().waitFor();
  const publicPlan = await api<PublicPlan>(page, `/api/public/plans/${planId}`);
  expect(await page.getByTestId('public-task').count()).toBe(publicPlan.sections.reduce((n, s) => n + s.tasks.length, 0));
  expect(await page.getByTestId('public-section').count()).toBe(publicPlan.sections.length);
  expect(Number(await page.getByTestId('public-counts').getAttribute('data-total'))).toBe(summary.counts.total);
  const text = (await page.locator('body').textContent()) ?? '';
  for (const word of ['佐证', '审核意见', '批示', '联系人', LEADER_NAME, STAFF_NAME, '退出登录']) expect(text).not.toContain(word);
  await e.shot('public-plan');

  // 5. The administrator turns the page off: it says so.
  await putPublicPage(e.deps, SYSTEM_ACTOR, { enabled: false });
  await page.reload();
  await page.getByTestId('public-closed').waitFor();
  expect(await page.locator('body').textContent()).toContain('公开页面已关闭');
  await page.goto(`${baseUrl}/public`);
  await page.getByTestId('public-closed').waitFor();
  await e.shot('public-closed');
});
