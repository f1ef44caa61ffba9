import ExcelJS from 'exceljs';
import type { SheetRowError } from '#core/api/common.ts';
import { FINDING_POLARITY_LABELS, type FindingImportResult, type FindingPolarity } from '#core/api/inspection-findings.ts';
import { zipLimitsFor } from '#core/files/zip.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { cellText, hasHeader, readFirstSheet } from '../files/sheet.ts';
import { assertMayRecord } from './findings.access.ts';
import * as repo from './findings.repo.ts';
import { checkFindingRefs, getTaxonomy } from './findings.service.ts';
import { seePlan } from './inspections.access.ts';

/** A team's offline sheet holds tens of rows; 5 MB is far past any real one. */
export const MAX_FINDINGS_UPLOAD_BYTES = 5 * 1024 * 1024;
const ZIP_LIMITS = zipLimitsFor(MAX_FINDINGS_UPLOAD_BYTES);

export const FINDING_TEMPLATE_COLUMNS = [
  '被检查单位',
  '检查时间',
  '检查地点',
  '问题描述',
  '问题类别',
  '严重程度',
  '具体位置',
  '发现时间',
  '关联指标代码',
  '关联任务ID',
  '性质',
] as const;
const TIME_HINT = '格式为 YYYY-MM-DD HH:mm（北京时间）';

/** The offline template of a plan: the columns, and a sheet listing its targets and the office's lists. */
export async function findingsTemplate(deps: Deps, actor: Actor, inspectionId: number): Promise<Buffer> {
  const seen = await seePlan(deps, actor, inspectionId);
  const taxonomy = await getTaxonomy(deps);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...FINDING_TEMPLATE_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  [22, 18, 20, 48, 14, 10, 18, 18, 14, 14, 8].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 24;
  help.getColumn(2).width = 60;
  help.addRow(['督查计划', seen.row.title]);
  help.addRow(['检查时间、发现时间', `${TIME_HINT}；发现时间不填即为检查时间`]);
  help.addRow(['同一单位、时间、地点的各行', '合为一次检查记录']);
  help.addRow(['性质', `${Object.values(FINDING_POLARITY_LABELS).join(' 或 ')}，不填为“问题”`]);
  help.addRow(['被检查单位（可选）', seen.targets.map((t) => t.name).join('、')]);
  help.addRow(['问题类别（可选）', taxonomy.categories.map((c) => c.label).join('、')]);
  help.addRow(['严重程度（可选）', taxonomy.severities.map((c) => c.label).join('、')]);
  help.addRow(['清单来源', taxonomy.source]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A Beijing wall-clock time typed or stored in a cell, as a UTC instant; null when it is not one. */
function instantOf(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  // ExcelJS gives a date cell as the wall-clock time read as UTC; the sheet's times are Beijing times.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : new Date(v.getTime() - 8 * 3600_000).toISOString();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(String(cell.text ?? '').trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  const check = new Date(ms + 8 * 3600_000);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return new Date(ms).toISOString();
}

interface ParsedRow {
  row: number;
  unitId: number;
  unitName: string;
  visitedAt: string;
  place: string;
  description: string;
  category: string;
  severity: string;
  location: string | null;
  foundAt: string;
  indicatorCode: string | null;
  taskIds: number[];
  polarity: FindingPolarity;
}

/**
 * Imports a filled template: every row is checked and every error reported with its row and column;
 * only a sheet without any error is written, all of it in one transaction (or, `dryRun`, nothing).
 */
export async function importFindings(deps: Deps, actor: Actor, inspectionId: number, bytes: Buffer, dryRun: boolean): Promise<FindingImportResult> {
  const seen = await seePlan(deps, actor, inspectionId);
  const ws = await readFirstSheet(bytes, ZIP_LIMITS, '无法读取该文件：请上传由问题清单模板填写的 .xlsx 文件');
  if (!ws || !hasHeader(ws, 1, FINDING_TEMPLATE_COLUMNS))
    throw new AppError('INVALID_INPUT', `表头应为：${FINDING_TEMPLATE_COLUMNS.join('、')}（请使用下载的模板）`);
  const taxonomy = await getTaxonomy(deps);
  const errors: SheetRowError[] = [];
  const rows: ParsedRow[] = [];
  const byLabel = (items: { code: string; label: string }[], text: string) => items.find((i) => i.label === text || i.code === text)?.code;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const text = (c: number) => cellText(row, c);
    if (FINDING_TEMPLATE_COLUMNS.every((_, i) => text(i + 1) === '')) continue;
    const err = (column: (typeof FINDING_TEMPLATE_COLUMNS)[number], message: string) => errors.push({ row: r, column, message });
    const before = errors.length;
    const target = seen.targets.find((t) => t.name === text(1));
    if (!target) err('被检查单位', text(1) ? `“${text(1)}”不是本次督查的检查对象` : '请填写被检查单位');
    const visitedAt = instantOf(row.getCell(2));
    if (!visitedAt) err('检查时间', `请填写检查时间，${TIME_HINT}`);
    if (!text(3)) err('检查地点', '请填写检查地点');
    else if (text(3).length > 200) err('检查地点', '检查地点不超过 200 字');
    if (!text(4)) err('问题描述', '请填写问题描述');
    else if (text(4).length > 4000) err('问题描述', '问题描述不超过 4000 字');
    const category = byLabel(taxonomy.categories, text(5));
    if (!category) err('问题类别', text(5) ? `“${text(5)}”不在问题类别清单中` : '请填写问题类别');
    const severity = byLabel(taxonomy.severities, text(6));
    if (!severity) err('严重程度', text(6) ? `“${text(6)}”不在严重程度清单中` : '请填写严重程度');
    if (text(7).length > 200) err('具体位置', '具体位置不超过 200 字');
    const foundAt = text(8) ? instantOf(row.getCell(8)) : visitedAt;
    if (text(8) && !foundAt) err('发现时间', `发现时间${TIME_HINT}`);
    const taskIds = text(10)
      ? text(10)
          .split(/[,，、\s]+/)
          .filter(Boolean)
          .map(Number)
      : [];
    if (taskIds.some((n) => !Number.isInteger(n) || n <= 0)) err('关联任务ID', '关联任务ID应为数字，多个用逗号分隔');
    const polarity = (Object.entries(FINDING_POLARITY_LABELS).find(([, l]) => l === text(11))?.[0] ?? (text(11) ? null : 'problem')) as FindingPolarity | null;
    if (!polarity) err('性质', '性质应为“问题”或“亮点”');
    if (errors.length > before || !target || !visitedAt || !category || !severity || !foundAt || !polarity) continue;
    try {
      await assertMayRecord(deps, actor, seen, target.unit_id);
    } catch (e) {
      err('被检查单位', e instanceof AppError ? e.message : '不能为该单位记录');
      continue;
    }
    try {
      await checkFindingRefs(deps, { category, severity, indicatorCode: text(9) || null, taskIds });
    } catch (e) {
      const field = ((e as AppError).details as { field?: string } | undefined)?.field;
      err(field === 'taskIds' ? '关联任务ID' : '关联指标代码', (e as Error).message);
      continue;
    }
    rows.push({
      row: r,
      unitId: target.unit_id,
      unitName: target.name,
      visitedAt,
      place: text(3),
      description: text(4),
      category,
      severity,
      location: text(7) || null,
      foundAt,
      indicatorCode: text(9) || null,
      taskIds: [...new Set(taskIds)],
      polarity,
    });
  }
  if (errors.length)
    throw new AppError(
      'INVALID_INPUT',
      `问题清单有 ${errors.length} 处错误，未导入任何内容：${errors
        .slice(0, 3)
        .map((e) => `第${e.row}行“${e.column}”：${e.message}`)
        .join('；')}`,
      errors,
    );
  if (!rows.length) throw new AppError('INVALID_INPUT', '问题清单中没有填写任何问题');
  const visitKey = (p: ParsedRow) => `${p.unitId}|${p.visitedAt}|${p.place}`;
  const visits = new Set(rows.map(visitKey));
  const result: FindingImportResult = {
    dryRun,
    rows: rows.length,
    visits: visits.size,
    created: dryRun ? 0 : rows.length,
    preview: rows.map((p) => ({
      row: p.row,
      unitName: p.unitName,
      visitedAt: p.visitedAt,
      place: p.place,
      description: p.description,
      categoryLabel: taxonomy.categories.find((c) => c.code === p.category)?.label ?? p.category,
      severityLabel: taxonomy.severities.find((c) => c.code === p.severity)?.label ?? p.severity,
    })),
  };
  if (dryRun) return result;
  const now = deps.clock.iso();
  await deps.db.transaction().execute(async (trx) => {
    const visitIds = new Map<string, number>();
    const findingIds: number[] = [];
    for (const p of rows) {
      let visitId = visitIds.get(visitKey(p));
      if (visitId === undefined) {
        visitId = await repo.insertVisit(
          trx,
          {
            inspection_id: inspectionId,
            unit_id: p.unitId,
            visited_at: p.visitedAt,
            place: p.place,
            latitude: null,
            longitude: null,
            notes: null,
            created_by: actor.userId,
            created_at: now,
          },
          actor.userId === null ? [] : [actor.userId],
        );
        visitIds.set(visitKey(p), visitId);
      }
      findingIds.push(
        await repo.insertFinding(
          trx,
          {
            inspection_id: inspectionId,
            visit_id: visitId,
            unit_id: p.unitId,
            polarity: p.polarity,
            description: p.description,
            category: p.category,
            severity: p.severity,
            location: p.location,
            found_at: p.foundAt,
            indicator_code: p.indicatorCode,
            status: 'found',
            source: 'imported',
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
          },
          p.taskIds,
        ),
      );
    }
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'finding.import',
      entityType: 'inspection',
      entityId: inspectionId,
      after: { rows: rows.length, visitIds: [...visitIds.values()], findingIds },
    });
  });
  return result;
}
