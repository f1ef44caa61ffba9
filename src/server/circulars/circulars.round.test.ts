import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openAndCloseRound, type ClosedRound } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';

/** A circular from a real round: the seed plan, two units reporting, the round closed by the rounds service. */
let t: TestApp;
let r: ClosedRound;
beforeAll(async () => {
  t = await createTestApp();
  r = await openAndCloseRound(t, { title: '第2期调度' });
});
afterAll(async () => t.close());

it('drafts, issues and archives the circular of a closed round of the seed plan', async () => {
  const created = await t.inject({ method: 'POST', url: `/api/rounds/${r.round.id}/circulars` });
  expect(created.statusCode, created.body).toBe(201);
  const c = created.json();
  const o = r.snapshot.overall;
  expect(c).toMatchObject({ roundId: r.round.id, roundTitle: '第2期调度', docNumber: '第2期', issuer: '山亭区人民政府办公室', status: 'draft' });
  expect(c.blocks.overall).toContain(`方案共${o.total}项任务，已完成${o.done + o.doneLate}项`);
  expect(c.blocks.goodPractices).toContain(r.onTime.name);
  expect(c.blocks.intro).toContain(`按时报送${r.snapshot.reporting.onTime}个，逾期报送${r.snapshot.reporting.late}个`);
  expect((await t.inject({ method: 'GET', url: `/api/rounds/${r.round.id}` })).json().circularIds).toContain(c.id);

  const issued = await t.inject({ method: 'POST', url: `/api/circulars/${c.id}/issue` });
  expect(issued.statusCode, issued.body).toBe(200);
  const docx = await t.inject({ method: 'GET', url: `/api/circulars/${c.id}.docx` });
  const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
  expect(xml).toContain(`方案共${o.total}项任务`);
  for (const s of r.snapshot.bySection.slice(0, 3)) expect(xml).toContain(`>${s.title}</w:t>`);

  const pdf = await t.inject({ method: 'GET', url: `/api/circulars/${c.id}.pdf` });
  expect(pdf.headers['content-type']).toBe('application/pdf');
  const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })).text.replace(/\s+/g, '');
  expect(text).toContain(r.onTime.name);
  expect(text).toContain('—1—');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await t.inject({ method: 'GET', url: `/api/circulars/${c.id}.xlsx` })).rawPayload as unknown as ArrayBuffer);
  expect(wb.getWorksheet('工作台账')!.rowCount - 2).toBe(r.snapshot.tasks.length);
  expect(r.snapshot.tasks.length).toBe(o.total);
});
