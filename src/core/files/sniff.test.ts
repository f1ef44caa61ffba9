import { expect, it } from 'vitest';
import { claimedOtherType, evidenceFileName, ooxmlTypeOf, sniffHead, ZIP } from './sniff.ts';

const DOCX_TYPES =
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const XLSX_TYPES =
  "<Types><Override ContentType='application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' PartName='/xl/workbook.xml'/></Types>";

it('recognises evidence by its first bytes', () => {
  expect((sniffHead(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])) as { ext: string }).ext).toBe('.png');
  expect((sniffHead(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) as { ext: string }).ext).toBe('.jpg');
  expect((sniffHead(new TextEncoder().encode('%PDF-1.7\n')) as { ext: string }).ext).toBe('.pdf');
  expect(sniffHead(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe(ZIP);
});

it('refuses other content whatever the name', () => {
  expect(sniffHead(new TextEncoder().encode('MZ\x90 executable'))).toBeNull();
  expect(sniffHead(new TextEncoder().encode('<svg><script>alert(1)</script></svg>'))).toBeNull();
  expect(sniffHead(new Uint8Array())).toBeNull();
});

it('tells a .docx from an .xlsx by its content types and the part they name', () => {
  expect(ooxmlTypeOf(['[Content_Types].xml', 'word/document.xml'], DOCX_TYPES)?.ext).toBe('.docx');
  expect(ooxmlTypeOf(['[Content_Types].xml', 'xl/workbook.xml'], XLSX_TYPES)?.ext).toBe('.xlsx');
  // The main part named but missing, no content types, or content types that declare nothing.
  expect(ooxmlTypeOf(['[Content_Types].xml'], DOCX_TYPES)).toBeNull();
  expect(ooxmlTypeOf(['word/document.xml'], null)).toBeNull();
  expect(ooxmlTypeOf(['[Content_Types].xml', 'word/document.xml'], '<Types/>')).toBeNull();
  // A macro-enabled document is not accepted as evidence.
  expect(
    ooxmlTypeOf(['word/document.xml'], DOCX_TYPES.replace('officedocument.wordprocessingml.document.main+xml', 'ms-word.document.macroEnabled.main+xml')),
  ).toBeNull();
});

it('names stored evidence after its content, so a polyglot never keeps .html or .svg', () => {
  const pdf = { mime: 'application/pdf', ext: '.pdf', label: 'PDF' };
  const gif = { mime: 'image/gif', ext: '.gif', label: 'GIF' };
  const jpeg = { mime: 'image/jpeg', ext: '.jpg', label: 'JPEG' };
  expect(evidenceFileName('x.html', pdf)).toBe('x.pdf');
  expect(evidenceFileName('x.SVG', gif)).toBe('x.gif');
  expect(evidenceFileName('验收报告.PDF', pdf)).toBe('验收报告.PDF');
  expect(evidenceFileName('现场照片.jpeg', jpeg)).toBe('现场照片.jpeg');
  expect(evidenceFileName('第1.2条', pdf)).toBe('第1.2条.pdf');
  expect(evidenceFileName('a"\r\nX-Injected: 1.png', gif)).toBe('a"__X-Injected: 1.gif');
  expect(evidenceFileName('', pdf)).toBe('file.pdf');
  expect(evidenceFileName(`${'长'.repeat(300)}.html`, pdf)).toHaveLength(200);
  expect(evidenceFileName(`${'长'.repeat(300)}.html`, pdf).endsWith('.pdf')).toBe(true);
});

it('tells when a name claims another type than the content', () => {
  const png = sniffHead(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])) as Exclude<ReturnType<typeof sniffHead>, null | typeof ZIP>;
  const jpeg = sniffHead(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) as typeof png;
  expect(claimedOtherType('照片.PNG', png)).toBeNull();
  expect(claimedOtherType('照片.pdf', png)).toBe('.pdf');
  expect(claimedOtherType('page.HTML ', png)).toBe('.html');
  expect(claimedOtherType('run.exe', png)).toBe('.exe');
  expect(claimedOtherType('现场.jfif', jpeg)).toBeNull();
  expect(claimedOtherType('现场.png', jpeg)).toBe('.png');
  // Endings that name no type are no claim.
  expect(claimedOtherType('第1.2条', png)).toBeNull();
  expect(claimedOtherType('报告.2021', png)).toBeNull();
  expect(claimedOtherType('扫描件', png)).toBeNull();
});
