/** Evidence file types Tuijin accepts, recognised by their content, never by their name. */
export type EvidenceType = { mime: string; ext: string; label: string };

const TYPES = {
  png: { mime: 'image/png', ext: '.png', label: 'PNG 图片' },
  jpeg: { mime: 'image/jpeg', ext: '.jpg', label: 'JPEG 图片' },
  gif: { mime: 'image/gif', ext: '.gif', label: 'GIF 图片' },
  webp: { mime: 'image/webp', ext: '.webp', label: 'WebP 图片' },
  pdf: { mime: 'application/pdf', ext: '.pdf', label: 'PDF 文档' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: '.docx', label: 'Word 文档' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: '.xlsx', label: 'Excel 表格' },
} as const satisfies Record<string, EvidenceType>;

/** The largest evidence file (佐证材料) a report takes; the upload stops past it, the form refuses it before. */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The extensions the evidence form offers, one per accepted type and `.jpeg` beside `.jpg` (the names a
 * file picker filters by); the server still judges each file by its content.
 */
export const EVIDENCE_EXTENSIONS: readonly string[] = Object.values(TYPES).flatMap((t) => (t.ext === TYPES.jpeg.ext ? [t.ext, '.jpeg'] : [t.ext]));

/** A zip archive: a .docx or .xlsx once its directory says which (`ooxmlTypeOf`). */
export const ZIP = 'zip' as const;

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/**
 * Recognises images (PNG, JPEG, GIF, WebP) and PDF by their first bytes; ZIP for an archive, to be
 * told apart by `ooxmlTypeOf`; null for anything else, whatever its name says.
 */
export function sniffHead(head: Uint8Array): EvidenceType | typeof ZIP | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return TYPES.jpeg;
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return TYPES.gif;
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return TYPES.webp;
  if (startsWith(head, ascii('%PDF-'))) return TYPES.pdf;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return ZIP;
  return null;
}

/** The content types package parts must declare: a plain document or workbook (no macros, no templates). */
const MAIN_PARTS: [string, EvidenceType][] = [
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', TYPES.docx],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', TYPES.xlsx],
];

/** The name of an OOXML content types part, which every .docx and .xlsx carries at its root. */
export const CONTENT_TYPES_PART = '[Content_Types].xml';

/**
 * A zip's type from its entry names and its `[Content_Types].xml`: DOCX or XLSX when the content
 * types declare a document (or workbook) main part and the archive holds that part; null else.
 */
export function ooxmlTypeOf(entryNames: readonly string[], contentTypesXml: string | null): EvidenceType | null {
  if (contentTypesXml === null) return null;
  const names = new Set(entryNames);
  for (const override of contentTypesXml.match(/<Override\b[^>]*>/g) ?? []) {
    const part = /\bPartName\s*=\s*["']\/?([^"']+)["']/.exec(override)?.[1];
    const type = /\bContentType\s*=\s*["']([^"']+)["']/.exec(override)?.[1];
    const main = MAIN_PARTS.find(([t]) => t === type?.trim());
    if (part && main && names.has(part)) return main[1];
  }
  return null;
}

/** Extensions a file of each type may keep (JPEG has several). */
const KEPT_EXTENSIONS: Record<string, string[]> = { '.jpg': ['.jpg', '.jpeg', '.jfif'] };

/**
 * The name an evidence file is stored and downloaded under: control characters and path
 * separators replaced, at most 200 characters, and an extension that matches its content, so a
 * PDF uploaded as `x.html` downloads as `x.pdf` and never carries a name a browser would render.
 */
export function evidenceFileName(fileName: string, type: EvidenceType): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a stored file name must not keep.
  const clean = fileName.replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim();
  const ext = /\.[a-z0-9]{1,8}$/i.exec(clean)?.[0]?.toLowerCase() ?? '';
  const allowed = KEPT_EXTENSIONS[type.ext] ?? [type.ext];
  const base = clean.slice(0, clean.length - ext.length);
  const keptExt = allowed.includes(ext) ? clean.slice(base.length) : type.ext;
  return `${(base || 'file').slice(0, 200 - keptExt.length)}${keptExt}`;
}

/**
 * Extensions that name a file type. A name ending in one of them claims that type, so an evidence
 * file whose content is another type is refused rather than renamed; any other ending (`第1.2条`) is
 * not a claim, and the file is stored under its content's extension.
 */
const TYPE_EXTENSIONS = new Set([
  '.pdf', '.png', '.jpg', '.jpeg', '.jfif', '.gif', '.webp', '.bmp', '.tif', '.tiff', '.heic', '.svg', '.ico',
  '.doc', '.docx', '.docm', '.dot', '.dotx', '.xls', '.xlsx', '.xlsm', '.xlt', '.csv', '.ppt', '.pptx', '.wps', '.et', '.dps', '.ofd', '.odt', '.ods', '.rtf', '.txt',
  '.html', '.htm', '.xhtml', '.xml', '.json', '.js', '.mjs', '.css', '.zip', '.rar', '.7z', '.gz', '.tar', '.exe', '.dll', '.bat', '.cmd', '.sh', '.msi', '.apk',
]);

/**
 * The extension of `fileName` when it claims a file type other than the content's `type` (a PNG
 * named `.pdf`, a PDF named `.html`), else null.
 */
export function claimedOtherType(fileName: string, type: EvidenceType): string | null {
  const ext = /\.[a-z0-9]{1,8}$/i.exec(fileName.trim())?.[0]?.toLowerCase();
  if (!ext || !TYPE_EXTENSIONS.has(ext)) return null;
  return (KEPT_EXTENSIONS[type.ext] ?? [type.ext]).includes(ext) ? null : ext;
}
