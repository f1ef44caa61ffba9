import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { checkZipLimits, END_SEARCH_BYTES, MAX_ZIP_RATIO, readZipDirectory, readZipEntries, ZipError, zipLimitsFor, type ZipEntry } from './zip.ts';

const entriesOf = (zip: Uint8Array) => {
  const tail = zip.subarray(Math.max(0, zip.length - END_SEARCH_BYTES));
  const dir = readZipDirectory(tail, zip.length);
  return readZipEntries(zip.subarray(dir.offset, dir.offset + dir.size), dir);
};
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ZipError) return e;
    throw e;
  }
  throw new Error('no ZipError');
};

it('reads the directory of an archive as written, comment and all', async () => {
  const z = new JSZip();
  z.file('[Content_Types].xml', '<Types/>');
  z.file('word/document.xml', '<w:document>一、开办企业</w:document>'.repeat(100));
  const bytes = new Uint8Array(await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE', comment: 'PK\u0005\u0006 in a comment' }));
  const entries = entriesOf(bytes);
  expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', 'word/', 'word/document.xml']);
  expect(entries[2]).toMatchObject({ method: 8, uncompressedSize: Buffer.byteLength('<w:document>一、开办企业</w:document>') * 100 });
  expect(entries[2]!.compressedSize).toBeLessThan(entries[2]!.uncompressedSize);
});

it('refuses what is not a zip, or a zip cut short', async () => {
  const garbage = new TextEncoder().encode('PK\u0003\u0004 word/document.xml garbage');
  expect(failure(() => entriesOf(garbage)).code).toBe('CORRUPT');
  const z = new JSZip();
  z.file('a.xml', '<a/>');
  const bytes = new Uint8Array(await z.generateAsync({ type: 'uint8array' }));
  expect(failure(() => entriesOf(bytes.subarray(0, bytes.length - 30))).code).toBe('CORRUPT');
});

it('refuses by declaration alone: too many entries, too much in total, a bomb-like ratio', () => {
  const limits = zipLimitsFor(10 * 1024 * 1024);
  const entry = (n: number, compressed: number, size: number): ZipEntry => ({
    name: `e${n}`,
    method: 8,
    crc32: 0,
    compressedSize: compressed,
    uncompressedSize: size,
    localOffset: 0,
  });
  expect(() => checkZipLimits([entry(1, 1_000_000, 20_000_000)], limits)).not.toThrow();
  expect(
    failure(() =>
      checkZipLimits(
        Array.from({ length: limits.maxEntries + 1 }, (_, i) => entry(i, 10, 10)),
        limits,
      ),
    ).message,
  ).toMatch(/文件过多/);
  expect(failure(() => checkZipLimits([entry(1, 5_000_000, 30_000_000), entry(2, 5_000_000, 30_000_000)], limits)).message).toMatch(/解压后超过 50 MB/);
  const ratio = failure(() => checkZipLimits([entry(1, 300_000, 300_000 * (MAX_ZIP_RATIO + 1))], { ...limits, maxTotalBytes: Number.MAX_SAFE_INTEGER }));
  expect(ratio.message).toMatch(/压缩比异常/);
  // A small part may compress further: ratios are judged from 100 KB up.
  expect(() => checkZipLimits([entry(1, 10, 50_000)], limits)).not.toThrow();
});
