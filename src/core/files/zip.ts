/**
 * The parts of a zip archive (.docx, .xlsx) that can be read without inflating anything: the end
 * record and the central directory. Uploads are judged on these before a single byte is inflated,
 * so a decompression bomb is refused from its own declarations, and the inflater that runs after
 * (src/server/files/zip-guard.ts) holds every entry to the size declared here.
 */

/** One file of the archive as the central directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate: the only methods Office writes, and the only ones accepted. */
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header from the start of the archive. */
  localOffset: number;
}

/** Where the central directory lies, from the end record. */
export interface ZipDirectory {
  entryCount: number;
  offset: number;
  size: number;
  /** Offset of the end record itself: nothing of the directory may lie beyond it. */
  endOffset: number;
}

export type ZipErrorCode = 'CORRUPT' | 'UNSUPPORTED' | 'TOO_LARGE';

/** An archive Tuijin will not read; `message` is Chinese and says why. */
export class ZipError extends Error {
  readonly code: ZipErrorCode;
  constructor(code: ZipErrorCode, message: string) {
    super(message);
    this.name = 'ZipError';
    this.code = code;
  }
}

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxRatio: number;
}

/**
 * No real Office part compresses better than 100:1. The figure is Apache POI's (ZipSecureFile's
 * minimum inflate ratio of 1 %), the reader most Office-handling servers rely on; a sheet of zeros
 * reaches about 1,000:1.
 */
export const MAX_ZIP_RATIO = 100;
/** Parts smaller than this are not judged by their ratio (a tiny styles part may compress further and cannot hurt); POI's grace size too. */
export const RATIO_GRACE_BYTES = 100 * 1024;
/** A .docx carries some 15–30 parts plus one per picture; POI refuses more than 1,000 entries as well. */
export const MAX_ZIP_ENTRIES = 1000;
/**
 * How much an upload may inflate to, as a multiple of its size limit. Office XML compresses about
 * 5–20× (ExcelJS's own export of a 20,000-row sheet: 1.2 MB → 22 MB, read back in 1.4 s), so 5×
 * the limit leaves any real document of that size room while keeping the worst parse to a few
 * seconds: a 10 MB plan .docx or ledger .xlsx inflates to at most 50 MB of XML.
 */
export const INFLATE_FACTOR = 5;

/** The limits for archives uploaded under a size limit of `uploadLimitBytes`. */
export function zipLimitsFor(uploadLimitBytes: number): ZipLimits {
  return { maxEntries: MAX_ZIP_ENTRIES, maxTotalBytes: uploadLimitBytes * INFLATE_FACTOR, maxRatio: MAX_ZIP_RATIO };
}

const SIG_END = 0x06054b50;
const SIG_END64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const END_SIZE = 22;
/** The end record sits within the last 22 bytes plus a comment of at most 65,535. */
export const END_SEARCH_BYTES = END_SIZE + 0xffff;
const CENTRAL_SIZE = 46;
export const LOCAL_HEADER_SIZE = 30;

const CORRUPT = () => new ZipError('CORRUPT', '文件不是有效的 Office 文档（ZIP 结构损坏），请用 Word、WPS 或 Excel 重新保存后上传');
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/**
 * Finds the end record in `tail`, the last bytes of an archive of `fileSize` bytes (at most
 * END_SEARCH_BYTES are needed). ZIP64 and split archives are refused: no document within Tuijin's
 * upload limits needs them, and their extra size fields are one more place to lie.
 */
export function readZipDirectory(tail: Uint8Array, fileSize: number): ZipDirectory {
  const tailOffset = fileSize - tail.length;
  const v = view(tail);
  for (let i = tail.length - END_SIZE; i >= 0; i--) {
    if (v.getUint32(i, true) !== SIG_END) continue;
    const commentLength = v.getUint16(i + 20, true);
    if (i + END_SIZE + commentLength !== tail.length) continue; // a signature inside the comment
    const disk = v.getUint16(i + 4, true);
    const directoryDisk = v.getUint16(i + 6, true);
    const onDisk = v.getUint16(i + 8, true);
    const entryCount = v.getUint16(i + 10, true);
    const size = v.getUint32(i + 12, true);
    const offset = v.getUint32(i + 16, true);
    const zip64 = (i >= 20 && v.getUint32(i - 20, true) === SIG_END64_LOCATOR) || entryCount === 0xffff || size === 0xffffffff || offset === 0xffffffff;
    if (zip64) throw new ZipError('UNSUPPORTED', '不支持 ZIP64 格式的文件，请用 Word、WPS 或 Excel 另存后上传');
    if (disk !== 0 || directoryDisk !== 0 || onDisk !== entryCount) throw new ZipError('UNSUPPORTED', '不支持分卷压缩的文件');
    const endOffset = tailOffset + i;
    if (offset + size > endOffset) throw CORRUPT();
    return { entryCount, offset, size, endOffset };
  }
  throw CORRUPT();
}

/** Reads the entries of the central directory `bytes` (exactly `dir.size` bytes from `dir.offset`). */
export function readZipEntries(bytes: Uint8Array, dir: ZipDirectory): ZipEntry[] {
  if (bytes.length !== dir.size) throw CORRUPT();
  const v = view(bytes);
  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < dir.entryCount; n++) {
    if (at + CENTRAL_SIZE > bytes.length || v.getUint32(at, true) !== SIG_CENTRAL) throw CORRUPT();
    const flags = v.getUint16(at + 8, true);
    const method = v.getUint16(at + 10, true);
    const compressedSize = v.getUint32(at + 20, true);
    const uncompressedSize = v.getUint32(at + 24, true);
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    const localOffset = v.getUint32(at + 42, true);
    const end = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (end > bytes.length) throw CORRUPT();
    const name = names.decode(bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength));
    if (flags & 0x1) throw new ZipError('UNSUPPORTED', '文件已加密，请取消密码保护后上传');
    if (method !== 0 && method !== 8) throw new ZipError('UNSUPPORTED', `文件中的“${name}”使用了不支持的压缩方式，请用 Word、WPS 或 Excel 另存后上传`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff)
      throw new ZipError('UNSUPPORTED', '不支持 ZIP64 格式的文件，请用 Word、WPS 或 Excel 另存后上传');
    if (localOffset + LOCAL_HEADER_SIZE + compressedSize > dir.offset) throw CORRUPT();
    if (method === 0 && compressedSize !== uncompressedSize) throw CORRUPT();
    entries.push({ name, method, crc32: v.getUint32(at + 16, true), compressedSize, uncompressedSize, localOffset });
    at = end;
  }
  return entries;
}

/** Refuses an archive whose declarations already exceed the limits: too many entries, too much in total, or one entry compressed like a bomb. */
export function checkZipLimits(entries: ZipEntry[], limits: ZipLimits): void {
  if (entries.length > limits.maxEntries) throw new ZipError('TOO_LARGE', `压缩包内文件过多（${entries.length} 个，上限 ${limits.maxEntries} 个），已拒绝读取`);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.uncompressedSize > RATIO_GRACE_BYTES && e.uncompressedSize > Math.max(e.compressedSize, 1) * limits.maxRatio) {
      throw new ZipError('TOO_LARGE', `文件中的“${e.name}”压缩比异常（超过 ${limits.maxRatio} 倍），疑似压缩炸弹，已拒绝读取`);
    }
  }
  if (total > limits.maxTotalBytes) throw new ZipError('TOO_LARGE', `文件解压后超过 ${mb(limits.maxTotalBytes)}（声明 ${mb(total)}），已拒绝读取`);
}

/** Offset of an entry's data, from the first bytes of its local header (its name and extra field lengths). */
export function zipDataOffset(localHeader: Uint8Array, entry: ZipEntry): number {
  if (localHeader.length < LOCAL_HEADER_SIZE) throw CORRUPT();
  const v = view(localHeader);
  if (v.getUint32(0, true) !== SIG_LOCAL) throw CORRUPT();
  return entry.localOffset + LOCAL_HEADER_SIZE + v.getUint16(26, true) + v.getUint16(28, true);
}
