import { findDeadlines, isOpenEnded } from './deadlines.ts';
import { indexIn } from './lines.ts';
import { hasUnitAnnotation, type Node, type Part } from './node.ts';
import { spanToSource, type ReadingView } from './normalize.ts';
import { sectionRole } from './sections.ts';
import { addUnits, copyList, labelDate, memo, onlyPunct, PUNCT, readUnits, written, type Ctx, type UnitRules } from './task-units.ts';
import type { ParsedDeadline, ParsedTask, Span } from './types.ts';
import type { Range } from './units.ts';

export type { UnitRules } from './task-units.ts';

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
    // An indented marker line followed by a line that is not indented is one paragraph hard-wrapped,
    // not a title line above its paragraph.
    const lineStart = t.lastIndexOf('\n', first.start - 1) + 1;
    const wrapped = ' \t'.includes(t[lineStart] ?? 'x') && !' \t'.includes(t[nl + 1] ?? ' ');
    if (nl > first.start && !wrapped && !/[。，,、；;]/.test(line) && !'：:'.includes(t[nl - 1] ?? '')) {
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

/** The last clause of [start, end): after the last 。，；, less closing punctuation; null when empty. */
function finalClause(t: string, start: number, end: number): Range | null {
  let e = end;
  while (e > start && ' \t\n。.；;，,'.includes(t[e - 1] ?? '')) e--;
  let s = e;
  while (s > start && !'。；;，,\n'.includes(t[s - 1] ?? '')) s--;
  while (s < e && ' \t'.includes(t[s] ?? '')) s++;
  return e > s && s > start ? { start: s, end: e } : null;
}

/** Headings above a node, as written with their markers, up to the first 。. */
export function headingOf(ctx: Ctx, node: Node): string {
  const m = memo(ctx, node);
  m.heading ??= readHeading(ctx, node);
  return m.heading;
}

/** A lead-in glued to the end of a heading: "（一）开办企业主要做好以下工作：". */
const LEAD_IN =
  /(?:(?:主要|重点|着力|具体|要|应)?(?:做好|抓好|开展|推进|实施|落实|抓|做)?以下(?:几项|几个方面|几方面|方面|[一二三四五六七八九十两]+项)?(?:工作|任务|措施|内容)?|具体(?:如下|措施如下)|如下)\s*[:：]\s*$/;

function readHeading(ctx: Ctx, node: Node): string {
  const t = ctx.view.text;
  let end = indexIn(t, '。', node.contentStart, node.lineEnd);
  if (end < 0) {
    end = node.lineEnd;
    const lead = LEAD_IN.exec(t.slice(node.contentStart, end));
    if (lead && lead.index > 0) end = node.contentStart + lead.index;
  }
  while (end > node.markerStart && PUNCT.includes(t[end - 1] ?? '')) end--;
  return written(ctx, { start: node.markerStart, end }).text;
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
    u = {
      ...u,
      lead: copyList(inherited.lead),
      resp: copyList(inherited.resp),
      firstIsLead: u.firstIsLead || inherited.firstIsLead,
      times: [...u.times, ...inherited.times],
    };
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
  const textEnd = u.inlineLabel >= 0 ? u.inlineLabel : node.end;
  scan({ start: node.contentStart, end: textEnd }, false);
  // "…，持续推进。" : an open-ended phrase as the text's last clause is its schedule.
  const lastClause = finalClause(t, node.contentStart, u.brackets[0]?.start ?? textEnd);
  if (lastClause && isOpenEnded(t.slice(lastClause.start, lastClause.end))) add(lastClause, null, false);
  if (u.inlineLabel >= 0) scan({ start: u.inlineLabel, end: node.end });
  for (const l of node.labels) scan(l);
  for (const r of u.times) {
    if (findDeadlines(t, r.start, r.end, ctx.year).length > 0) {
      // A table's 完成时限 column is its own field: its phrase counts even when the measure has it too.
      scan(r, node.row?.time !== r);
      continue;
    }
    const value = t.slice(r.start, r.end);
    const date = labelDate(value, ctx.year);
    if (date !== undefined) add(r, date);
    else if (isOpenEnded(value)) add(r, null);
  }

  const pieces = keptPieces(t, node, u.brackets, u.inlineLabel >= 0 ? u.inlineLabel : node.end);
  // A table cell wrapped onto lines of its own goes on after the cell's first line.
  if (node.row?.more) pieces.push(...node.row.more);
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
  if (node.pinned === 'line') return true;
  if (node.hasChildren || node.absorbed || node.kind === 'tag' || node.pinned === 'not') return false;
  const t = ctx.view.text;
  // Units on the item or on a heading between it and the section make it a task even there: a
  // section named 强化要素保障 whose items name units is a task section, not the plan's safeguards.
  let annotated = false;
  for (let n: Node | undefined = node; n; n = nodes[n.parent]) {
    const m = memo(ctx, n);
    m.role ??= sectionRole(headingText(t, n));
    const role = m.role;
    if (role !== 'key_tasks' && role !== 'other') return annotated || hasUnitAnnotation(t, n);
    annotated ||= hasUnitAnnotation(t, n);
  }
  return true;
}

/** A task with the item it was read from. */
export interface ReadTask {
  node: Node;
  task: ParsedTask;
}

/** Reads every task of the given parts. */
export function readTasks(view: ReadingView, source: string, parts: Part[], year: number | null, rules: UnitRules): ReadTask[] {
  const ctx: Ctx = { view, source, year, rules, memo: new Map() };
  const read: ReadTask[] = [];
  for (const part of parts) {
    for (const node of part.nodes) if (isTask(ctx, part.nodes, node)) read.push({ node, task: readTask(ctx, part.nodes, node) });
  }
  // When the tasks are sub-items that name units, a top-level paragraph without units is the
  // notice's own text ("一、高度重视，认真研究政策。…" before "1.…（牵头单位：…）"), not a task.
  // The coordinator's choices stand.
  const hasUnits = (t: ParsedTask) => t.lead.length + t.responsible.length > 0;
  const deepWithUnits = read.some((r) => r.node.depth > 0 && hasUnits(r.task));
  return read.filter((r) => r.node.pinned !== undefined || !(deepWithUnits && r.node.depth === 0 && !hasUnits(r.task)));
}
