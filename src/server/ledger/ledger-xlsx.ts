import ExcelJS from 'exceljs';
import type { SheetRowError } from '#core/api/common.ts';
import { NARRATIVE_MAX } from '#core/api/reports.ts';
import { zipLimitsFor } from '#core/files/zip.ts';
import { WORK_STATUS_LABELS } from '#core/status/status.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { cellText, hasHeader, readFirstSheet } from '../files/sheet.ts';
import { findPlanRow } from '../plans/plans.repo.ts';
import { attachmentsOf, insertReport, reportsOfTasks, updateReportRow } from '../reports/reports.repo.ts';
import { findUnitName } from '../units/units.repo.ts';
import { statusesOf } from '../tasks/task-status.ts';
import { milestonesOfTasks, unitsOfTasks } from '../tasks/tasks.repo.ts';
import * as repo from './ledger.repo.ts';
import { reopenApproved } from './ledger.service.ts';

/** A unit's ledger of a few hundred tasks is a sheet of well under 1 MB; 10 MB leaves room for long progress texts. */
export const MAX_LEDGER_UPLOAD_BYTES = 10 * 1024 * 1024;
const LEDGER_ZIP_LIMITS = zipLimitsFor(MAX_LEDGER_UPLOAD_BYTES);

/** The customary 台账 layout; the hidden last column keys each row to its task for the import. */
export const LEDGER_COLUMNS = ['序号', '任务', '牵头单位', '责任单位', '时间节点', '具体举措', '进展情况', '状态', '佐证材料', '任务ID'] as const;

/** One task's row of the ledger sheet. */
export interface LedgerSheetRow {
  seq: string;
  title: string;
  lead: string[];
  responsible: string[];
  deadlines: string[];
  actions: string[];
  progress: string;
  status: string;
  evidence: string[];
  taskId: number;
}

/**
 * Writes the ledger sheet in the customary layout (title row, header row, a row per task, the hidden
 * task id last); shared by the ledger export and the appendix of a circular (通报).
 */
export function addLedgerSheet(wb: ExcelJS.Workbook, title: string, rows: LedgerSheetRow[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('工作台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, 9);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow([...LEDGER_COLUMNS]);
  ws.getRow(2).font = { bold: true };
  const widths = [8, 36, 22, 30, 16, 40, 40, 10, 24, 8];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(10).hidden = true;
  for (const r of rows) {
    const row = ws.addRow([r.seq, r.title, r.lead.join('、'), r.responsible.join('、'), r.deadlines.join('、'), r.actions.join('\n'), r.progress, r.status, r.evidence.join('\n'), r.taskId]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return ws;
}

async function ledgerRows(deps: Deps, planId: number, unitId: number | null) {
  const tasks = await repo.ledgerTasks(deps.db, planId, unitId);
  const ids = tasks.map((t) => t.id);
  const [units, milestones, entries, statuses, reports] = await Promise.all([
    unitsOfTasks(deps.db, ids), milestonesOfTasks(deps.db, ids), repo.entriesOfTasks(deps.db, ids), statusesOf(deps, tasks),
    reportsOfTasks(deps.db, ids),
  ]);
  const files = await attachmentsOf(deps.db, reports.map((r) => r.id));
  return tasks.map((t) => {
    const named = units.filter((u) => u.task_id === t.id);
    const mine = (r: { task_id: number; unit_id: number; kind: string }) => r.task_id === t.id && (unitId ? r.unit_id === unitId : r.kind === 'consolidated');
    const latest = reports.filter(mine).at(-1);
    const taskEntries = entries.filter((e) => e.task_id === t.id && (!unitId || e.unit_id === unitId));
    return {
      taskId: t.id,
      seq: t.section_ordinal ? `${t.section_ordinal}.${t.number}` : t.number,
      title: t.title,
      lead: named.filter((u) => u.role === 'lead').map((u) => u.name),
      responsible: named.filter((u) => u.role === 'responsible').map((u) => u.name),
      deadlines: milestones.filter((m) => m.task_id === t.id).map((m) => m.text),
      actions: taskEntries.map((e) => (unitId ? e.action : `【${e.unit_name}】${e.action}`)),
      progress: latest?.narrative ?? '',
      status: WORK_STATUS_LABELS[statuses.get(t.id)!],
      evidence: files.filter((f) => reports.some((r) => r.id === f.report_id && mine(r))).map((f) => f.file_name),
      unitIds: named.map((u) => u.unit_id),
      leadIds: named.filter((u) => u.role === 'lead').map((u) => u.unit_id),
      latestReport: latest,
    };
  });
}

/** The plan's ledger (or one unit's) as .xlsx in the customary layout. */
export async function exportLedger(deps: Deps, planId: number, unitId: number | null): Promise<Buffer> {
  const plan = await findPlanRow(deps.db, planId);
  if (!plan) throw notFound('方案');
  const unitName = unitId ? await findUnitName(deps.db, unitId) : undefined;
  if (unitId && unitName === undefined) throw new AppError('INVALID_INPUT', '单位不存在', { field: 'unit' });
  const rows = await ledgerRows(deps, planId, unitId);
  const wb = new ExcelJS.Workbook();
  addLedgerSheet(wb, `${plan.number ?? ''} ${plan.title} 工作台账${unitName ? `（${unitName}）` : ''}`.trim(), rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type LedgerRowError = SheetRowError;

/**
 * Applies a unit's edited ledger sheet: 具体举措 (one action per line) and 进展情况 (the unit's draft
 * report). Every row is validated first; errors are named by row and column and nothing is applied
 * unless every row is valid.
 */
export async function importLedger(deps: Deps, actor: Actor, planId: number, unitId: number, bytes: Buffer) {
  if (!actor.principal?.unitScope.includes(unitId)) throw new AppError('FORBIDDEN', '只能导入本单位的台账');
  const unreadable = '无法读取该文件，请上传从本系统导出的 .xlsx 台账';
  const ws = await readFirstSheet(bytes, LEDGER_ZIP_LIMITS, unreadable);
  if (!ws || !hasHeader(ws, 2, LEDGER_COLUMNS)) throw new AppError('INVALID_INPUT', `表头应为：${LEDGER_COLUMNS.join('、')}（请使用导出的台账文件）`);
  const current = new Map((await ledgerRows(deps, planId, unitId)).map((r) => [r.taskId, r]));
  // The same rule as for edits on the task page: frozen while awaiting review, back to draft once approved.
  const plans = new Map((await repo.plansOfTasks(deps.db, [...current.keys()])).map((p) => [p.task_id, p]));
  const errors: LedgerRowError[] = [];
  const changes: { row: number; taskId: number; actions: string[] | null; progress: string | null; isLead: boolean; latest: (typeof current extends Map<number, infer V> ? V : never)['latestReport'] }[] = [];
  ws.eachRow((row, n) => {
    if (n <= 2) return;
    const text = (i: number) => cellText(row, i);
    const taskId = Number(text(10));
    const task = current.get(taskId);
    if (!Number.isInteger(taskId) || !task) {
      errors.push({ row: n, column: '任务ID', message: '该行不是本单位在此方案中的任务（请勿修改隐藏的任务ID列）' });
      return;
    }
    const actions = text(6).split('\n').map((l) => l.trim()).filter(Boolean);
    const bad = actions.find((a) => a.length > 1000);
    if (bad) errors.push({ row: n, column: '具体举措', message: '每条举措不超过 1000 字' });
    const progress = text(7);
    if (progress.length > NARRATIVE_MAX) errors.push({ row: n, column: '进展情况', message: `进展情况不超过 ${NARRATIVE_MAX} 字` });
    if (progress && task.latestReport && task.latestReport.status === 'submitted' && progress !== task.progress) {
      errors.push({ row: n, column: '进展情况', message: '本单位进展已报送待审核，不能通过导入修改' });
    }
    const actionsChanged = actions.join('\n') !== task.actions.join('\n');
    if (actionsChanged && plans.get(taskId)?.status === 'submitted') errors.push({ row: n, column: '具体举措', message: '落实方案已报送待审核，审核完成前不能修改举措' });
    const progressChanged = progress !== '' && progress !== task.progress;
    if (actionsChanged || progressChanged) changes.push({ row: n, taskId, actions: actionsChanged ? actions : null, progress: progressChanged ? progress : null, isLead: task.leadIds.includes(unitId), latest: task.latestReport });
  });
  if (errors.length) {
    throw new AppError('INVALID_INPUT', `台账有 ${errors.length} 处错误，未导入任何内容：第 ${errors[0]!.row} 行“${errors[0]!.column}”${errors[0]!.message}`, errors);
  }
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.iso();
    for (const c of changes) {
      if (c.actions) {
        await reopenApproved(trx, actor, c.taskId, plans.get(c.taskId));
        await repo.replaceUnitEntries(trx, c.taskId, unitId, c.actions, actor.userId, now);
      }
      if (c.progress) {
        const editable = c.latest && (c.latest.status === 'draft' || c.latest.status === 'returned');
        if (editable) await updateReportRow(trx, c.latest!.id, { narrative: c.progress, updated_at: now });
        else await insertReport(trx, { task_id: c.taskId, unit_id: unitId, kind: c.isLead ? 'consolidated' : 'part', stage: 'in_progress', narrative: c.progress, created_by: actor.userId!, now });
      }
    }
    await recordAudit(trx, { ...auditOf(actor), action: 'ledger.import', entityType: 'plan', entityId: planId, after: { unitId, rows: changes.map((c) => ({ row: c.row, taskId: c.taskId, actions: c.actions, progress: c.progress })) } });
  });
  return { applied: changes.length };
}
