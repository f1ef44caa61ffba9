import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percent } from '#core/circulars/draft.ts';
import type { RoundSnapshot } from '#core/rounds/types.ts';
import { WORK_STATUS_LABELS } from '#core/status/status.ts';
import { FileStore } from '../files/file-store.ts';
import { LEDGER_COLUMNS } from '../ledger/ledger-xlsx.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { locateFonts } from './circular-pdf.ts';
import { sampleSnapshot } from '#core/rounds/sample-snapshot.ts';
import { insertSampleRound } from '../test/factories.ts';

let t: TestApp;
let closedRound: number;
let openRound: number;
const snapshot: RoundSnapshot = sampleSnapshot();
beforeAll(async () => {
  t = await createTestApp();
  closedRound = await insertSampleRound(t.deps.db, snapshot);
  openRound = await insertSampleRound(t.deps.db, { ...snapshot, round: { ...snapshot.round, title: '第4期调度' } }, 'open');
  await t.addUser('leader', ['leader']);
  await t.addUser('inspector', ['inspector']);
});
afterAll(async () => t.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const create = async (roundId = closedRound) => {
  const res = await t.inject({ method: 'POST', url: `/api/rounds/${roundId}/circulars` });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; title: string; status: string; blocks: Record<string, string>; snapshot: RoundSnapshot; docNumber: string | null; issuer: string };
};
const auditOf = (id: number) => t.deps.db.selectFrom('audit_events').select(['action', 'after']).where('entity_type', '=', 'circular').where('entity_id', '=', String(id)).orderBy('id').execute();

async function pdfText(bytes: Buffer): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(pdf, { mergePages: false })).text;
}

describe('drafts', () => {
  it('refuses a draft while the round is open, for a missing round, and for non-coordinators', async () => {
    const open = await t.inject({ method: 'POST', url: `/api/rounds/${openRound}/circulars` });
    expect(open.statusCode).toBe(409);
    expect(open.json().error.message).toBe('请先结束本期调度');
    expect((await t.inject({ method: 'POST', url: '/api/rounds/99999/circulars' })).statusCode).toBe(404);
    expect((await t.inject({ method: 'POST', url: `/api/rounds/${closedRound}/circulars` }, 'leader')).statusCode).toBe(403);
    expect(Number((await t.deps.db.selectFrom('circulars').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('writes a draft from the snapshot, visible to coordinators only', async () => {
    const c = await create();
    expect(c).toMatchObject({ status: 'draft', title: '关于山亭区优化营商环境创新突破行动推进情况的通报', docNumber: '第3期', issuer: '推进工作领导小组办公室' });
    expect(c.blocks.overall).toContain(`方案共${snapshot.overall.total}项任务`);
    expect(c.snapshot.round.id).toBe(closedRound);
    expect(c.snapshot.tasks).toHaveLength(snapshot.tasks.length);
    expect((await auditOf(c.id)).map((a) => a.action)).toEqual(['circular.create']);

    expect((await t.inject({ method: 'GET', url: '/api/circulars' })).json().data.map((x: { id: number }) => x.id)).toContain(c.id);
    expect((await t.inject({ method: 'GET', url: '/api/circulars' }, 'leader')).json().data.map((x: { id: number }) => x.id)).not.toContain(c.id);
    expect((await t.inject({ method: 'GET', url: `/api/circulars/${c.id}` }, 'leader')).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/api/circulars/${c.id}.docx` }, 'inspector')).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/api/circulars/${c.id}` }, null)).statusCode).toBe(401);
  });

  it('edits title, number, issuer and blocks; refuses bad input in Chinese and writes nothing', async () => {
    const c = await create();
    const bad = [
      [{ blocks: { intro: '字'.repeat(5001) } }, '“开头”不超过 5000 字'],
      [{ title: '  ' }, '标题不能为空'],
      [{ issuer: '' }, '发文机关不能为空'],
      [{ blocks: { intro: 42 } }, '“开头”应为文字'],
    ] as const;
    for (const [payload, message] of bad) {
      const res = await t.inject({ method: 'PATCH', url: `/api/circulars/${c.id}`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message).toContain(message);
    }
    expect((await t.inject({ method: 'PATCH', url: `/api/circulars/${c.id}`, payload: { blocks: { preface: 'x' } } })).statusCode).toBe(400);
    expect((await t.inject({ method: 'PATCH', url: `/api/circulars/${c.id}`, payload: { title: '新标题' } }, 'leader')).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: `/api/circulars/${c.id}` })).json().title).toBe(c.title);

    const res = await t.inject({ method: 'PATCH', url: `/api/circulars/${c.id}`, payload: { docNumber: '山政办[2021]12号', issuer: '山亭区人民政府办公室', blocks: { intro: '第一段。\r\n第二段。' } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ docNumber: '山政办〔2021〕12号', issuer: '山亭区人民政府办公室', blocks: { intro: '第一段。\n第二段。', overall: c.blocks.overall } });
    expect((await auditOf(c.id)).map((a) => a.action)).toEqual(['circular.create', 'circular.update']);
  });

  it('deletes drafts only', async () => {
    const c = await create();
    expect((await t.inject({ method: 'DELETE', url: `/api/circulars/${c.id}` }, 'leader')).statusCode).toBe(403);
    expect((await t.inject({ method: 'DELETE', url: `/api/circulars/${c.id}` })).statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url: `/api/circulars/${c.id}` })).statusCode).toBe(404);
    expect((await auditOf(c.id)).map((a) => a.action)).toEqual(['circular.create', 'circular.delete']);
  });

  it('previews a draft as .docx for the coordinator, generated on the fly', async () => {
    const c = await create();
    const res = await t.inject({ method: 'GET', url: `/api/circulars/${c.id}.docx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${c.title}.docx`)}`);
    expect(res.headers.etag).toBeUndefined();
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('推进情况的通报');
  });

  it('answers 400 for a malformed id and 404 for a missing circular', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/circulars/abc.docx' })).statusCode).toBe(400);
    expect((await t.inject({ method: 'GET', url: '/api/circulars/99999.pdf' })).statusCode).toBe(404);
    expect((await t.inject({ method: 'POST', url: '/api/circulars/99999/issue' })).statusCode).toBe(404);
  });
});

describe('issuing', () => {
  let id: number;
  let issued: Record<'docx' | 'pdf' | 'xlsx', Buffer>;
  beforeAll(async () => {
    const c = await create();
    id = c.id;
    await t.inject({ method: 'PATCH', url: `/api/circulars/${id}`, payload: { issuer: '山亭区人民政府办公室', blocks: { intro: '为推动任务落实，现将第3期调度情况通报如下：' } } });
    const res = await t.inject({ method: 'POST', url: `/api/circulars/${id}/issue` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'issued' });
    issued = {} as typeof issued;
    for (const kind of ['docx', 'pdf', 'xlsx'] as const) {
      const file = await t.inject({ method: 'GET', url: `/api/circulars/${id}.${kind}` }, 'leader');
      expect(file.statusCode, kind).toBe(200);
      issued[kind] = file.rawPayload;
    }
  });

  it('archives the three files by SHA-256 in the same write as the audit record', async () => {
    const row = await t.deps.db.selectFrom('circulars').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('issued');
    expect(row.issued_at).not.toBeNull();
    const store = new FileStore(t.deps.config.dataDir);
    for (const kind of ['docx', 'pdf', 'xlsx'] as const) {
      expect(row[`${kind}_sha256`]).toBe(sha(issued[kind]));
      expect(existsSync(store.pathOf(row[`${kind}_sha256`]!))).toBe(true);
    }
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(['circular.create', 'circular.update', 'circular.issue']);
    expect(JSON.parse(audit.at(-1)!.after!)).toMatchObject({ docxSha256: row.docx_sha256, pdfSha256: row.pdf_sha256, xlsxSha256: row.xlsx_sha256 });
  });

  it('lays the .docx out as GB/T 9704 with the snapshot’s figures in its tables', async () => {
    const zip = await JSZip.loadAsync(issued.docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    // Title in 2号 方正小标宋, broken before its closing phrase; body in 3号 仿宋_GB2312; headings 黑体 and 楷体.
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体" w:cs="方正小标宋简体" w:hint="eastAsia"\/><w:sz w:val="44"\/>/);
    expect(xml).toContain('关于山亭区优化营商环境创新突破行动</w:t></w:r><w:r><w:br/></w:r>');
    expect(xml).toContain('推进情况的通报');
    expect(xml).toContain('为推动任务落实，现将第3期调度情况通报如下：');
    expect(xml).toMatch(/w:eastAsia="黑体"[^>]*\/><w:sz w:val="32"\/><w:szCs w:val="32"\/><\/w:rPr><w:t xml:space="preserve">一、总体进展/);
    expect(xml).toMatch(/w:eastAsia="楷体_GB2312"[^>]*\/><w:sz w:val="32"\/><w:szCs w:val="32"\/><\/w:rPr><w:t xml:space="preserve">（一）加快推进逾期任务。/);
    expect(xml).toContain('<w:ind w:firstLineChars="200" w:firstLine="632"/>');
    // Table cells: the section table's total row, an overdue task with its working days, the best unit's score.
    const cells = [...xml.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((m) => [...m[0].matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((x) => x[1]).join('\n'));
    const o = snapshot.overall;
    const total = cells.indexOf('合计');
    expect(cells.slice(total, total + 7)).toEqual(['合计', String(o.total), String(o.done + o.doneLate), String(o.inProgress + o.dueSoon), String(o.overdue), String(o.notStarted), percent(o.completionRate)]);
    const late = snapshot.overdue[0]!;
    const at = cells.indexOf(late.title);
    expect(at).toBeGreaterThan(0);
    expect(cells[at + 4]).toBe(String(late.workdaysOverdue));
    const best = snapshot.units[0]!;
    const u = cells.lastIndexOf(best.name); // the ranking is the last table
    expect(cells.slice(u - 1, u + 7)).toEqual(['1', best.name, String(best.tasks), String(best.done), percent(best.completionRate), percent(best.timelinessRate), best.reportingScore === 1 ? '按时报送' : best.reportingScore === 0.5 ? '逾期报送' : '未报送', String(best.score)]);
    expect(cells.filter((c) => c === '序号')).toHaveLength(2);
    // Signature centred over the date (right-aligned), date in Arabic numerals without padding.
    expect(xml).toMatch(/<w:ind w:rightChars="\d+" w:right="\d+"\/><w:jc w:val="right"\/><\/w:pPr><w:r>.*?山亭区人民政府办公室/);
    expect(xml).toMatch(/\d{4}年[1-9]\d?月[1-9]\d?日<\/w:t>/);
    // Section: A4, margins 37/28/26/35 mm, the 579 grid, odd/even footers.
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(xml).toContain('w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
    expect(xml).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    expect(xml).toContain('<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>');
    const odd = await zip.file('word/footer1.xml')!.async('string');
    const even = await zip.file('word/footer2.xml')!.async('string');
    for (const f of [odd, even]) {
      expect(f).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
      expect(f).toContain('— </w:t>');
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:evenAndOddHeaders/>');
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>');
  });

  it('prints the same content as PDF, with page numbers odd and even', async () => {
    const pages = await pdfText(issued.pdf);
    expect(pages.length).toBeGreaterThan(3);
    const all = pages.join('\n').replace(/\s+/g, '');
    expect(all).toContain('关于山亭区优化营商环境创新突破行动推进情况的通报');
    expect(all).toContain(`方案共${snapshot.overall.total}项任务`);
    expect(all).toContain(snapshot.units[0]!.name);
    expect(all).toContain(snapshot.overdue[0]!.title);
    expect(all).toContain('山亭区人民政府办公室');
    pages.forEach((p, i) => expect(p.replace(/\s+/g, ' ')).toContain(`— ${i + 1} —`));
  });

  it('appends the full ledger, the ranking and the section figures as .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(issued.xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['工作台账', '单位排名', '各领域推进情况']);
    const ledger = wb.getWorksheet('工作台账')!;
    expect(LEDGER_COLUMNS.map((_, i) => ledger.getRow(2).getCell(i + 1).text)).toEqual([...LEDGER_COLUMNS]);
    expect(ledger.rowCount - 2).toBe(snapshot.tasks.length);
    const first = snapshot.tasks[0]!;
    expect(ledger.getRow(3).getCell(2).text).toBe(first.title);
    expect(ledger.getRow(3).getCell(8).text).toBe(WORK_STATUS_LABELS[first.status]);
    expect(Number(ledger.getRow(3).getCell(10).value)).toBe(first.taskId);
    const ranking = wb.getWorksheet('单位排名')!;
    expect(ranking.rowCount - 2).toBe(snapshot.units.length);
    expect(ranking.getRow(3).getCell(2).text).toBe(snapshot.units[0]!.name);
    expect(ranking.getRow(3).getCell(8).value).toBe(snapshot.units[0]!.score);
    const sections = wb.getWorksheet('各领域推进情况')!;
    expect(sections.rowCount - 2).toBe(snapshot.bySection.length + 1);
    expect(sections.getRow(3).getCell(3).value).toBe(snapshot.bySection[0]!.counts.total);
  });

  it('never changes an issued circular: no edit, delete or second issue; the same bytes after the data changes', async () => {
    expect((await t.inject({ method: 'PATCH', url: `/api/circulars/${id}`, payload: { title: '改' } })).statusCode).toBe(409);
    expect((await t.inject({ method: 'DELETE', url: `/api/circulars/${id}` })).statusCode).toBe(409);
    expect((await t.inject({ method: 'POST', url: `/api/circulars/${id}/issue` })).statusCode).toBe(409);
    // The round's data moves on (a recomputed snapshot, a renamed round): the archive does not.
    const changed: RoundSnapshot = { ...snapshot, round: { ...snapshot.round, id: closedRound }, overall: { ...snapshot.overall, total: 250 }, tasks: snapshot.tasks.slice(0, 10) };
    await t.deps.db.updateTable('round_snapshots').set({ content: JSON.stringify(changed) }).where('round_id', '=', closedRound).execute();
    await t.deps.db.updateTable('rounds').set({ title: '第3期调度（已更正）' }).where('id', '=', closedRound).execute();
    for (const kind of ['docx', 'pdf', 'xlsx'] as const) {
      const again = await t.inject({ method: 'GET', url: `/api/circulars/${id}.${kind}` });
      expect(sha(again.rawPayload), kind).toBe(sha(issued[kind]));
      expect(again.headers.etag).toBe(`"${sha(issued[kind])}"`);
    }
    // …whereas a preview rendered now would differ.
    const draft = await create();
    const preview = await t.inject({ method: 'GET', url: `/api/circulars/${draft.id}.xlsx` });
    expect(sha(preview.rawPayload)).not.toBe(sha(issued.xlsx));
    await t.deps.db.updateTable('round_snapshots').set({ content: JSON.stringify({ ...snapshot, round: { ...snapshot.round, id: closedRound } }) }).where('round_id', '=', closedRound).execute();
  });

  it('lists the issued circular for every reader', async () => {
    const list = (await t.inject({ method: 'GET', url: '/api/circulars' }, 'inspector')).json().data;
    expect(list.find((c: { id: number }) => c.id === id)).toMatchObject({ status: 'issued', issuer: '山亭区人民政府办公室' });
    expect(list.every((c: { status: string }) => c.status === 'issued')).toBe(true);
  });
});

describe('PDF fonts', () => {
  it('refuses to print without a CJK font rather than drawing empty boxes', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-fonts-'));
    expect(() => locateFonts([empty])).toThrow(/未安装中文字体/);
  });
});
