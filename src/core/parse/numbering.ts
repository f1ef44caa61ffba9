/**
 * Number markers of Chinese official documents (GB/T 9704 levels and the variants web copies use).
 * All matching runs on the folded view: full-width digits and brackets are already ASCII there.
 */

import { indexIn } from './lines.ts';

/**
 * Marker families. The same family always sits at one depth within a part, but which depth depends
 * on the document, so the reader nests families in the order they first appear.
 * cn 一、 · pcn (一) · num 1. 1、 · dec 1.1 · pnum (1) · half 1) · circ ① · shi 一是 · tag 【标签】 · chap 第一部分 · art 第一条
 */
export type MarkerKind = 'cn' | 'pcn' | 'num' | 'dec' | 'pnum' | 'half' | 'circ' | 'shi' | 'tag' | 'chap' | 'art';

/** A number marker found in the view. */
export interface Marker {
  kind: MarkerKind;
  /** Numeric value, 0 for tags. */
  value: number;
  /** The number as written without punctuation, e.g. "1", "一". */
  label: string;
  /** View offset of the marker's first character. */
  start: number;
  /** View offset where the content after the marker (and following spaces) starts. */
  contentStart: number;
}

const CN_DIGIT: Record<string, number> = {
  〇: 0,
  '○': 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Parses a Chinese numeral up to 999 (一, 十二, 二十一, 一百零五); NaN when it is not one. */
export function parseCnNumber(s: string): number {
  if (s.length === 0) return Number.NaN;
  // Without 十/百 the digits are positional (二○○六 = 2006); with them they are multiplied.
  const positional = !s.includes('十') && !s.includes('百');
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch === '十' || ch === '百') {
      total += (cur === 0 ? 1 : cur) * (ch === '十' ? 10 : 100);
      cur = 0;
      continue;
    }
    const d = CN_DIGIT[ch];
    if (d === undefined) return Number.NaN;
    cur = positional ? cur * 10 + d : d;
  }
  return total + cur;
}

/** Writes a number as a Chinese numeral (1–99), for markers inferred from their neighbours. */
export function toCnNumber(n: number): string {
  const d = '零一二三四五六七八九';
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return d[n] ?? '';
  const t = Math.floor(n / 10);
  return `${t === 1 ? '' : (d[t] ?? '')}十${n % 10 === 0 ? '' : (d[n % 10] ?? '')}`;
}

const CN = '一二三四五六七八九十百〇○零两';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function skipSpaces(t: string, i: number, end: number): number {
  while (i < end && (t[i] === ' ' || t[i] === '\t')) i++;
  return i;
}

/** Reads a run of characters from `set` (at most `max`), returning its end. */
function run(t: string, i: number, end: number, max: number, test: (c: string) => boolean): number {
  let j = i;
  while (j < end && j - i < max && test(t[j] ?? '')) j++;
  return j;
}

function make(kind: MarkerKind, label: string, value: number, start: number, after: number, t: string, end: number): Marker {
  return { kind, label, value, start, contentStart: skipSpaces(t, after, end) };
}

/**
 * Matches a number marker at `i` in view `t` (line ends at `end`). Returns null when the text there
 * is not a marker, e.g. "1.5亿元", "2021年", "110千伏", "十大惠民实事".
 */
export function matchMarker(t: string, i: number, end: number): Marker | null {
  const c = t[i];
  if (c === undefined || i >= end) return null;
  if (CN.includes(c)) {
    const j = run(t, i, end, 4, (x) => CN.includes(x));
    const label = t.slice(i, j);
    const value = parseCnNumber(label);
    if (Number.isNaN(value) || value === 0) return null;
    // "一 、" with a space before the mark, as some web copies space out their headings.
    const q = skipSpaces(t, j, end);
    const p = t[q];
    if (p === '、' || p === '.' || p === '．') return make('cn', label, value, i, q + 1, t, end);
    if (p === '是' && j - i <= 3 && j + 1 < end && !'，,。；;：:'.includes(t[j + 1] ?? '')) {
      return make('shi', label, value, i, j + 1, t, end);
    }
    return null;
  }
  if (c === '(' || c === '（') {
    const k = skipSpaces(t, i + 1, end);
    const d = t[k];
    if (d === undefined) return null;
    if (CN.includes(d)) {
      const j = run(t, k, end, 4, (x) => CN.includes(x));
      const close = skipSpaces(t, j, end);
      const value = parseCnNumber(t.slice(k, j));
      if ((t[close] === ')' || t[close] === '）') && value > 0) {
        const after = '、.，,'.includes(t[close + 1] ?? 'x') ? close + 2 : close + 1;
        return make('pcn', t.slice(k, j), value, i, after, t, end);
      }
      return null;
    }
    if (d === '?' || d === '？' || d === '\ufffd') {
      // "（?）": a numeral lost to encoding errors; the reader infers it from the sequence (value 0).
      const close = skipSpaces(t, k + 1, end);
      if (t[close] === ')' || t[close] === '）') return make('pcn', '', 0, i, close + 1, t, end);
      return null;
    }
    if (isDigit(d)) {
      const j = run(t, k, end, 3, (x) => isDigit(x));
      const close = skipSpaces(t, j, end);
      if (t[close] === ')' || t[close] === '）') {
        const after = '、.，,'.includes(t[close + 1] ?? 'x') ? close + 2 : close + 1;
        return make('pnum', t.slice(k, j), Number(t.slice(k, j)), i, after, t, end);
      }
    }
    return null;
  }
  if (isDigit(c)) {
    const j = run(t, i, end, 4, (x) => isDigit(x));
    if (j - i > 3) return null;
    const value = Number(t.slice(i, j));
    if (value === 0) return null;
    // "1 ." and "1* ." (a flag character before the dot) are "1." as typed by hand or exported.
    let q = skipSpaces(t, j, end);
    if (t[q] === '*' || t[q] === '※') q = skipSpaces(t, q + 1, end);
    if (q > j) {
      const mark = t[q];
      // "1 .5" is a decimal typed loosely; "1 .9月底前" is item 1 starting with a date.
      const k = skipSpaces(t, q + 1, end);
      const d = run(t, k, end, 4, (x) => isDigit(x));
      const dated = d > k && '月年日'.includes(t[d] ?? '');
      if ((mark === '.' || mark === '、') && (!isDigit(t[k]) || dated)) return make('num', t.slice(i, j), value, i, q + 1, t, end);
      return null;
    }
    const p = t[j];
    if (p === '.' || p === '．') {
      const k = run(t, j + 1, end, 4, (x) => isDigit(x));
      // Outline numbers "1.1 推进…" need a space after them; "1.5亿元" is a decimal.
      if (k > j + 1 && k - j <= 3 && (t[k] === ' ' || t[k] === '\t')) return make('dec', t.slice(i, k), Number(t.slice(j + 1, k)), i, k, t, end);
      // "5.9月底前" is item 5 starting with a date.
      const decimal = k > j + 1 && !'月年日'.includes(t[k] ?? '');
      if (!decimal && t[j + 1] !== '%') return make('num', t.slice(i, j), value, i, j + 1, t, end);
      return null;
    }
    if (p === '、') return make('num', t.slice(i, j), value, i, j + 1, t, end);
    if (p === ')') return make('half', t.slice(i, j), value, i, j + 1, t, end);
    return null;
  }
  const circ = CIRCLED.indexOf(c);
  if (circ >= 0) return make('circ', String(circ + 1), circ + 1, i, i + 1, t, end);
  if (c === '第') {
    const j = run(t, i + 1, end, 5, (x) => CN.includes(x));
    const value = parseCnNumber(t.slice(i + 1, j));
    if (j === i + 1 || Number.isNaN(value)) return null;
    const rest = t.slice(j, j + 2);
    if (rest.startsWith('部分') || rest.startsWith('章') || rest.startsWith('节')) {
      const after = rest.startsWith('部分') ? j + 2 : j + 1;
      return make('chap', t.slice(i + 1, j), value, i, after, t, end);
    }
    // 第一条 starts an article before a space, a mark or the article's words; 第一条生产线 is no article
    // but is never a line of its own, and the hierarchy's order check keeps it out of a list.
    if (t[j] === '条' && j + 1 < end && !'件款例项'.includes(t[j + 1] ?? '')) {
      const after = '、.：:'.includes(t[j + 1] ?? '') ? j + 2 : j + 1;
      return make('art', t.slice(i + 1, j), value, i, after, t, end);
    }
    return null;
  }
  if (c === '【') {
    const j = indexIn(t, '】', i, Math.min(end, i + 22));
    // A tag heading is a short label alone on its line: 【推进措施】.
    // 【牵头单位：X】 on its own line is a unit annotation, not a heading.
    const words = t.slice(i + 1, j);
    if (j > i + 1 && j - i <= 21 && skipSpaces(t, j + 1, end) >= end && !/[:：]|牵头|责任|配合/.test(words)) {
      return make('tag', '', 0, i, j + 1, t, end);
    }
  }
  return null;
}

/**
 * Finds the inline "一是…二是…" enumeration inside one paragraph [start, end): the offsets of each
 * numeral that follows a clause break. Returns [] unless it starts at 一是 and counts up.
 */
export function findInlineShi(t: string, start: number, end: number): Marker[] {
  const out: Marker[] = [];
  let want = 1;
  let i = indexIn(t, '是', start + 1, end);
  while (i >= 0 && i < end) {
    const label = want <= 10 ? toCnNumber(want) : '';
    const s = i - label.length;
    if (label && s >= start && t.slice(s, i) === label) {
      const prev = t[s - 1];
      // After a clause break, or after the bracket closing the previous item's units.
      const atBreak = s === start || (prev !== undefined && '：:。；;，,　 )】'.includes(prev));
      if (atBreak && !'，,。；;：:'.includes(t[i + 1] ?? '，')) {
        out.push({ kind: 'shi', label, value: want, start: s, contentStart: i + 1 });
        want++;
      }
    }
    i = indexIn(t, '是', i + 1, end);
  }
  // One 一是 counts when a colon introduces it: its 二是 usually starts the next line.
  const first = out[0];
  const colon = first !== undefined && ':：'.includes(t[first.start - 1] ?? '');
  return out.length >= 2 || colon ? out : [];
}

/** Characters after a leading numeral that make a word (一批, 一网通办, 两个), not a bare heading. */
export const WORD_AFTER_NUMERAL =
  '是、.．,，。；;：:年月日号个批项次级类些样切直律起体道同网窗站件码业流门张份点条步把套场轮半并揽期手线站头成倍周天户家名位次所区县镇乡村人元万亿千百十';

/**
 * Headings written with a bare numeral and no mark, "一教育方面" … "二卫生方面": short lines that open
 * with 一, 二, 三… in order. One such line alone is a word (一网通办), so a line counts only in a run
 * of at least two that counts up from 一. Returns the markers by line start.
 */
export function findBareHeadings(t: string, lines: { first: number; last: number; start: number }[]): Map<number, Marker> {
  const cands: { line: number; m: Marker }[] = [];
  lines.forEach((l, k) => {
    if (l.last - l.first > 30 || l.last - l.first < 3) return;
    const j = run(t, l.first, l.last, 3, (x) => '一二三四五六七八九十'.includes(x));
    if (j === l.first) return;
    const value = parseCnNumber(t.slice(l.first, j));
    // "一　教育方面": a space may stand between the numeral and the words.
    const w = skipSpaces(t, j, l.last);
    const next = t.charCodeAt(w);
    if (!(value >= 1 && value <= 30) || !(next >= 0x4e00 && next <= 0x9fff) || (w === j && WORD_AFTER_NUMERAL.includes(t[j] ?? ''))) return;
    if (/[。，,；;]/.test(t.slice(j, l.last))) return;
    cands.push({ line: k, m: { kind: 'cn', label: t.slice(l.first, j), value, start: l.first, contentStart: w } });
  });
  const out = new Map<number, Marker>();
  let runOf: { line: number; m: Marker }[] = [];
  const commit = () => {
    if (runOf.length >= 2) for (const c of runOf) out.set(lines[c.line]?.start ?? -1, c.m);
    runOf = [];
  };
  for (const c of cands) {
    const last = runOf[runOf.length - 1];
    if (last && c.m.value === last.m.value + 1) runOf.push(c);
    else if (c.m.value === 1) {
      commit();
      runOf = [c];
    }
  }
  commit();
  return out;
}
