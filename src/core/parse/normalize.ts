import { findJoins } from './joins.ts';
import { T2S_PAIRS } from './t2s-data.ts';

/**
 * Normalises a document for reading: drops a leading BOM and turns CRLF / lone CR into LF. Nothing
 * else changes, so every offset into the result is an offset into the text as received (minus the
 * BOM and the CR of each CRLF) and a reviewer can highlight the source clause.
 */
export function normalizeSource(text: string): string {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  return s;
}

/** One character code → its folded form; built once. */
const FOLD: Uint16Array = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) t[i] = i;
  // Full-width ASCII → ASCII, so "１．" and "1." or "（" and "(" look alike to the matchers.
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = c - 0xfee0;
  t[0x3000] = 0x20; // ideographic space
  t[0x00a0] = 0x20;
  t[0x0b] = 0x0a;
  t[0x0c] = 0x0a; // form feed from PDF page breaks ends a line
  t[0x2028] = 0x0a;
  t[0x2029] = 0x0a;
  t[0xfe59] = 0x28; // small parentheses ﹙﹚
  t[0xfe5a] = 0x29;
  for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2) t[T2S_PAIRS.charCodeAt(i)] = T2S_PAIRS.charCodeAt(i + 1);
  return t;
}

/** Folds a short string the same way as the reading view (no gloss removal). */
export function foldString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(FOLD[s.charCodeAt(i)] ?? 0);
  return out;
}

/**
 * The reading view of a source text: the same characters folded one-to-one (full-width → ASCII,
 * traditional → simplified) with pinyin glosses from web copies (`發(fā)`) cut out, so the matchers
 * see 发. Glosses are rare, so the mapping back to the source is kept sparse: `cuts[k]` is a view
 * offset from which source offsets run `shifts[k]` characters ahead.
 */
export interface ReadingView {
  text: string;
  cuts: number[];
  shifts: number[];
  /**
   * View offsets of line breaks the reader put back into a copy that lost them (see breaks.ts),
   * ascending. Each maps to the source character after it; the view runs one ahead after each.
   */
  inserts?: number[];
}

const TONE = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňḿ';

function isPinyinChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || c === 0xfc || TONE.includes(String.fromCharCode(c));
}

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/**
 * If `codes[i]` opens a pinyin gloss like `(fā)` right after a CJK character, returns the index
 * just past its `)`; otherwise -1. A tone mark is required so `(a)` list letters stay.
 */
function glossEnd(codes: Uint16Array, i: number, n: number): number {
  if (codes[i] !== 0x28 || i === 0 || !isCjk(codes[i - 1] ?? 0)) return -1;
  let hasTone = false;
  let j = i + 1;
  for (; j < n && j - i <= 8; j++) {
    const c = codes[j] ?? 0;
    if (c === 0x29) break;
    if (!isPinyinChar(c)) return -1;
    if (c > 0x7f) hasTone = true;
  }
  return codes[j] === 0x29 && j > i + 1 && hasTone ? j + 1 : -1;
}

/** Builds the reading view of a normalised source in one linear pass. */
export function buildView(source: string): ReadingView {
  const n = source.length;
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) codes[i] = FOLD[source.charCodeAt(i)] ?? 0;
  // Full-width spaces that a wrong code page turned into "??" (one ideographic space, two bytes) are
  // spaces to the matchers; a lone "?" stays, for it may be a lost numeral ("（?）") or mojibake.
  for (let i = 0; i + 1 < n; i++) {
    if (codes[i] === 0x3f && codes[i + 1] === 0x3f) {
      let j = i;
      while (j < n && codes[j] === 0x3f) codes[j++] = 0x20;
      i = j;
    }
  }
  const joins = findJoins(new TextDecoder('utf-16le').decode(codes));
  let nextJoin = 0;
  const cuts: number[] = [];
  const shifts: number[] = [];
  let w = 0;
  for (let r = 0; r < n; ) {
    if (r === joins[nextJoin]) {
      // A hard wrap: the newline leaves the view, the source keeps it.
      nextJoin++;
      cuts.push(w);
      shifts.push(r + 1 - w);
      r++;
      continue;
    }
    if (codes[r] === 0x28) {
      const e = glossEnd(codes, r, n);
      if (e > 0) {
        cuts.push(w);
        shifts.push(e - w);
        r = e;
        continue;
      }
    }
    codes[w++] = codes[r++] ?? 0;
  }
  const text = new TextDecoder('utf-16le').decode(codes.subarray(0, w));
  return { text, cuts, shifts };
}

/** Maps a view offset to the source offset of the same character. */
export function toSource(view: ReadingView, i: number): number {
  const { cuts, shifts, inserts } = view;
  if (inserts && inserts.length > 0) {
    // Back to the view before the breaks were put in: one less for every break before i.
    let lo = 0;
    let hi = inserts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((inserts[mid] ?? 0) < i) lo = mid + 1;
      else hi = mid;
    }
    i -= lo;
  }
  let lo = 0;
  let hi = cuts.length - 1;
  let shift = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((cuts[mid] ?? 0) <= i) {
      shift = shifts[mid] ?? 0;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return i + shift;
}

/** Maps a view range [start, end) to the source range that holds exactly those characters. */
export function spanToSource(view: ReadingView, start: number, end: number): [number, number] {
  if (end <= start) {
    const s = toSource(view, start);
    return [s, s];
  }
  return [toSource(view, start), toSource(view, end - 1) + 1];
}
