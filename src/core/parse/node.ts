/** Numbered items and the tests the reader applies to them. */
import { lastIndexIn, type Line } from './lines.ts';
import type { MarkerKind } from './numbering.ts';
import type { TableRow } from './table.ts';
import { readUnitClauses, type Range } from './units.ts';

/** A numbered item (heading or task) or a table row, with the view range of its own words. */
export interface Node {
  kind: MarkerKind | 'row' | 'line';
  /** The marker's form as `ReadingLevel.form` names it ("ar-dot" for 1., "ar-dun" for 1、). */
  form: string;
  /**
   * The coordinator's choice: 'level' for an item of the chosen task level, 'line' for a line marked as
   * a task start (a task whatever its section), 'not' for an item the chosen level makes no task.
   */
  pinned?: 'level' | 'line' | 'not';
  label: string;
  value: number;
  depth: number;
  /** Index of the parent node in the part, or -1. */
  parent: number;
  markerStart: number;
  contentStart: number;
  /** End of the item's own text (label lines excluded). */
  end: number;
  /** End of the marker's own line: a heading's words, without the paragraph a title line may take. */
  lineEnd: number;
  /** End of the item including label lines that directly follow it. */
  blockEnd: number;
  /** A short phrase with no sentence (unit brackets aside): a heading if it has children. */
  headingLike: boolean;
  hasChildren: boolean;
  /** Folded into its parent, which carries the units for all of it (see `absorbChildren`). */
  absorbed: boolean;
  /** Its own words end with a lead-in colon and its label lines follow its details: it absorbs them. */
  leadIn?: boolean;
  /** Label lines (牵头部门：X) that apply to this item. */
  labels: Range[];
  row?: TableRow;
  /** Memo of the unit-bracket test for the text up to `end` (a node's text can still grow). */
  bracketMemo?: { end: number; value: boolean };
}

/** A run of the document: the body, or one attachment. */
export interface Part {
  start: number;
  end: number;
  isAttachment: boolean;
  nodes: Node[];
}

const UNIT_HINT = /牵头|责任|配合|负责|按职责|分工|卖力|协办/;
const UNIT_BRACKET = /[(〔[【][^()〔〕[\]【】]{0,80}(?:牵头|责任|配合|负责|按职责|卖力|协办)[^()〔〕[\]【】]{0,80}[)〕\]】]/;

/** The line ends with a bracket that names units, e.g. "…。（牵头单位：X）". */
export function endsWithUnitBracket(t: string, line: Line): boolean {
  let e = line.last;
  if (t[e - 1] === '。') e--;
  const c = t[e - 1];
  if (c !== ')' && c !== '〕' && c !== ']' && c !== '】') return false;
  const from = Math.max(line.first, e - 200);
  const open = Math.max(lastIndexIn(t, '(', from, e), lastIndexIn(t, '〔', from, e), lastIndexIn(t, '[', from, e), lastIndexIn(t, '【', from, e));
  return open >= from && UNIT_HINT.test(t.slice(open, e));
}

/**
 * A line that is nothing but a unit bracket, "（责任单位：X、Y）": like a label line, it applies to the
 * items just above it. Returns the inside of the bracket, or null.
 */
export function unitBracketLine(t: string, line: Line): Range | null {
  const c = t[line.first];
  if (c !== '(' && c !== '〔' && c !== '[' && c !== '【') return null;
  let e = line.last;
  if (t[e - 1] === '。') e--;
  let depth = 0;
  for (let i = line.first; i < e; i++) {
    const k = t[i];
    if (k === '(' || k === '〔' || k === '[' || k === '【') depth++;
    else if ((k === ')' || k === '〕' || k === ']' || k === '】') && --depth === 0 && i !== e - 1) return null;
  }
  if (depth !== 0) return null;
  const inside = { start: line.first + 1, end: e - 1 };
  if (!UNIT_HINT.test(t.slice(inside.start, inside.end))) return null;
  // "（各项任务中，排在第一位的为牵头单位）" states the document's rule and names no unit.
  const r = readUnitClauses(t, inside.start, inside.end);
  return r.lead.length + r.responsible.length + r.times.length > 0 ? inside : null;
}

/** Whether a node's own words carry a unit annotation (a unit bracket or label lines). */
export function hasUnitAnnotation(t: string, n: Node): boolean {
  if (n.labels.length > 0 || n.row) return true;
  if (n.bracketMemo?.end !== n.end) {
    const s = t.slice(n.contentStart, n.end);
    n.bracketMemo = { end: n.end, value: UNIT_HINT.test(s) && UNIT_BRACKET.test(s) };
  }
  return n.bracketMemo.value;
}

/** Heading-like: at most 40 characters once unit brackets are set aside, and no sentence inside. */
export function isHeadingLike(content: string): boolean {
  if (content.length > 200) return false;
  const words = content.replace(new RegExp(UNIT_BRACKET.source, 'g'), '');
  return words.length <= 40 && !/。./.test(words);
}

/** A line that starts with "?。" is a GBK number marker decoded one byte out of step. */
export function mojibakeContent(t: string, line: Line): number {
  const c = t[line.first];
  if ((c !== '?' && c !== '\ufffd') || t[line.first + 1] !== '。') return -1;
  for (let i = line.first + 2; i < Math.min(line.last, line.first + 7); i++) {
    const k = t.charCodeAt(i);
    // The closing bracket's second byte (0xA9) starts a box-drawing or small-form character.
    if ((k >= 0x2500 && k <= 0x257f) || (k >= 0xfe50 && k <= 0xfe6b)) return i;
  }
  return line.first + 2;
}

const SUB_ITEM = new Set(['pnum', 'half', 'circ', 'shi']);

/**
 * An item with its own unit bracket whose sub-items ((1) 1) ① 一是 on their own lines) name no units
 * is one task, the sub-items being its details. Under a heading with units, "1." items stay tasks and
 * inherit the heading's units instead.
 */
export function absorbChildren(t: string, nodes: Node[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!n || !n.hasChildren || (n.depth === 0 && !n.leadIn) || (n.labels.length > 0 && !n.leadIn) || !hasUnitAnnotation(t, n)) continue;
    let j = i + 1;
    let absorb = true;
    for (; j < nodes.length && (nodes[j]?.depth ?? 0) > n.depth; j++) {
      const d = nodes[j] as Node;
      // A sub-item the coordinator marked as a task start stays apart.
      if (hasUnitAnnotation(t, d) || !SUB_ITEM.has(d.kind) || d.pinned === 'line') absorb = false;
    }
    if (!absorb) continue;
    const lastDesc = nodes[j - 1];
    for (let k = i + 1; k < j; k++) (nodes[k] as Node).absorbed = true;
    n.hasChildren = false;
    if (lastDesc) n.end = n.blockEnd = Math.max(n.blockEnd, lastDesc.blockEnd);
    i = j - 1;
  }
}

/**
 * The coordinator's "tasks are at this level": every item of `form` is a task that takes in its
 * sub-items (their words and label lines), items above it are headings, and items elsewhere are no
 * tasks. A marked task start ('line') keeps its own item. Returns whether the part has the form.
 */
export function pinTaskLevel(nodes: Node[], form: string): boolean {
  let found = false;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as Node;
    if (n.form !== form) continue;
    found = true;
    n.pinned = n.pinned ?? 'level';
    let j = i + 1;
    for (; j < nodes.length && (nodes[j]?.depth ?? 0) > n.depth && nodes[j]?.pinned !== 'line'; j++) {
      const d = nodes[j] as Node;
      d.absorbed = true;
      n.labels.push(...d.labels);
      n.end = n.blockEnd = Math.max(n.blockEnd, d.blockEnd);
    }
    n.hasChildren = j < nodes.length && (nodes[j]?.depth ?? 0) > n.depth;
    i = j - 1;
  }
  if (!found) return false;
  for (const n of nodes) if (!n.pinned && !n.absorbed && !n.hasChildren) n.pinned = 'not';
  return true;
}
