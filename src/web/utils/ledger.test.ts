import { describe, expect, it } from 'vitest';
import { sheetRowErrors } from '../api/ledger.ts';
import type { LedgerEntry } from '#core/api/ledger.ts';
import { CHECKPOINT_STATE_LABELS } from './checkpoints.ts';
import { groupByUnit, ledgerRights, ledgerRows, ledgerStatusLabel, periodLabel } from './ledger.ts';
import { NOTIFICATION_KIND_LABELS, unreadBadge } from './notifications.ts';

const entry = (id: number, unitId: number, unitName: string): LedgerEntry => ({
  id, unitId, unitName, milestoneId: null, action: `举措${id}`, owner: null, startDate: null, dueDate: null, deliverable: null,
});

describe('ledger helpers', () => {
  it('labels the plan status, 未报送 without a plan', () => {
    expect(ledgerStatusLabel(null)).toBe('未报送');
    expect(ledgerStatusLabel({ status: 'approved', submittedAt: null, reviewedAt: null, reviewComment: null })).toBe('已通过');
    expect(ledgerStatusLabel({ status: 'returned', submittedAt: null, reviewedAt: null, reviewComment: '补充' })).toBe('已退回');
  });

  it('groups entries by unit, the task units first, and spans the unit cell', () => {
    const entries = [entry(1, 5, '乙局'), entry(2, 3, '甲局'), entry(3, 5, '乙局'), entry(4, 9, '丙局')];
    const groups = groupByUnit(entries, [5]);
    expect(groups.map((g) => [g.unitId, g.entries.map((e) => e.id)])).toEqual([[5, [1, 3]], [9, [4]], [3, [2]]]);
    expect(ledgerRows(groups).map((r) => [r.id, r.unitRowSpan])).toEqual([[1, 2], [3, 0], [4, 1], [2, 1]]);
    expect(groupByUnit([])).toEqual([]);
  });

  it('lets the lead unit submit, any named unit edit, and the coordinator review a submitted plan', () => {
    const plan = (status: 'draft' | 'submitted' | 'approved' | 'returned') => ({ status, submittedAt: null, reviewedAt: null, reviewComment: null });
    const base = { plan: null, entryCount: 2, myUnitIds: [4], leadUnitIds: [4], mayWrite: true, mayReview: false };
    expect(ledgerRights(base)).toEqual({ editableUnitIds: [4], maySubmit: true, mayReview: false });
    expect(ledgerRights({ ...base, entryCount: 0 }).maySubmit).toBe(false);
    expect(ledgerRights({ ...base, plan: plan('returned') }).maySubmit).toBe(true);
    expect(ledgerRights({ ...base, plan: plan('submitted') }).maySubmit).toBe(false);
    expect(ledgerRights({ ...base, plan: plan('approved') }).maySubmit).toBe(false);
    // Frozen while awaiting review; an approved plan may still change (it then returns to draft on the server).
    expect(ledgerRights({ ...base, plan: plan('submitted') }).editableUnitIds).toEqual([]);
    expect(ledgerRights({ ...base, plan: plan('approved') }).editableUnitIds).toEqual([4]);
    expect(ledgerRights({ ...base, leadUnitIds: [2] })).toEqual({ editableUnitIds: [4], maySubmit: false, mayReview: false });
    expect(ledgerRights({ ...base, mayWrite: false }).editableUnitIds).toEqual([]);
    const coordinator = { ...base, myUnitIds: [], mayWrite: false, mayReview: true };
    expect(ledgerRights({ ...coordinator, plan: plan('submitted') }).mayReview).toBe(true);
    expect(ledgerRights({ ...coordinator, plan: plan('returned') }).mayReview).toBe(false);
  });

  it('shows a period in Chinese', () => {
    expect(periodLabel('2026-03-01', '2026-06-05')).toBe('3月1日—6月5日');
    expect(periodLabel(null, '2026-06-30')).toBe('6月30日前');
    expect(periodLabel('2026-07-01', null)).toBe('7月1日起');
    expect(periodLabel(null, null)).toBe('—');
  });

  it('reads the row errors of a refused workbook', () => {
    expect(sheetRowErrors([{ row: 3, column: '具体举措', message: '不能为空' }, 'x', { row: '4', message: '日期无效' }])).toEqual([
      { row: 3, column: '具体举措', message: '不能为空' },
      { row: 4, column: '', message: '日期无效' },
    ]);
    expect(sheetRowErrors({ field: 'file' })).toEqual([]);
    expect(sheetRowErrors(undefined)).toEqual([]);
  });

  it('labels notifications and checkpoints, and caps the badge', () => {
    expect(NOTIFICATION_KIND_LABELS.interview).toBe('约谈建议');
    expect(NOTIFICATION_KIND_LABELS.urge).toBe('催办');
    expect(CHECKPOINT_STATE_LABELS.missed).toBe('未达标');
    expect(unreadBadge(5)).toBe(5);
    expect(unreadBadge(120)).toBe('99+');
  });
});
