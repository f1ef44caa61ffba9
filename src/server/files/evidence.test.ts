import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, importSeed, multipart, type TestApp } from '../test/helpers.ts';
import { pickTask } from '../test/finders.ts';
import { deflated, DOCX_CONTENT_TYPES, rawZip } from './zip-fixtures.ts';

/**
 * Evidence files (issue 9 §4): checked by content whatever their name, served only as downloads
 * with nosniff, and a draft's evidence is its unit's alone, also to someone who guesses the id.
 */
let t: TestApp;
let ids: { task: number; unit: number; otherUnit: number };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('evidence image')]);
const DOCX = rawZip([
  deflated('[Content_Types].xml', DOCX_CONTENT_TYPES),
  deflated('word/document.xml', '<w:document><w:body><w:p><w:r><w:t>验收报告</w:t></w:r></w:p></w:body></w:document>'),
]);

beforeAll(async () => {
  t = await createTestApp();
  const plan = await importSeed(t);
  const picked = await pickTask(t, plan);
  const unit = picked.leadUnitId;
  // Another unit named on the same task.
  const otherUnit = picked.unitIds.find((u) => u !== unit)!;
  ids = { task: picked.taskId, unit, otherUnit };
  await t.addUser('owner', ['unit_manager'], unit);
  await t.addUser('colleague', ['unit_staff'], unit);
  await t.addUser('neighbour', ['unit_manager'], otherUnit);
  await t.addUser('leader', ['leader']);
});
afterAll(async () => t.close());

const newDraft = async () => {
  const r = await t.inject(
    { method: 'POST', url: `/api/tasks/${ids.task}/reports`, payload: { unitId: ids.unit, kind: 'consolidated', stage: 'in_progress', narrative: '草稿' } },
    'owner',
  );
  expect(r.statusCode).toBe(201);
  return r.json().id as number;
};
const upload = (report: number, name: string, bytes: Uint8Array) =>
  t.inject({ method: 'POST', url: `/api/reports/${report}/attachments`, ...multipart(name, bytes) }, 'owner');
const download = (id: number, as: string) => t.inject({ method: 'GET', url: `/api/attachments/${id}` }, as);
const attachmentRows = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('content that does not match its name', () => {
  // An executable named .pdf is in reports.routes.test.ts ('bad evidence').
  it.each([
    ['HTML with a script named .png', 'photo.png', Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>')],
    ['SVG with a script named .png', 'chart.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['text named .jpg', 'scan.jpg', Buffer.from('just some text, not a JPEG')],
    ['a zip signature with garbage named .docx', 'plan.docx', Buffer.from('PK\x03\x04 word/document.xml garbage')],
    ['a real zip that is no Office file named .docx', 'plan.docx', rawZip([deflated('readme.txt', 'hello')])],
    ['a real zip that is no Office file named .xlsx', 'sheet.xlsx', rawZip([deflated('word/document.xml', '<w:document/>')])],
    [
      'a .docx whose body fails its CRC',
      'report.docx',
      rawZip([deflated('[Content_Types].xml', DOCX_CONTENT_TYPES), { ...deflated('word/document.xml', '<w:document/>'), crc: 12345 }]),
    ],
    [
      'a .docx whose body is not deflate data',
      'report.docx',
      rawZip([
        deflated('[Content_Types].xml', DOCX_CONTENT_TYPES),
        { ...deflated('word/document.xml', '<w:document/>'), data: Buffer.from('not deflate at all') },
      ]),
    ],
  ])('%s → 415 in Chinese, no row', async (_what, name, bytes) => {
    const report = await newDraft();
    const before = await attachmentRows();
    const res = await upload(report, name, bytes);
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: expect.stringMatching(/不是可接受的佐证材料/) });
    expect(await attachmentRows()).toBe(before);
  });

  it.each([
    ['a PNG named .pdf', '照片.pdf', () => PNG, /PNG 图片.*“\.pdf”不符/],
    [
      'a PDF (with HTML inside) named .html',
      'page.html',
      () => Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n'),
      /PDF 文档.*“\.html”不符/,
    ],
    ['a .docx named .xlsx', '台账.xlsx', () => DOCX, /Word 文档.*“\.xlsx”不符/],
  ])('refuses an accepted type under another type’s extension: %s → 415, no row', async (_what, name, bytes, message) => {
    const report = await newDraft();
    const before = await attachmentRows();
    const res = await upload(report, name, bytes());
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: expect.stringMatching(message) });
    expect(await attachmentRows()).toBe(before);
  });

  it('names a file without a type extension after its content, and keeps the JPEG spellings', async () => {
    const report = await newDraft();
    expect((await upload(report, '第1.2条', PNG)).json()).toMatchObject({ fileName: '第1.2条.png', mime: 'image/png' });
    expect((await upload(report, '扫描件', PNG)).json()).toMatchObject({ fileName: '扫描件.png' });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    expect((await upload(report, '现场.JPEG', jpeg)).json()).toMatchObject({ fileName: '现场.JPEG', mime: 'image/jpeg' });
  });

  it('accepts real Word and Excel files (their entries inflate as declared)', async () => {
    const report = await newDraft();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['事项', '责任人']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await upload(report, '台账.xlsx', xlsx)).json()).toMatchObject({ fileName: '台账.xlsx', mime: expect.stringMatching(/spreadsheetml/) });
    expect((await upload(report, '验收报告.docx', DOCX)).json()).toMatchObject({ fileName: '验收报告.docx', mime: expect.stringMatching(/wordprocessingml/) });
  });
});

describe('downloads', () => {
  it('are attachments with nosniff and the sniffed type, never inline', async () => {
    const report = await newDraft();
    const a = (await upload(report, '现场照片.png', PNG)).json();
    const res = await download(a.id, 'owner');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });
});

describe("a draft's evidence by id", () => {
  it('is 404 to everyone outside the unit, like an id that does not exist, until the report is submitted', async () => {
    const report = await newDraft();
    const a = (await upload(report, '草稿佐证.png', PNG)).json();
    const missing = await download(a.id + 1000, 'neighbour');
    expect(missing.statusCode).toBe(404);
    for (const as of ['neighbour', 'leader', 'coordinator', 'admin']) {
      const res = await download(a.id, as);
      expect(res.statusCode, as).toBe(404);
      // The same answer as for an id that does not exist, so sequential ids tell nothing about drafts.
      expect(res.body, as).toBe(missing.body);
    }
    expect((await download(a.id, 'colleague')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/attachments/${a.id}` })).statusCode).toBe(401);
    const submitted = await t.inject({ method: 'POST', url: `/api/reports/${report}/submit` }, 'owner');
    expect(submitted.statusCode, submitted.body).toBe(200);
    for (const as of ['neighbour', 'leader', 'coordinator']) expect((await download(a.id, as)).statusCode, as).toBe(200);
  });
});
