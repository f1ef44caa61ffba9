/**
 * Hard line breaks that are no breaks: a copy from a PDF or a fixed-width page wraps its lines in the
 * middle of sentences, unit names and labels ("（牵头单位：区住⏎建局）"). The reading view drops
 * those newlines (the source keeps them, and spans map back through the cut), so the reader sees
 * each paragraph as the one line it was written as.
 */
import { isChromeLine } from './chrome.ts';
import { isAttachmentLine, splitLines } from './lines.ts';
import { matchMarker } from './numbering.ts';
import { isHeaderWord } from './table.ts';
import { isContactLine, isLabelLine } from './units.ts';

/** A bracket that opens this far before a line end and is still open wraps onto the next line. */
const BRACKET_REACH = 160;

const SIGNATURE = /(?:政府|办公室|办公厅|委员会|局|委|\d{1,2}月\d{1,2}日)$/;

/**
 * Offsets of the newlines of folded text `t` to drop: those inside a unit bracket that a wrap split,
 * and, in a document that indents its paragraphs, those before a line without indent that goes on
 * with the paragraph above (no marker, label, attachment heading, chrome or signature there).
 */
export function findJoins(t: string): number[] {
  const out = new Set<number>();
  let open = -1;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '(' || c === '〔') {
      if (depth === 0) open = i;
      depth++;
    } else if ((c === ')' || c === '〕') && depth > 0) depth--;
    else if (c === '\n') {
      if (depth > 0 && i - open <= BRACKET_REACH && t[i + 1] !== '\n' && closesSoon(t, i + 1)) out.add(i);
      else depth = 0;
    }
  }
  const lines = splitLines(t);
  let filled = 0;
  let indented = 0;
  for (const l of lines) {
    if (l.last <= l.first) continue;
    filled++;
    if (l.first > l.start) indented++;
  }
  // One indented paragraph start is enough: the lines a fixed width wraps onto carry no indent.
  // The wrap width: the commonest length of lines that are no table rows. A line that ends a
  // sentence exactly at that width was cut there by the wrap; a shorter one ends its paragraph.
  const width = wrapWidth(t, lines);
  // Without any indent, a wrap cannot be told from a title or heading line that has no full stop
  // either, so such copies keep their lines (the structure still joins sentences cut mid-way).
  if (filled >= 2 && indented >= 1 && indented < filled) {
    let inParagraph = false;
    for (let k = 0; k < lines.length; k++) {
      const l = lines[k];
      if (!l || l.last <= l.first) {
        inParagraph = false;
        continue;
      }
      if (l.first > l.start) {
        inParagraph = true;
        continue;
      }
      const s = t.slice(l.first, l.last);
      const above = lines[k - 1];
      const full = above !== undefined && above.last - above.start >= width.width - 2;
      const midSentence = above !== undefined && !TERMINAL.includes(t[above.last - 1] ?? '');
      const cutByWrap = midSentence || full;
      const startsAnew = !cutByWrap || isTableLine(t, l.first, l.last) || beginsOwnLine(t, l, s);
      if (inParagraph && !startsAnew && l.start > 0) out.add(l.start - 1);
      else inParagraph = false;
    }
  }
  // A table flattened to one cell per line (a header word alone on a line) has cells of any length.
  const cellLines = lines.some((l) => l.last > l.first && isHeaderWord(t.slice(l.first, l.last)));
  if (filled >= 2 && indented === 0 && !cellLines && wrappedAtWidth(t, lines, width.width)) {
    // With no indent anywhere, only a line a fixed width filled up to the last character and that
    // ends a sentence tells a wrap (a title or heading line is shorter): the line under it goes on.
    for (let k = 1; k < lines.length; k++) {
      const l = lines[k];
      const above = lines[k - 1];
      if (!l || !above || l.last <= l.first || above.last <= above.first) continue;
      if (above.last - above.start < width.width - 1 || !'。；;'.includes(t[above.last - 1] ?? '')) continue;
      const s = t.slice(l.first, l.last);
      const startsAnew = isTableLine(t, l.first, l.last) || isTableLine(t, above.first, above.last) || beginsOwnLine(t, l, s);
      if (!startsAnew) out.add(l.start - 1);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * A line that starts something of its own whatever the wrap: a note, a numbered item, a label, a
 * contact, an attachment, web chrome or a signature. Both join rules (indented and unindented copies)
 * keep such a line apart from the one above it.
 */
function beginsOwnLine(t: string, l: Parameters<typeof isAttachmentLine>[1], s: string): boolean {
  return (
    /^(?:注|备注|说明)\s*[:：]/.test(s) ||
    matchMarker(t, l.first, l.last) !== null ||
    isLabelLine(t, l.first, l.last) ||
    isContactLine(t, l.first, l.last) ||
    isAttachmentLine(t, l) ||
    isChromeLine(t, l.first, l.last) ||
    (s.length <= 24 && SIGNATURE.test(s))
  );
}

/**
 * Whether the copy was wrapped at a fixed width: at least three lines of that width stop mid-sentence
 * and go on in an unnumbered line (a title or heading line seldom has the wrap's exact length, and
 * a numbered line follows it).
 */
function wrappedAtWidth(t: string, lines: { start: number; first: number; last: number }[], width: number): boolean {
  let cut = 0;
  for (let k = 0; k + 1 < lines.length && cut < 3; k++) {
    const l = lines[k];
    const next = lines[k + 1];
    if (!l || !next || next.last <= next.first) continue;
    const n = l.last - l.start;
    if (n < 10 || n < width - 1 || n > width || TERMINAL.includes(t[l.last - 1] ?? '。') || isTableLine(t, l.first, l.last)) continue;
    if (matchMarker(t, next.first, next.last) === null) cut++;
  }
  return cut >= 3;
}

/**
 * The width a copy's lines were wrapped at: the commonest length (give or take one) of lines of ten
 * or more characters, when at least two share it (`shared`); else the longest line. Table rows do
 * not count.
 */
function wrapWidth(t: string, lines: { start: number; first: number; last: number }[]): { width: number; shared: boolean } {
  const counts = new Map<number, number>();
  let longest = 0;
  for (const l of lines) {
    const n = l.last - l.start;
    if (n < 10 || isTableLine(t, l.first, l.last)) continue;
    longest = Math.max(longest, n);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 1;
  for (const [n, c] of counts) {
    const near = c + (counts.get(n - 1) ?? 0);
    if (near > bestCount || (near === bestCount && n > best)) [best, bestCount] = [n, near];
  }
  return bestCount >= 2 ? { width: best, shared: true } : { width: longest, shared: false };
}

/** Characters that end a sentence at a line end. */
const TERMINAL = '。！？!?；;：:)）】〕]';

/** A row of a flattened table: tab or | cells, or a header word alone on its line (序号, 牵头单位). */
function isTableLine(t: string, first: number, last: number): boolean {
  const s = t.slice(first, last);
  // Cells separated by runs of spaces: three runs make a row.
  return s.includes('\t') || s.includes('|') || isHeaderWord(s) || (s.match(/\S {2,}(?=\S)/g)?.length ?? 0) >= 3;
}

/** Whether the bracket still open at `from` closes within reach (so the newline is inside it). */
function closesSoon(t: string, from: number): boolean {
  for (let i = from; i < Math.min(t.length, from + BRACKET_REACH); i++) {
    const c = t[i];
    if (c === ')' || c === '〕') return true;
    if (c === '(' || c === '〔' || (c === '\n' && t[i + 1] === '\n')) return false;
  }
  return false;
}
