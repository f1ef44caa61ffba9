/** One line of the view: [start, end) without its newline; `first`/`last` bound its non-space text. */
export interface Line {
  start: number;
  end: number;
  first: number;
  last: number;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\u200b' || c === '\ufeff';
}

/** Splits the view into lines in one pass; blank lines have first === last. */
export function splitLines(t: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= t.length) {
    let end = t.indexOf('\n', start);
    if (end < 0) end = t.length;
    let first = start;
    while (first < end && isBlank(t[first])) first++;
    let last = end;
    while (last > first && isBlank(t[last - 1])) last--;
    out.push({ start, end, first, last });
    start = end + 1;
  }
  return out;
}

/** Characters that end a sentence or clause at a line end, so the next line is not a hard wrap. */
const TERMINAL = '。！？!?；;：:)）】〕]';

/** True when a line ends a sentence; false for a hard wrap mid-sentence (…及年度⏎计划。). */
export function endsSentence(t: string, line: Line): boolean {
  return line.last > line.first && TERMINAL.includes(t[line.last - 1] ?? '');
}

/** An attachment heading such as 附件, 附件2 or 附件：配套措施, which starts a new part. */
export function isAttachmentLine(t: string, line: Line): boolean {
  if (t[line.first] !== '附' || t[line.first + 1] !== '件') return false;
  const rest = t.slice(line.first + 2, line.last);
  if (rest.length > 50 || rest.endsWith('。') || rest.endsWith('；')) return false;
  return /^\s*[\d一二三四五六七八九十]{0,2}\s*(?:[:：.、]|$)/.test(rest);
}

/** indexOf bounded to [from, to): the reader never scans past the range it is looking at. */
export function indexIn(t: string, ch: string, from: number, to: number): number {
  if (to <= from) return -1;
  // slice() shares the string's storage, so this is a native bounded search.
  const i = t.slice(from, to).indexOf(ch);
  return i < 0 ? -1 : from + i;
}

/** lastIndexOf bounded to [from, to). */
export function lastIndexIn(t: string, ch: string, from: number, to: number): number {
  if (to <= from) return -1;
  const i = t.slice(from, to).lastIndexOf(ch);
  return i < 0 ? -1 : from + i;
}
