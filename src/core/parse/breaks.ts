/**
 * Line breaks lost in a copy: a whole plan pasted as one paragraph ("…方案一、优化服务1．推行网办。
 * （牵头单位：X）2．压缩时限。…"). The reader puts a break back before each structural marker it can
 * trust there, so the rest of the reader sees the lines the document had.
 */
import { indexIn, splitLines } from './lines.ts';
import type { ReadingView } from './normalize.ts';
import { matchMarker, WORD_AFTER_NUMERAL, type Marker, type MarkerKind } from './numbering.ts';

/** Marker families that open a heading or a task; (1) ① 一是 inside a paragraph stay its details. */
const BREAK_KINDS: ReadonlySet<MarkerKind> = new Set(['cn', 'pcn', 'num', 'art', 'chap']);
/** Families of an item's details; they break only right after a heading glued to them. */
const DETAIL_KINDS: ReadonlySet<string> = new Set(['pnum', 'circ', 'shi', 'half']);
/** After these a marker starts a new item; after a word it must prove itself by what follows. */
const BREAK_BEFORE = '。；;)】!?：: \t';
/** Characters that make a word with a 一 after them. */
const WORD_ENDS_IN_ONE = '单统唯同逐万之第划专均合归整';
/** A paragraph this long with even one kind of marker in it is a document without its breaks. */
const VERY_LONG_LINE = 1000;

function isCjk(c: string | undefined): boolean {
  if (c === undefined) return false;
  const k = c.charCodeAt(0);
  return k >= 0x4e00 && k <= 0x9fff;
}

/** The candidates of one line [first, last) that count up as a hierarchy does. */
function lineBreaks(t: string, first: number, last: number): number[] {
  const cands: { at: number; m: Marker; clean: boolean }[] = [];
  const details: number[] = [];
  for (let i = first + 1; i < last; i++) {
    const c = t[i];
    // Markers start with a numeral, an opening bracket, ① or 第: skip the rest cheaply.
    const circled = c !== undefined && c >= '①' && c <= '⑳';
    if (c === undefined || !(circled || c === '(' || c === '第' || (c >= '0' && c <= '9') || '一二三四五六七八九十'.includes(c))) continue;
    // Cheap test first: a mark must follow the numeral within a few characters.
    if (!circled && c !== '(' && c !== '第' && !/^[^\n]{0,3}[.、*是]/.test(t.slice(i + 1, i + 5))) continue;
    const prev = t[i - 1] ?? '';
    if ((prev >= '0' && prev <= '9') || prev === '第' || prev === '.' || '一二三四五六七八九十'.includes(prev)) continue;
    const m = matchMarker(t, i, last);
    // An indent left inside a paragraph ("…受理。　　（2）…") is a paragraph start whatever the family.
    const indent = prev === ' ' && t[i - 2] === ' ';
    if (m && DETAIL_KINDS.has(m.kind) && !indent) details.push(i);
    if (!m || !(BREAK_KINDS.has(m.kind as MarkerKind) || indent) || m.value === 0) continue;
    const clean = BREAK_BEFORE.includes(prev);
    // Words that end in 一 (单一、统一、唯一、之一) are no heading numbers.
    if (!clean && c === '一' && WORD_ENDS_IN_ONE.includes(prev)) continue;
    // "小学一、二年级" counts numbers in a sentence: a glued heading number is not followed by another.
    if (!clean && m.kind === 'cn' && '一二三四五六七八九十'.includes(t[m.contentStart] ?? '')) continue;
    if (!clean && !isCjk(prev) && prev !== '”' && prev !== '"') continue;
    cands.push({ at: i, m, clean });
    i = m.contentStart - 1;
  }
  if (cands.length === 0) return [];
  const last0 = matchMarker(t, first, last);
  const lastValue = new Map<MarkerKind, number>();
  if (last0) lastValue.set(last0.kind, last0.value);
  const out: number[] = [];
  const kinds = new Set<MarkerKind>();
  const heads: typeof cands = [];
  cands.forEach((c, k) => {
    const v = lastValue.get(c.m.kind) ?? 0;
    // A number that continues its family (2 after 1); a 1 has to show it starts a list, below.
    const counts = v > 0 && c.m.value === v + 1;
    // A 1 after a word ("统一、规范") counts only when its 2 follows a clause break in the same paragraph, or when it
    // opens the first item under a heading just read ("二、降低成本1．落实减税").
    const prior = out[out.length - 1];
    const underHeading = prior !== undefined && c.at - prior <= 40 && cands.some((d) => d.at === prior && d.m.kind !== c.m.kind);
    const restarts = c.m.value === 1 && (c.clean || underHeading || cands.slice(k + 1).some((d) => d.m.kind === c.m.kind && d.m.value === 2 && d.clean));
    if (!counts && !restarts) {
      if (c.m.value === 1) heads.push(c);
      return;
    }
    lastValue.set(c.m.kind, c.m.value);
    kinds.add(c.m.kind);
    out.push(c.at);
  });
  // A heading glued to the words before it ("…方案一、优化服务1．推行…") shows itself by the first
  // item of another family that follows it closely.
  // The next marker may itself be such a heading, or an item of a detail family ("…方案一、重点任务
  // （一）全面压减作业一是…"): any marker of another family close after it with no sentence between.
  const kindAt = new Map<number, string>(cands.map((c) => [c.at, c.m.kind]));
  for (const d of details) if (!kindAt.has(d)) kindAt.set(d, matchMarker(t, d, last)?.kind ?? '');
  const positions = [...kindAt.keys()].sort((a, b) => a - b);
  for (const h of heads) {
    const next = positions.find((at) => at > h.at);
    const nextKind = next === undefined ? undefined : kindAt.get(next);
    if (next !== undefined && next - h.at <= 40 && nextKind !== h.m.kind && !/[。；;]/.test(t.slice(h.at, next))) {
      out.push(h.at);
      kinds.add(h.m.kind);
    }
  }
  out.sort((a, b) => a - b);
  // A heading glued to its first item of a detail family ("（一）开办企业（1）按照…") breaks there too.
  const glued: number[] = [];
  for (const d of details) {
    const a = [...out].reverse().find((x) => x < d);
    if (a !== undefined && d - a <= 40 && !/[。；;]/.test(t.slice(a, d)) && !glued.some((g) => g > a && g < d)) glued.push(d);
  }
  // A detail-family marker that is a heading itself shows it the same way: the first item of
  // another family follows it closely ("…受理。（2）提升窗口服务第一条设立…").
  for (const d of details) {
    const a = out.find((x) => x > d);
    if (a !== undefined && a - d <= 40 && !/[。；;]/.test(t.slice(d, a)) && !glued.includes(d)) glued.push(d);
  }
  // Once a detail family has started a line, its next number goes on with it after a unit
  // bracket or a unit name ("…管理中心（2）同步…"), but not after ；or ：, where an item's own
  // list runs ("工作：（1）…；（2）…；（3）…").
  if (glued.length > 0) {
    const lastOf = new Map<string, number>();
    for (const d of details) {
      const m = matchMarker(t, d, last);
      if (!m) continue;
      if (glued.includes(d)) {
        lastOf.set(m.kind, m.value);
        continue;
      }
      const prevChar = t[d - 1] ?? '';
      if (m.value === (lastOf.get(m.kind) ?? -1) + 1 && !'；;：:，,、'.includes(prevChar)) {
        glued.push(d);
        lastOf.set(m.kind, m.value);
      }
    }
  }
  if (glued.length > 0 && out.length > 0) {
    out.push(...glued);
    out.sort((a, b) => a - b);
  }
  return kinds.size >= 2 || out.length >= 2 || (out.length > 0 && last - first > VERY_LONG_LINE) ? out : [];
}

/**
 * In a paragraph that lost its breaks, the indents left where paragraphs started before a heading
 * written with a bare numeral ("…方案。　　一开办企业　　第一条…"): a short run of words after the
 * numeral, with no clause break before the next indent. Whether such lines count up as headings is
 * for the reader of lines to tell (findBareHeadings).
 */
function bareHeadingBreaks(t: string, first: number, last: number): number[] {
  const out: number[] = [];
  const re = /(?<=[^ ] {2})[一二三四五六七八九十]{1,3}(?= ?[\u4e00-\u9fff])/g;
  re.lastIndex = first;
  for (let m = re.exec(t); m && m.index < last; m = re.exec(t)) {
    const after = m.index + m[0].length;
    if (WORD_AFTER_NUMERAL.includes(t[after] ?? '')) continue;
    const next = t.indexOf('  ', after);
    const end = next < 0 || next > last ? last : next;
    if (end - m.index <= 30 && !/[。，,；;]/.test(t.slice(after, end))) out.push(m.index - 1);
  }
  return out;
}

/**
 * Puts back the breaks of a view whose paragraphs hold several levels of markers. A space before
 * the marker becomes the break; elsewhere one is inserted, and `inserts` keeps the mapping to the
 * source. A view without such paragraphs comes back as it is.
 */
export function restoreBreaks(view: ReadingView): ReadingView {
  const t = view.text;
  const at: number[] = [];
  for (const line of splitLines(t)) {
    // Paragraphs of ordinary length with one marker kind are the common case: nothing to do.
    if (line.last - line.first < 20 || indexIn(t, '\n', line.first, line.last) >= 0) continue;
    const found = lineBreaks(t, line.first, line.last);
    at.push(...found);
    if (found.length > 0) at.push(...bareHeadingBreaks(t, line.first, line.last));
  }
  // Notes and page chrome glued after an item ("…）注：…", "…）【打印本页】…上一篇：…") start lines of their own.
  if (at.length > 0) {
    const re = /[。)）】](?=注\s*[:：]|备注\s*[:：]|【\s*(?:打印|关闭|返回)|上一篇|下一篇|主办单位\s*[:：]|地\s*址\s*[:：])/g;
    for (let m = re.exec(t); m; m = re.exec(t)) at.push(m.index + 1);
    // A page's buttons are never plan text, and a note follows the last unit of a label, so both break
    // off even from a unit name with no stop after it ("…区审批局【打印本页】", "…管理中心注：…").
    const buttons = /[^\s。)）】](?=【\s*(?:打印|关闭窗口|返回顶部))|[局委办心队院会所站部厅府处室司行社馆团等](?=(?:备注|注)\s*[:：])/g;
    for (let m = buttons.exec(t); m; m = buttons.exec(t)) at.push(m.index + 1);
    at.sort((a, b) => a - b);
  }
  if (at.length === 0) return view;
  let text = '';
  let from = 0;
  const inserts: number[] = [];
  for (const p of at) {
    if (t[p - 1] === ' ' || t[p - 1] === '\t') {
      text += `${t.slice(from, p - 1)}\n`;
    } else {
      text += t.slice(from, p);
      inserts.push(text.length);
      text += '\n';
    }
    from = p;
  }
  text += t.slice(from);
  return { ...view, text, inserts };
}
