import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedTask } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTask>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await seedTask(t.deps.db);
  await t.addUser('lead-mgr', ['unit_manager'], ids.lead);
});
afterAll(async () => t.close());

it('prints the 督办通知 as an official-style .docx naming the task, units, due date and days overdue', async () => {
  const res = await t.inject({ method: 'GET', url: `/api/tasks/${ids.taskId}/supervision-notice.docx` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml.document');
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain('压减开办企业时间');
  expect(xml).toContain('督办通知');
  expect(xml).toContain('区审批服务局');
  expect(xml).toContain('区市场监管局');
  expect(xml).toContain('2021年10月8日');
  expect(xml).toMatch(/已逾期\d+个工作日/);
  expect(xml).toContain('w:eastAsia="方正小标宋简体"');
  expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  expect(xml).toContain('<w:sz w:val="44"/>'); // 2号 title
  expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
  expect(xml).toContain('w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
  expect(xml).toContain('w:linePitch="579"');
  const fonts = await zip.file('word/fontTable.xml')!.async('string');
  expect(fonts).toContain('<w:altName w:val="仿宋"/>');
  expect((await t.inject({ method: 'GET', url: `/api/tasks/${ids.taskId}/supervision-notice.docx` }, 'lead-mgr')).statusCode).toBe(403);
});

it('refuses a 督办通知 for a closed task', async () => {
  const other = await seedTask(t.deps.db);
  await t.deps.db.updateTable('tasks').set({ closed_on: '2021-10-01' }).where('id', '=', other.taskId).execute();
  expect((await t.inject({ method: 'GET', url: `/api/tasks/${other.taskId}/supervision-notice.docx` })).statusCode).toBe(409);
});

it('keeps unit channels: in-app always on, an enabled channel needs its address, robot tokens kept out of the audit trail', async () => {
  const url = `/api/units/${ids.lead}/channels`;
  expect((await t.inject({ method: 'GET', url })).json()).toEqual({ unitId: ids.lead, email: null, dingtalkWebhook: null, wecomWebhook: null, channels: ['in_app'] });
  const missing = await t.inject({ method: 'PUT', url, payload: { channels: ['dingtalk'] } });
  expect(missing.statusCode).toBe(400);
  const bad = await t.inject({ method: 'PUT', url, payload: { wecomWebhook: 'ftp://x', channels: [] } });
  expect(bad.statusCode).toBe(400);
  const ok = await t.inject({ method: 'PUT', url, payload: { dingtalkWebhook: 'https://oapi.dingtalk.com/robot/send?access_token=SECRET', channels: ['dingtalk'] } });
  expect(ok.json()).toMatchObject({ dingtalkWebhook: 'https://oapi.dingtalk.com/robot/send?access_token=SECRET', channels: ['in_app', 'dingtalk'] });
  const audit = await t.deps.db.selectFrom('audit_events').select('after').where('action', '=', 'unit.channels.update').executeTakeFirstOrThrow();
  expect(audit.after).not.toContain('SECRET');
  expect((await t.inject({ method: 'GET', url: '/api/units/999999/channels' })).statusCode).toBe(404);
  expect((await t.inject({ method: 'PUT', url, payload: { channels: [] } }, 'lead-mgr')).statusCode).toBe(403);
});
