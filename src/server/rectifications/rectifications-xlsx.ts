import ExcelJS from 'exceljs';
import type { NoticeSummary, RectificationFigures, RectificationItem } from '#core/api/rectifications.ts';
import { FINDING_STATUS_LABELS } from '#core/inspections/findings.ts';

/**
 * The rectification lists as .xlsx: notices, findings under rectification, and the figures per unit.
 * One sheet each, a title row, a bold frozen header, the same columns as the pages.
 */
function sheet(title: string, name: string, header: string[], widths: number[], rows: (string | number | null)[][]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '推进平台';
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(header).font = { bold: true };
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const r of rows) ws.addRow(r).alignment = { vertical: 'top', wrapText: true };
  return wb;
}

const buffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const rate = (r: number | null) => (r === null ? '' : `${Math.round(r * 1000) / 10}%`);

export const NOTICE_COLUMNS = [
  '编号',
  '督查',
  '单位',
  '通知标题',
  '文号',
  '下发日期',
  '问题类别',
  '整改时限',
  '整改期限',
  '时限依据',
  '问题数',
  '已销号',
  '逾期未改',
];

export async function noticesXlsx(asOf: string, rows: readonly NoticeSummary[]): Promise<Buffer> {
  return buffer(
    sheet(
      `整改通知（截至${asOf}）`,
      '整改通知',
      NOTICE_COLUMNS,
      [8, 28, 20, 36, 16, 12, 8, 12, 12, 40, 8, 8, 10],
      rows.map((n) => [
        n.id,
        n.inspectionTitle,
        n.unitName,
        n.title,
        n.docNumber,
        n.issuedOn,
        n.clueClass,
        n.limitText,
        n.dueDate,
        n.basis,
        n.findingCount,
        n.closedCount,
        n.overdueCount,
      ]),
    ),
  );
}

export const ITEM_COLUMNS = ['问题编号', '督查', '单位', '问题描述', '状态', '交办次数', '整改期限', '是否逾期', '是否提级'];

export async function itemsXlsx(asOf: string, rows: readonly RectificationItem[]): Promise<Buffer> {
  return buffer(
    sheet(
      `问题整改情况（截至${asOf}）`,
      '问题整改情况',
      ITEM_COLUMNS,
      [10, 28, 20, 50, 12, 10, 12, 10, 10],
      rows.map((i) => [
        i.findingId,
        i.inspectionTitle,
        i.unitName,
        i.description,
        FINDING_STATUS_LABELS[i.status],
        i.noticeCount,
        i.dueDate,
        i.isOverdue ? '逾期' : '',
        i.needsEscalation ? '提级' : '',
      ]),
    ),
  );
}

export const UNIT_COLUMNS = ['单位', '已交办问题', '已销号', '整改率', '逾期未改', '待复查'];

export async function figuresXlsx(f: RectificationFigures): Promise<Buffer> {
  const rows: (string | number | null)[][] = f.units.map((u) => [
    u.unitName,
    u.figures.noticed,
    u.figures.closed,
    rate(u.figures.rate),
    u.figures.overdue,
    u.figures.awaitingRecheck,
  ]);
  rows.push(['合计', f.overall.noticed, f.overall.closed, rate(f.overall.rate), f.overall.overdue, f.overall.awaitingRecheck]);
  return buffer(sheet(`各单位整改情况（截至${f.asOf}）`, '各单位整改情况', UNIT_COLUMNS, [28, 12, 10, 10, 10, 10], rows));
}
