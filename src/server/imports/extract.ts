import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { decodeText } from '#core/parse/decode.ts';
import { docxToText, htmlToText } from '#core/parse/markup.ts';
import { DEFAULT_MAX_IMPORT_MB, extensionOf, isPlanFileName } from '#core/files/plan-files.ts';
import { ZipError, zipLimitsFor, type ZipLimits } from '#core/files/zip.ts';
import { unzipGuarded } from '../files/zip-guard.ts';

/** Why a file could not be read: the server maps them to 415, 400 and 413 with the Chinese message. */
export type ExtractErrorCode = 'UNSUPPORTED_TYPE' | 'UNREADABLE' | 'TOO_LARGE';

/** A plan file that cannot be turned into text; `message` is Chinese and tells the user what to do. */
export class ExtractError extends Error {
  readonly code: ExtractErrorCode;

  constructor(code: ExtractErrorCode, message: string) {
    super(message);
    this.name = 'ExtractError';
    this.code = code;
  }
}

type Kind = 'txt' | 'docx' | 'html' | 'pdf' | 'ole';

const UNSUPPORTED = (ext: string) =>
  new ExtractError('UNSUPPORTED_TYPE', `不支持的文件类型：${ext || '无扩展名'}，请上传 .txt、.docx、.html 或 .pdf 文件`);

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Decides the format by content first (PK zip, %PDF, OLE compound file, HTML markup), then by name. */
function detect(bytes: Uint8Array, ext: string): Kind | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'docx';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (ext === '.docx' || ext === '.pdf' || ext === '.doc' || ext === '.wps') return null; // name says binary, content disagrees
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || /^\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)/.test(head)) return 'html';
  if (ext === '.txt' || ext === '.text') return 'txt';
  return null;
}

/**
 * Turns an uploaded plan document into plain text for the reader: .txt (UTF-8, UTF-16 or GB18030),
 * .docx (paragraphs, auto-numbers and table rows), .html, text-layer .pdf, and .doc/.wps through
 * LibreOffice when the server has it. Throws ExtractError with a Chinese message otherwise. A .docx
 * is inflated under the limits for uploads of `maxUploadBytes` (zipLimitsFor), never further.
 */
export async function extractText(bytes: Uint8Array, fileName: string, { maxUploadBytes = DEFAULT_MAX_IMPORT_MB * 1024 * 1024 }: { maxUploadBytes?: number } = {}): Promise<string> {
  const limits = zipLimitsFor(maxUploadBytes);
  const ext = extensionOf(fileName);
  // Judged by name first, so a zip or PDF under another name (a.xlsx, a.exe) is never opened as a plan.
  if (!isPlanFileName(fileName)) throw UNSUPPORTED(ext);
  const kind = detect(bytes, ext);
  if (kind === null) {
    if (ext === '.docx' || ext === '.pdf' || ext === '.doc' || ext === '.wps') {
      throw new ExtractError('UNREADABLE', `无法读取 ${ext} 文件：文件已损坏或内容与扩展名不符，请重新导出后上传`);
    }
    throw UNSUPPORTED(ext);
  }
  switch (kind) {
    case 'txt':
      return decodeText(bytes);
    case 'html':
      return htmlToText(decodeHtml(bytes));
    case 'docx':
      return readDocx(bytes, ext, limits);
    case 'pdf':
      return readPdf(bytes);
    case 'ole':
      return readDocx(await convertWithLibreOffice(bytes, ext === '.wps' ? '.wps' : '.doc'), '.docx', limits);
  }
}

/** HTML pages declare legacy encodings in a meta tag; honour gb2312/gbk, else sniff like .txt. */
function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048)).toLowerCase();
  const charset = /charset\s*=\s*["']?\s*([a-z0-9_-]+)/.exec(head)?.[1];
  if (charset && /^(gb2312|gbk|gb18030|x-gbk)$/.test(charset)) return new TextDecoder('gb18030').decode(bytes);
  return decodeText(bytes);
}

const DOCX_PARTS = new Set(['word/document.xml', 'word/numbering.xml']);

/** The text of a .docx: only its body and numbering parts are inflated, each held to its declared size. */
async function readDocx(bytes: Uint8Array, ext: string, limits: ZipLimits): Promise<string> {
  let parts: Map<string, Buffer>;
  try {
    parts = await unzipGuarded(bytes, limits, (e) => DOCX_PARTS.has(e.name));
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    if (e.code === 'TOO_LARGE') throw new ExtractError('TOO_LARGE', `无法读取 .docx 文件：${e.message}`);
    throw new ExtractError('UNREADABLE', e.code === 'UNSUPPORTED' ? `无法读取 .docx 文件：${e.message}` : '无法读取 .docx 文件：文件已损坏，请重新保存后上传');
  }
  const doc = parts.get('word/document.xml');
  if (!doc) {
    // A zip that is not a Word document (.xlsx, .odt, .zip …).
    throw ext === '.docx' ? new ExtractError('UNREADABLE', '无法读取 .docx 文件：缺少正文内容（word/document.xml），请用 Word 或 WPS 另存为 .docx 后上传') : UNSUPPORTED(ext);
  }
  const utf8 = new TextDecoder('utf-8');
  return docxToText(utf8.decode(doc), utf8.decode(parts.get('word/numbering.xml') ?? new Uint8Array()));
}

async function readPdf(bytes: Uint8Array): Promise<string> {
  let pages: string[];
  try {
    const { extractText: pdfText } = await import('unpdf');
    // pdf.js takes ownership of the buffer it is given, so it gets a copy.
    const result = await pdfText(new Uint8Array(bytes), { mergePages: false });
    pages = result.text;
  } catch {
    throw new ExtractError('UNREADABLE', '无法读取 .pdf 文件：文件已损坏或已加密，请上传可复制文字的 PDF 或 .docx');
  }
  const text = pages.join('\n');
  if (text.replace(/\s+/g, '').length === 0) {
    throw new ExtractError('UNREADABLE', '无法读取 .pdf 文件：文件没有文字层（可能是扫描件），请上传可复制文字的 PDF 或 .docx');
  }
  return text;
}

/** The LibreOffice binary on PATH, if any. */
function findLibreOffice(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['libreoffice', 'soffice']) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return null;
}

async function convertWithLibreOffice(bytes: Uint8Array, ext: '.doc' | '.wps'): Promise<Uint8Array> {
  const bin = findLibreOffice();
  if (!bin) throw new ExtractError('UNREADABLE', `无法读取 ${ext} 文件：服务器未安装 LibreOffice，请另存为 .docx 后上传`);
  const dir = await mkdtemp(join(tmpdir(), 'tuijin-doc-'));
  try {
    const input = join(dir, `input${ext}`);
    await writeFile(input, bytes);
    // A private profile directory lets conversions run side by side and as a service user.
    await promisify(execFile)(bin, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'docx', '--outdir', dir, input], { timeout: 120_000 });
    return await readFile(join(dir, 'input.docx'));
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    throw new ExtractError('UNREADABLE', `无法读取 ${ext} 文件：转换失败，请另存为 .docx 后上传`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
