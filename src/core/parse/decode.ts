/**
 * Decodes a text file's bytes: UTF-8 with or without BOM, UTF-16 with a BOM (or, without one, when
 * every other byte is zero), else GB18030 — the encoding of most Chinese government .txt files,
 * and a superset of GBK and GB2312.
 */
export function decodeText(bytes: Uint8Array): string {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (a === 0xff && b === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (a === 0xfe && b === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf16 = looksLikeUtf16(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * BOM-less UTF-16: neither UTF-8 nor GB18030 text has zero bytes, while UTF-16 has one in every ASCII
 * character (newlines, digits, punctuation).
 */
function looksLikeUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero + evenZero === 0) return null;
  // ASCII leaves its zero on the high side; a few CJK characters (一 = U+4E00) on the low side.
  return oddZero >= evenZero ? 'utf-16le' : 'utf-16be';
}
