import { findDeadlines, isOpenEnded, monthEnd } from './deadlines.ts';
import { indexIn } from './lines.ts';
import { spanToSource, type ReadingView } from './normalize.ts';
import { sectionRole, type SectionRole } from './sections.ts';
import { hasUnitAnnotation, type Node, type Part } from './structure.ts';
import type { ParsedDeadline, ParsedTask, Span } from './types.ts';
import { findBrackets, findInlineLabel, readUnitClauses, type Range, type UnitReading } from './units.ts';

/** Document-wide rules that change how each task's units read. */
export interface UnitRules {
  /** "列第一位者为牵头单位": a list without 牵头 has its first unit as lead. */
  firstIsLead: boolean;
  /** Units named once for all later tasks ("以下…均需落实，不再一一列出"), with where the rule stands. */
  carry: { at: number; units: Range[] }[];
}

interface Ctx {
  view: ReadingView;
  source: string;
  year: number | null;
  rules: UnitRules;
  /** Per-heading results shared by all the items below it, so a long heading is read once. */
  memo: Map<Node, { role?: SectionRole; heading?: string; units?: Units }>;
}

function memo(ctx: Ctx, n: Node): { role?: SectionRole; heading?: string; units?: Units } {
  let m = ctx.memo.get(n);
  if (!m) ctx.memo.set(n, (m = {}));
  return m;
}

const PUNCT = ' \t\n。.，,；;、：:';

function onlyPunct(t: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!PUNCT.includes(t[i] ?? '')) return false;
  return true;
}

/** Whether a bracket's reading is a unit annotation rather than a qualifier or a document number. */
function isUnitBracket(t: string, r: UnitReading, b: Range, end: number): boolean {
  if (r.hasRoleWords) return r.lead.length + r.responsible.length + r.times.length > 0 || r.firstIsLead;
  // A list with no label counts only at the end of the item and only if every name reads as a unit.
  return r.rejected === 0 && r.responsible.length > 0 && onlyPunct(t, b.end, end);
}

function written(ctx: Ctx, r: Range): { text: string; span: Span } {
  const span = spanToSource(ctx.view, r.start, r.end);
  return { text: ctx.source.slice(span[0], span[1]), span };
}

/** Unit names in order with their spans; `seen` makes repeats cheap to skip. */
interface UnitList {
  names: string[];
  spans: Span[];
  seen: Set<string>;
}

const unitList = (): UnitList => ({ names: [], spans: [], seen: new Set() });
const copyList = (l: UnitList): UnitList => ({ names: [...l.names], spans: [...l.spans], seen: new Set(l.seen) });

/** Adds names in order, skipping repeats (as written). */
function addUnits(ctx: Ctx, into: UnitList, ranges: Range[]): void {
  for (const r of ranges) {
    const w = written(ctx, r);
    if (w.text && !into.seen.has(w.text)) {
      into.seen.add(w.text);
      into.names.push(w.text);
      into.spans.push(w.span);
    }
  }
}

/** The item's text with unit brackets cut out; what follows the last bracket goes if it is only punctuation. */
function keptPieces(t: string, node: Node, unitBrackets: Range[], end: number): Range[] {
  const pieces: Range[] = [];
  let from = node.contentStart;
  for (const b of unitBrackets) {
    pieces.push({ start: from, end: b.start });
    from = b.end;
  }
  if (!(unitBrackets.length > 0 && onlyPunct(t, from, end))) pieces.push({ start: from, end });
  const last = pieces[pieces.length - 1];
  if (last) while (last.end > last.start && ' \t\n'.includes(t[last.end - 1] ?? '')) last.end--;
  return pieces.filter((p) => p.end > p.start);
}

/**
 * The title: the text before the first 。, or the whole text less trailing punctuation. A short title
 * line above the item's paragraph ("1．推进“一网通办”⏎依托…。") is the title on its own.
 */
function titlePieces(t: string, pieces: Range[]): Range[] {
  const first = pieces[0];
  if (first) {
    const nl = indexIn(t, '\n', first.start, Math.min(first.end, first.start + 41));
    const line = t.slice(first.start, nl);
    if (nl > first.start && !/[。，,、；;]/.test(line) && !'：:'.includes(t[nl - 1] ?? '')) {
      let e = nl;
      while (e > first.start && PUNCT.includes(t[e - 1] ?? '')) e--;
      return [{ start: first.start, end: e }];
    }
  }
  const out: Range[] = [];
  for (const p of pieces) {
    const stop = indexIn(t, '。', p.start, p.end);
    if (stop >= 0) {
      out.push({ start: p.start, end: stop });
      return out;
    }
    out.push({ ...p });
  }
  const last = out[out.length - 1];
  if (last) while (last.end > last.start && PUNCT.includes(t[last.end - 1] ?? '')) last.end--;
  return out;
}

function join(ctx: Ctx, pieces: Range[]): { text: string; span: Span } {
  let text = '';
  for (const p of pieces) text += written(ctx, p).text;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const span: Span = first && last ? [spanToSource(ctx.view, first.start, first.end)[0], spanToSource(ctx.view, last.start, last.end)[1]] : [0, 0];
  return { text, span };
}

/** Headings above a node, as written with their markers, up to the first 。. */
export function headingOf(ctx: Ctx, node: Node): string {
  const m = memo(ctx, node);
  m.heading ??= readHeading(ctx, node);
  return m.heading;
}

function readHeading(ctx: Ctx, node: Node): string {
  const t = ctx.view.text;
  let end = indexIn(t, '。', node.contentStart, node.lineEnd);
  if (end < 0) end = node.lineEnd;
  while (end > node.markerStart && PUNCT.includes(t[end - 1] ?? '')) end--;
  return written(ctx, { start: node.markerStart, end }).text;
}

interface Units {
  lead: UnitList;
  resp: UnitList;
  times: Range[];
  firstIsLead: boolean;
  /** Unit brackets to cut from the text. */
  brackets: Range[];
  /** Where inline labels start ("…。牵头单位：X"), which ends the text; -1 if none. */
  inlineLabel: number;
}

/** Reads a node's own unit annotations: table cells, unit brackets, inline labels, label lines. */
function readUnits(ctx: Ctx, node: Node): Units {
  const t = ctx.view.text;
  const u: Units = { lead: unitList(), resp: unitList(), times: [], firstIsLead: false, brackets: [], inlineLabel: -1 };
  const take = (r: UnitReading) => {
    addUnits(ctx, u.lead, r.lead);
    addUnits(ctx, u.resp, r.responsible);
    u.times.push(...r.times);
    u.firstIsLead ||= r.firstIsLead;
  };
  if (node.row) {
    if (node.row.lead) take(readUnitClauses(t, node.row.lead.start, node.row.lead.end, 'lead'));
    if (node.row.resp) take(readUnitClauses(t, node.row.resp.start, node.row.resp.end));
    if (node.row.time) u.times.push(node.row.time);
  }
  const all = findBrackets(t, node.contentStart, node.end);
  u.inlineLabel = findInlineLabel(t, node.contentStart, node.end, all);
  const textEnd = u.inlineLabel >= 0 ? u.inlineLabel : node.end;
  for (const b of all) {
    if (b.end > textEnd) break;
    const r = readUnitClauses(t, b.start + 1, b.end - 1);
    if (!isUnitBracket(t, r, b, textEnd)) continue;
    u.brackets.push(b);
    take(r);
  }
  if (u.inlineLabel >= 0) take(readUnitClauses(t, u.inlineLabel, node.end));
  for (const l of node.labels) take(readUnitClauses(t, l.start, l.end));
  return u;
}

/**
 * A 完成时限 value with no deadline phrase: "2021年12月" or "6月" (month end), "2021年12月31日" or
 * "6月30日" (that day), "2021年" (year end). Undefined when the value is none of these.
 */
function labelDate(value: string, year: number | null): string | null | undefined {
  const m = /^(?:((?:19|20)\d{2})年)?(?:(\d{1,2})月份?(?:(\d{1,2})日)?)?(?:前|之前|以前|底|末)?(?:完成)?[。.]?$/.exec(value.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  const y = m[1] ? Number(m[1]) : year;
  const mo = m[2] ? Number(m[2]) : 12;
  if (y === null || mo < 1 || mo > 12) return null;
  const d = m[3] ? Number(m[3]) : monthEnd(y, mo);
  if (d < 1 || d > monthEnd(y, mo)) return null;
  return `${y}-${mo < 10 ? '0' : ''}${mo}-${d < 10 ? '0' : ''}${d}`;
}

function readTask(ctx: Ctx, nodes: Node[], node: Node): ParsedTask {
  const t = ctx.view.text;
  let u = readUnits(ctx, node);
  // An item without units of its own takes those of the nearest heading that has some.
  for (let p = nodes[node.parent]; p && u.lead.names.length + u.resp.names.length === 0; p = nodes[p.parent]) {
    if (!hasUnitAnnotation(t, p)) continue;
    const m = memo(ctx, p);
    m.units ??= readUnits(ctx, p);
    const inherited = m.units;
    // Copies: the lists are changed below (carried units, first-is-lead) and the memo is shared.
    u = { ...u, lead: copyList(inherited.lead), resp: copyList(inherited.resp), firstIsLead: u.firstIsLead || inherited.firstIsLead, times: [...u.times, ...inherited.times] };
  }
  const { lead, resp } = u;
  for (const c of ctx.rules.carry) if (c.at < node.markerStart) addUnits(ctx, resp, c.units);
  if ((ctx.rules.firstIsLead || u.firstIsLead) && lead.names.length === 0 && resp.names.length > 0) {
    lead.names.push(resp.names.shift() ?? '');
    lead.spans.push(resp.spans.shift() ?? [0, 0]);
  }

  const deadlines: ParsedDeadline[] = [];
  const deadlineSpans: Span[] = [];
  const seen = new Set<number>();
  const inText = new Set<string | null>();
  const add = (r: Range, date: string | null, fromLabel = true) => {
    // A 完成时限 label that repeats a date the text already gives adds nothing.
    if (seen.has(r.start) || (fromLabel && date !== null && inText.has(date))) return;
    seen.add(r.start);
    if (!fromLabel) inText.add(date);
    const w = written(ctx, r);
    deadlines.push({ text: w.text, date });
    deadlineSpans.push(w.span);
  };
  const scan = (r: Range, fromLabel = true) => {
    for (const h of findDeadlines(t, r.start, r.end, ctx.year)) add(h, h.date, fromLabel);
  };
  scan({ start: node.contentStart, end: u.inlineLabel >= 0 ? u.inlineLabel : node.end }, false);
  if (u.inlineLabel >= 0) scan({ start: u.inlineLabel, end: node.end });
  for (const l of node.labels) scan(l);
  for (const r of u.times) {
    if (findDeadlines(t, r.start, r.end, ctx.year).length > 0) {
      scan(r);
      continue;
    }
    const value = t.slice(r.start, r.end);
    const date = labelDate(value, ctx.year);
    if (date !== undefined) add(r, date);
    else if (isOpenEnded(value)) add(r, null);
  }

  const pieces = keptPieces(t, node, u.brackets, u.inlineLabel >= 0 ? u.inlineLabel : node.end);
  const text = join(ctx, pieces);
  const title = join(ctx, titlePieces(t, pieces));
  const path: string[] = [];
  for (let p = node.parent; p >= 0; p = nodes[p]?.parent ?? -1) {
    const parent = nodes[p];
    if (parent) path.unshift(headingOf(ctx, parent));
  }
  if (node.row?.category) path.push(written(ctx, node.row.category).text);
  return {
    path,
    number: node.label,
    title: title.text,
    text: text.text,
    deadlines,
    lead: lead.names,
    responsible: resp.names,
    spans: {
      task: spanToSource(ctx.view, node.markerStart, node.blockEnd),
      title: title.span,
      text: text.span,
      deadlines: deadlineSpans,
      lead: lead.spans,
      responsible: resp.spans,
    },
  };
}

/** The words of a heading: a tag's label, else the text after the marker. */
export function headingText(t: string, n: Node): string {
  return n.kind === 'tag' ? t.slice(n.markerStart, n.lineEnd) : t.slice(n.contentStart, n.lineEnd);
}

/**
 * Whether a node (a leaf) is a task: not a tag label, and under 目标/原则/保障/其他 headings only
 * when it names units (立山区's 预期目标 items each have 牵头单位 lines; 保障措施 items rarely do).
 */
function isTask(ctx: Ctx, nodes: Node[], node: Node): boolean {
  if (node.hasChildren || node.absorbed || node.kind === 'tag') return false;
  const t = ctx.view.text;
  for (let n: Node | undefined = node; n; n = nodes[n.parent]) {
    const m = memo(ctx, n);
    m.role ??= sectionRole(headingText(t, n));
    const role = m.role;
    if (role !== 'key_tasks' && role !== 'other') return hasUnitAnnotation(t, node);
  }
  return true;
}

/** Reads every task of the given parts. */
export function readTasks(view: ReadingView, source: string, parts: Part[], year: number | null, rules: UnitRules): ParsedTask[] {
  const ctx: Ctx = { view, source, year, rules, memo: new Map() };
  const out: ParsedTask[] = [];
  for (const part of parts) {
    for (const node of part.nodes) if (isTask(ctx, part.nodes, node)) out.push(readTask(ctx, part.nodes, node));
  }
  return out;
}

export type { Ctx as TaskContext };
