import { isChromeLine } from './chrome.ts';
import { endsSentence, isAttachmentLine, type Line } from './lines.ts';
import { absorbChildren, endsWithUnitBracket, hasUnitAnnotation, isHeadingLike, mojibakeContent, unitBracketLine, type Node, type Part } from './node.ts';
import { findBareHeadings, findInlineShi, matchMarker, toCnNumber, type Marker, type MarkerKind } from './numbering.ts';
import { markerForm } from './levels.ts';
import { findVerticalTables, readTableRow, type TableHeader, type TableRow } from './table.ts';
import { isContactLine, isLabelLine, type Range } from './units.ts';

export type { Node, Part } from './node.ts';
export { hasUnitAnnotation } from './node.ts';

/** Reads one part's lines into numbered items, nesting marker families in order of appearance. */
class PartBuilder {
  readonly nodes: Node[] = [];
  private kinds: (MarkerKind | 'row')[] = [];
  /** Line starts (view offsets) the coordinator marked as task starts. */
  private readonly forced: ReadonlySet<number>;
  /** Whether most of the document's lines are indented (paragraph starts written with spaces). */
  indented = false;
  /** Headings with a bare numeral ("一教育方面"), by line start. */
  private readonly bare: ReadonlyMap<number, Marker>;
  /** The last value of each family, kept when the family's level closes: a running number goes on under the next heading. */
  private readonly lastValue = new Map<MarkerKind | 'row', number>();
  private open: number[] = [];
  private cur: Node | null = null;
  private inLabels = false;
  private table: TableHeader | null = null;
  /** The items the current run of label lines applies to. */
  private labelTargets: Node[] = [];
  private readonly t: string;

  constructor(t: string, forced: ReadonlySet<number> = new Set(), bare: ReadonlyMap<number, Marker> = new Map()) {
    this.t = t;
    this.forced = forced;
    this.bare = bare;
  }

  /** The value the next marker of `kind` should have: one more than its open sibling, or 1 for a new level. */
  expected(kind: MarkerKind | 'row'): number {
    const depth = this.kinds.indexOf(kind);
    return depth < 0 ? 1 : (this.nodes[this.open[depth] ?? -1]?.value ?? 0) + 1;
  }

  /** Adds an item at the depth of its marker family; a family seen before closes the deeper levels. */
  add(m: Marker, kind: MarkerKind | 'row', end: number, form = markerForm(this.t, kind, m)): Node {
    if (m.value === 0 && kind !== 'tag') {
      // A numeral lost to encoding errors ("（?）"): the sequence says what it was.
      const value = this.expected(kind);
      m = { ...m, value, label: kind === 'cn' || kind === 'pcn' || kind === 'shi' ? toCnNumber(value) : String(value) };
    }
    let depth = this.kinds.indexOf(kind);
    if (depth < 0) {
      this.kinds.push(kind);
      depth = this.kinds.length - 1;
    } else this.kinds.length = depth + 1;
    const parent = depth > 0 ? (this.open[depth - 1] ?? -1) : -1;
    const p = this.nodes[parent];
    if (p) p.hasChildren = true;
    const node: Node = {
      kind,
      form,
      label: m.label,
      value: m.value,
      depth,
      parent,
      markerStart: m.start,
      contentStart: m.contentStart,
      end,
      lineEnd: end,
      blockEnd: end,
      headingLike: isHeadingLike(this.t.slice(m.contentStart, end)),
      hasChildren: false,
      absorbed: false,
      labels: [],
    };
    this.open[depth] = this.nodes.length;
    this.open.length = depth + 1;
    this.lastValue.set(kind, m.value);
    this.nodes.push(node);
    this.cur = node;
    this.inLabels = false;
    return node;
  }

  /**
   * Label lines after a task paragraph apply to it and to the unannotated siblings just before it (a
   * shared 责任单位 line); after a heading they apply to that heading, whose items inherit them.
   */
  label(line: Line, range: Range = { start: line.first, end: line.last }): void {
    const last = this.nodes[this.nodes.length - 1];
    if (!last) return;
    if (!this.inLabels) {
      // "1．…重点推进以下事项：⏎（1）…⏎（2）…⏎牵头单位：X": labels after the details an item's lead-in
      // announced are the item's, and the details stay its text.
      const parent = this.nodes[last.parent];
      if (
        parent &&
        SUB_ITEM_KINDS.has(last.kind) &&
        /[:：]\s*$/.test(this.t.slice(parent.contentStart, parent.end)) &&
        !this.nodes.some((n) => n.parent === last.parent && hasUnitAnnotation(this.t, n))
      ) {
        parent.leadIn = true;
        this.labelTargets = [parent];
        this.inLabels = true;
        for (const n of this.labelTargets) n.labels.push(range);
        if (this.cur) this.cur.blockEnd = line.last;
        return;
      }
      this.labelTargets = [last];
      for (let i = this.nodes.length - 2; i >= 0; i--) {
        const n = this.nodes[i];
        if (!n || n.depth < last.depth) break;
        if (n.depth > last.depth) continue;
        // A sibling with items of its own is a heading: then `last` is one too and keeps the labels.
        if (n.parent !== last.parent || n.hasChildren || hasUnitAnnotation(this.t, n)) break;
        this.labelTargets.push(n);
      }
      this.inLabels = true;
    }
    for (const n of this.labelTargets) n.labels.push(range);
    if (this.cur) this.cur.blockEnd = line.last;
  }

  line(line: Line, prev: Line | null): void {
    const t = this.t;
    if (line.last <= line.first) return;
    if (this.forced.has(line.start)) return this.forcedStart(line);
    if (isContactLine(t, line.first, line.last)) {
      this.cur = null;
      this.inLabels = false;
      return;
    }
    if (isLabelLine(t, line.first, line.last)) return this.label(line);
    const bracket = unitBracketLine(t, line);
    if (bracket) return this.label(line, bracket);
    if (this.tableRow(line)) return;
    const moji = mojibakeContent(t, line);
    const last = this.nodes[this.nodes.length - 1];
    if (moji >= 0 && last) {
      const value = last.value + 1;
      const label = last.kind === 'cn' || last.kind === 'pcn' || last.kind === 'shi' ? toCnNumber(value) : String(value);
      this.add({ kind: 'num', label, value, start: line.first, contentStart: moji }, last.kind === 'line' ? 'num' : last.kind, line.last, last.form);
      return;
    }
    const bare = this.bare.get(line.start);
    if (bare) {
      this.add(bare, 'cn', line.last, 'cn-bare');
      return;
    }
    const m = pastCircled(matchMarker(t, line.first, line.last), this.lastValue.get('circ'));
    const cur = this.cur;
    // After a hard wrap, "1、2号楼…" is the rest of the sentence unless its number continues a list
    // (a new list may start only under a short title line).
    const wrapped = cur && prev && !this.inLabels && !endsSentence(t, prev);
    const titleLine = prev !== null && prev.last - prev.first < 30;
    const running = (mk: Marker) => mk.value > 1 && mk.value === (this.lastValue.get(mk.kind) ?? -1) + 1;
    const fits = (mk: Marker) => mk.value === 0 || running(mk) || (mk.value === this.expected(mk.kind) && (titleLine || this.kinds.includes(mk.kind)));
    if (m && (!wrapped || fits(m))) {
      this.addWithInlineSiblings(m, line);
      return;
    }
    // A hard wrap mid-sentence, the paragraph under a title line ("1．压缩开办时间⏎将…"), or a last
    // paragraph that carries the item's units all continue the item.
    // In a document that indents its paragraphs, a line without indent under an indented item goes on
    // with that item even after a full stop (a PDF copy wraps lines at a fixed width).
    const signature = line.last - line.first <= 24 && /(?:政府|办公室|办公厅|委员会|局|委|\d{1,2}月\d{1,2}日)$/.test(t.slice(line.first, line.last));
    const unindented = this.indented && line.first === line.start && prev !== null && prev.first > prev.start && !signature;
    // "主要做好以下工作：一是…二是…" under a heading is a list of items, not the heading's paragraph.
    const afterTitle = cur !== null && cur.headingLike && (!prev || endsSentence(t, prev) || cur.end === prev.last);
    const startsList = (mk: Marker) => mk.value === 1 || mk.value === (this.lastValue.get(mk.kind) ?? -1) + 1;
    const shiUnderHeading = !m && afterTitle ? inlineList(t, line.first, line.last, startsList) : [];
    // A title line takes the paragraph under it, even one with its own units: under a heading-level
    // task ("（二）加强信用监管。（牵头…）") the unnumbered lines are that task's measures.
    const titleTakes = cur !== null && cur.headingLike;
    const note = /^(?:注|备注|说明)\s*[:：]/.test(t.slice(line.first, line.first + 4));
    const continues = !note && shiUnderHeading.length === 0 && cur && !this.inLabels && ((prev && !endsSentence(t, prev)) || titleTakes || (unindented && !m));
    if (cur && (continues || (shiUnderHeading.length === 0 && endsWithUnitBracket(t, line)))) {
      // A wrapped line may hold the end of the item and its next sibling, written inline after the
      // bracket that closes the item's units ("…备案。（牵头单位：X）二是…").
      const next = continues ? siblingAfterUnits(t, cur, line) : null;
      if (next) {
        cur.end = trimEnd(t, next.start);
        cur.blockEnd = cur.end;
        this.cur = null;
        this.addWithInlineSiblings(next, { ...line, first: next.start });
        return;
      }
      cur.end = line.last;
      cur.blockEnd = line.last;
      return;
    }
    this.inLabels = false;
    this.cur = null;
    const shi = shiUnderHeading.length > 0 ? shiUnderHeading : findInlineShi(t, line.first, line.last);
    shi.forEach((s, i) => this.add(s, s.kind, i + 1 < shi.length ? trimEnd(t, shi[i + 1]?.start ?? line.last) : line.last));
  }

  /**
   * A line the coordinator says starts a task. A marker there is taken whatever the hard-wrap rule
   * says; a line without one becomes an item of its own: the sibling of the task paragraph it would
   * have continued, or the first item under the heading above it.
   */
  private forcedStart(line: Line): void {
    const t = this.t;
    const m = matchMarker(t, line.first, line.last);
    if (m) {
      this.add(m, m.kind, line.last).pinned = 'line';
      return;
    }
    // After an item of the deepest level so far, or one that reads as a task (a sentence, or units of
    // its own), the line is that item's next sibling; after a heading it is the heading's first item.
    const cur = this.cur ?? this.nodes[this.nodes.length - 1] ?? null;
    const isTaskLike = (n: Node) => !n.headingLike || hasUnitAnnotation(t, n) || (n.depth > 0 && n.depth === this.kinds.length - 1);
    const sibling = cur && !cur.hasChildren && isTaskLike(cur) ? cur : null;
    const parent = sibling ? sibling.parent : (this.open[this.open.length - 1] ?? -1);
    const p = this.nodes[parent];
    if (p) p.hasChildren = true;
    const prev = this.nodes[this.nodes.length - 1];
    const value = prev?.kind === 'line' && prev.parent === parent ? prev.value + 1 : 1;
    // The open levels stay as they are, so the document's own numbering goes on after this item.
    const node: Node = {
      kind: 'line',
      form: 'line',
      label: String(value),
      value,
      depth: p ? p.depth + 1 : 0,
      parent,
      markerStart: line.first,
      contentStart: line.first,
      end: line.last,
      lineEnd: line.last,
      blockEnd: line.last,
      headingLike: false,
      hasChildren: false,
      absorbed: false,
      labels: [],
      pinned: 'line',
    };
    this.nodes.push(node);
    this.cur = node;
    this.inLabels = false;
  }

  /**
   * Adds a marker line's item and the siblings written inline after it in the same paragraph
   * ("1．建设综合窗口。…。2．开展窗口培训。…"): a marker of the same family with the next number
   * right after 。 or ；. Deeper markers ("（1）…（2）…") stay part of the item's text.
   */
  private addWithInlineSiblings(m: Marker, line: Line): void {
    const t = this.t;
    let cur = m;
    let from = m.contentStart;
    // "（2）…：（1）…；（2）…；（3）…" holds a list of its own in the same form: no siblings inline then.
    for (let i = from; i < line.last; i++) {
      if (!'：:；;。'.includes(t[i] ?? '')) continue;
      const inner = matchMarker(t, i + 1, line.last);
      if (inner && inner.kind === m.kind && inner.value === 1) {
        this.add(m, m.kind, line.last);
        return;
      }
    }
    for (;;) {
      let next: Marker | null = null;
      for (let i = from; i < line.last && !next; i++) {
        const c = t[i];
        // A sibling follows a full stop, a semicolon, or the bracket that closes the item's units.
        if (c !== '。' && c !== '；' && c !== ';' && c !== ')' && c !== '】') continue;
        let k = i + 1;
        while (k < line.last && (t[k] === ' ' || t[k] === '\t')) k++;
        const cand = pastCircled(matchMarker(t, k, line.last), cur.kind === 'circ' ? cur.value : undefined);
        if (cand && cand.kind === cur.kind && cand.value === cur.value + 1) next = cand;
        else from = i + 1;
      }
      if (!next) break;
      this.add(cur, cur.kind, trimEnd(t, next.start));
      cur = next;
      from = next.contentStart;
    }
    this.add(cur, cur.kind, line.last);
  }

  /** Closes the current item, so no later line continues it. */
  endItem(): void {
    this.cur = null;
    this.inLabels = false;
  }

  /** Adds the rows of a table flattened to one cell per line. */
  verticalRows(rows: { row: TableRow; first: number; last: number }[]): void {
    const prev = this.nodes[this.nodes.length - 1];
    if (prev && !prev.headingLike && prev.kind !== 'row') {
      this.kinds.length = prev.depth;
      this.open.length = prev.depth;
    }
    for (const r of rows) {
      const last = this.nodes[this.nodes.length - 1];
      const value = r.row.value ?? (last && last.kind === 'row' ? last.value + 1 : 1);
      const node = this.add({ kind: 'num', label: String(value), value, start: r.first, contentStart: r.row.task.start }, 'row', r.row.task.end);
      node.row = r.row;
      node.headingLike = false;
      node.blockEnd = r.last;
    }
    this.cur = null;
  }

  /** Handles a table line; false when the line is to be read as ordinary text. */
  private tableRow(line: Line): boolean {
    const r = readTableRow(this.t, line, this.table);
    const last0 = this.nodes[this.nodes.length - 1];
    const cell = last0?.row ? (last0.row.more?.[last0.row.more.length - 1] ?? last0.row.task) : null;
    const cut = cell !== null && !'。！？!?；;)）'.includes(this.t[cell.end - 1] ?? '。');
    if ('plain' in r && !r.keep && this.table && last0?.row && cut && line.last - line.first <= 60 && !matchMarker(this.t, line.first, line.last)) {
      // A short line with no cells after a row whose task cell stops mid-sentence is the rest of that
      // cell, wrapped onto a line of its own.
      (last0.row.more ??= []).push({ start: line.first, end: line.last });
      last0.blockEnd = line.last;
      return true;
    }
    if ('plain' in r) {
      // A section heading between rows ("一、开办企业") keeps the table open; other text ends it.
      if (!r.keep && !matchMarker(this.t, line.first, line.last)) this.table = null;
      return false;
    }
    if ('skip' in r) return true;
    if ('header' in r) {
      this.table = r.header;
      // After a task paragraph the rows are its siblings, not its sub-items.
      const prev = this.nodes[this.nodes.length - 1];
      if (prev && !prev.headingLike && prev.kind !== 'row') {
        this.kinds.length = prev.depth;
        this.open.length = prev.depth;
      }
      return true;
    }
    const last = this.nodes[this.nodes.length - 1];
    const value = r.row.value ?? (last && last.kind === 'row' ? last.value + 1 : 1);
    const node = this.add({ kind: 'num', label: String(value), value, start: line.first, contentStart: r.row.task.start }, 'row', r.row.task.end);
    node.row = r.row;
    node.headingLike = false;
    node.blockEnd = line.last;
    // A row is complete on its line: what follows (a note, a page footer) is not its text.
    this.cur = null;
    return true;
  }
}

/**
 * A circled list has no mark past ⑳, so it goes on as （21）, (21) or 21): such a marker right after
 * ⑳ (or its own successor) belongs to the circled family. `lastCircled` is the family's last value.
 */
function pastCircled(m: Marker | null, lastCircled: number | undefined): Marker | null {
  if (!m || lastCircled === undefined || lastCircled < 20 || m.value !== lastCircled + 1) return m;
  return m.kind === 'pnum' || m.kind === 'half' ? { ...m, kind: 'circ' } : m;
}

/**
 * The next sibling of `cur` written inline on a line that continues it: a marker of its family with
 * the next number, right after a bracket that names units. null when there is none.
 */
function siblingAfterUnits(t: string, cur: Node, line: Line): Marker | null {
  for (let i = line.first; i < line.last; i++) {
    const c = t[i];
    if (c !== ')' && c !== '】') continue;
    const cand = pastCircled(matchMarker(t, i + 1, line.last), cur.kind === 'circ' ? cur.value : undefined);
    if (!cand || cand.kind !== cur.kind || cand.value !== cur.value + 1) continue;
    if (endsWithUnitBracket(t, { ...line, first: Math.max(line.first - 200, cur.contentStart), last: i + 1 })) return cand;
  }
  return null;
}

/** Families of an item's details on lines of their own. */
const SUB_ITEM_KINDS: ReadonlySet<string> = new Set(['pnum', 'half', 'circ', 'shi']);

/** Families an inline list after a lead-in may use: 一是, ①, （1）, (1), 1). */
const INLINE_KINDS: ReadonlySet<MarkerKind> = new Set(['shi', 'circ', 'pnum', 'half', 'pcn']);

/**
 * The items of a lead-in paragraph, "主要做好以下工作：①…。②…。" or "…：一是…；二是…": a first item
 * right after the colon and the next ones after clause breaks, counting up. [] when there is none.
 */
function inlineList(t: string, first: number, last: number, startsList: (m: Marker) => boolean): Marker[] {
  // The list the colon opens wins over a 一是 list inside its items.
  let at = -1;
  for (let i = first; i < last; i++) {
    if (t[i] === '：' || t[i] === ':') {
      at = i;
      break;
    }
  }
  const head = at < 0 ? null : matchMarker(t, at + 1, last);
  // The first item is a 1, or goes on with a number running across sections.
  if (!head || !startsList(head) || !INLINE_KINDS.has(head.kind)) return findInlineShi(t, first, last);
  const out = [head];
  for (let i = head.contentStart; i < last; i++) {
    if (!'。；;)】'.includes(t[i] ?? '')) continue;
    const prev = out[out.length - 1];
    const next = pastCircled(matchMarker(t, i + 1, last), prev?.kind === 'circ' ? prev.value : undefined);
    if (next && prev && next.kind === head.kind && next.value === prev.value + 1) {
      out.push(next);
      i = next.contentStart - 1;
    }
  }
  // One item after the colon is a list of one: the colon announced it.
  return out;
}

function trimEnd(t: string, e: number): number {
  while (e > 0 && ' \t'.includes(t[e - 1] ?? '')) e--;
  return e;
}

/** How the coordinator's overrides change the reading of the structure. */
export interface PartOptions {
  /** View offsets of line starts marked as task starts. */
  forced?: ReadonlySet<number>;
  /** Skip folding unannotated sub-items into their item: a chosen task level decides that instead. */
  keepChildren?: boolean;
}

/** Splits the view into parts at attachment headings and reads each part's numbered structure. */
export function readParts(t: string, lines: Line[], opts: PartOptions = {}): Part[] {
  const parts: Part[] = [];
  const forced = opts.forced ?? new Set<number>();
  const bare = findBareHeadings(t, lines);
  let filled = 0;
  let indentedLines = 0;
  for (const l of lines) {
    if (l.last <= l.first) continue;
    filled++;
    if (l.first > l.start) indentedLines++;
  }
  const indented = indentedLines * 3 >= filled;
  let builder = new PartBuilder(t, forced, bare);
  builder.indented = indented;
  let start = 0;
  let isAttachment = false;
  let prev: Line | null = null;
  const close = (end: number) => {
    if (!opts.keepChildren) absorbChildren(t, builder.nodes);
    parts.push({ start, end, isAttachment, nodes: builder.nodes });
  };
  const vertical = findVerticalTables(t, lines, (l) => matchMarker(t, l.first, l.last) !== null);
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li] as Line;
    const table = vertical.get(li);
    if (table) {
      builder.verticalRows(table.rows);
      li = table.end - 1;
      prev = null;
      continue;
    }
    // Page numbers of PDF text ("— 3 —") sit between a sentence's halves; they are not text.
    if (line.last > line.first && line.last - line.first <= 12 && /^[-—–\s]*\d{1,3}[-—–\s]*$/.test(t.slice(line.first, line.last))) continue;
    if (line.last > line.first && isChromeLine(t, line.first, line.last)) {
      // Page chrome ends the item above it: what follows is the page's, not the plan's.
      builder.endItem();
      continue;
    }
    if (line.last > line.first && isAttachmentLine(t, line)) {
      close(line.start);
      builder = new PartBuilder(t, forced, bare);
      builder.indented = indented;
      start = line.start;
      isAttachment = true;
      prev = null;
      continue;
    }
    builder.line(line, prev);
    if (line.last > line.first) prev = line;
  }
  close(t.length);
  return parts;
}
