import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { crc32, createInflateRaw, inflateRaw } from 'node:zlib';
import { checkZipLimits, END_SEARCH_BYTES, LOCAL_HEADER_SIZE, readZipDirectory, readZipEntries, zipDataOffset, ZipError, type ZipEntry, type ZipLimits } from '#core/files/zip.ts';
import { AppError } from '../errors.ts';

const inflate = promisify(inflateRaw);

/** Random access to an archive's bytes: in memory for imports, on disk for stored evidence. */
interface ZipSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

const memorySource = (bytes: Uint8Array): ZipSource => ({ size: bytes.length, read: async (o, l) => bytes.subarray(o, o + l) });

/** A source reading an open file (evidence checked in its temporary file before it is stored). */
export function fileSource(fd: FileHandle, size: number): ZipSource {
  return {
    size,
    async read(offset, length) {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      if (buf.length) await fd.read(buf, 0, buf.length, offset);
      return buf;
    },
  };
}

/** Reads and checks the central directory: the entries as declared, refused when the declarations already break the limits. */
async function indexOf(src: ZipSource, limits: ZipLimits): Promise<ZipEntry[]> {
  const tailLength = Math.min(src.size, END_SEARCH_BYTES);
  const dir = readZipDirectory(await src.read(src.size - tailLength, tailLength), src.size);
  const entries = readZipEntries(await src.read(dir.offset, dir.size), dir);
  checkZipLimits(entries, limits);
  return entries;
}

/**
 * Inflates one entry, never past its declared size: zlib stops at `maxOutputLength`, so a header
 * that lies about the size costs at most the size it declared, and the CRC must match too.
 */
async function inflateEntry(src: ZipSource, e: ZipEntry): Promise<Buffer> {
  const start = zipDataOffset(await src.read(e.localOffset, LOCAL_HEADER_SIZE), e);
  const raw = await src.read(start, e.compressedSize);
  const lying = () => new ZipError('TOO_LARGE', `文件中的“${e.name}”实际内容与声明不符，疑似压缩炸弹，已拒绝读取`);
  if (raw.length !== e.compressedSize) throw new ZipError('CORRUPT', '文件不是有效的 Office 文档（ZIP 结构损坏），请用 Word、WPS 或 Excel 重新保存后上传');
  let out: Buffer;
  if (e.method === 0) out = Buffer.from(raw);
  else {
    try {
      // maxOutputLength must be at least 1; an empty entry that inflates to anything is caught by the length check.
      out = await inflate(raw, { maxOutputLength: Math.max(e.uncompressedSize, 1) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw lying();
      throw new ZipError('CORRUPT', `文件中的“${e.name}”已损坏，请用 Word、WPS 或 Excel 重新保存后上传`);
    }
  }
  if (out.length !== e.uncompressedSize) throw lying();
  if (crc32(out) >>> 0 !== e.crc32 >>> 0) throw new ZipError('CORRUPT', `文件中的“${e.name}”校验失败，文件已损坏`);
  return out;
}

/**
 * The entries of an archive, inflated under `limits`; `wanted` picks the entries to inflate (all by
 * default). The whole directory is judged first, so a bomb is refused before anything inflates.
 */
export async function unzipGuarded(bytes: Uint8Array | ZipSource, limits: ZipLimits, wanted: (entry: ZipEntry) => boolean = () => true): Promise<Map<string, Buffer>> {
  const src = bytes instanceof Uint8Array ? memorySource(bytes) : bytes;
  const out = new Map<string, Buffer>();
  for (const e of await indexOf(src, limits)) {
    if (e.name.endsWith('/') || !wanted(e)) continue;
    out.set(e.name, await inflateEntry(src, e));
  }
  return out;
}

const VERIFY_CHUNK = 64 * 1024;

/**
 * Inflates one entry to nowhere, checking its size and CRC as the bytes come: nothing is kept, and a
 * header that lies about the size is caught one chunk past what it declared.
 */
async function verifyEntry(src: ZipSource, e: ZipEntry): Promise<void> {
  const start = zipDataOffset(await src.read(e.localOffset, LOCAL_HEADER_SIZE), e);
  if (start + e.compressedSize > src.size) throw new ZipError('CORRUPT', '文件不是有效的 Office 文档（ZIP 结构损坏），请用 Word、WPS 或 Excel 重新保存后上传');
  let size = 0;
  let crc = 0;
  const take = (chunk: Uint8Array) => {
    size += chunk.length;
    if (size > e.uncompressedSize) throw new ZipError('TOO_LARGE', `文件中的“${e.name}”实际内容与声明不符，疑似压缩炸弹，已拒绝`);
    crc = crc32(chunk, crc);
  };
  async function* compressed() {
    for (let at = 0; at < e.compressedSize; at += VERIFY_CHUNK) yield await src.read(start + at, Math.min(VERIFY_CHUNK, e.compressedSize - at));
  }
  try {
    if (e.method === 0) for await (const chunk of compressed()) take(chunk);
    else {
      await pipeline(compressed, createInflateRaw(), async (inflated: AsyncIterable<Uint8Array>) => {
        for await (const chunk of inflated) take(chunk);
      });
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('CORRUPT', `文件中的“${e.name}”已损坏，请用 Word、WPS 或 Excel 重新保存后上传`);
  }
  if (size !== e.uncompressedSize) throw new ZipError('TOO_LARGE', `文件中的“${e.name}”实际内容与声明不符，疑似压缩炸弹，已拒绝`);
  if (crc >>> 0 !== e.crc32 >>> 0) throw new ZipError('CORRUPT', `文件中的“${e.name}”校验失败，文件已损坏`);
}

/**
 * Checks that every entry of an archive inflates to exactly the size and CRC its directory declares,
 * keeping none of it: for files that are stored rather than parsed (evidence), so an archive that
 * would explode in the reader's Office is refused although the server never opens it. The work is
 * bounded by the declared total, which `limits` caps.
 */
export async function verifyZipEntries(src: ZipSource, limits: ZipLimits): Promise<void> {
  for (const e of await indexOf(src, limits)) if (!e.name.endsWith('/')) await verifyEntry(src, e);
}

/** The names in an archive's central directory (checked against `limits`), nothing inflated. */
export async function zipEntryNames(src: ZipSource, limits: ZipLimits): Promise<string[]> {
  return (await indexOf(src, limits)).map((e) => e.name);
}

/**
 * A fresh archive of `files`, stored without compression. ExcelJS gets this rather than the upload,
 * so it reads exactly the entries checked and inflated here, whatever else the original carries
 * (entries hidden from the directory, headers that disagree with it).
 */
export function storedZip(files: Map<string, Uint8Array>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dirSize = centrals.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/**
 * An uploaded workbook made safe for ExcelJS: every entry inflated under `limits` and packed again
 * uncompressed (storedZip). An archive refused for its size → 413 with the reason; one that cannot
 * be read → 400 with `unreadable`.
 */
export async function repackGuarded(bytes: Uint8Array, limits: ZipLimits, unreadable: string): Promise<Buffer> {
  try {
    return storedZip(await unzipGuarded(bytes, limits));
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    if (e.code === 'TOO_LARGE') throw new AppError('TOO_LARGE', `无法读取该文件：${e.message}`);
    throw new AppError('INVALID_INPUT', unreadable);
  }
}
