import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** Test fixtures: zip archives written byte by byte, so a test can make one lie about its sizes. */
export interface RawEntry {
  name: string;
  method: 0 | 8;
  /** The bytes as stored (deflated for method 8). */
  data: Uint8Array;
  crc: number;
  /** The uncompressed size the headers declare (the truth, unless a test wants a liar). */
  size: number;
}

/** `size` zero bytes deflated as a stream (never held inflated): 300 MB → about 0.3 MB. */
export async function deflatedZeros(size: number): Promise<{ data: Buffer; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => z.on('end', resolve).on('error', reject));
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(part, crc);
    if (!z.write(part)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return { data: Buffer.concat(out), crc };
}

/** An entry deflated from `text`, honest about its size. */
export function deflated(name: string, text: string | Uint8Array): RawEntry {
  const bytes = typeof text === 'string' ? Buffer.from(text) : Buffer.from(text);
  return { name, method: 8, data: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
}

/** A zip of `entries`; `hidden` entries get a local header and data but no directory record. */
export function rawZip(entries: RawEntry[], hidden: RawEntry[] = []): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const local = (e: RawEntry) => {
    const n = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(n.length, 26);
    parts.push(h, n, Buffer.from(e.data));
    const at = offset;
    offset += 30 + n.length + e.data.length;
    return { n, at };
  };
  for (const e of hidden) local(e);
  for (const e of entries) {
    const { n, at } = local(e);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(at, 42);
    central.push(c, n);
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

const TYPES = (part: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${type}"/></Types>`;
export const DOCX_CONTENT_TYPES = TYPES('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
export const XLSX_CONTENT_TYPES = TYPES('xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml');

/**
 * A decompression bomb shaped like an Office file: `part` is `size` zeros. `declared` is the size
 * its headers claim: the truth by default, or a small lie that hides the bomb from a size check.
 */
export async function bomb(kind: 'docx' | 'xlsx', size: number, declared = size): Promise<Buffer> {
  const zeros = await deflatedZeros(size);
  const part = kind === 'docx' ? 'word/document.xml' : 'xl/worksheets/sheet1.xml';
  const entries = [deflated('[Content_Types].xml', kind === 'docx' ? DOCX_CONTENT_TYPES : XLSX_CONTENT_TYPES)];
  if (kind === 'xlsx') entries.push(deflated('xl/workbook.xml', '<workbook/>'));
  entries.push({ name: part, method: 8, data: zeros.data, crc: zeros.crc, size: declared });
  return rawZip(entries);
}
