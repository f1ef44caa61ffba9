import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { buildApp } from '#server/app.ts';
import { loadConfig } from '#server/config.ts';
import { openDatabase } from '#server/db/connection.ts';
import { type Deps, SYSTEM_ACTOR } from '#server/context.ts';
import { createUser } from '#server/users/users.service.ts';
import { totpCode } from '#core/auth/totp.ts';
import { systemClock } from '#server/clock.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS_DIR = join(ROOT, 'test-results', 'screenshots');

export interface E2E {
  baseUrl: string;
  deps: Deps;
  browser: Browser;
  page: Page;
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A real server on a fresh SQLite database serving the built web app, and a headless Chromium page. */
export async function startE2E(): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tuijin-e2e-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined, PORT: '0', HOST: '127.0.0.1' });
  const database = await openDatabase({ sqlitePath: config.sqlitePath });
  const deps: Deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
  const app = await buildApp({ deps, webDir: join(ROOT, 'dist', 'web') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  mkdirSync(SHOTS_DIR, { recursive: true });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    deps,
    browser,
    page,
    async shot(name) {
      const path = join(SHOTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** Fills the sign-in form on the current page (the login page, or a page that redirected there). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Clicks an item of a dropdown once it has stopped moving: the popup slides in, and on a page taller
 * than the window its first frame can sit elsewhere; a click computed then lands beside the item.
 */
export async function clickSettled(item: Locator): Promise<void> {
  await item.waitFor({ state: 'visible' });
  let last = '';
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const box = JSON.stringify(await item.boundingBox());
    if (box === last && box !== 'null') break;
    last = box;
    await new Promise((r) => setTimeout(r, 150));
  }
  await item.click();
}

/** Signs out through the user menu and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await clickSettled(page.getByRole('menuitem', { name: '退出登录' }));
  await page.waitForURL(/\/login$/, { timeout: 10_000 }).catch((err: unknown) => {
    throw new Error(`sign-out did not reach /login (at ${page.url()}): ${String(err)}`);
  });
}

/**
 * The first sign-in of an administrator: the enrolment page shows the TOTP secret; as a phone would,
 * compute the code from it, confirm, and pass the recovery codes. Returns the secret and the codes.
 */
export async function enrolSecondFactor(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByTestId('totp-enrol').waitFor();
  await page.getByTestId('totp-qr').waitFor();
  const secret = ((await page.getByTestId('totp-secret').first().textContent()) ?? '').replace(/\s/g, '');
  await page.getByTestId('totp-code').fill(totpCode(secret, Date.now()));
  await page.getByTestId('totp-confirm').click();
  await page.getByTestId('recovery-codes').waitFor();
  const recoveryCodes = ((await page.getByTestId('recovery-codes').textContent()) ?? '')
    .split('\n')
    .map((c) => c.trim())
    .filter(Boolean);
  await page.getByTestId('recovery-done').click();
  return { secret, recoveryCodes };
}

/** The coordinator account (tongchou, 统筹协调员) the import tests sign in as, with its password. */
export async function addCoordinator(deps: Deps, password: string): Promise<void> {
  await createUser(deps, SYSTEM_ACTOR, {
    username: 'tongchou',
    displayName: '统筹协调员',
    unitId: null,
    roles: ['coordinator'],
    leaderSectionIds: [],
    password,
    mustChangePassword: false,
  });
}

/** The lead units of every task, in the order the plan names them: where the browser tests pick a task with one plain lead. */
export async function leadsByTask(deps: Deps): Promise<Map<number, number[]>> {
  const links = await deps.db
    .selectFrom('task_units')
    .select(['task_id', 'unit_id', 'role'])
    .where('role', '=', 'lead')
    .orderBy('task_id')
    .orderBy('ordinal')
    .execute();
  const byTask = new Map<number, number[]>();
  for (const l of links) byTask.set(l.task_id, [...(byTask.get(l.task_id) ?? []), l.unit_id]);
  return byTask;
}
