import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePlan } from '#core/parse/index.ts';
import { ExtractError, extractText } from './extract.ts';

const PLAN_LINES = ['关于印发某区优化营商环境方案的通知', '一、开办企业', '1．推行一网通办。6月底前上线。（牵头单位：区市场监管局；责任单位：区税务局）'];

/** A real .docx: paragraphs, one automatically numbered, and a task table. */
async function buildDocx(): Promise<Uint8Array> {
  const p = (text: string, num?: { ilvl: number }) =>
    `<w:p><w:pPr>${num ? `<w:numPr><w:ilvl w:val="${num.ilvl}"/><w:numId w:val="1"/></w:numPr>` : ''}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const cell = (text: string) => `<w:tc><w:tcPr/>${p(text)}</w:tc>`;
  const row = (cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
${p(PLAN_LINES[0] ?? '')}${p('开办企业', { ilvl: 0 })}${p('推行一网通办。6月底前上线。（牵头单位：区市场监管局；责任单位：区税务局）', { ilvl: 1 })}
<w:tbl>${row(['序号', '任务', '牵头单位', '完成时限'])}${row(['2', '压缩注销时间。', '区市场监管局', '9月底前'])}</w:tbl>
<w:sectPr/></w:body></w:document>`;
  const numbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2．"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num></w:numbering>`;
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', document);
  zip.file('word/numbering.xml', numbering);
  return zip.generateAsync({ type: 'uint8array' });
}

/** A minimal valid PDF with a text layer: a Type0 font with Identity-H codes and a ToUnicode map. */
function buildPdf(lines: string[]): Uint8Array {
  const hex = (s: string) => [...s].map((c) => (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')).join('');
  const content = lines.map((l, i) => `BT /F1 12 Tf 50 ${780 - i * 20} Td <${hex(l)}> Tj ET`).join('\n');
  const cmap =
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def ' +
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange ' +
    '1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>',
    `<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'utf8'));
}

async function failure(p: Promise<unknown>): Promise<ExtractError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ExtractError);
  return e as ExtractError;
}

describe('extractText', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('reads a .docx: paragraphs, automatic numbers and table rows', async () => {
    const text = await extractText(await buildDocx(), '方案.docx');
    expect(text.split('\n')).toEqual([
      PLAN_LINES[0],
      '一、开办企业',
      '1．推行一网通办。6月底前上线。（牵头单位：区市场监管局；责任单位：区税务局）',
      '序号\t任务\t牵头单位\t完成时限',
      '2\t压缩注销时间。\t区市场监管局\t9月底前',
    ]);
    const plan = parsePlan(text, { fileName: '2021-方案.docx' });
    expect(plan.tasks.map((t) => [t.title, t.lead, t.responsible, t.deadlines.map((d) => d.date)])).toEqual([
      ['推行一网通办', ['区市场监管局'], ['区税务局'], ['2021-06-30']],
      ['压缩注销时间', ['区市场监管局'], [], ['2021-09-30']],
    ]);
  });

  it('reads a text-layer .pdf, by content even when the name says otherwise', async () => {
    const pdf = buildPdf(PLAN_LINES);
    expect(await extractText(pdf, 'plan.pdf')).toBe(PLAN_LINES.join('\n'));
    expect(await extractText(pdf, 'plan.txt')).toBe(PLAN_LINES.join('\n'));
  });

  it('refuses a .pdf without text (a scan)', async () => {
    const e = await failure(extractText(buildPdf([]), 'scan.pdf'));
    expect(e.code).toBe('UNREADABLE');
    expect(e.message).toContain('扫描件');
  });

  it('reads .txt in UTF-8 and GB18030', async () => {
    expect(await extractText(new TextEncoder().encode('一、开办企业'), 'a.txt')).toBe('一、开办企业');
    expect(await extractText(Uint8Array.from([0xd2, 0xbb, 0xa1, 0xa2]), 'a.TXT')).toBe('一、');
  });

  it('reads .html, honouring a gb2312 meta charset', async () => {
    const html = '<html><head><meta charset="utf-8"><script>x()</script></head><body><p>一、开办企业</p><p>1．推行&ldquo;一网通办&rdquo;。</p></body></html>';
    expect(await extractText(new TextEncoder().encode(html), 'page.htm')).toBe('一、开办企业\n1．推行“一网通办”。');
    const gb = Uint8Array.from([...Buffer.from('<meta charset="gb2312"><p>'), 0xd2, 0xbb, 0xa1, 0xa2, ...Buffer.from('</p>')]);
    expect(await extractText(gb, 'page.html')).toBe('一、');
  });

  it('explains in Chinese that .doc needs LibreOffice when the server has none', async () => {
    process.env.PATH = '/nonexistent';
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const e = await failure(extractText(ole, '方案.doc'));
    expect(e.code).toBe('UNREADABLE');
    expect(e.message).toBe('无法读取 .doc 文件：服务器未安装 LibreOffice，请另存为 .docx 后上传');
    expect((await failure(extractText(ole, '方案.wps'))).message).toContain('.wps');
  });

  it('refuses unknown types and files whose content does not match their name', async () => {
    const e = await failure(extractText(Uint8Array.from([1, 2, 3]), 'table.xlsx'));
    expect(e.code).toBe('UNSUPPORTED_TYPE');
    expect(e.message).toBe('不支持的文件类型：.xlsx，请上传 .txt、.docx、.html 或 .pdf 文件');
    expect((await failure(extractText(new TextEncoder().encode('hello'), 'fake.docx'))).code).toBe('UNREADABLE');
    expect((await failure(extractText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'broken.docx'))).code).toBe('UNREADABLE');
    const xlsx = new JSZip();
    xlsx.file('xl/workbook.xml', '<workbook/>');
    expect((await failure(extractText(await xlsx.generateAsync({ type: 'uint8array' }), 'book.xlsx'))).code).toBe('UNSUPPORTED_TYPE');
  });
});
