import { findDeadlines, isOpenEnded } from './deadlines.ts';
import { splitUnitList, isPlausibleUnit, looksLikeUnit } from './unit-names.ts';

/** A half-open range of view offsets. */
export interface Range {
  start: number;
  end: number;
}

/** What one unit annotation (a bracket or a label line) says. */
export interface UnitReading {
  lead: Range[];
  responsible: Range[];
  /** Values of 完成时限-style labels and deadline-only clauses such as "6月底完成". */
  times: Range[];
  /** The clause "列第一位者为牵头单位" (or a variant) appeared. */
  firstIsLead: boolean;
  /** A label (牵头单位：) or a role verb (X牵头, 按职责分工负责) appeared: this is surely a unit annotation. */
  hasRoleWords: boolean;
  /** Parts of a label-less list that did not read as unit names (then it is no unit list). */
  rejected: number;
}

const OPEN = '(〔[【';
const CLOSE = ')〕]】';

/** Top-level bracket groups in [start, end), each from its opener to just past its closer. */
export function findBrackets(t: string, start: number, end: number): Range[] {
  const out: Range[] = [];
  let depth = 0;
  let open = -1;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    // ( 〔 [ 【 and their closers; the view has already folded full-width brackets to ASCII.
    if (c === 0x28 || c === 0x3014 || c === 0x5b || c === 0x3010) {
      if (depth === 0) open = i;
      depth++;
    } else if ((c === 0x29 || c === 0x3015 || c === 0x5d || c === 0x3011) && depth > 0) {
      depth--;
      if (depth === 0) out.push({ start: open, end: i + 1 });
    }
  }
  return out;
}

/** A label written "牵头单位：" or "【牵头单位】" (the colon then optional). */
const labelRe = (words: string, flags = '') => new RegExp(`(?:(?:${words})\\s*[:：]|[【[](?:${words})[】\\]]\\s*[:：]?)`, flags);
const LEAD_WORDS = '(?:牵头|主责|主办|牵头负责)(?:部门|单位|处室|科室|机构)?';
const RESP_WORDS = '(?:责任|配合|协办|参与|协同|协作|承办|实施|负责|落实|主体|相关|共同)(?:部门|单位|处室|科室|机构|主体)|责任|配合|协办|参与';
const TIME_WORDS = '(?:完成|办结|推进|落实)?(?:时限|时间|期限|时间节点|时间要求|进度|进度安排)(?:要求|安排)?';
const LEAD_LABEL = new RegExp(`^${labelRe(LEAD_WORDS).source}`);
const RESP_LABEL = new RegExp(`^${labelRe(RESP_WORDS).source}`);
const TIME_LABEL = new RegExp(`^${labelRe(TIME_WORDS).source}`);
const IGNORE_LABEL = /^(?:[牵头责任分管联系包挂]{2})?(?:领导|责任人|负责人|联系人)\s*[:：]/;
const ANY_LABEL = labelRe('(?:牵头|责任|配合|协办|参与|完成时限|时限要求|完成时间)(?:部门|单位)?', 'g');

const LEAD_TAIL = /(?:牵头(?:负责|卖力|落实|实施|推进|组织|抓总)?|为牵头单位|负总责)$/;
const RESP_TAIL =
  /(?:(?:按|按照|根据)?(?:各自)?职责(?:分工)?(?:负责|卖力|落实|配合|参与|实施|推进|办理)?|(?:分别|共同|具体|配合|参与|协助|协同)?(?:负责|卖力|落实|配合|参与|协助|协办|参加|办理)|为(?:责任|配合)单位)$/;
const ROLE_SUFFIX = /[(（](牵头|配合|责任|参与|协办)(?:单位|部门)?[)）]$/;
/** The rule "列第一位者为牵头单位" and its variants. */
export const FIRST_LEAD =
  /(?:(?:首位|第一位|第一个|排名第一|排序第一|排在第一|排名首位|排在首位|列首位|居首|最前|排在前面|前面的)[^,，;；。\n]{0,12}(?:为|是|作为|负责)?牵头|第一(?:责任|配合|承办)?(?:单位|部门)(?:为|是|作为)牵头)/;
/** Clauses of a rule sentence around FIRST_LEAD that name no unit: "各项任务中", "其余为责任单位". */
const RULE_CLAUSE =
  /^(?:(?:各项|以上|以下|上述|所有|本方案|每项|各)?(?:任务|措施|工作|事项|单位)(?:中|内|里)?|(?:其余|其他|其它)(?:单位|部门)?(?:为|是)?(?:责任|配合|协办|参与)(?:单位|部门)?|下同|同上)$/;

/** Whether a line (view range, already trimmed) is a unit or schedule label line such as 牵头部门：X. */
export function isLabelLine(t: string, start: number, end: number): boolean {
  const s = t.slice(start, Math.min(end, start + 12));
  return LEAD_LABEL.test(s) || RESP_LABEL.test(s) || TIME_LABEL.test(s);
}

/** 联系人 / 联系电话 lines name a person or a number, never a unit. */
export function isContactLine(t: string, start: number, end: number): boolean {
  return /^(?:联\s*系\s*人|联系电话|联系方式|电\s*话|手\s*机|邮\s*箱|传\s*真|邮政编码)\s*[:：]/.test(t.slice(start, Math.min(end, start + 12)));
}

function trimRange(t: string, r: Range): Range {
  let { start, end } = r;
  while (start < end && ' \t\n'.includes(t[start] ?? '')) start++;
  while (end > start && ' \t\n。.'.includes(t[end - 1] ?? '')) end--;
  return { start, end };
}

/** Splits an annotation into clauses at depth-0 ；，; and before each further label. */
function splitClauses(t: string, start: number, end: number): Range[] {
  // A cut ends a clause at `at`; the next starts after the separator (`skip` = 1) or at the label.
  const cuts: { at: number; skip: number }[] = [];
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = t[i] ?? '';
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && depth > 0) depth--;
    else if (depth === 0 && ';；,，'.includes(c)) cuts.push({ at: i, skip: 1 });
  }
  const range = t.slice(start, end);
  ANY_LABEL.lastIndex = 0;
  for (let m = ANY_LABEL.exec(range); m; m = ANY_LABEL.exec(range)) {
    const at = start + m.index;
    // A label glued to the last name of the one before ("区政务中心责任单位：…") still starts a clause.
    if (at > start) cuts.push({ at, skip: 0 });
  }
  cuts.sort((a, b) => a.at - b.at);
  const out: Range[] = [];
  let from = start;
  for (const c of cuts) {
    if (c.at < from) continue;
    out.push(trimRange(t, { start: from, end: c.at }));
    from = c.at + c.skip;
  }
  out.push(trimRange(t, { start: from, end }));
  return out.filter((r) => r.end > r.start);
}

/** A clause that only states a time, e.g. "6月底完成", "2021年底前". */
function isTimeClause(t: string, r: Range): boolean {
  const hits = findDeadlines(t, r.start, r.end, 2000);
  if (hits.length === 0) return false;
  const covered = hits.reduce((n, h) => n + (h.end - h.start), 0);
  return r.end - r.start - covered <= 4;
}

/** Unit names in a list; with `out`, names that do not look like units are counted as rejected. */
function units(t: string, r: Range, out?: UnitReading): Range[] {
  const list = splitUnitList(t, r.start, r.end);
  if (out) out.rejected += list.filter((u) => !looksLikeUnit(t.slice(u.start, u.end))).length;
  return list.filter((u) => isPlausibleUnit(t.slice(u.start, u.end)));
}

/**
 * Reads the units of one annotation — the inside of a bracket or a label line — in view `t`.
 * Handles labels (牵头部门：X；责任部门：Y, with ；or ，), role verbs (X、Y牵头，Z按职责分工负责;
 * X牵头负责; X牵头，Y配合; X，Y按职责分工负责), lists without any label (all responsible), and
 * the "列第一位者为牵头单位" rule, which the caller applies.
 */
export function readUnitClauses(t: string, start: number, end: number, defaultRole: 'lead' | 'resp' = 'resp'): UnitReading {
  const out: UnitReading = { lead: [], responsible: [], times: [], firstIsLead: false, hasRoleWords: false, rejected: 0 };
  let role: 'lead' | 'resp' | 'time' | 'ignore' | null = null;
  let pending: Range[] = [];
  // "市发改委（牵头）、市财政局": a (牵头) after a name makes that one unit lead wherever it stands.
  const put = (into: Range[], list: Range[]) => {
    for (const u of list) {
      const m = ROLE_SUFFIX.exec(t.slice(u.start, u.end));
      if (!m) into.push(u);
      else (m[1] === '牵头' ? out.lead : out.responsible).push({ start: u.start, end: u.end - m[0].length });
      if (m) out.hasRoleWords = true;
    }
  };
  for (const clause of splitClauses(t, start, end)) {
    let c = clause;
    const text = t.slice(c.start, c.end);
    if (FIRST_LEAD.test(text)) {
      out.firstIsLead = true;
      out.hasRoleWords = true;
      continue;
    }
    if (RULE_CLAUSE.test(text)) continue;
    const label = LEAD_LABEL.exec(text) ?? RESP_LABEL.exec(text) ?? TIME_LABEL.exec(text) ?? IGNORE_LABEL.exec(text);
    if (label) {
      role = LEAD_LABEL.test(text) ? 'lead' : RESP_LABEL.test(text) ? 'resp' : TIME_LABEL.test(text) ? 'time' : 'ignore';
      if (role !== 'ignore') out.hasRoleWords = true;
      c = trimRange(t, { start: c.start + label[0].length, end: c.end });
    }
    if (role === 'ignore' || c.end <= c.start) continue;
    if (role === 'time' || (!label && (isTimeClause(t, c) || isOpenEnded(t.slice(c.start, c.end))))) {
      out.times.push(c);
      continue;
    }
    if (label) {
      put(role === 'lead' ? out.lead : out.responsible, units(t, c));
      continue;
    }
    const body = t.slice(c.start, c.end).replace(/^由/, '');
    const offset = c.end - c.start - body.length;
    const lead = LEAD_TAIL.exec(body);
    const resp = lead ? null : RESP_TAIL.exec(body);
    const tail = lead ?? resp;
    if (tail && tail.index > 0) {
      const list = units(t, { start: c.start + offset, end: c.start + offset + tail.index });
      if (list.length > 0) {
        out.hasRoleWords = true;
        put(lead ? out.lead : out.responsible, [...pending, ...list]);
        pending = [];
        role = null;
        continue;
      }
    }
    if (role === 'lead' || role === 'resp') put(role === 'lead' ? out.lead : out.responsible, units(t, c));
    else pending.push(...units(t, c, out));
  }
  put(defaultRole === 'lead' && out.lead.length === 0 ? out.lead : out.responsible, pending);
  return out;
}

/**
 * Finds a rule that names units for every later task, e.g. "以下任务各区县政府均需落实，不再一一列出";
 * returns the units' ranges (empty when there is no such rule in [start, end)).
 */
export function findCarryUnits(t: string, start: number, end: number): Range[] {
  const s = t.slice(start, end);
  const m = /(?:以下|下列)([^。；;\n]{0,40}?)均(?:需|要|应|须|为)[^。；;\n]{0,20}?不再(?:一一|逐一)?列(?:出|明|举)/.exec(s);
  if (!m || m[1] === undefined) return [];
  let from = start + m.index + 2;
  const inner = m[1];
  const lead = /^(?:各项|所有|全部)?(?:任务|工作|措施|事项)?(?:中|的)?[,，]?/.exec(inner);
  from += lead ? lead[0].length : 0;
  const r = trimRange(t, { start: from, end: start + m.index + 2 + inner.length });
  return units(t, r);
}

const INLINE_LABEL = labelRe('(?:牵头|责任|配合|协办|参与)(?:部门|单位)|完成时限|时限要求|完成时间', 'g');

/**
 * Where unit labels start inside a paragraph ("…。牵头单位：X；责任单位：Y"), outside brackets and
 * right after a sentence break; -1 when there are none.
 */
export function findInlineLabel(t: string, start: number, end: number, brackets: Range[]): number {
  const range = t.slice(start, end);
  INLINE_LABEL.lastIndex = 0;
  let k = 0; // brackets are in order, and so are the matches: one forward pointer keeps this linear
  for (let m = INLINE_LABEL.exec(range); m; m = INLINE_LABEL.exec(range)) {
    const at = start + m.index;
    while (k < brackets.length && (brackets[k]?.end ?? 0) <= at) k++;
    const b = brackets[k];
    if (at === start || (b && b.start < at)) continue;
    // After a sentence, a clause, or the bracket of an annotation before it ("（完成时限：…）牵头单位：").
    if ('。；; \t\n)】'.includes(t[at - 1] ?? '') || t[at] === '【' || t[at] === '[') return at;
  }
  return -1;
}

/**
 * Units written as the item's last clauses in running text: "…，由X牵头，Y配合。", "…。X负责。",
 * "…，X、Y按职责分工负责。" Returns where those clauses start (the text ends there) and their
 * reading, or null. Every name must read as a unit and every clause must carry a role verb, so
 * "各地要抓好落实" stays text.
 */
export function findTrailingUnitClauses(t: string, start: number, end: number): { at: number; reading: UnitReading } | null {
  let e = end;
  while (e > start && ' \t\n。.；;，,'.includes(t[e - 1] ?? '')) e--;
  let at = -1;
  let cut = e;
  // Walk back clause by clause while each one is "units + role verb".
  for (let guard = 0; guard < 6 && cut > start; guard++) {
    let s = cut;
    while (s > start && !'，,；;。'.includes(t[s - 1] ?? '')) s--;
    const r = readUnitClauses(t, s, cut);
    const names = [...r.lead, ...r.responsible];
    if (!r.hasRoleWords || names.length === 0 || r.times.length > 0 || !names.every((n) => looksLikeUnit(t.slice(n.start, n.end)))) break;
    at = s;
    if (s <= start) break;
    cut = s - 1;
  }
  if (at < 0 || at <= start) return null;
  return { at, reading: readUnitClauses(t, at, e) };
}

/**
 * Whether the document states the first-unit-leads rule for all its lists: a rule sentence of its
 * own ("各项任务中，排在第一位的为牵头单位"), or one inside a task's unit bracket that says 下同. A
 * rule inside one task's bracket beside its units is that task's alone.
 */
export function documentFirstLead(t: string): boolean {
  const re = new RegExp(FIRST_LEAD.source, 'g');
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const at = m.index;
    const open = Math.max(t.lastIndexOf('(', at), t.lastIndexOf('〔', at));
    const closedBefore = Math.max(t.lastIndexOf(')', at), t.lastIndexOf('〕', at));
    if (open < 0 || open < closedBefore || at - open > 200) return true;
    let close = at;
    while (close < t.length && close - at < 200 && t[close] !== ')' && t[close] !== '〕') close++;
    if (/下同|以下同|后同/.test(t.slice(at, close))) return true;
    const r = readUnitClauses(t, open + 1, close);
    if (r.lead.length + r.responsible.length === 0) return true;
  }
  return false;
}
