import type { Range } from './units.ts';

/** Endings of unit names (view text, simplified). 等 keeps "市统计局等" as written. */
const SUFFIX =
  /(?:局|委|办|厅|部|院|府|会|协|中心|单位|部门|公司|集团|室|处|所|站|队|馆|社|行|联|署|团|街道|镇|乡|园|监狱|组|科|司|支队|大队|机关|机构|区|县|州|旗|校|学|医院|专班|等)$/;
/** Endings that only units have (a qualifier like 社区 or 街道 has none of them). */
const STRONG_SUFFIX = /(?:局|委|厅|办|中心|公司|集团|法院|检察院|银行|支行|分行|政府|办公室|委员会|管委会|办事处|部门|单位|协会|商会|学会|联社|支队|大队|等)$/;
/** Endings of a named institution (not a generic 单位/部门). */
const INSTITUTION = /(?:局|委|厅|办|中心|公司|集团|法院|检察院|银行|政府|办公室|委员会|管委会|办事处)$/;
const PREFIX = /^(?:各|市|区|县|省|州|镇|乡|街道|国家|中央|自治区|盟|旗|团|有关|相关|驻)/;
/** Words that, alone after 、, finish the previous name: 市直有关部门、单位. */
const GENERIC_TAIL = /^(?:单位|部门|机构|企业|组织|团体|单位等|部门等|企业等)$/;
const JOINERS = ['以及', '和', '及', '与'];

/** True when `name` reads as a unit name in a list with no label (市发改委, 各镇（街）政府（办事处）). */
export function looksLikeUnit(name: string): boolean {
  const s = name.replace(/[(（][^()（）]{0,8}[)）]/g, '');
  if (name.length < 3 || name.length > 30 || /[。，,；;：:]/.test(name)) return false;
  return SUFFIX.test(s) && (PREFIX.test(s) || STRONG_SUFFIX.test(s));
}

/** True for any name a label or role verb may introduce: short, no sentence punctuation, a unit's ending or prefix. */
export function isPlausibleUnit(name: string): boolean {
  if (name.length < 2 || name.length > 40 || /[。；;：:]/.test(name)) return false;
  return (
    SUFFIX.test(name.replace(/[(（][^()（）]{0,8}[)）]$/, '')) ||
    PREFIX.test(name) ||
    /(?:人行|银保监|海关|税务|供电|公安|消防|法院|检察|邮政|铁路|海事)/.test(name)
  );
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n';
}

function trim(t: string, r: Range): Range {
  let { start, end } = r;
  while (start < end && (isSpace(t[start]) || '“”"\'‘’'.includes(t[start] ?? ''))) start++;
  while (end > start && (isSpace(t[end - 1]) || '“”"\'‘’。.；;、'.includes(t[end - 1] ?? ''))) end--;
  return { start, end };
}

/** Splits one part further at 和/及/与 when the left side already ends like a unit. */
function splitJoiners(t: string, r: Range): Range[] {
  const out: Range[] = [];
  let from = r.start;
  for (let i = r.start + 2; i < r.end - 1; i++) {
    for (const j of JOINERS) {
      if (!t.startsWith(j, i) || i + j.length >= r.end - 1) continue;
      const left = t.slice(from, i);
      const right = t.slice(i + j.length, r.end);
      // 和 joins two names only when both read as names on their own: "…部门和各地级以上市人民政府",
      // but not "住房和城乡建设局" or "…等相关部门和专营单位" (a description, kept whole).
      if (SUFFIX.test(left) && (PREFIX.test(right) || INSTITUTION.test(right)) && !/[(（]$/.test(left)) {
        out.push({ start: from, end: i });
        from = i + j.length;
        i = from + 1;
      }
    }
  }
  out.push({ start: from, end: r.end });
  return out;
}

/**
 * Splits a unit list at depth-0 、 (and spaces), then at guarded 和/及 joiners; a generic word that
 * follows 、 alone (单位 in 市直有关部门、单位) stays with the name before it. Names keep 等 tails.
 */
export function splitUnitList(t: string, start: number, end: number): Range[] {
  const parts: Range[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const c = t[i] ?? '';
    if (c === '(' || c === '（' || c === '〔' || c === '[') depth++;
    else if ((c === ')' || c === '）' || c === '〕' || c === ']') && depth > 0) depth--;
    else if (depth === 0 && (c === '、' || c === '/' || (isSpace(c) && !isSpace(t[i - 1])))) {
      parts.push({ start: from, end: i });
      from = i + 1;
    }
  }
  parts.push({ start: from, end });
  const out: Range[] = [];
  for (const p of parts) {
    const r = trim(t, p);
    if (r.end <= r.start) continue;
    const prev = out[out.length - 1];
    if (prev && GENERIC_TAIL.test(t.slice(r.start, r.end))) {
      prev.end = r.end;
      continue;
    }
    for (const q of splitJoiners(t, r)) {
      const u = trim(t, q);
      if (u.end > u.start) out.push(u);
    }
  }
  return out;
}
