/** Reading a task's units, deadlines labels and shared context: the parts of tasks.ts about units. */
import { monthEnd } from './deadlines.ts';
import type { Node } from './node.ts';
import { spanToSource, type ReadingView } from './normalize.ts';
import type { SectionRole } from './sections.ts';
import type { Span } from './types.ts';
import { findBrackets, findInlineLabel, findTrailingUnitClauses, readUnitClauses, type Range, type UnitReading } from './units.ts';

/** Document-wide rules that change how each task's units read. */
export interface UnitRules {
  /** "列第一位者为牵头单位": a list without 牵头 has its first unit as lead. */
  firstIsLead: boolean;
  /** Units named once for all later tasks ("以下…均需落实，不再一一列出"), with where the rule stands. */
  carry: { at: number; units: Range[] }[];
}

/** What reading a part's tasks needs: the view, the source, the plan year, the document's rules. */
export interface Ctx {
  view: ReadingView;
  source: string;
  year: number | null;
  rules: UnitRules;
  /** Per-heading results shared by all the items below it, so a long heading is read once. */
  memo: Map<Node, { role?: SectionRole; heading?: string; units?: Units }>;
}

/** The memo entry of a heading node, created on first use. */
export function memo(ctx: Ctx, n: Node): { role?: SectionRole; heading?: string; units?: Units } {
  let m = ctx.memo.get(n);
  if (!m) ctx.memo.set(n, (m = {}));
  return m;
}

/** Spaces and punctuation trimmed from the ends of titles and texts. */
export const PUNCT = ' \t\n。.，,；;、：:';

/** True when [start, end) holds nothing but spaces and punctuation. */
export function onlyPunct(t: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!PUNCT.includes(t[i] ?? '')) return false;
  return true;
}

/** Whether a bracket's reading is labelled: a unit or time label or a role verb says what it is. */
function isLabelled(r: UnitReading): boolean {
  return r.hasRoleWords && (r.lead.length + r.responsible.length + r.times.length > 0 || r.firstIsLead);
}

/**
 * Whether a bracket's reading is a unit annotation rather than a qualifier or a document number. A
 * list with no label counts only at the end of the item (other annotation brackets may follow it,
 * "（X、Y）（完成时限：…）") and only if every name reads as a unit.
 */
function isUnitBracket(t: string, readings: { b: Range; r: UnitReading }[], k: number, end: number): boolean {
  const cur = readings[k];
  if (!cur) return false;
  if (cur.r.hasRoleWords) return isLabelled(cur.r);
  if (cur.r.rejected > 0 || cur.r.responsible.length === 0) return false;
  let from = cur.b.end;
  for (let j = k + 1; j < readings.length; j++) {
    const next = readings[j];
    if (!next || !onlyPunct(t, from, next.b.start) || !isLabelled(next.r)) return false;
    from = next.b.end;
  }
  return onlyPunct(t, from, end);
}

/** The source text a view range came from, with its source span. */
export function written(ctx: Ctx, r: Range): { text: string; span: Span } {
  const span = spanToSource(ctx.view, r.start, r.end);
  return { text: ctx.source.slice(span[0], span[1]), span };
}

/** Unit names in order with their spans; `seen` makes repeats cheap to skip. */
export interface UnitList {
  names: string[];
  spans: Span[];
  seen: Set<string>;
}

/** An empty unit list. */
export const unitList = (): UnitList => ({ names: [], spans: [], seen: new Set() });
/** A copy of a unit list that can be changed without touching the original. */
export const copyList = (l: UnitList): UnitList => ({ names: [...l.names], spans: [...l.spans], seen: new Set(l.seen) });

/** Adds names in order, skipping repeats (as written). */
export function addUnits(ctx: Ctx, into: UnitList, ranges: Range[]): void {
  for (const r of ranges) {
    const w = written(ctx, r);
    if (w.text && !into.seen.has(w.text)) {
      into.seen.add(w.text);
      into.names.push(w.text);
      into.spans.push(w.span);
    }
  }
}

/** Everything a node's own annotations say about its units. */
export interface Units {
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
export function readUnits(ctx: Ctx, node: Node): Units {
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
  const readings: { b: Range; r: UnitReading }[] = [];
  for (const b of all) {
    if (b.end > textEnd) break;
    readings.push({ b, r: readUnitClauses(t, b.start + 1, b.end - 1) });
  }
  readings.forEach(({ b, r }, k) => {
    if (!isUnitBracket(t, readings, k, textEnd)) return;
    u.brackets.push(b);
    take(r);
  });
  if (u.inlineLabel >= 0) take(readUnitClauses(t, u.inlineLabel, node.end));
  for (const l of node.labels) take(readUnitClauses(t, l.start, l.end));
  if (u.lead.names.length + u.resp.names.length === 0 && !node.row) {
    // No annotation: the units may be the item's last clauses, "…，由X牵头，Y配合。"
    const tail = findTrailingUnitClauses(t, node.contentStart, textEnd);
    if (tail) {
      // The comma before the clauses goes with them; a full stop stays with the text.
      u.inlineLabel = '，,；;'.includes(t[tail.at - 1] ?? '') ? tail.at - 1 : tail.at;
      take(tail.reading);
    }
  }
  return u;
}

/**
 * A 完成时限 value with no deadline phrase: "2021年12月" or "6月" (month end), "2021年12月31日" or
 * "6月30日" (that day), "2021年" (year end). Undefined when the value is none of these.
 */
export function labelDate(value: string, year: number | null): string | null | undefined {
  const m = /^(?:((?:19|20)\d{2})年)?(?:(\d{1,2})月份?(?:(\d{1,2})日)?)?(?:前|之前|以前|底|末)?(?:完成)?[。.]?$/.exec(value.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  const y = m[1] ? Number(m[1]) : year;
  const mo = m[2] ? Number(m[2]) : 12;
  if (y === null || mo < 1 || mo > 12) return null;
  const d = m[3] ? Number(m[3]) : monthEnd(y, mo);
  if (d < 1 || d > monthEnd(y, mo)) return null;
  return `${y}-${mo < 10 ? '0' : ''}${mo}-${d < 10 ? '0' : ''}${d}`;
}
