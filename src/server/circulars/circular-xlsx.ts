import ExcelJS from 'exceljs';
import { chineseDate } from '#core/circulars/draft.ts';
import type { RoundSnapshot } from '#core/rounds/types.ts';
import { WORK_STATUS_LABELS } from '#core/status/status.ts';
import { addLedgerSheet } from '../ledger/ledger-xlsx.ts';
import { rankingTable, sectionTable } from './circular-content.ts';

/**
 * The appendix of a circular (通报) as .xlsx: the full ledger of the round's tasks as frozen in the
 * snapshot (the same layout as the ledger export), the unit ranking, and the figures per section.
 */
function addTableSheet(wb: ExcelJS.Workbook, name: string, title: string, header: string[], rows: (string | number)[][], widths: number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(header).font = { bold: true };
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const r of rows) ws.addRow(r).alignment = { vertical: 'top', wrapText: true };
}

/** Numbers stay numbers in the sheet (so they sum and sort); rates stay as written in the circular. */
const cellValue = (v: string) => (/^\d+(\.\d+)?$/.test(v) ? Number(v) : v);

export async function renderCircularXlsx(title: string, s: RoundSnapshot): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '推进平台';
  const sectionNo = new Map<string, number>();
  for (const t of s.tasks) if (t.sectionTitle && !sectionNo.has(t.sectionTitle)) sectionNo.set(t.sectionTitle, sectionNo.size + 1);
  addLedgerSheet(
    wb,
    `${title} 附件：工作台账（截至${chineseDate(s.asOf)}）`,
    s.tasks.map((t) => ({
      seq: t.sectionTitle ? `${sectionNo.get(t.sectionTitle)}.${t.number}` : t.number,
      title: t.title,
      lead: t.leadUnits,
      responsible: t.responsibleUnits,
      deadlines: t.deadlines.map((d) => d.text),
      actions: t.actions,
      progress: t.latestProgress ?? '',
      status: WORK_STATUS_LABELS[t.status],
      evidence: t.evidenceCount ? [`${t.evidenceCount}份`] : [],
      taskId: t.taskId,
    })),
  );
  const ranking = rankingTable(s);
  if (ranking.kind === 'table') {
    addTableSheet(wb, '单位排名', `${s.round.title} 单位排名`, [...ranking.columns.map((c) => c.title), '逾期'], ranking.rows.map((r, i) => [...r.map(cellValue), s.units[i]!.overdue]), [8, 30, 10, 10, 10, 12, 12, 10, 8]);
  }
  const sections = sectionTable(s);
  if (sections.kind === 'table') {
    addTableSheet(wb, '各领域推进情况', `${s.round.title} 各领域（指标）推进情况`, [...sections.columns.map((c) => c.title), '其中逾期完成', '其中临期'], sections.rows.map((r, i) => {
      const c = i < s.bySection.length ? s.bySection[i]!.counts : s.overall;
      return [...r.map(cellValue), c.doneLate, c.dueSoon];
    }), [8, 30, 10, 10, 10, 10, 10, 10, 14, 10]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
