import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { SYSTEM_ACTOR } from '#server/context.ts';
import { importSampleIfEmpty } from '#server/sample.ts';
import { createUser } from '#server/users/users.service.ts';
import { join } from 'node:path';
import { clickSettled, SHOTS_DIR, startE2E, type E2E, signIn as signInAs, signOut } from './harness.ts';

const PASSWORD = 'Tuijin-e2e-2021!';
const TITLE = '2021年第二季度政务服务大厅暗访';
const SEED = 'e2e-covert-2021';
const FINDING = '综合窗口工作人员离岗20分钟，群众排队无人受理，未设置离岗告示。';
const FIRST_MEASURES = '已对窗口工作人员进行提醒教育。';
const FAIL_REASONS = '仅口头提醒，未见排班表与离岗登记制度，请完善后再报。';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let e: E2E;
/** Three plain units in scope, each with a manager account: the draw picks one of them. */
let units: { id: number; name: string; username: string }[];

/** A real PNG of w × h pixels (a blue and white grid), so that the thumbnail shows something. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const on = (Math.floor(x / 20) + Math.floor(y / 20)) % 2 === 0;
      rows.set(on ? [29, 79, 145] : [240, 244, 250], y * (w * 3 + 1) + 1 + x * 3);
    }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  e = await startE2E();
  await importSampleIfEmpty(e.deps);
  const rows = await e.deps.db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('parent_id', 'is', null)
    .where('is_collective', '=', 0)
    .orderBy('id')
    .limit(3)
    .execute();
  if (rows.length < 3) throw new Error('the sample plan has fewer than three plain units');
  units = rows.map((u, i) => ({ ...u, username: `danwei${i + 1}` }));
  const account = { password: PASSWORD, mustChangePassword: false, leaderSectionIds: [] };
  for (const u of units)
    await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: u.username, displayName: `${u.name}管理员`, unitId: u.id, roles: ['unit_manager'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'tongchou', displayName: '赵统筹', unitId: null, roles: ['coordinator'] });
  await createUser(e.deps, SYSTEM_ACTOR, { ...account, username: 'ducha', displayName: '钱督查', unitId: null, roles: ['inspector'] });
});
afterAll(async () => e?.close());

const signIn = (page: Page, username: string) => signInAs(page, username, PASSWORD);

/** An API answer's status and body, read with the page's session as the web app would. */
async function api(page: Page, path: string): Promise<{ status: number; body: unknown; text: string }> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: 'application/json' } });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: res.status, body, text };
  }, path);
}

/** The text of a .docx's document part, tags removed. */
async function docxText(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

/** Waits for tables and transitions to settle, then shoots the page at desktop and at phone size. */
async function shots(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await e.shot(name);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SHOTS_DIR, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(200);
}

/** The <input> of an antd field whose test id sits on the input itself or on its wrapper. */
async function inputOf(field: Locator): Promise<Locator> {
  return (await field.evaluate((el) => el.tagName)) === 'INPUT' ? field : field.locator('input').first();
}

/** Picks an option of an antd Select by typing part of its label. */
async function pick(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await clickSettled(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first());
}

it('an 暗访 from plan to random draw, a finding with a photo hidden from the unit until release, the notice, a failed and a passed re-check', async () => {
  const { page, baseUrl } = e;
  onTestFailed(async () => {
    await e.shot('inspection-covert-failure');
  });

  // 1. The coordinator plans an unannounced visit over three units with one inspector in the pool.
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login$/);
  await signIn(page, 'tongchou');
  await page.getByTestId('menu-inspections').click();
  await page.waitForURL(/\/inspections$/);
  await page.getByTestId('inspection-create').click();
  await page.waitForURL(/\/inspections\/new$/);
  await page.getByTestId('inspection-title').fill(TITLE);
  await page.getByText('暗访', { exact: true }).click();
  await page.getByText('发布问题前被检查单位看不到本计划').waitFor();
  await page.getByTestId('inspection-basis').fill('区政府常务会议决定（2021年第8次）');
  for (const u of units) await pick(page, 'inspection-scope-units', u.name);
  await page.keyboard.press('Escape');
  await pick(page, 'inspection-inspectors', '钱督查');
  await page.keyboard.press('Escape');
  await shots(page, 'inspection-form');
  await page.getByTestId('inspection-save').click();
  await page.waitForURL(/\/inspections\/\d+$/);
  const inspectionId = Number(/\/inspections\/(\d+)$/.exec(page.url())![1]);

  // 2. The random draw: one target, the seed typed in, shown with the result and re-run by the server.
  await page.getByTestId('draw-panel').waitFor();
  await (await inputOf(page.getByTestId('draw-size'))).fill('1');
  await (await inputOf(page.getByTestId('draw-seed'))).fill(SEED);
  await page.getByTestId('draw-run').click();
  await page.getByTestId('draw-result').waitFor();
  expect(await page.getByTestId('draw-result').getAttribute('data-seed')).toBe(SEED);
  await page.getByTestId('draw-reproduced').waitFor();
  // Anyone can re-run it in their browser from the stored seed and input.
  await page.getByTestId('draw-verify').click();
  expect(await page.getByTestId('draw-verify-result').getAttribute('data-match')).toBe('true');
  await expect.poll(() => page.getByTestId('target-row').count()).toBe(1);
  const targetId = Number(await page.getByTestId('target-row').getAttribute('data-unit-id'));
  const target = units.find((u) => u.id === targetId)!;
  const bystander = units.find((u) => u.id !== targetId)!;
  expect(target).toBeDefined();
  expect(await page.getByTestId('draw-result-table').textContent()).toContain('钱督查');
  await shots(page, 'inspection-plan-drawn');
  await page.getByTestId('menu-inspections').click();
  await page.getByTestId('inspection-row').filter({ hasText: TITLE }).waitFor();
  await shots(page, 'inspection-list');
  await signOut(page);

  // 3. The inspector lands on the plans assigned to them, records a visit with its coordinates on the map.
  await signIn(page, 'ducha');
  await page.waitForURL(/\/inspections$/);
  await page.getByTestId('inspection-row').filter({ hasText: TITLE }).click();
  await page.waitForURL(new RegExp(`/inspections/${inspectionId}$`));
  await page.getByRole('tab', { name: /走访/ }).click();
  await page.getByTestId('visit-add').click();
  await page.getByTestId('visit-place').fill('区政务服务中心一楼 综合窗口');
  await (await inputOf(page.getByTestId('visit-lat'))).fill('35.0635');
  await (await inputOf(page.getByTestId('visit-lng'))).fill('118.3426');
  await page.getByTestId('visit-save').click();
  await page.getByTestId('visit-row').first().waitFor();
  expect(await page.getByTestId('visit-map-point').getAttribute('data-located')).toBe('true');

  // 4. The finding, entered on a phone: a 21 MB photo is refused before anything is sent, a real one is kept.
  await page.getByTestId('finding-add').first().click();
  await page.waitForURL(/\/findings\/new\?visit=\d+$/);
  await page.setViewportSize(PHONE);
  await page.getByTestId('finding-description').fill(FINDING);
  await page.getByTestId('finding-category').click();
  await clickSettled(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '工作纪律' }));
  await page.getByTestId('finding-location').fill('一楼 3号综合窗口');
  expect(await page.getByTestId('evidence-camera').getAttribute('capture')).toBe('environment');
  expect(await page.getByTestId('evidence-camera').getAttribute('accept')).toBe('image/*,video/*,audio/*');
  await page.getByTestId('evidence-file').setInputFiles({ name: '超大照片.png', mimeType: 'image/png', buffer: Buffer.alloc(21 * 1024 * 1024, 1) });
  await page.getByTestId('evidence-error').filter({ hasText: '超过照片的 20 MB 上限' }).waitFor();
  await page.getByTestId('finding-save').click();
  await page.getByTestId('finding-error').filter({ hasText: '不能上传' }).waitFor();
  expect(await e.deps.db.selectFrom('inspection_findings').select('id').execute()).toEqual([]);
  await page.getByTestId('evidence-picked').getByRole('button', { name: '移除' }).click();
  await page.getByTestId('evidence-file').setInputFiles({ name: '窗口离岗.png', mimeType: 'image/png', buffer: png(480, 320) });
  await page.getByTestId('evidence-picked').filter({ hasText: '窗口离岗.png' }).waitFor();
  await page.setViewportSize(DESKTOP);
  await shots(page, 'finding-form');
  await page.getByTestId('finding-save').click();
  await page.waitForURL(/\/findings\/\d+$/);
  const findingId = Number(/\/findings\/(\d+)$/.exec(page.url())![1]);
  await page
    .getByTestId('evidence-item')
    .filter({ has: page.locator('img') })
    .waitFor();
  const evidence = await e.deps.db.selectFrom('inspection_evidence').select(['id', 'kind', 'file_name']).where('finding_id', '=', findingId).execute();
  expect(evidence).toMatchObject([{ kind: 'photo', file_name: '窗口离岗.png' }]);
  await shots(page, 'finding-detail');
  await page.goto(`${baseUrl}/inspections/${inspectionId}`);
  await page.getByRole('tab', { name: /走访/ }).click();
  await page.getByTestId('visit-map').waitFor();
  await shots(page, 'inspection-visits');
  // The offline template is a real workbook the inspector can fill in.
  await page.getByRole('tab', { name: /问题清单/ }).click();
  await page.getByTestId('findings-import-open').click();
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('findings-template').click()]);
  expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = await JSZip.loadAsync(await readFile(await template.path()));
  expect(Object.keys(workbook.files)).toContain('xl/workbook.xml');
  await page.keyboard.press('Escape');
  await signOut(page);

  // 5. The target unit sees nothing of the covert plan before release: not the plan, its visits, findings, evidence or export.
  await signIn(page, target.username);
  await page.waitForURL(/\/workbench$/);
  const list = (await api(page, '/api/inspections')).body as { data: { id: number }[] };
  expect(list.data.map((i) => i.id)).not.toContain(inspectionId);
  expect((await api(page, `/api/inspections/${inspectionId}`)).status).toBe(404);
  expect((await api(page, `/api/inspections/${inspectionId}/visits`)).status).toBe(404);
  expect((await api(page, `/api/findings/${findingId}`)).status).toBe(404);
  expect((await api(page, `/api/inspection-evidence/${evidence[0]!.id}`)).status).toBe(404);
  expect(((await api(page, `/api/findings?inspectionId=${inspectionId}`)).body as { total: number }).total).toBe(0);
  expect(((await api(page, `/api/rectifications/findings`)).body as { total: number }).total).toBe(0);
  const exported = await api(page, `/api/findings/export.xlsx?inspectionId=${inspectionId}`);
  expect(exported.text).not.toContain('离岗');
  await page.getByTestId('menu-inspections').click();
  await page.waitForURL(/\/inspections$/);
  await page.getByText('暂无可查看的督查计划').waitFor();
  expect(await page.getByText(TITLE).count()).toBe(0);
  await shots(page, 'inspection-unit-before-release');
  await page.goto(`${baseUrl}/inspections/${inspectionId}`);
  await page.locator('.ant-result-title', { hasText: '督查计划不存在' }).waitFor();
  await page.goto(`${baseUrl}/findings/${findingId}`);
  await page.locator('.ant-result-title', { hasText: '问题不存在' }).waitFor();
  await signOut(page);

  // 6. The coordinator releases the findings and issues the notice; its .docx names the finding.
  await signIn(page, 'tongchou');
  await page.waitForURL(/\/plans$/);
  await page.goto(`${baseUrl}/inspections/${inspectionId}`);
  await page.getByRole('tab', { name: /问题清单/ }).click();
  await page.getByTestId('finding-row').first().waitFor();
  await page.getByTestId('findings-by-severity').waitFor();
  await shots(page, 'inspection-findings');
  await page.getByTestId('inspection-release').click();
  await page.getByTestId('inspection-release-confirm').click();
  await page.getByTestId('inspection-release-state').filter({ hasText: '问题已发布' }).waitFor();
  await page.getByTestId('inspection-notice').click();
  await pick(page, 'notice-unit', target.name);
  await page.getByTestId('notice-basis').filter({ hasText: '许昌市营商环境问题线索案件调查处理办法' }).waitFor();
  await shots(page, 'notice-create');
  await page.getByTestId('notice-create-confirm').click();
  await page.waitForURL(/\/rectifications\/notices\/\d+$/);
  const noticeId = Number(/\/notices\/(\d+)$/.exec(page.url())![1]);
  await page.getByTestId('finding-rectification').waitFor();
  expect(await page.getByTestId('finding-rectification').getAttribute('data-status')).toBe('noticed');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-download-docx').click()]);
  expect(file.suggestedFilename()).toMatch(/\.docx$/);
  const docx = await file.path();
  expect((await readFile(docx)).subarray(0, 2).toString()).toBe('PK');
  const text = await docxText(docx);
  expect(text).toContain(FINDING);
  expect(text).toContain(target.name);
  expect(text).toContain('整改');
  await shots(page, 'notice-page');
  await signOut(page);

  // A unit that was not a target still sees nothing of it after release.
  await signIn(page, bystander.username);
  await page.waitForURL(/\/workbench$/);
  expect((await api(page, `/api/inspections/${inspectionId}`)).status).toBe(404);
  expect((await api(page, `/api/findings/${findingId}`)).status).toBe(404);
  expect((await api(page, `/api/rectifications/notices/${noticeId}`)).status).toBe(404);
  await signOut(page);

  /** The unit answers the finding with measures and a photo, and sends it. */
  async function answer(measures: string) {
    await signIn(page, target.username);
    await page.waitForURL(/\/workbench$/);
    await page.getByTestId('menu-rectifications').click();
    await page.getByTestId('rect-item-row').first().waitFor();
    await page.getByTestId('rect-item-link').first().click();
    await page.waitForURL(new RegExp(`/rectifications/notices/${noticeId}$`));
    await page.getByTestId('answer-form').waitFor();
    await page.getByTestId('answer-measures').fill(measures);
    await page.getByTestId('evidence-file').setInputFiles({ name: '整改后窗口.png', mimeType: 'image/png', buffer: png(320, 240) });
    await page.getByTestId('evidence-picked').waitFor();
    await shots(page, measures === FIRST_MEASURES ? 'rect-answer' : 'rect-answer-again');
    await page.getByTestId('answer-submit').click();
    await expect.poll(() => page.getByTestId('finding-rectification').getAttribute('data-status'), { timeout: 15_000 }).toBe('answered');
    await signOut(page);
  }
  /** The inspector re-checks it from their 待复查 list. */
  async function recheck(passed: boolean) {
    await signIn(page, 'ducha');
    await page.waitForURL(/\/inspections$/);
    await page.getByTestId('menu-rectifications').click();
    await page.locator(`[data-testid=rect-item-row][data-finding-id="${findingId}"]`).waitFor();
    if (!passed) await shots(page, 'rect-list-inspector');
    await page.getByTestId('rect-item-link').first().click();
    await page.getByTestId('recheck-form').waitFor();
    await page.getByText(passed ? '整改到位（销号）' : '未到位（退回）').click();
    if (!passed) await page.getByTestId('recheck-reasons').fill(FAIL_REASONS);
    await page.getByTestId('recheck-submit').click();
    await expect.poll(() => page.getByTestId('finding-rectification').getAttribute('data-status'), { timeout: 15_000 }).toBe(passed ? 'closed' : 'returned');
    await shots(page, passed ? 'rect-closed' : 'rect-returned');
    await signOut(page);
  }

  // 7. The unit answers; the inspector fails it with reasons; the unit reads them and answers again; it passes.
  await answer(FIRST_MEASURES);
  await recheck(false);
  await signIn(page, target.username);
  await page.waitForURL(/\/workbench$/);
  await page.goto(`${baseUrl}/rectifications/notices/${noticeId}`);
  await page.getByText(FAIL_REASONS).first().waitFor();
  await signOut(page);
  await answer('已制定窗口AB岗排班表，离岗须在叫号系统登记并挂牌告示，科长每日抽查，附排班表与登记截图。');
  await recheck(true);

  const finding = await e.deps.db.selectFrom('inspection_findings').select('status').where('id', '=', findingId).executeTakeFirstOrThrow();
  expect(finding.status).toBe('closed');
  await signIn(page, 'tongchou');
  await page.waitForURL(/\/plans$/);
  await page.goto(`${baseUrl}/findings/${findingId}`);
  await page.getByTestId('finding-status').filter({ hasText: '已销号' }).first().waitFor();
  await page.goto(`${baseUrl}/rectifications`);
  await page.getByTestId('rect-figures').waitFor();
  await shots(page, 'rect-figures');
  await page.goto(`${baseUrl}/findings`);
  await page.getByTestId('finding-groups').locator('tbody tr').first().waitFor();
  await shots(page, 'findings-all');
});
