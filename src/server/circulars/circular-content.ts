import { chineseDate, chineseOrdinal, percent, planName } from '#core/circulars/draft.ts';
import { CIRCULAR_BLOCK_LABELS, type CircularBlocks } from '#core/circulars/types.ts';
import type { RoundSnapshot } from '#core/rounds/types.ts';

/**
 * The content of a circular as one ordered list of document elements, built from the circular's
 * text and the round's snapshot. The .docx and the .pdf renderers both walk this list, so the two
 * files always say the same thing in the same order; only the drawing differs.
 */
export interface TableColumn {
  title: string;
  /** Share of the text block width; a table's shares sum to 1. */
  width: number;
  align: 'left' | 'center';
}

export type DocElement =
  /** The title, already broken into lines at word boundaries (see `titleLines`). */
  | { kind: 'title'; lines: string[] }
  /** 期号 ("第3期") under the title, or a 发文字号 ("山政办〔2021〕12号") above it. */
  | { kind: 'docNumber'; text: string }
  | { kind: 'blank' }
  /** 主送机关: flush left, continuation lines flush left too. */
  | { kind: 'addressee'; text: string }
  /** 一、… in 黑体. */
  | { kind: 'heading1'; text: string }
  /** （一）… in 楷体, run in: `body` follows in 仿宋 in the same paragraph. */
  | { kind: 'heading2'; text: string; body: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; columns: TableColumn[]; rows: string[][] }
  /** 发文机关署名 and 成文日期, right-aligned `rightChars` hundredths of a character in from the right. */
  | { kind: 'signature'; text: string; rightChars: number }
  | { kind: 'date'; text: string; rightChars: number };

export interface CircularContentInput {
  title: string;
  docNumber: string | null;
  issuer: string;
  blocks: CircularBlocks;
  /** 成文日期, 'YYYY-MM-DD': the day of issue (today for a draft preview). */
  date: string;
}

const HEADING2 = /^（[一二三四五六七八九十]+）/;

/** A block's paragraphs: one per line; a line opening with （一） is a run-in level-2 heading up to its first 。. */
export function prose(text: string): DocElement[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line): DocElement => {
      if (!HEADING2.test(line)) return { kind: 'paragraph', text: line };
      const stop = line.indexOf('。');
      return stop > 0 && stop < 60
        ? { kind: 'heading2', text: line.slice(0, stop + 1), body: line.slice(stop + 1) }
        : { kind: 'heading2', text: line, body: '' };
    });
}

/** Width in characters: digits and Latin letters take half a character. */
function charWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/** A 2号 line holds 20 characters (442 pt / 21.75 pt). */
const TITLE_CHARS = 20;

/**
 * The title's lines: the author's own line breaks when given, else one line when it fits, else a
 * break before the closing phrase ("…推进情况的通报") so no word is cut (§7.3.1), else halves.
 */
export function titleLines(title: string): string[] {
  const given = title
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (given.length !== 1) return given.length ? given : [''];
  if (charWidth(title) <= TITLE_CHARS) return [title];
  // Closing phrases of the titles Tuijin drafts: round circulars, typical-case circulars, rectification notices.
  const tail = /(推进情况|落实情况|工作情况|有关情况|情况|发现问题限期整改|典型案例)?的(通报|通知|意见|报告)$/.exec(title);
  if (tail && tail.index > 0 && charWidth(title.slice(0, tail.index)) <= TITLE_CHARS) return [title.slice(0, tail.index), title.slice(tail.index)];
  // No phrase to break at: even lines of at most 20 characters.
  const chars = [...title];
  const count = Math.ceil(charWidth(title) / TITLE_CHARS);
  const per = Math.ceil(chars.length / count);
  return Array.from({ length: count }, (_, i) => chars.slice(i * per, (i + 1) * per).join('')).filter(Boolean);
}

/** "2021-06-30" → "6月30日" within the snapshot's year, else the full date. */
function shortDate(date: string, year: string): string {
  return date.startsWith(year) ? chineseDate(date).slice(5) : chineseDate(date);
}

const REPORTING_LABELS: Record<string, string> = { 1: '按时报送', 0.5: '逾期报送', 0: '未报送' };

export function sectionTable(s: RoundSnapshot): DocElement {
  const rows = s.bySection.map((x, i) => [
    String(i + 1),
    x.title,
    String(x.counts.total),
    String(x.counts.done + x.counts.doneLate),
    String(x.counts.inProgress + x.counts.dueSoon),
    String(x.counts.overdue),
    String(x.counts.notStarted),
    percent(x.counts.completionRate),
  ]);
  const o = s.overall;
  rows.push([
    '',
    '合计',
    String(o.total),
    String(o.done + o.doneLate),
    String(o.inProgress + o.dueSoon),
    String(o.overdue),
    String(o.notStarted),
    percent(o.completionRate),
  ]);
  return {
    kind: 'table',
    columns: [
      { title: '序号', width: 0.08, align: 'center' },
      { title: '领域（指标）', width: 0.3, align: 'left' },
      { title: '任务数', width: 0.1, align: 'center' },
      { title: '已完成', width: 0.1, align: 'center' },
      { title: '推进中', width: 0.1, align: 'center' },
      { title: '逾期', width: 0.1, align: 'center' },
      { title: '未启动', width: 0.1, align: 'center' },
      { title: '完成率', width: 0.12, align: 'center' },
    ],
    rows,
  };
}

/**
 * The body lists the most overdue tasks only: a circular is read in a meeting, and a district plan
 * can have a hundred overdue tasks (19 pages). The full list is in the appended ledger (.xlsx).
 */
export const OVERDUE_TABLE_MAX = 30;

export function overdueTable(s: RoundSnapshot): DocElement {
  const year = s.asOf.slice(0, 4);
  return {
    kind: 'table',
    columns: [
      // Unit columns hold an 8-character name such as 区综合行政执法局 on one line (8 × 12 pt + padding),
      // the date column "12月31日" with the space Word and WPS put between digits and Chinese.
      { title: '序号', width: 0.07, align: 'center' },
      { title: '任务', width: 0.22, align: 'left' },
      { title: '牵头单位', width: 0.23, align: 'left' },
      { title: '责任单位', width: 0.23, align: 'left' },
      { title: '应完成时间', width: 0.14, align: 'center' },
      { title: '逾期工作日', width: 0.11, align: 'center' },
    ],
    rows: s.overdue
      .slice(0, OVERDUE_TABLE_MAX)
      .map((t, i) => [String(i + 1), t.title, t.leadUnits.join('\n'), t.responsibleUnits.join('\n'), shortDate(t.dueDate, year), String(t.workdaysOverdue)]),
  };
}

export function rankingTable(s: RoundSnapshot): DocElement {
  return {
    kind: 'table',
    columns: [
      { title: '排名', width: 0.07, align: 'center' },
      { title: '单位', width: 0.26, align: 'left' },
      { title: '任务数', width: 0.1, align: 'center' },
      { title: '已完成', width: 0.1, align: 'center' },
      { title: '完成率', width: 0.1, align: 'center' },
      { title: '按时完成率', width: 0.15, align: 'center' },
      { title: '进展报送', width: 0.13, align: 'center' },
      { title: '得分', width: 0.09, align: 'center' },
    ],
    rows: s.units.map((u) => [
      String(u.rank),
      u.name,
      String(u.tasks),
      String(u.done),
      percent(u.completionRate),
      percent(u.timelinessRate),
      REPORTING_LABELS[String(u.reportingScore)] ?? String(u.reportingScore),
      String(u.score),
    ]),
  };
}

/** The elements of a circular, in reading order. */
export function circularElements(c: CircularContentInput, s: RoundSnapshot): DocElement[] {
  // A 发文字号 stands above the title (2 lines), a 期号 under it.
  const out: DocElement[] = headElements(c.title, c.docNumber, c.blocks.addressee);
  out.push(...prose(c.blocks.intro));

  // Sections are numbered as they appear: an emptied prose block with no table drops its heading.
  let n = 0;
  const section = (key: 'overall' | 'sections' | 'overdue' | 'ranking' | 'goodPractices' | 'nextSteps', tableEl: DocElement | null) => {
    const body = prose(c.blocks[key]);
    if (!body.length && !tableEl) return;
    n++;
    out.push({ kind: 'heading1', text: `${chineseOrdinal(n)}、${CIRCULAR_BLOCK_LABELS[key].replace(/^[一二三四五六七八九十]+、/, '')}` }, ...body);
    if (tableEl) out.push(tableEl);
    if (key === 'overdue' && s.overdue.length > OVERDUE_TABLE_MAX) {
      out.push({
        kind: 'paragraph',
        text: `（上表列出逾期时间最长的${OVERDUE_TABLE_MAX}项，另有${s.overdue.length - OVERDUE_TABLE_MAX}项逾期任务详见附件工作台账。）`,
      });
    }
  };
  section('overall', null);
  section('sections', s.bySection.length ? sectionTable(s) : null);
  section('overdue', s.overdue.length ? overdueTable(s) : null);
  section('ranking', s.units.length ? rankingTable(s) : null);
  section('goodPractices', null);
  section('nextSteps', null);

  // 附件说明: one blank line below the body, 左空二字; the ledger travels as the .xlsx appendix.
  if (s.tasks.length)
    out.push({ kind: 'blank' }, { kind: 'paragraph', text: `附件：${s.plans.length === 1 ? planName(s.plans[0]!.title) : '各方案'}工作台账` });

  out.push(...closingElements(c.issuer, c.date));
  return out;
}

/**
 * The head of any 公文 Tuijin writes: a 发文字号 above the title (then a blank line), or a 期号 under it,
 * then a blank line and the 主送机关. Round circulars, typical-case circulars and rectification notices share it.
 */
export function headElements(title: string, docNumber: string | null, addressee: string): DocElement[] {
  const out: DocElement[] = [];
  const isDocNumber = docNumber !== null && /〔\d{4}〕/.test(docNumber);
  if (docNumber && isDocNumber) out.push({ kind: 'docNumber', text: docNumber }, { kind: 'blank' });
  out.push({ kind: 'title', lines: titleLines(title) });
  if (docNumber && !isDocNumber) out.push({ kind: 'docNumber', text: docNumber });
  out.push({ kind: 'blank' });
  if (addressee.trim()) out.push({ kind: 'addressee', text: addressee.trim() });
  return out;
}

/** Room for the seal, then the signature centred over the date, the date 右空四字 (GB/T 9704 §7.3.5.1). */
export function closingElements(issuer: string, isoDate: string): DocElement[] {
  const date = chineseDate(isoDate);
  const dateRight = 400;
  const sigRight = Math.max(0, Math.round(dateRight + ((charWidth(date) - charWidth(issuer)) / 2) * 100));
  return [{ kind: 'blank' }, { kind: 'blank' }, { kind: 'signature', text: issuer, rightChars: sigRight }, { kind: 'date', text: date, rightChars: dateRight }];
}

/** A file name for downloads: the title without characters file systems refuse. */
export function fileNameOf(title: string, ext: 'docx' | 'pdf' | 'xlsx'): string {
  return `${title.replace(/[\\/:*?"<>|\r\n]+/g, '').slice(0, 100) || '通报'}.${ext}`;
}
