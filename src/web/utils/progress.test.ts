import { describe, expect, it } from 'vitest';
import type { UnitRef } from '#core/api/common.ts';
import type { Report } from '#core/api/reports.ts';
import {
  checkEvidenceFile,
  consolidatedReports,
  decisionOf,
  isClosedStatus,
  isEditable,
  latestReport,
  mergeNarratives,
  partStatuses,
  reportingUnits,
  reportStatusLabel,
  stageLabel,
  statusColor,
  statusLabel,
  submitBlocker,
  timelineView,
  WORK_STATUS_COLORS,
  WORK_STATUS_LABELS,
} from './progress.ts';
// The helpers read timeline entries with an optional stage and a known decision (TimelineItem).
import type { TimelineItem as TimelineEntry } from './progress.ts';

const unit = (id: number, name: string): UnitRef => ({ id, name, asWritten: name });
const report = (over: Partial<Report>): Report => ({
  id: 1, taskId: 9, unitId: 2, unitName: '区税务局', kind: 'part', stage: 'in_progress', narrative: '已开展', status: 'submitted',
  reviewComment: null, submittedAt: '2021-06-01T02:00:00Z', reviewedAt: null, roundId: null, milestoneId: null, attachments: [], ...over,
});
const task = { lead: [unit(1, '区发改局')], responsible: [unit(2, '区税务局'), unit(3, '区市场监管局'), unit(1, '区发改局')] };

describe('status labels', () => {
  it('names and colours every status, and shows a dash for none', () => {
    expect(Object.values(WORK_STATUS_LABELS)).toEqual(['未启动', '推进中', '临期', '逾期', '已完成', '逾期完成']);
    expect(Object.keys(WORK_STATUS_COLORS)).toEqual(Object.keys(WORK_STATUS_LABELS));
    expect(statusLabel('due_soon')).toBe('临期');
    expect(statusColor('overdue')).toBe('error');
    expect(statusLabel(undefined)).toBe('—');
    expect(statusColor(null)).toBe('default');
    expect(isClosedStatus('done_late')).toBe(true);
    expect(isClosedStatus('overdue')).toBe(false);
  });

  it('names the stages and where a sent report went', () => {
    expect(stageLabel('basically_done')).toBe('基本完成');
    expect(stageLabel(null)).toBe('—');
    expect(reportStatusLabel({ kind: 'part', status: 'submitted' })).toBe('已报牵头单位');
    expect(reportStatusLabel({ kind: 'consolidated', status: 'submitted' })).toBe('待审核');
    expect(reportStatusLabel({ kind: 'consolidated', status: 'returned' })).toBe('已退回');
    expect(isEditable({ status: 'returned' })).toBe(true);
    expect(isEditable({ status: 'submitted' })).toBe(false);
    expect(isEditable(null)).toBe(false);
  });
});

describe('reports of a task', () => {
  it('finds the unit’s latest report of a kind', () => {
    const rs = [report({ id: 3 }), report({ id: 5 }), report({ id: 7, kind: 'consolidated' }), report({ id: 9, unitId: 3 })];
    expect(latestReport(rs, 2, 'part')?.id).toBe(5);
    expect(latestReport(rs, 2, 'consolidated')?.id).toBe(7);
    expect(latestReport(rs, 4, 'part')).toBeNull();
  });

  it('lets a lead unit consolidate and a responsible unit report its part', () => {
    expect(reportingUnits({ ...task, myUnitIds: [2] })).toEqual([{ unitId: 2, unitName: '区税务局', kind: 'part' }]);
    // Named as lead and responsible: consolidates, once.
    expect(reportingUnits({ ...task, myUnitIds: [1] })).toEqual([{ unitId: 1, unitName: '区发改局', kind: 'consolidated' }]);
    expect(reportingUnits({ ...task, myUnitIds: [3, 1] }).map((u) => u.unitId)).toEqual([1, 3]);
    expect(reportingUnits(task)).toEqual([]);
  });

  it('shows the lead what each responsible unit sent, ignoring drafts', () => {
    const rs = [report({ id: 1, unitId: 2 }), report({ id: 4, unitId: 2, status: 'draft', narrative: '草稿' }), report({ id: 2, unitId: 3, status: 'draft' })];
    const parts = partStatuses(task, rs);
    expect(parts.map((p) => [p.unit.name, p.report?.id ?? null])).toEqual([['区税务局', 1], ['区市场监管局', null]]);
    expect(mergeNarratives(parts)).toBe('【区税务局】推进中：已开展');
  });

  it('lists the latest sent consolidated report of each lead unit', () => {
    const rs = [
      report({ id: 1, kind: 'consolidated', unitId: 1, status: 'returned' }),
      report({ id: 6, kind: 'consolidated', unitId: 1, status: 'submitted' }),
      report({ id: 8, kind: 'consolidated', unitId: 5, status: 'draft' }),
      report({ id: 9, kind: 'part' }),
    ];
    expect(consolidatedReports(rs).map((r) => r.id)).toEqual([6]);
  });

  it('asks for a stage, a narrative, and evidence before a task is declared done', () => {
    const ok = { kind: 'part' as const, stage: 'done' as const, narrative: '完成', attachmentCount: 0 };
    expect(submitBlocker(ok)).toBeNull();
    expect(submitBlocker({ ...ok, stage: null })).toBe('请选择推进阶段');
    expect(submitBlocker({ ...ok, narrative: '  ' })).toBe('请填写进展情况');
    expect(submitBlocker({ ...ok, kind: 'consolidated' })).toContain('佐证材料');
    expect(submitBlocker({ ...ok, kind: 'consolidated', attachmentCount: 1 })).toBeNull();
    expect(submitBlocker({ ...ok, kind: 'consolidated', stage: 'in_progress' })).toBeNull();
  });

  it('checks evidence files by name and size before sending', () => {
    expect(checkEvidenceFile({ name: '现场.JPG', size: 2048 })).toBeNull();
    expect(checkEvidenceFile({ name: '台账.xlsx', size: 20 * 1024 * 1024 })).toBeNull();
    expect(checkEvidenceFile({ name: '台账.xls', size: 10 })).toContain('（.xls）');
    expect(checkEvidenceFile({ name: '说明', size: 10 })).toContain('不支持的文件类型，');
    expect(checkEvidenceFile({ name: 'a.pdf', size: 0 })).toContain('空文件');
    expect(checkEvidenceFile({ name: 'a.pdf', size: 21 * 1024 * 1024 })).toContain('21.0 MB');
  });
});

describe('timeline', () => {
  const entries: TimelineEntry[] = [
    { at: '2021-06-01T02:00:00Z', kind: 'report', unitName: '区税务局', userName: '王税务', text: '已开展', stage: 'in_progress' },
    { at: '2021-06-03T02:00:00Z', kind: 'review', unitName: null, userName: '统筹办', text: '补充材料', decision: 'return' },
    { at: '2021-06-05T02:00:00Z', kind: 'close', unitName: null, userName: '统筹办', text: '' },
    { at: '2021-06-05T02:00:00Z', kind: 'review', unitName: null, userName: '统筹办', text: '同意', decision: 'accept' },
    { at: '2021-06-06T02:00:00Z', kind: 'reopen', unitName: null, userName: '统筹办', text: '材料有误' },
  ];

  it('puts the newest first, keeps the order of equal times, and titles each entry', () => {
    const view = timelineView(entries);
    expect(view.map((v) => v.title)).toEqual(['重新打开', '销号', '审核通过', '退回', '填报 · 推进中']);
    expect(view.map((v) => v.text)).toEqual(['材料有误', '', '同意', '补充材料', '已开展']);
    expect(view.map((v) => v.color)).toEqual(['orange', 'green', 'green', 'red', 'blue']);
    expect(view[4]!.who).toBe('区税务局 · 王税务');
    expect(view[0]!.who).toBe('统筹办');
    expect(new Set(view.map((v) => v.key)).size).toBe(5);
    expect(timelineView([])).toEqual([]);
  });

  it('drops the lead-in the server writes, which the title already says, and names the reviewer alone', () => {
    const view = timelineView([
      { at: '2021-06-08T02:00:00Z', kind: 'plan', unitName: '区税务局', userName: '李牵头', text: '提交落实方案' },
      { at: '2021-06-07T02:00:00Z', kind: 'reopen', unitName: null, userName: '赵统筹', text: '重新打开：材料有误' },
      { at: '2021-06-06T02:00:00Z', kind: 'close', unitName: null, userName: '赵统筹', text: '任务销号' },
      { at: '2021-06-05T02:00:00Z', kind: 'review', unitName: '区税务局', userName: '赵统筹', text: '审核通过：同意销号。' },
      { at: '2021-06-04T02:00:00Z', kind: 'review', unitName: '区税务局', userName: '赵统筹', text: '退回：请补充签到表。' },
      { at: '2021-06-03T02:00:00Z', kind: 'report', unitName: '区税务局', userName: '李牵头', text: '牵头单位汇总报送（已完成）：全部完成', stage: 'done' },
      { at: '2021-06-02T02:00:00Z', kind: 'report', unitName: '区自然资源局', userName: '张责任', text: '报送本单位进展（推进中）：窗口改造', stage: 'in_progress' },
      { at: '2021-06-01T02:00:00Z', kind: 'instruction', unitName: null, userName: '王区长', text: '抓紧推进' },
    ]);
    expect(view.map((v) => [v.title, v.who, v.text])).toEqual([
      ['落实方案', '区税务局 · 李牵头', '提交落实方案'],
      ['重新打开', '赵统筹', '材料有误'],
      ['销号', '赵统筹', ''],
      ['审核通过', '赵统筹', '同意销号。'],
      ['退回', '赵统筹', '请补充签到表。'],
      ['汇总报送 · 已完成', '区税务局 · 李牵头', '全部完成'],
      ['报送进展 · 推进中', '区自然资源局 · 张责任', '窗口改造'],
      ['领导批示', '王区长', '抓紧推进'],
    ]);
    expect(view[0]!.color).toBe('purple');
  });

  it('reads a review’s decision from its text when the server does not name it', () => {
    const review = (text: string): TimelineEntry => ({ at: '2021-06-03T02:00:00Z', kind: 'review', unitName: '区发改局', userName: '统筹办', text });
    expect(decisionOf(review('退回：补充验收材料'))).toBe('return');
    expect(decisionOf(review('审核通过'))).toBe('accept');
    expect(decisionOf(review('其他'))).toBeNull();
    expect(decisionOf({ kind: 'report', text: '退回' })).toBeNull();
    expect(timelineView([review('退回：补充验收材料')])[0]).toMatchObject({ title: '退回', color: 'red' });
  });
});
