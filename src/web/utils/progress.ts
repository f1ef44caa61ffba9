/**
 * Pure helpers of the progress workflow (进展填报, 汇总, 审核, 销号): labels and colours, which report a
 * unit is working on, what a lead unit has received, whether a report may be sent, and the timeline.
 */
import type { Report } from '#core/api/reports.ts';
import type { TimelineEntry } from '#core/api/tasks.ts';
import {
  NARRATIVE_MAX,
  REPORT_KIND_LABELS,
  REPORT_STAGES,
  REVIEW_DECISION_LABELS,
  STAGE_LABELS,
  type ReportKind,
  type ReportStage,
  type ReportStatus,
  type ReviewDecision,
} from '#core/reports/reports.ts';
import { TIMELINE_KIND_LABELS } from '#core/tasks/tasks.ts';
import { EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES } from '#core/files/sniff.ts';
import { WORK_STATUS_LABELS, type WorkStatus } from '#core/status/status.ts';
import type { UnitRef } from '#core/api/common.ts';
import { formatBytes } from './file-check.ts';

// Enums, labels and limits are the contract's (core/api); the web adds only colours and wording of its own.
export { EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, REPORT_KIND_LABELS, STAGE_LABELS, TIMELINE_KIND_LABELS, WORK_STATUS_LABELS };

/** antd Tag colours per task status: red when late, orange when close, green when done. */
export const WORK_STATUS_COLORS: Record<WorkStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  due_soon: 'warning',
  overdue: 'error',
  done: 'success',
  done_late: 'gold',
};

export function statusLabel(status: WorkStatus | null | undefined): string {
  return status && status in WORK_STATUS_LABELS ? WORK_STATUS_LABELS[status] : '—';
}

export function statusColor(status: WorkStatus | null | undefined): string {
  return status && status in WORK_STATUS_COLORS ? WORK_STATUS_COLORS[status] : 'default';
}

/** Whether the task is closed (销号), on time or late. */
export function isClosedStatus(status: WorkStatus | null | undefined): boolean {
  return status === 'done' || status === 'done_late';
}

export const STAGES: readonly ReportStage[] = REPORT_STAGES;

export const STAGE_COLORS: Record<ReportStage, string> = {
  not_started: 'default',
  in_progress: 'blue',
  basically_done: 'cyan',
  done: 'green',
};

// Timeline entries carry the stage as the server stored it (a string), so it is looked up as one.
const STAGE_LABEL_OF: Record<string, string | undefined> = STAGE_LABELS;

export function stageLabel(stage: string | null | undefined): string {
  return (stage && STAGE_LABEL_OF[stage]) || '—';
}

export const REPORT_STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'success',
  returned: 'error',
};

/** A report's state in words; where a submitted report went depends on its kind. */
export function reportStatusLabel(report: Pick<Report, 'kind' | 'status'>): string {
  switch (report.status) {
    case 'draft':
      return '草稿';
    case 'submitted':
      return report.kind === 'part' ? '已报牵头单位' : '待审核';
    case 'accepted':
      return report.kind === 'part' ? '已采纳' : '审核通过';
    case 'returned':
      return '已退回';
  }
}

/** Whether the unit may still change the report (a draft, or one sent back). */
export function isEditable(report: Pick<Report, 'status'> | null | undefined): boolean {
  return report?.status === 'draft' || report?.status === 'returned';
}

/** The unit's most recent report of a kind (the highest id), or null. */
export function latestReport<T extends Pick<Report, 'id' | 'unitId' | 'kind'>>(reports: readonly T[], unitId: number, kind: ReportKind): T | null {
  let best: T | null = null;
  for (const r of reports) if (r.unitId === unitId && r.kind === kind && (best === null || r.id > best.id)) best = r;
  return best;
}

/** A unit of the user's on the task, and the report it writes there: the lead consolidates. */
export interface ReportingUnit {
  unitId: number;
  unitName: string;
  kind: ReportKind;
}

/**
 * The user's units on the task (`myUnitIds`) with the kind of report each writes, lead units first.
 * A unit named both as lead and as responsible writes the consolidated report.
 */
export function reportingUnits(task: { lead: readonly UnitRef[]; responsible: readonly UnitRef[]; myUnitIds?: readonly number[] }): ReportingUnit[] {
  const mine = new Set(task.myUnitIds ?? []);
  const out: ReportingUnit[] = [];
  const seen = new Set<number>();
  for (const u of task.lead) {
    if (mine.has(u.id) && !seen.has(u.id)) {
      seen.add(u.id);
      out.push({ unitId: u.id, unitName: u.name, kind: 'consolidated' });
    }
  }
  for (const u of task.responsible) {
    if (mine.has(u.id) && !seen.has(u.id)) {
      seen.add(u.id);
      out.push({ unitId: u.id, unitName: u.name, kind: 'part' });
    }
  }
  return out;
}

/** What a lead unit has received from one responsible unit: its latest sent part report, if any. */
export interface PartStatus {
  unit: UnitRef;
  report: Report | null;
}

/** Each responsible unit (other than the lead units) with its latest part report that is not a draft. */
export function partStatuses(task: { lead: readonly UnitRef[]; responsible: readonly UnitRef[] }, reports: readonly Report[]): PartStatus[] {
  const leadIds = new Set(task.lead.map((u) => u.id));
  const seen = new Set<number>();
  const out: PartStatus[] = [];
  for (const unit of task.responsible) {
    if (leadIds.has(unit.id) || seen.has(unit.id)) continue;
    seen.add(unit.id);
    const sent = reports.filter((r) => r.kind === 'part' && r.status !== 'draft' && r.unitId === unit.id);
    out.push({ unit, report: latestReport(sent, unit.id, 'part') });
  }
  return out;
}

/** The responsible units' narratives as a starting text for the consolidated report. */
export function mergeNarratives(parts: readonly PartStatus[]): string {
  return parts
    .filter((p) => p.report && p.report.narrative.trim())
    .map((p) => `【${p.unit.name}】${stageLabel(p.report!.stage)}：${p.report!.narrative.trim()}`)
    .join('\n');
}

/** The consolidated reports (latest per lead unit) the coordinator looks at, newest first. */
export function consolidatedReports(reports: readonly Report[]): Report[] {
  const latest = new Map<number, Report>();
  for (const r of reports) {
    if (r.kind !== 'consolidated' || r.status === 'draft') continue;
    const prev = latest.get(r.unitId);
    if (!prev || r.id > prev.id) latest.set(r.unitId, r);
  }
  return [...latest.values()].sort((a, b) => b.id - a.id);
}

export const NARRATIVE_MAX_LENGTH = NARRATIVE_MAX;

/**
 * Why a report cannot be sent yet, or null. A consolidated report that declares the task done asks
 * for evidence, since the coordinator can close the task (销号) only with it.
 */
export function submitBlocker(report: { kind: ReportKind; stage: ReportStage | null | undefined; narrative: string; attachmentCount: number }): string | null {
  if (!report.stage) return '请选择推进阶段';
  if (!report.narrative.trim()) return '请填写进展情况';
  if (report.narrative.length > NARRATIVE_MAX_LENGTH) return `进展情况不超过 ${NARRATIVE_MAX_LENGTH} 字`;
  if (report.kind === 'consolidated' && report.stage === 'done' && report.attachmentCount === 0) return '申报“已完成”须上传佐证材料';
  return null;
}

/** Evidence the server takes (checked there by content): images, PDF, Word and Excel files. */
export const EVIDENCE_ACCEPT = EVIDENCE_EXTENSIONS.join(',');

/** A Chinese reason the file cannot be attached, or null when it may be sent. */
export function checkEvidenceFile(file: { name: string; size: number }): string | null {
  const dot = file.name.lastIndexOf('.');
  const ext = dot === -1 ? '' : file.name.slice(dot).toLowerCase();
  if (!EVIDENCE_EXTENSIONS.includes(ext)) {
    return `不支持的文件类型${ext ? `（${ext}）` : ''}，佐证材料请上传图片、PDF、Word（.docx）或 Excel（.xlsx）文件`;
  }
  if (file.size === 0) return `${file.name} 是空文件`;
  if (file.size > EVIDENCE_MAX_BYTES) return `${file.name} 大小为 ${formatBytes(file.size)}，超过 20 MB 上限`;
  return null;
}

const DECISION_LABELS = REVIEW_DECISION_LABELS;

/**
 * A timeline entry as these helpers read it: the contract's, with `stage` optional (instructions and
 * closures have none) and a review's `decision` when the caller already knows it.
 */
export type TimelineItem = Omit<TimelineEntry, 'stage'> & { stage?: TimelineEntry['stage']; decision?: ReviewDecision | null };

/** One timeline entry ready to draw. */
export interface TimelineView {
  key: string;
  at: string;
  color: string;
  /** 填报 · 推进中, 审核通过, 退回, 领导批示, 销号 … */
  title: string;
  /** 区税务局 · 王税务 */
  who: string;
  text: string;
}

/** A review's decision: given, or read from the server's text (审核通过：… / 退回：…). */
export function decisionOf(e: Pick<TimelineItem, 'kind' | 'decision' | 'text'>): ReviewDecision | null {
  if (e.kind !== 'review') return null;
  if (e.decision) return e.decision;
  if (e.text.startsWith('退回')) return 'return';
  if (e.text.startsWith('审核通过') || e.text.startsWith('通过')) return 'accept';
  return null;
}

// The server writes its own lead-in ("审核通过：…", "牵头单位汇总报送（已完成）：…"); the title says it already.
const REPORT_LEAD_IN = /^(牵头单位汇总报送|报送本单位进展)(（[^）]*）)?[：:]?\s*/;
const REVIEW_LEAD_IN = /^(审核通过|通过|退回)[：:]?\s*/;
const REOPEN_LEAD_IN = /^重新打开[：:]?\s*/;

function timelineTitle(e: TimelineItem): string {
  const decision = decisionOf(e);
  if (decision) return DECISION_LABELS[decision];
  if (e.kind === 'report') {
    const what = e.text.startsWith('牵头单位汇总报送') ? '汇总报送' : e.text.startsWith('报送本单位进展') ? '报送进展' : TIMELINE_KIND_LABELS.report;
    return e.stage ? `${what} · ${stageLabel(e.stage)}` : what;
  }
  return TIMELINE_KIND_LABELS[e.kind] ?? e.kind;
}

/** The entry's own words, without the lead-in its title repeats. */
function timelineText(e: TimelineItem): string {
  switch (e.kind) {
    case 'report':
      return e.text.replace(REPORT_LEAD_IN, '');
    case 'review':
      return e.text.replace(REVIEW_LEAD_IN, '');
    case 'reopen':
      return e.text.replace(REOPEN_LEAD_IN, '');
    case 'close':
      return e.text === '任务销号' ? '' : e.text;
    default:
      return e.text;
  }
}

/** Who acted: the unit and its user for a report or plan; the reviewer alone for a review, closure or reopening. */
function timelineWho(e: TimelineItem): string {
  const reviewer = e.kind === 'review' || e.kind === 'close' || e.kind === 'reopen';
  const parts = reviewer ? [e.userName ?? e.unitName] : [e.unitName, e.userName];
  return parts.filter((s): s is string => !!s).join(' · ');
}

function timelineColor(e: TimelineItem): string {
  switch (e.kind) {
    case 'report':
      return 'blue';
    case 'review':
      return decisionOf(e) === 'return' ? 'red' : 'green';
    case 'instruction':
      return '#b3261e';
    case 'close':
      return 'green';
    case 'reopen':
      return 'orange';
    case 'plan':
      return 'purple';
    default:
      return 'gray';
  }
}

/** The timeline newest first (whatever order it came in; equal times keep their order), shaped for display. */
export function timelineView(entries: readonly TimelineItem[]): TimelineView[] {
  return entries
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => (a.t !== b.t && !Number.isNaN(a.t) && !Number.isNaN(b.t) ? b.t - a.t : a.i - b.i))
    .map(({ e, i }) => ({
      key: `${e.at}-${e.kind}-${i}`,
      at: e.at,
      color: timelineColor(e),
      title: timelineTitle(e),
      who: timelineWho(e),
      text: timelineText(e),
    }));
}
