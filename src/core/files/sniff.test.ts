import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { sniffEvidence } from './sniff.ts';

const zipWith = async (name: string) => {
  const z = new JSZip();
  z.file('[Content_Types].xml', '<Types/>');
  z.file(name, '<x/>');
  return new Uint8Array(await z.generateAsync({ type: 'uint8array' }));
};

it('recognises evidence by content', async () => {
  expect(sniffEvidence(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.ext).toBe('.png');
  expect(sniffEvidence(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))?.ext).toBe('.jpg');
  expect(sniffEvidence(new TextEncoder().encode('%PDF-1.7\n'))?.ext).toBe('.pdf');
  expect(sniffEvidence(await zipWith('word/document.xml'))?.ext).toBe('.docx');
  expect(sniffEvidence(await zipWith('xl/workbook.xml'))?.ext).toBe('.xlsx');
});

it('refuses other content whatever the name', async () => {
  expect(sniffEvidence(new TextEncoder().encode('MZ\x90 executable'))).toBeNull();
  expect(sniffEvidence(await zipWith('payload.exe'))).toBeNull();
  expect(sniffEvidence(new Uint8Array())).toBeNull();
});
