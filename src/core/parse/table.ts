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
}

/** One task row of a table, as view ranges of its cells. */
export interface TableRow {
  value: number | null;
  task: Range;
  lead: Range | null;
  resp: Range | null;
  time: Range | null;
  category: Range | null;
}

/** What one line of a table is: its header, a task row, a line to skip, or plain text (`keep`: the table goes on). */
export type TableLine = { header: TableHeader } | { row: TableRow } | { skip: true } | { plain: true; keep: boolean };

/** Cells of a tab- or |-separated line, trimmed; null when the line has no such separators. */
function cells(t: string, line: Line): Range[] | null {
  const s = t.slice(line.first, line.last);
  const sep = s.includes('\t') ? '\t' : s.includes('|') ? '|' : null;
  if (sep === null) return null;
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
  return { number, task, lead, resp, time, category, lastCategory: null };
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
  const cs = cells(t, line);
  if (cs === null) return { plain: true, keep: false };
  const names = cs.map((c) => t.slice(c.start, c.end));
  if (names.every((n) => /^[-:\s]*$/.test(n))) return { skip: true };
  const filled = names.filter((n) => n.length > 0).length;
  if (filled <= 1) return { plain: true, keep: true };
  const h = readHeader(names);
  if (h && names.every((n) => n.length <= 12)) return { header: h };
  if (!header) return { plain: true, keep: false };
  const at = (i: number): Range | null => (i >= 0 && cs[i] && (cs[i]?.end ?? 0) > (cs[i]?.start ?? 0) ? (cs[i] ?? null) : null);
  const task = at(header.task);
  if (!task) return { skip: true };
  const num = at(header.number);
  const category = at(header.category) ?? header.lastCategory;
  header.lastCategory = category;
  return {
    row: {
      value: num ? cellValue(t.slice(num.start, num.end)) : null,
      task,
      lead: at(header.lead),
      resp: at(header.resp),
      time: at(header.time),
      category,
    },
  };
}
