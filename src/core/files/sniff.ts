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

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** True when the ASCII `needle` occurs in the first `limit` bytes (zip entry names are stored in clear). */
function containsAscii(b: Uint8Array, needle: string, limit = 4 * 1024 * 1024): boolean {
  const n = ascii(needle);
  const end = Math.min(b.length, limit) - n.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < n.length; k++) if (b[i + k] !== n[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * Recognises images (PNG, JPEG, GIF, WebP), PDF, DOCX and XLSX by their bytes; null for anything
 * else, whatever its name says. DOCX and XLSX are zip files told apart by their main part.
 */
export function sniffEvidence(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return TYPES.jpeg;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return TYPES.gif;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return TYPES.webp;
  if (startsWith(bytes, ascii('%PDF-'))) return TYPES.pdf;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, 'word/document.xml')) return TYPES.docx;
    if (containsAscii(bytes, 'xl/workbook.xml')) return TYPES.xlsx;
  }
  return null;
}
