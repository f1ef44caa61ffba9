import type { Line } from './lines.ts';
import { parseCnNumber } from './numbering.ts';
import type { Range } from './units.ts';

/** Column positions of a task table (序号 | 任务 | 牵头单位 | 责任单位 | 完成时限). */
export interface TableHeader {
  number: number;
  task: number;
  lead: number;
  resp: number;
  time: number;
  /** A grouping column (重点任务 beside 具体措施, 类别, 领域); -1 if none. */
  category: number;
  /** The last non-empty grouping cell, for rows whose merged cell came out empty. */
  lastCategory: Range | null;
  /** How many columns the header has. */
  width: number;
  /** Cells are separated by runs of spaces (a table exported to plain text): empty cells vanish. */
  spaced: boolean;
  /** The fewest spaces that separate two cells: what the header used, one or two. */
  gap: number;
}

/** One task row of a table, as view ranges of its cells. */
export interface TableRow {
  value: number | null;
  task: Range;
  /** The rest of the task cell, wrapped onto lines of its own (a docx or PDF copy). */
  more?: Range[];
  lead: Range | null;
  resp: Range | null;
  time: Range | null;
  category: Range | null;
}

/** What one line of a table is: its header, a task row, a line to skip, or plain text (`keep`: the table goes on). */
export type TableLine = { header: TableHeader } | { row: TableRow } | { skip: true } | { plain: true; keep: boolean };

/** Cells separated by runs of at least `min` spaces; null when there are none. */
function spacedCells(t: string, line: Line, min: number): Range[] | null {
  const out: Range[] = [];
  let from = line.first;
  for (let i = line.first; i < line.last; i++) {
    if (t[i] !== ' ') continue;
    let j = i;
    while (j < line.last && t[j] === ' ') j++;
    if (j - i >= min) {
      out.push({ start: from, end: i });
      from = j;
    }
    i = j - 1;
  }
  if (out.length === 0) return null;
  out.push({ start: from, end: line.last });
  return out;
}

/**
 * Cells of a tab- or |-separated line, trimmed; null when the line has no such separators. With
 * `spaced`, runs of spaces separate cells too (two or more, or one when the header had single ones).
 */
function cells(t: string, line: Line, spaced = 0): Range[] | null {
  const s = t.slice(line.first, line.last);
  const sep = s.includes('\t') ? '\t' : s.includes('|') ? '|' : null;
  if (sep === null) return spaced > 0 ? spacedCells(t, line, spaced) : null;
  const out: Range[] = [];
  let from = line.first;
  let count = 0;
  for (let i = line.first; i <= line.last; i++) {
    if (i === line.last || t[i] === sep) {
      let s = from;
      let e = i;
      while (s < e && ' \t'.includes(t[s] ?? '')) s++;
      while (e > s && ' \t'.includes(t[e - 1] ?? '')) e--;
      out.push({ start: s, end: e });
      from = i + 1;
      if (i < line.last) count++;
    }
  }
  if (count === 0) return null;
  // "| a | b |" has empty cells before the first and after the last bar.
  if (sep === '|' && out[0]?.start === out[0]?.end) out.shift();
  if (sep === '|' && out.length > 0 && out[out.length - 1]?.start === out[out.length - 1]?.end) out.pop();
  return out;
}

function findColumn(names: string[], re: RegExp, not?: RegExp): number {
  return names.findIndex((n) => re.test(n) && !(not && not.test(n)));
}

function readHeader(names: string[]): TableHeader | null {
  const not = /序号|牵头|责任|时限|时间|单位|部门/;
  const measure = findColumn(names, /具体|内容|措施|举措/, not);
  const broad = findColumn(names, /任务|事项|工作|类别|领域|指标|板块|方面/, not);
  const task = measure >= 0 ? measure : broad;
  const category = measure >= 0 && broad >= 0 && broad !== measure ? broad : -1;
  const lead = findColumn(names, /牵头/);
  const resp = findColumn(names, /责任|配合|协办|参与/, /牵头/);
  const time = findColumn(names, /时限|时间|期限|进度/);
  const number = findColumn(names, /^(序号|编号|序)$/);
  if (task < 0 || (lead < 0 && resp < 0 && time < 0)) return null;
  return { number, task, lead, resp, time, category, lastCategory: null, width: names.length, spaced: false, gap: 2 };
}

/** Whether a cell's words are only header words (序号, 工作任务, 牵头单位…). */
export function isHeaderWord(s: string): boolean {
  return (
    s.length > 0 &&
    s.length <= 8 &&
    /^(?:序号|编号|序|.{0,4}(?:任务|措施|举措|内容|事项|类别|领域|指标|板块|方面|目标)|.{0,2}(?:牵头|责任|配合|协办|参与|主办|协同)(?:单位|部门|处室)?|.{0,2}(?:时限|时间|期限|时间节点|进度安排)|备注)$/.test(
      s,
    )
  );
}

/** Reads header names given one per line (a table flattened to one cell per line). */
export function readVerticalHeader(names: string[]): TableHeader | null {
  return names.length >= 3 && names.every(isHeaderWord) ? readHeader(names) : null;
}

const TIME_CELL =
  /^(?:(?:19|20)\d{2}年)?(?:\d{1,2}月)?(?:底|末|上旬|中旬|下旬|\d{1,2}日)?(?:前|之前|以前)?$|年底前|年内|月底前|季度|长期|持续|常态|每[年月季周]/;
const UNIT_CELL = /(?:局|委|办|厅|部|院|府|会|中心|公司|集团|室|处|所|站|队|馆|社|行|联|团|街道|镇|乡|园|政府|管委会|办事处|等|单位|部门)(?:[、，,\s]|$)/;

/**
 * Places the cells of a row whose empty cells were lost (space-separated text) into the header's
 * columns by what they hold: the number first, a time phrase last, unit lists into the unit
 * columns (lead first), and the rest into the grouping and task columns from the right.
 */
export function alignCells(t: string, header: TableHeader, cs: Range[]): (Range | null)[] {
  const out: (Range | null)[] = new Array<Range | null>(header.width).fill(null);
  const text = (r: Range) => t.slice(r.start, r.end);
  let rest = cs.filter((c) => c.end > c.start);
  if (header.number >= 0 && rest[0] && /^\d{1,4}[.、]?$/.test(text(rest[0]))) {
    out[header.number] = rest[0];
    rest = rest.slice(1);
  }
  const tail = rest[rest.length - 1];
  if (header.time >= 0 && tail && rest.length > 1 && text(tail).length <= 24 && TIME_CELL.test(text(tail))) {
    out[header.time] = tail;
    rest = rest.slice(0, -1);
  }
  const unitCols = [header.lead, header.resp].filter((c) => c >= 0);
  const units: Range[] = [];
  while (rest.length > 1 && units.length < unitCols.length) {
    const last = rest[rest.length - 1];
    if (!last || text(last).length > 60 || !UNIT_CELL.test(text(last)) || /[。；;]/.test(text(last))) break;
    units.unshift(last);
    rest = rest.slice(0, -1);
  }
  units.forEach((u, i) => {
    const col = unitCols[i];
    if (col !== undefined) out[col] = u;
  });
  const wordCols = [header.category, header.task].filter((c) => c >= 0);
  // The task is the last words cell; a grouping cell comes before it when there is one.
  const words = rest.slice(-wordCols.length);
  const extra = rest.slice(0, rest.length - words.length);
  words.reverse().forEach((w, i) => {
    const col = wordCols[wordCols.length - 1 - i];
    if (col !== undefined) out[col] = w;
  });
  // Words beyond the known columns belong to the task cell (a cell with spaces inside).
  const taskCell = out[header.task];
  if (extra.length > 0 && taskCell && extra[0]) out[header.task] = { start: extra[0].start, end: taskCell.end };
  return out;
}

/** Builds a task row from cells laid out in the header's columns. */
export function rowFromCells(t: string, header: TableHeader, cols: (Range | null)[]): TableRow | null {
  const at = (i: number): Range | null => {
    const c = i >= 0 ? cols[i] : undefined;
    return c && c.end > c.start ? c : null;
  };
  const task = at(header.task);
  if (!task) return null;
  const num = at(header.number);
  const category = at(header.category) ?? header.lastCategory;
  header.lastCategory = category;
  return { value: num ? cellValue(t.slice(num.start, num.end)) : null, task, lead: at(header.lead), resp: at(header.resp), time: at(header.time), category };
}

function cellValue(s: string): number | null {
  const m = /^(\d{1,4})[.、]?$/.exec(s);
  if (m) return Number(m[1]);
  const v = parseCnNumber(s.replace(/[、.]$/, ''));
  return Number.isNaN(v) || v === 0 ? null : v;
}

/**
 * Reads a line of a task table: a header row sets the columns, later rows become tasks. Rows with one
 * filled cell (a merged section heading) are read as plain lines but keep the table open.
 */
export function readTableRow(t: string, line: Line, header: TableHeader | null): TableLine {
  let cs = cells(t, line, header?.spaced ? header.gap : 0);
  let spaced = false;
  if (cs === null) {
    // A header written with spaces between its words: "序号  工作任务  牵头单位  完成时限".
    const words = spacedCells(t, line, 1);
    if (!header && words && words.length >= 3 && words.every((w) => isHeaderWord(t.slice(w.start, w.end)))) {
      cs = words;
      spaced = true;
    } else return { plain: true, keep: false };
  }
  const names = cs.map((c) => t.slice(c.start, c.end));
  if (names.every((n) => /^[-:\s]*$/.test(n))) return { skip: true };
  const filled = names.filter((n) => n.length > 0).length;
  if (filled <= 1) return { plain: true, keep: true };
  const h = readHeader(names);
  if (h && names.every((n) => n.length <= 12)) {
    const isSpaced = spaced || !!header?.spaced || !/[\t|]/.test(t.slice(line.first, line.last));
    const gap = spaced && spacedCells(t, line, 2)?.length !== cs.length ? 1 : 2;
    return { header: { ...h, spaced: isSpaced, gap } };
  }
  if (!header) return { plain: true, keep: false };
  // Space-separated rows lose their empty cells: place the cells by what they hold.
  const cols = header.spaced && cs.length !== header.width ? alignCells(t, header, cs) : cs;
  const row = rowFromCells(t, header, cols);
  return row ? { row } : { skip: true };
}

/** A table flattened to one cell per line, found at its header: the rows read and the lines used. */
export interface VerticalTable {
  /** Index of the line after the table's last. */
  end: number;
  rows: { row: TableRow; first: number; last: number }[];
}

/**
 * Finds tables flattened to one cell per line: three or more header words on lines of their own,
 * then rows of as many lines. When the header's lines follow each other without blank lines, a
 * blank line is an empty (merged) cell; otherwise blank lines only separate. Rows run while their
 * number cell holds a number (or, without a number column, while no cell is a long paragraph).
 */
export function findVerticalTables(t: string, lines: Line[], isMarkerLine: (l: Line) => boolean): Map<number, VerticalTable> {
  const out = new Map<number, VerticalTable>();
  const text = (l: Line) => t.slice(l.first, l.last);
  const blank = (l: Line | undefined) => !l || l.last <= l.first;
  for (let i = 0; i < lines.length; i++) {
    const l0 = lines[i];
    if (!l0 || blank(l0) || !isHeaderWord(text(l0))) continue;
    const names: string[] = [];
    let j = i;
    let gaps = false;
    for (; j < lines.length; j++) {
      const l = lines[j] as Line;
      if (blank(l)) {
        if (names.length > 0 && !blank(lines[j + 1]) && isHeaderWord(text(lines[j + 1] as Line))) {
          gaps = true;
          continue;
        }
        break;
      }
      if (!isHeaderWord(text(l))) break;
      names.push(text(l));
    }
    const header = readVerticalHeader(names);
    if (!header) continue;
    const rows: VerticalTable['rows'] = [];
    let k = j;
    for (;;) {
      // Blank lines between rows are spacing unless a cell of the row itself is empty.
      if (!gaps) while (k < lines.length && blank(lines[k]) && blank(lines[k + 1])) k++;
      else while (k < lines.length && blank(lines[k])) k++;
      const cols: (Range | null)[] = [];
      let m = k;
      while (m < lines.length && cols.length < header.width) {
        const l = lines[m] as Line;
        m++;
        if (blank(l)) {
          if (gaps) continue;
          cols.push(null);
          continue;
        }
        cols.push({ start: l.first, end: l.last });
      }
      if (cols.length < header.width || cols.every((c) => c === null)) break;
      const numCell = header.number >= 0 ? cols[header.number] : null;
      if (header.number >= 0 && !(numCell && /^\d{1,4}[.、]?$/.test(t.slice(numCell.start, numCell.end)))) break;
      if (header.number < 0 && cols.some((c) => c && (c.end - c.start > 300 || isMarkerLine({ start: c.start, end: c.end, first: c.start, last: c.end }))))
        break;
      const row = rowFromCells(t, header, cols);
      if (!row) break;
      rows.push({ row, first: lines[k]?.first ?? 0, last: lines[m - 1]?.last ?? 0 });
      k = m;
    }
    if (rows.length === 0) continue;
    out.set(i, { end: k, rows });
    i = k - 1;
  }
  return out;
}
