import { findDeadlines } from './deadlines.ts';
import { lastIndexIn, type Line } from './lines.ts';
import { parseCnNumber } from './numbering.ts';
import type { ParsedDocument } from './types.ts';

/** Where the header ends: the reader looks for number, title and issuer only above it. */
const HEADER_LINES = 40;

const NUMBER = /^[\u4e00-\u9fa5]{1,12} ?[〔[【(（] ?((?:19|20)\d{2}) ?[〕\]】)）] ?第?\d{1,4} ?号/;
const DATE_LINE =
  /^(?:[\u4e00-\u9fa5（）()]{2,30}\s{2,})?((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日(?:印发)?$/;
const ISSUER = /(?:人民政府|政府|办公厅|办公室|委员会|局|委|厅|部|院|中心|管委会|小组|指挥部)$/;
const TITLE_END = /(?:通知|意见|方案|决定|办法|规定|要点|报告|批复|函|计划|细则|措施|安排|清单|实事|规划|任务|分工)》?$/;

/** The reader's view of the document, and a way back to the text as written. */
export interface SourceText {
  /** The folded view (matching). */
  view: string;
  /** Maps a trimmed view range of one line to the source text as written. */
  written: (start: number, end: number) => string;
}

function num(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : parseCnNumber(s);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The first standalone date line (2021年5月26日, 二○○六年四月二十八日, "…办公室  2021年5月26日印发"). */
function findDate(t: string, lines: Line[]): { date: string; year: number; line: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l || l.last - l.first > 60 || l.last - l.first < 8) continue;
    const m = DATE_LINE.exec(t.slice(l.first, l.last));
    if (!m) continue;
    const y = num(m[1] ?? '');
    const mo = num(m[2] ?? '');
    const d = num(m[3] ?? '');
    if (y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return { date: `${y}-${pad(mo)}-${pad(d)}`, year: y, line: i };
  }
  return null;
}

function prevNonBlank(lines: Line[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if ((lines[j]?.last ?? 0) > (lines[j]?.first ?? 0)) return j;
  return -1;
}

/** Index of the first numbered section line, where the header zone ends. */
function headerEnd(t: string, lines: Line[]): number {
  const n = Math.min(lines.length, HEADER_LINES);
  for (let i = 0; i < n; i++) {
    const l = lines[i];
    if (l && /^(?:一、|[(（]一[)）]|1[.、．])/.test(t.slice(l.first, l.first + 3))) return i;
  }
  return n;
}

/** The title: a 关于… line (with the issuer line above it and the lines it wraps onto), else a plan name. */
function findTitle(src: SourceText, lines: Line[], end: number): { title: string; issuer: string | null } | null {
  const t = src.view;
  const text = (i: number) => {
    const l = lines[i];
    return l ? t.slice(l.first, l.last) : '';
  };
  const written = (i: number) => {
    const l = lines[i];
    return l ? src.written(l.first, l.last) : '';
  };
  for (let i = 0; i < end; i++) {
    const s = text(i);
    if (!s.includes('关于') || s.length > 60 || /[。：:]$/.test(s) || /^(?:根据|按照|为|现将|经)/.test(s)) continue;
    let title = written(i)
      .replace(/^.*?《/, '')
      .replace(/》.*$/, '');
    let issuer: string | null = null;
    const p = prevNonBlank(lines, i);
    if (!s.startsWith('《') && !/^[^关]*《/.test(s) && p >= 0 && ISSUER.test(text(p)) && text(p).length <= 30 && !s.slice(0, s.indexOf('关于')).trim()) {
      issuer = written(p);
      title = issuer + title;
    }
    for (let j = i + 1, k = 0; j < end && k < 4 && !TITLE_END.test(foldTail(title)); j++) {
      const next = text(j);
      if (!next) continue;
      if (/[。：:，,]/.test(next) || next.length > 40) break;
      title += written(j);
      k++;
    }
    if (!issuer) {
      const at = s.indexOf('关于');
      const before = s.slice(0, at).replace(/^.*[《]/, '');
      if (ISSUER.test(before)) issuer = before;
    }
    return { title: title.trim(), issuer };
  }
  for (let i = 0; i < end; i++) {
    const s = text(i);
    if (s.length >= 6 && s.length <= 60 && TITLE_END.test(s) && !/[。，,：:]/.test(s)) {
      const p = prevNonBlank(lines, i);
      const prev = text(p);
      const head =
        p >= 0 && p === i - 1 && !/[。，,：:()（）]/.test(prev) && prev.length <= 30 && !ISSUER.test(prev) && !DATE_LINE.test(prev) ? written(p) : '';
      return { title: (head + written(i)).replace(/^《|》$/g, ''), issuer: null };
    }
  }
  return null;
}

function foldTail(s: string): string {
  return s.slice(-6);
}

/** A year in the title: "沈阳市2020年…方案" → 2020; ranges such as 2021—2023年 give none. */
function titleYear(title: string | null): number | null {
  if (!title) return null;
  const years = title.match(/(?:19|20)\d{2}(?=年)/g);
  if (!years || /(?:19|20)\d{2}\s*[-—–~～至到]\s*(?:19|20)?\d{2}/.test(title)) return null;
  return Number(years[0]);
}

/**
 * Reads the notice metadata: number (山政发〔2021〕7号), issuer, issue date, title and the plan year
 * the deadlines are dated in — the title's year, else the number's, else the issue date's, else the
 * earliest year written in a deadline, else the latest year of the documents the plan cites, else a
 * year in the file name.
 */
export function readDocument(src: SourceText, lines: Line[], fileName?: string): ParsedDocument {
  const t = src.view;
  const end = headerEnd(t, lines);
  let number: string | null = null;
  let numberYear: number | null = null;
  for (let i = 0; i < end && number === null; i++) {
    const l = lines[i];
    if (!l) continue;
    const m = NUMBER.exec(t.slice(l.first, l.last));
    if (m) {
      number = src.written(l.first, l.first + m[0].length);
      numberYear = Number(m[1]);
    }
  }
  if (number === null) {
    // A page's metadata block names it: "文号：东政发〔2024〕2号", "发文字号：…", anywhere in the header.
    const head = t.slice(0, Math.min(t.length, 2000));
    const label = /(?:发文字号|文\s*号)\s*[:：]\s*/.exec(head);
    const m = label ? new RegExp(NUMBER.source.slice(1)).exec(head.slice(label.index + label[0].length)) : null;
    if (label && m && m.index === 0) {
      const at = label.index + label[0].length;
      number = src.written(at, at + m[0].length);
      numberYear = Number(m[1]);
    }
  }
  if (number === null) {
    // A copy that lost its line breaks glues the number to the page's buttons before it ("【关闭】东政发〔2024〕2号").
    const head = t.slice(0, Math.min(t.length, 2000));
    const m = new RegExp(`(?<=[】\\]])${NUMBER.source.slice(1)}`).exec(head);
    if (m) {
      number = src.written(m.index, m.index + m[0].length);
      numberYear = Number(m[1]);
    }
  }
  const date = findDate(t, lines);
  const title = findTitle(src, lines, end);
  let issuer = title?.issuer ?? null;
  if (date) {
    const p = prevNonBlank(lines, date.line);
    const l = lines[p];
    if (l && ISSUER.test(t.slice(l.first, l.last)) && l.last - l.first <= 30) issuer = src.written(l.first, l.last);
  }
  const plan_year = titleYear(title?.title ?? null) ?? numberYear ?? date?.year ?? deadlineYear(t) ?? citedYear(t) ?? fileYear(fileName);
  return { number, issuer, date: date?.date ?? null, title: title?.title ?? null, plan_year };
}

/** The earliest year written into a deadline ("2022年6月底前"): an excerpt's own year when nothing else says it. */
function deadlineYear(t: string): number | null {
  let best: number | null = null;
  for (const h of findDeadlines(t, 0, t.length, null)) {
    const y = h.date ? Number(h.date.slice(0, 4)) : null;
    if (y !== null && (best === null || y < best)) best = y;
  }
  return best;
}

/** The latest 〔YYYY〕 year the opening cites: a plan implements documents of its own or the year before. */
function citedYear(t: string): number | null {
  let best: number | null = null;
  const head = t.slice(0, 3000);
  for (const m of head.matchAll(/〔((?:19|20)\d{2})〕/g)) best = Math.max(best ?? 0, Number(m[1]));
  return best;
}

function fileYear(fileName?: string): number | null {
  const m = fileName ? /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(fileName) : null;
  return m ? Number(m[1]) : null;
}

/** Dated goals in a goal section: each deadline phrase with the clauses it governs, up to the next. */
export function readGoals(t: string, start: number, end: number, year: number | null): { start: number; end: number; date: string | null }[] {
  const hits = findDeadlines(t, start, end, year);
  return hits.map((h, i) => {
    const next = hits[i + 1];
    let stop = h.end;
    while (stop < end && !'。；;\n'.includes(t[stop] ?? '')) stop++;
    if (next && next.start < stop) {
      stop = next.start;
      const comma = Math.max(lastIndexIn(t, '，', h.end, stop), lastIndexIn(t, ',', h.end, stop));
      if (comma >= h.end) stop = comma;
    }
    return { start: h.start, end: stop, date: h.date };
  });
}
