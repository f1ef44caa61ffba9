import { dueAnnotation, expectedUnits, FIRST_LEAD_RULES, unitAnnotation } from './annotate.ts';
import { chromeBottom, chromeTop, GOAL, mojibake, notice, PREAMBLE, SAFEGUARDS } from './frame.ts';
import { firstDiff, heading, type Ctx } from './ctx.ts';
import { ALL_FORMS, familyOf, formLimit, marker } from './numerals.ts';
import { renderTables } from './table.ts';
import { pieceTransform } from './transforms.ts';
import type { ExpectedTask, FormId, MetaPlan, MetaTask, RenderOptions, Rendering } from './types.ts';

export type { RenderOptions, Rendering } from './types.ts';

/** Forms that can number items inside one paragraph. */
export const INLINE_FORMS: FormId[] = ['cn-shi', 'ar-fparen', 'ar-paren', 'circled'];

/**
 * Prints a gold reading as a plan text in the conventions `opts` chooses, and says what the reader
 * should read from it. Pure: the same plan and options always give the same text.
 */
export function renderPlan(plan: MetaPlan, options: RenderOptions): Rendering {
  const depth = Math.max(0, ...plan.tasks.map((t) => t.path.length));
  const opts = consistent(plan, options, depth);
  const tx = pieceTransform(opts);
  const ctx: Ctx = { opts, tx, depth, indent: tx('　　'), firstLead: opts.units === 'first-lead' || opts.units === 'first-lead-line' };
  const paras: string[] = [...chromeTop(plan, opts), ...notice(plan)].map(tx);
  const wording = FIRST_LEAD_RULES[opts.ruleForm % FIRST_LEAD_RULES.length] ?? '';
  // Below the tasks the rule is a note (注：…), never a bracket the last task could own.
  const rule = opts.rulePlace === 'top' || wording.startsWith('注') ? wording : `注：${wording.replace(/^（|）$/g, '')}。`;
  if (ctx.firstLead && opts.rulePlace === 'top') paras.push(tx(rule));
  if (opts.mojibake) paras.push(mojibake(PREAMBLE));
  paras.push(ctx.indent + tx(PREAMBLE));
  // A table straight under 一、工作目标 would belong to it; tables get framing sections only under headings of their own.
  const framed = opts.frame && depth > (opts.layout === 'table' ? 1 : 0);
  if (framed) paras.push(ctx.indent + heading(ctx, 0, 1, GOAL.heading), ctx.indent + tx(GOAL.text));
  const body: { paras: string[]; tasks: ExpectedTask[]; sections: number; counts?: number[] } =
    opts.layout === 'table' ? renderTables(ctx, plan.tasks, framed ? 1 : 0) : renderBody(ctx, plan.tasks, framed ? 1 : 0);
  paras.push(...body.paras);
  if (framed) {
    paras.push(ctx.indent + heading(ctx, 0, body.sections + 2, SAFEGUARDS.heading));
    SAFEGUARDS.items.forEach((s, i) => paras.push(ctx.indent + heading(ctx, 1, i + 1, s)));
  }
  if (ctx.firstLead && opts.rulePlace === 'bottom') paras.push(tx(rule));
  paras.push(...chromeBottom(plan, opts).map(tx));
  const joiner = opts.breaks === 'none' ? '' : opts.breaks === 'blank-lines' ? '\n\n' : '\n';
  const year = /(\d{4})年/.exec(plan.header.title)?.[1] ?? /(\d{4})年/.exec(plan.header.date)?.[1];
  const counts = body.counts;
  return {
    text: paras.join(joiner),
    tasks: body.tasks,
    levels: counts && !framed ? counts.map((count, i) => ({ example: heading(ctx, i, 1, ''), count, isTaskLevel: i === depth })) : null,
    document: { number: tx(plan.header.number), plan_year: year ? Number(year) : null },
    looseText: opts.breaks === 'wrap' || opts.layout === 'inline',
  };
}

/** Drops combinations no document has and fits the forms to the plan's depth and counts. */
function consistent(plan: MetaPlan, o: RenderOptions, depth: number): RenderOptions {
  const opts: RenderOptions = { ...o, forms: [...o.forms], gaps: [...o.gaps] };
  const levels = depth + 1;
  const fallback: FormId[] = ['cn-dun', 'cn-paren', 'ar-fdot', 'ar-fparen', 'circled'];
  const free = (fs: FormId[]) => fs.find((f) => !opts.forms.some((g) => familyOf(g) === familyOf(f)));
  while (opts.forms.length < levels) opts.forms.unshift(free(fallback) ?? 'article');
  // Extra forms are dropped from the middle: the outermost stay headings, the last stays the task level.
  if (opts.forms.length > levels) opts.forms = [...opts.forms.slice(0, levels - 1), opts.forms[opts.forms.length - 1] ?? 'ar-dot'];
  while (opts.gaps.length < levels) opts.gaps.push('');
  // Numbers run on across sections as 1.…42. or 第一条…第四十二条, never as 一是 or ①.
  const last = opts.forms[levels - 1] ?? 'ar-dot';
  if (opts.running && !(last.startsWith('ar-') || last === 'article')) opts.running = false;
  const counts = levelCounts(plan.tasks, depth, opts.running);
  opts.forms = opts.forms.map((f, i) => {
    if ((counts[i] ?? 0) <= formLimit(f)) return f;
    return free(['ar-paren', 'ar-dun', 'article']) ?? 'article';
  });
  opts.forms = opts.forms.map((f, i) =>
    // 一 glued to 一网通办 or 是… would be another word or another mark; a writer adds the 、 there.
    // A lone 一开办企业 has no 二… to show that 一 is a mark at all.
    f === 'cn-glued' && (plan.tasks.some((t) => /^[一二三四五六七八九十百零〇是]/.test(t.path[i] ?? '')) || (counts[i] ?? 0) < 2) ? 'cn-dun' : f,
  );
  const task = opts.forms[depth] ?? 'ar-dot';
  const kin = (f: FormId) => ALL_FORMS.filter((g) => familyOf(g) === familyOf(f));
  const enumerates = (f: FormId) => plan.tasks.some((t) => kin(f).some((g) => t.text.includes(marker(g, 2))));
  if (opts.layout !== 'inline' && INLINE_FORMS.includes(task) && enumerates(task)) {
    // Items whose texts enumerate 一是…二是… inline are not numbered 一是 themselves: the reader
    // rightly splits inline siblings, so such a document would be ambiguous.
    const used = new Set(opts.forms.slice(0, depth).map(familyOf));
    opts.forms[depth] =
      (['ar-fdot', 'ar-fparen', 'article', 'cn-paren', 'cn-dun'] as FormId[]).find((f) => !used.has(familyOf(f)) && !enumerates(f)) ?? 'article';
  }
  if (opts.layout === 'inline') {
    // An item text with its own 一是… (or （1）…) enumeration cannot be told from the next item when
    // the items are enumerated the same way in one paragraph; a writer would number them otherwise.
    const free = INLINE_FORMS.filter(
      (f) => !opts.forms.slice(0, depth).some((g) => familyOf(g) === familyOf(f)) && !enumerates(f) && (counts[depth] ?? 0) <= formLimit(f),
    );
    const t = opts.forms[depth] ?? 'cn-shi';
    if (!free.includes(t)) {
      if (free[0]) opts.forms[depth] = free[0];
      else opts.layout = 'lines';
    }
  }
  if (opts.layout === 'inline') {
    if (opts.units === 'lines') opts.units = 'paren';
    if (opts.units === 'first-lead-line') opts.units = 'first-lead';
    if (opts.due === 'line') opts.due = 'paren';
  }
  if (opts.layout === 'table' && (opts.breaks === 'none' || opts.breaks === 'wrap' || opts.breaks === 'blank-lines')) opts.breaks = 'lines';
  if (opts.due === 'line' && opts.units !== 'lines' && opts.units !== 'first-lead-line') opts.due = 'paren';
  return opts;
}

/** The largest number each level reaches. */
function levelCounts(tasks: MetaTask[], depth: number, running: boolean): number[] {
  const counts = new Array<number>(depth + 1).fill(0);
  let prev: string[] = [];
  const cur = new Array<number>(depth + 1).fill(0);
  for (const t of tasks) {
    const k = firstDiff(prev, t.path);
    for (let d = k; d < t.path.length; d++) {
      cur[d] = (d === k ? (cur[d] ?? 0) : 0) + 1;
      for (let e = d + 1; e < depth; e++) cur[e] = 0;
      if (!running) cur[depth] = 0;
    }
    cur[depth] = (cur[depth] ?? 0) + 1;
    cur.forEach((v, i) => (counts[i] = Math.max(counts[i] ?? 0, v)));
    prev = t.path;
  }
  return counts;
}

/** Numbered lines or inline enumerations, with the headings each task sits under. */
function renderBody(ctx: Ctx, tasks: MetaTask[], sectionOffset: number): { paras: string[]; tasks: ExpectedTask[]; sections: number; counts: number[] } {
  const { opts, tx, depth } = ctx;
  const paras: string[] = [];
  const expected: ExpectedTask[] = [];
  const counters = new Array<number>(depth + 1).fill(0);
  counters[0] = sectionOffset;
  const headings: string[] = [];
  /** Items printed per level, for the hierarchy the reader should report. */
  const seen = new Array<number>(depth + 1).fill(0);
  let prev: string[] | null = null;
  let inline: string[] = [];
  const flush = () => {
    if (inline.length === 0) return;
    const lead = opts.leadIn ? tx('主要做好以下工作：') : '';
    paras.push(ctx.indent + lead + inline.join(''));
    inline = [];
  };
  tasks.forEach((task, i) => {
    const k = prev === null ? 0 : firstDiff(prev, task.path);
    if (prev === null || k < task.path.length || k < prev.length) {
      flush();
      for (let d = k; d < task.path.length; d++) {
        counters[d] = (counters[d] ?? 0) + 1;
        for (let e = d + 1; e < depth; e++) counters[e] = 0;
        headings[d] = heading(ctx, d, counters[d] ?? 0, task.path[d] ?? '');
        paras.push(ctx.indent + headings[d]);
        seen[d] = (seen[d] ?? 0) + 1;
      }
      if (!opts.running) counters[depth] = 0;
    }
    prev = task.path;
    const n = (counters[depth] = (counters[depth] ?? 0) + 1);
    seen[depth] = (seen[depth] ?? 0) + 1;
    const isLastInGroup = i + 1 >= tasks.length || firstDiff(task.path, tasks[i + 1]?.path ?? []) < task.path.length;
    const r = renderTask(ctx, task, n, isLastInGroup);
    expected.push({ ...r.expected, path: headings.slice(0, task.path.length) });
    if (opts.layout === 'inline') inline.push(r.chunk);
    else paras.push(ctx.indent + r.chunk, ...r.lines);
  });
  flush();
  return { paras, tasks: expected, sections: (counters[0] ?? 0) - sectionOffset, counts: seen };
}

/** One task: its numbered chunk, the label lines after it, and what it should read as. */
function renderTask(ctx: Ctx, task: MetaTask, n: number, isLast: boolean): { chunk: string; lines: string[]; expected: Omit<ExpectedTask, 'path'> } {
  const { opts, tx, depth } = ctx;
  // Whether a 完成时限 bracket or line that repeats the date of a deadline in the text counts again is
  // not settled (label lines: no, test/fixtures/plans/county-2022-labels.txt; table cells: yes), so
  // such a deadline is written as a closing sentence, where it is plainly a second deadline.
  const repeats = task.due?.date != null && task.deadlines.some((d) => d.date === task.due?.date);
  const dueStyle = repeats ? 'sentence' : task.due && opts.due === 'sentence' && task.due.date === null ? 'paren' : opts.due;
  let body = tx(task.text);
  if (task.due && dueStyle === 'sentence') body += tx(`${task.due.text}完成。`);
  const deadlines = [...task.deadlines, ...(task.due ? [task.due] : [])].map((d) => ({ text: tx(d.text), date: d.date }));
  if (opts.breaks === 'wrap')
    body = wrap(
      body,
      opts.wrapWidth,
      deadlines.map((d) => d.text),
    );
  let sep = '';
  if (opts.layout === 'inline' && opts.inlineSep === '；') {
    body = body.replace(/。$/, '');
    sep = isLast ? '。' : tx('；');
  }
  const units = expectedUnits(task, ctx.firstLead);
  const ua = unitAnnotation(units.lead, units.responsible, opts.units, opts.labels);
  const da = dueAnnotation(dueStyle === 'sentence' ? undefined : task.due, dueStyle === 'line' ? 'line' : 'paren');
  const chunk = heading(ctx, depth, n, '') + body + tx(ua.inline) + tx(da.inline) + sep;
  return {
    chunk,
    lines: [...ua.lines, ...da.lines].map(tx),
    expected: { number: n, title: tx(task.title), text: body, deadlines, lead: units.lead.map(tx), responsible: units.responsible.map(tx) },
  };
}

/** Characters a wrapped line should not start with: they would read as a new numbered item. */
const NO_WRAP_BEFORE = /[0-9０-９一二三四五六七八九十（()）①-⑳第“”、，。；：,;:]/;

/**
 * Hard line breaks every `width` characters, as PDF and print copies have them, but never inside a
 * deadline phrase (its text must stay exact) nor before a character that would start a new item.
 */
export function wrap(s: string, width: number, keep: string[]): string {
  const blocked = new Uint8Array(s.length + 1);
  for (const k of keep) {
    if (!k) continue;
    for (let at = s.indexOf(k); at >= 0; at = s.indexOf(k, at + 1)) blocked.fill(1, at + 1, at + k.length);
  }
  let out = '';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    if (run >= width && i > 0 && !blocked[i] && !NO_WRAP_BEFORE.test(ch)) {
      out += '\n';
      run = 0;
    }
    out += ch;
    run++;
  }
  return out;
}
