import { lastIndexIn } from './lines.ts';
import { parseCnNumber } from './numbering.ts';

/** A deadline phrase found in the view: its range and the date it stands for. */
export interface DeadlineHit {
  start: number;
  end: number;
  /** YYYY-MM-DD, or null when the year is unknown or the phrase is open-ended. */
  date: string | null;
}

const Y = '(?:19|20)\\d{2}|[〇○零一二三四五六七八九]{4}';
const M = '\\d{1,2}|[一二三四五六七八九十]{1,3}';
// Every part is bounded and anchored on a literal (月, 年, 季度, 半年), so matching stays linear.
const DEADLINE = new RegExp(
  `(?:(${Y}|今|明|次|本|当|来|下一|去|上|前)年?)?` +
    `(?:(${M})月(?:(底|末)|(上旬|中旬|下旬)|(${M})日)(前|之前|以前)?` +
    `|年(底|末)(前|之前|以前)?` +
    `|([上下])半年(末|底)?(前|之前)?` +
    `|第?([一二三四1-4])季度(末|底)?(前|之前)?` +
    `|(年内))`,
  'g',
);

/** A span of years, "2021—2023年" or "2021-2023年": due at the end of its last year. */
const YEAR_RANGE = /((?:19|20)\d{2})\s*(?:年\s*)?[—–~～\-至到]{1,2}\s*((?:19|20)\d{2})\s*年(?!\d|[一二三四五六七八九十]{1,2}月|底|末|年|度)/g;

const RELATIVE: Record<string, number> = { 今: 0, 本: 0, 当: 0, 明: 1, 次: 1, 来: 1, 下一: 1 };
const PAST = new Set(['去', '上', '前']);

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Last day of a month (month 1–12). */
export function monthEnd(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function num(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : parseCnNumber(s);
}

function isoDate(year: number | null, month: number, day: number): string | null {
  return year === null ? null : `${year}-${pad(month)}-${pad(day)}`;
}

/** Phrases right after which a date is a start or a frequency, not a deadline. */
function isStartOrPast(t: string, end: number): boolean {
  const next = t[end] ?? '';
  const two = t.slice(end, end + 2);
  // 起 starts a period (自6月底起) unless it begins a word (起草, 起步).
  if (next === '起') return !'草步到码诉'.includes(t[end + 1] ?? '');
  return next === '后' || two === '开始' || two === '以来' || two === '以后' || two === '之后';
}

/**
 * Finds the deadline phrases in view `t` between `start` and `end`, in order: N月底(前), N月D日前,
 * (YYYY年)年底(前), 上/下半年, 第N季度(末). A year written before the phrase (2022年, 次年, 明年)
 * wins over `planYear`; durations (7日内), start dates (自…起) and frequencies (每季度) are skipped.
 */
export function findDeadlines(t: string, start: number, end: number, planYear: number | null): DeadlineHit[] {
  const out: DeadlineHit[] = [];
  // Matching runs on the range alone so a search never runs on past `end` (linear overall).
  const range = t.slice(start, end);
  DEADLINE.lastIndex = 0;
  for (let m = DEADLINE.exec(range); m !== null; m = DEADLINE.exec(range)) {
    const hit = toHit(t, m, start, planYear);
    if (hit && !inBookTitle(t, start, hit.start) && !afterValidity(t, start, hit.start)) out.push(hit);
  }
  if (!range.includes('年')) return out;
  YEAR_RANGE.lastIndex = 0;
  let ranges = 0;
  for (let m = YEAR_RANGE.exec(range); m !== null; m = YEAR_RANGE.exec(range)) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    const at = start + m.index;
    if (to < from || to - from > 20 || inBookTitle(t, start, at) || afterValidity(t, start, at) || /\d/.test(t[at - 1] ?? '')) continue;
    const hit: DeadlineHit = { start: at, end: at + m[0].length, date: `${to}-12-31` };
    // A range's last year ("…—2023年") is no deadline of its own beside the range.
    const overlapped = out.findIndex((h) => h.start < hit.end && hit.start < h.end);
    if (overlapped >= 0) out.splice(overlapped, 1);
    out.push(hit);
    ranges++;
  }
  if (ranges > 0) out.sort((a, b) => a.start - b.start);
  return out;
}

/** Inside 《…》: a cited title ("《2021年上半年工作要点》") dates nothing. */
function inBookTitle(t: string, from: number, at: number): boolean {
  const lo = Math.max(from, at - 80);
  const open = lastIndexIn(t, '《', lo, at);
  return open >= 0 && lastIndexIn(t, '》', open, at) < 0;
}

/** "有效期至2025年底" states how long a document is valid, not a deadline. */
function afterValidity(t: string, from: number, at: number): boolean {
  const s = t.slice(Math.max(from, at - 8), at);
  return s.includes('有效期') || s.includes('试行期');
}

function toHit(t: string, m: RegExpExecArray, offset: number, planYear: number | null): DeadlineHit | null {
  const [all, yearWord, month, monthEndWord, xun, day, before, yearEndWord, yearEndBefore, half, , , quarter, , , withinYear] = m;
  const start = offset + m.index;
  const end = start + all.length;
  const prev = t[start - 1] ?? '';
  const prev2 = t.slice(Math.max(0, start - 2), start);
  // 每季度 / 每年6月底前 repeat; 截至6月底 reports a state (截至6月底前 is still a deadline).
  if (prev === '每' || prev === '逐' || prev2 === '每年' || isStartOrPast(t, end)) return null;
  if ((prev2 === '截至' || prev2 === '截止') && !/前$/.test(all)) return null;
  let year = planYear;
  if (yearWord !== undefined) {
    if (PAST.has(yearWord)) return null;
    const rel = RELATIVE[yearWord];
    year = rel !== undefined ? (planYear === null ? null : planYear + rel) : num(yearWord);
  }
  if (month !== undefined) {
    // The tail of a longer number (12345月) is not a month.
    if (yearWord === undefined && (/\d/.test(month[0] ?? '') ? /\d/.test(prev) : /[〇○零一二三四五六七八九十]/.test(prev))) return null;
    const mo = num(month);
    if (!(mo >= 1 && mo <= 12)) return null;
    if (monthEndWord !== undefined) return { start, end, date: year === null ? null : isoDate(year, mo, monthEnd(year, mo)) };
    if (xun !== undefined) {
      const d = xun === '上旬' ? 10 : xun === '中旬' ? 20 : year === null ? 28 : monthEnd(year, mo);
      return { start, end, date: isoDate(year, mo, d) };
    }
    const d = num(day ?? '');
    // A bare day (6月30日) is an event date unless 前 makes it a deadline.
    if (before === undefined || !(d >= 1 && d <= (year === null ? 31 : monthEnd(year, mo)))) return null;
    return { start, end, date: isoDate(year, mo, d) };
  }
  if (yearEndWord !== undefined) {
    if (yearEndWord === '末' && yearEndBefore === undefined && yearWord === undefined) return null; // 年末人口
    return { start, end, date: isoDate(year, 12, 31) };
  }
  if (withinYear !== undefined) {
    // 年内 is due at the year's end; 三年内 and 1年内 are durations, 近年内 no date at all.
    if (yearWord === undefined && /[\d〇○零一二三四五六七八九十两几多近]/.test(prev)) return null;
    return { start, end, date: isoDate(year, 12, 31) };
  }
  if (half !== undefined) return { start, end, date: half === '上' ? isoDate(year, 6, 30) : isoDate(year, 12, 31) };
  if (quarter !== undefined) {
    const q = num(quarter);
    const mo = q * 3;
    return { start, end, date: year === null ? null : isoDate(year, mo, monthEnd(year, mo)) };
  }
  return null;
}

/** Open-ended schedule words in a 完成时限 label: the deadline keeps its text and has no date. */
const OPEN_ENDED =
  /^(持续推进|长期坚持|长期推进|持续开展|长期有效|长期|持续|常态化(推进|开展)?|逐步推进|每(?:个)?(?:季度|月|年|半年|周|旬)|按(?:季度|月|年|周)|定期(?:开展|推进)?)[。;；,，]?$/;

/** True when a 时限 label value such as 持续推进 or 长期坚持 means "no fixed date". */
export function isOpenEnded(value: string): boolean {
  return OPEN_ENDED.test(value.trim());
}
