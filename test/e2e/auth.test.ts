
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '#server/context.ts';
import { importSampleIfEmpty } from '#server/sample.ts';
import { createUser } from '#server/users/users.service.ts';
import { totpCode } from '#core/auth/totp.ts';
import { enrolSecondFactor, signOut, startE2E, type E2E, signIn } from './harness.ts';

const PASSWORD = 'Tuijin-e2e-2021!';
const UNIT = '区税务局';

let e: E2E;
let unitId: number;
/** Tasks where the unit is named (lead or responsible), from the database. */
let unitTaskIds: Set<number>;
/** A task the unit is not named on. */
let otherTaskId: number;
/** What the browser reported as refused by the Content-Security-Policy, on every page of these tests. */
const cspViolations: string[] = [];

beforeAll(async () => {
  e = await startE2E();
  await importSampleIfEmpty(e.deps);
  const { db } = e.deps;
  unitId = (await db.selectFrom('units').select('id').where('name', '=', UNIT).executeTakeFirstOrThrow()).id;
  const rows = await db.selectFrom('task_units').select('task_id').where('unit_id', '=', unitId).execute();
  unitTaskIds = new Set(rows.map((r) => r.task_id));
  const other = await db
    .selectFrom('tasks')
    .select('id')
    .where('id', 'not in', [...unitTaskIds])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  otherTaskId = other.id;
  const account = { password: PASSWORD, mustChangePassword: false, leaderSectionIds: [] };
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'shuiwu', displayName: '王税务', unitId, roles: ['unit_manager'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'sysadmin', displayName: '系统管理员', unitId: null, roles: ['admin'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'shenji', displayName: '审计管理员', unitId: null, roles: ['audit_admin'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'anquan', displayName: '安全管理员', unitId: null, roles: ['security_admin'] });
  e.page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspViolations.push(`${e.page.url()}: ${m.text()}`);
  });
});
afterAll(async () => e?.close());

it('a unit manager signs in, sees exactly their unit’s tasks, edits a contact, and is kept out of the admin pages', async () => {
  const { page, baseUrl } = e;
  expect(unitTaskIds.size).toBeGreaterThan(0);

  // Without a session every page leads to the login page, which remembers where the user was going.
  await page.goto(`${baseUrl}/plans/1`);
  await page.waitForURL(/\/login\?next=%2Fplans%2F1$/);
  await page.getByText('推进 · 方案落实平台').first().waitFor();
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login$/);
  await signIn(page, 'shuiwu', 'wrong-password-1A');
  expect(await page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
  await signIn(page, 'shuiwu', PASSWORD);

  // Lands on the workbench; 我的单位 lists exactly the unit's tasks.
  await page.waitForURL(/\/workbench$/);
  await page.getByTestId('menu-my').click();
  await page.waitForURL(/\/my$/);
  await page.getByTestId('my-task-total').waitFor();
  expect(Number(await page.getByTestId('my-task-total').getAttribute('data-count'))).toBe(unitTaskIds.size);
  await page.getByTestId('my-task-link').first().waitFor();
  const hrefs = await page.getByTestId('my-task-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const shown = new Set(hrefs.map((h) => Number(/\/tasks\/(\d+)$/.exec(h ?? '')?.[1])));
  expect(shown).toEqual(unitTaskIds);
  expect(await page.locator(`a[href="/tasks/${otherTaskId}"]`).count()).toBe(0);
  expect(await page.getByText(UNIT).first().isVisible()).toBe(true);

  // The menu offers the unit's page but no administration.
  await page.getByTestId('menu-my').waitFor();
  expect(await page.getByTestId('menu-users').count()).toBe(0);
  expect(await page.getByTestId('menu-audit').count()).toBe(0);
  expect(await page.getByTestId('menu-imports').count()).toBe(0);

  // Edit the unit's contact for the first (soonest) task.
  const firstHref = hrefs[0]!;
  const taskId = Number(/\/tasks\/(\d+)$/.exec(firstHref)![1]);
  await page.getByTestId('my-task-edit-contact').first().click();
  await page.getByTestId('contact-name').fill('李联络');
  await page.getByTestId('contact-phone').fill('0632-8812345');
  await page.getByTestId('contact-note').fill('征管科负责');
  await page.getByTestId('contact-save').click();
  await page.getByText('联系人已保存').waitFor();
  await page.getByTestId('my-task-contact').filter({ hasText: '李联络' }).first().waitFor();
  const saved = await e.deps.db
    .selectFrom('task_units')
    .select(['contact_name', 'contact_phone', 'note'])
    .where('task_id', '=', taskId)
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  expect(saved).toEqual({ contact_name: '李联络', contact_phone: '0632-8812345', note: '征管科负责' });
  await e.shot('my-unit');

  // The server refuses a crafted write outside the unit's rights (and records it).
  const status = await page.evaluate(async () => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const res = await fetch('/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ username: 'intruder', displayName: '越权', unitId: null, roles: ['admin'], leaderSectionIds: [] }),
    });
    return res.status;
  });
  expect(status).toBe(403);

  // An admin page opened by address shows the 403 page inside the app frame.
  await page.goto(`${baseUrl}/admin/users`);
  await page.getByText('无权访问此页面').waitFor();
  await page.getByTestId('user-menu').waitFor();
  await e.shot('forbidden');

  // Sign out through the user menu.
  await page.getByTestId('user-menu').click();
  await page.getByText('退出登录').click();
  await page.waitForURL(/\/login$/);
});

it('an admin manages accounts and settings, and does not see the audit trail (三权分立)', async () => {
  const { page, baseUrl } = e;
  await page.goto(`${baseUrl}/admin/users`);
  await page.waitForURL(/\/login\?next=%2Fadmin%2Fusers$/);
  await signIn(page, 'sysadmin', PASSWORD);
  // An administrator signs in with a second factor: the first time, the app asks to enrol one.
  await page.getByTestId('totp-qr').waitFor();
  await e.shot('totp-enrol');
  const { secret, recoveryCodes } = await enrolSecondFactor(page);
  expect(recoveryCodes).toHaveLength(10);
  await page.waitForURL(/\/admin\/users$/);
  await page.getByText('shuiwu').waitFor();
  expect(await page.getByTestId('menu-users').count()).toBe(1);
  expect(await page.getByTestId('menu-audit').count()).toBe(0);
  expect(await page.getByTestId('menu-my').count()).toBe(0);

  // Create an account: its initial password is shown once.
  await page.getByTestId('user-create').click();
  await page.getByTestId('user-username').fill('zhangwei');
  await page.getByTestId('user-display-name').fill('张伟');
  await page.getByTestId('user-unit').click();
  await page.keyboard.type(UNIT);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '创 建' }).or(page.getByRole('button', { name: '创建' })).click();
  await page.getByTestId('password-once').waitFor();
  const initial = (await page.getByTestId('password-once').textContent())?.trim() ?? '';
  expect(initial.length).toBeGreaterThanOrEqual(10);
  await page.getByRole('button', { name: '我已记下' }).click();
  await page.getByTestId('password-once').waitFor({ state: 'hidden' });
  await page.getByText('zhangwei', { exact: true }).waitFor();
  const created = await e.deps.db.selectFrom('users').select(['unit_id', 'roles', 'must_change_password']).where('username', '=', 'zhangwei').executeTakeFirstOrThrow();
  expect(created).toEqual({ unit_id: unitId, roles: '["unit_staff"]', must_change_password: 1 });
  await e.shot('accounts');

  // Settings: add 2027 to the working-day calendar (the built-in data ends with 2026), then close the public page.
  await page.getByTestId('menu-settings').click();
  await page.waitForURL(/\/admin\/settings$/);
  await page.getByRole('button', { name: '补充 2027 年' }).click();
  await page.getByLabel('放假日期').fill('2027-01-01\n2027-01-02\n2027-01-03');
  await page.getByLabel('调休上班日').fill('2027-01-09');
  await page.getByTestId('calendar-editor').getByRole('button', { name: /保\s*存/ }).click();
  await page.getByTestId('settings-calendar').getByText('管理员补充').waitFor();
  const stored = await e.deps.db.selectFrom('settings').select('value').where('key', '=', 'calendar_years').executeTakeFirstOrThrow();
  expect(JSON.parse(stored.value)).toEqual([{ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] }]);
  await page.getByTestId('settings-public').getByRole('switch').click();
  await page.getByText('公开页面已关闭').first().waitFor();
  expect((await fetch(`${baseUrl}/api/public/plans`)).status).toBe(404);
  await e.shot('settings');

  // The next sign-in asks for the code after the password. The enrolment used this time step, so the
  // code of the next one (accepted: one step of drift either way) signs in; an old code does not.
  await signOut(page);
  await page.goto(`${baseUrl}/admin/users`);
  await signIn(page, 'sysadmin', PASSWORD);
  await page.getByTestId('login-code').fill(totpCode(secret, Date.now() - 60_000));
  await page.getByTestId('login-code-submit').click();
  await page.getByTestId('code-error').waitFor();
  await e.shot('login-code');
  await page.getByTestId('login-code').fill(totpCode(secret, Date.now() + 30_000));
  await page.getByTestId('login-code-submit').click();
  await page.waitForURL(/\/admin\/users/);
  await page.getByTestId('menu-users').waitFor();

  // The audit page opened by address: refused inside the app frame; the API refuses it too.
  await page.goto(`${baseUrl}/admin/audit`);
  await page.getByText('无权访问此页面').waitFor();
  expect(await page.evaluate(async () => (await fetch('/api/audit')).status)).toBe(403);
  await signOut(page);
});

it('the audit administrator alone reads the audit trail, checks its chain and sets its retention', async () => {
  const { page, baseUrl } = e;
  await page.goto(`${baseUrl}/admin/audit`);
  await page.waitForURL(/\/login\?next=%2Fadmin%2Faudit$/);
  await signIn(page, 'shenji', PASSWORD);
  // Each of the three administrators signs in with a second factor.
  await enrolSecondFactor(page);
  await page.waitForURL(/\/admin\/audit$/);
  await page.getByTestId('menu-audit').waitFor();
  expect(await page.getByTestId('menu-users').count()).toBe(0);
  expect(await page.getByTestId('menu-settings').count()).toBe(0);

  // The audit trail: the contact edit with its before/after, and the refused request in red.
  await page.getByTestId('audit-denied').first().waitFor();
  const contactRow = page.locator('tr', { hasText: 'task.contact' }).first();
  await contactRow.click();
  await page.getByTestId('audit-diff').first().waitFor();
  expect(await page.getByTestId('audit-diff').first().textContent()).toContain('李联络');
  expect(await page.getByTestId('audit-export').getAttribute('href')).toBe('/api/audit.xlsx');
  await e.shot('audit');

  // The hash chain verifies; the retention is set to a year.
  await page.getByTestId('audit-verify').click();
  await page.getByTestId('audit-verify-result').waitFor();
  expect(await page.getByTestId('audit-verify-result').textContent()).toMatch(/哈希链完整：已校验 \d+ 条/);
  const days = page.getByTestId('audit-integrity').getByRole('spinbutton');
  await days.fill('365');
  await page.getByTestId('audit-integrity').getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('审计日志保留期限已设为 365 天').waitFor();
  const stored = await e.deps.db.selectFrom('settings').select('value').where('key', '=', 'audit_retention').executeTakeFirstOrThrow();
  expect(JSON.parse(stored.value)).toEqual({ days: 365 });
  await e.shot('audit-integrity');
});

it('the security administrator unlocks and resets passwords, and neither creates nor edits accounts', async () => {
  const { page, baseUrl } = e;
  // A locked account (ten wrong passwords, as the sign-in would leave it).
  await e.deps.db.updateTable('users').set({ failed_logins: 10, locked_until: new Date(Date.now() + 15 * 60_000).toISOString() }).where('username', '=', 'shuiwu').execute();
  await signOut(page);
  await page.goto(`${baseUrl}/admin/users`);
  await page.waitForURL(/\/login\?next=%2Fadmin%2Fusers$/);
  await signIn(page, 'anquan', PASSWORD);
  await enrolSecondFactor(page);
  await page.waitForURL(/\/admin\/users$/);
  await page.getByTestId('menu-users').waitFor();
  expect(await page.getByTestId('menu-audit').count()).toBe(0);
  expect(await page.getByTestId('menu-settings').count()).toBe(0);
  expect(await page.getByTestId('user-create').count()).toBe(0);
  expect(await page.getByTestId('users-import').count()).toBe(0);
  const row = page.locator('tr', { hasText: 'shuiwu' });
  await row.getByTestId('user-locked').waitFor();
  expect(await row.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
  await row.getByRole('button', { name: /解\s*锁/ }).click();
  await page.getByText('已解锁“王税务”').waitFor();
  const unlocked = await e.deps.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('username', '=', 'shuiwu').executeTakeFirstOrThrow();
  expect(unlocked).toEqual({ failed_logins: 0, locked_until: null });
  await row.getByRole('button', { name: /重置密码/ }).click();
  await page.locator('.ant-popconfirm-buttons').getByRole('button', { name: /重\s*置/ }).click();
  await page.getByTestId('password-once').waitFor({ state: 'visible' });
  await page.getByText('密码已重置').waitFor();
  expect(((await page.getByTestId('password-once').textContent()) ?? '').trim().length).toBeGreaterThanOrEqual(10);
  await e.shot('security-admin');
  await page.getByRole('button', { name: /我已记下/ }).click();

  // A lost phone: the security administrator resets an account's second factor; it enrols again at its next sign-in.
  await row.getByTestId('user-reset-totp').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /重\s*置/ }).click();
  await page.getByText('已重置“王税务”的双因素认证').waitFor();
  const totpReset = await e.deps.db.selectFrom('audit_events').select(['actor_name', 'entity_id']).where('action', '=', 'auth.totp_reset').executeTakeFirstOrThrow();
  expect(totpReset).toEqual({ actor_name: 'anquan', entity_id: String((await e.deps.db.selectFrom('users').select('id').where('username', '=', 'shuiwu').executeTakeFirstOrThrow()).id) });

  // The security settings are the security administrator's page.
  await page.getByTestId('menu-security').click();
  await page.waitForURL(/\/admin\/security$/);
  // The office's own sign-in numbers: a 20-minute idle timeout.
  const security = page.getByTestId('settings-security');
  await security.getByLabel('空闲超时（分钟）').fill('20');
  await security.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('安全设置已保存').first().waitFor();
  const sec = await e.deps.db.selectFrom('settings').select('value').where('key', '=', 'security').executeTakeFirstOrThrow();
  expect(JSON.parse(sec.value)).toMatchObject({ idleMinutes: 20, absoluteHours: 12, passwordMaxAgeDays: null });
  await e.shot('security-settings');
  // (Still signed in: the next test starts by signing out.)
});

it('a user with a temporary password must change it before the app opens', async () => {
  const { page, baseUrl } = e;
  await signOut(page);
  await createUser(e.deps, SYSTEM_ACTOR, { username: 'xinren', displayName: '新人', unitId, roles: ['unit_manager'], leaderSectionIds: [], password: PASSWORD, mustChangePassword: true });
  await page.goto(`${baseUrl}/my`);
  await page.waitForURL(/\/login\?next=%2Fmy$/);
  await signIn(page, 'xinren', PASSWORD);
  await page.getByTestId('password-gate').waitFor();
  // The server refuses the app's own requests meanwhile; the page shows only the form.
  expect(await page.getByTestId('menu-my').count()).toBe(0);
  const refused = await page.evaluate(async () => (await fetch('/api/me/tasks')).status);
  expect(refused).toBe(403);
  await e.shot('password-gate');
  await page.getByTestId('password-current').fill(PASSWORD);
  await page.getByTestId('password-new').fill('Chosen-pass-2026!');
  await page.getByTestId('password-confirm').fill('Chosen-pass-2026!');
  await page.getByRole('button', { name: '确认修改' }).click();
  await page.getByTestId('my-task-total').waitFor();
  expect(page.url()).toMatch(/\/my$/);
  const row = await e.deps.db.selectFrom('users').select('must_change_password').where('username', '=', 'xinren').executeTakeFirstOrThrow();
  expect(row.must_change_password).toBe(0);
});

it('loads every page under the Content-Security-Policy without a violation', () => {
  expect(cspViolations).toEqual([]);
});
