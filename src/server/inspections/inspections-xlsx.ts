import ExcelJS from 'exceljs';
import { FINDING_POLARITY_LABELS, FINDING_STATUS_LABELS, type Finding } from '#core/api/inspection-findings.ts';
import { INSPECTION_KIND_LABELS, type InspectionSummary } from '#core/api/inspections.ts';

/** A sheet with a bold, frozen header row and the given column widths. */
function sheet(wb: ExcelJS.Workbook, name: string, columns: [string, number][]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(columns.map(([c]) => c));
  ws.getRow(1).font = { bold: true };
  columns.forEach(([, w], i) => (ws.getColumn(i + 1).width = w));
  return ws;
}

/** Shown in Asia/Shanghai, as the pages show instants. */
const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The plans the viewer sees, one row each. */
export async function inspectionsXlsx(rows: InspectionSummary[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, '督查计划', [
    ['名称', 36],
    ['检查方式', 10],
    ['检查依据', 36],
    ['开始日期', 12],
    ['结束日期', 12],
    ['检查对象数', 10],
    ['检查记录数', 10],
    ['问题数', 8],
    ['问题清单发布时间', 18],
  ]);
  for (const r of rows)
    ws.addRow([
      r.title,
      INSPECTION_KIND_LABELS[r.kind],
      r.basis,
      r.periodStart,
      r.periodEnd,
      r.targetCount,
      r.visitCount,
      r.findingCount,
      r.releasedAt ? local(r.releasedAt) : '未发布',
    ]).alignment = { vertical: 'top', wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const FINDING_EXPORT_COLUMNS = [
  '编号',
  '督查计划',
  '被检查单位',
  '性质',
  '问题描述',
  '问题类别',
  '严重程度',
  '具体位置',
  '发现时间',
  '关联指标',
  '关联任务',
  '状态',
  '证据数',
] as const;

/** The findings list as filtered, one row each. */
export async function findingsXlsx(rows: Finding[]): Promise<Buffer> {
  const widths = [8, 30, 24, 8, 48, 14, 10, 20, 18, 20, 30, 12, 8];
  const wb = new ExcelJS.Workbook();
  const ws = sheet(
    wb,
    '问题清单',
    FINDING_EXPORT_COLUMNS.map((c, i) => [c, widths[i] ?? 12]),
  );
  for (const f of rows)
    ws.addRow([
      f.id,
      f.inspectionTitle,
      f.unitName,
      FINDING_POLARITY_LABELS[f.polarity],
      f.description,
      f.categoryLabel,
      f.severityLabel,
      f.location ?? '',
      local(f.foundAt),
      f.indicatorName ?? '',
      f.tasks.map((t) => `${t.number} ${t.title}`).join('\n'),
      FINDING_STATUS_LABELS[f.status],
      f.evidenceCount,
    ]).alignment = { vertical: 'top', wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
