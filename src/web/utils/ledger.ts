/**
 * Pure helpers of the implementation plan (落实方案) and its ledger (台账): labels, grouping by unit,
 * and who may do what on the task page.
 */
import { LEDGER_STATUS_LABELS, mayEditLedger, mayReviewLedger, maySubmitLedger, type LedgerPlanStatus } from '#core/ledger/rules.ts';
import type { LedgerEntry, LedgerPlan } from '#core/api/ledger.ts';

// Labels and rules are core's (core/ledger/rules.ts), the same the server enforces; colours are the page's.
export { LEDGER_STATUS_LABELS };

export const LEDGER_STATUS_COLORS: Record<LedgerPlanStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'error',
};

/** The plan's status, 未报送 while nothing was ever submitted. */
export function ledgerStatusLabel(plan: LedgerPlan | null): string {
  return plan ? LEDGER_STATUS_LABELS[plan.status] : '未报送';
}

export function ledgerStatusColor(plan: LedgerPlan | null): string {
  return plan ? LEDGER_STATUS_COLORS[plan.status] : 'default';
}

export interface LedgerGroup {
  unitId: number;
  unitName: string;
  entries: LedgerEntry[];
}

/** Entries grouped by unit: the units in `unitOrder` first (lead, then responsible), the rest by name; entries keep their order. */
export function groupByUnit(entries: readonly LedgerEntry[], unitOrder: readonly number[] = []): LedgerGroup[] {
  const groups = new Map<number, LedgerGroup>();
  for (const e of entries) {
    const g = groups.get(e.unitId) ?? { unitId: e.unitId, unitName: e.unitName, entries: [] };
    g.entries.push(e);
    groups.set(e.unitId, g);
  }
  const rank = (id: number) => {
    const i = unitOrder.indexOf(id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...groups.values()].sort((a, b) => rank(a.unitId) - rank(b.unitId) || a.unitName.localeCompare(b.unitName, 'zh-CN'));
}

/** A row of the ledger table: the entry and how many rows its unit cell spans (0 below the first). */
export interface LedgerRow extends LedgerEntry {
  unitRowSpan: number;
}

export function ledgerRows(groups: readonly LedgerGroup[]): LedgerRow[] {
  return groups.flatMap((g) => g.entries.map((e, i) => ({ ...e, unitRowSpan: i === 0 ? g.entries.length : 0 })));
}

/** What the signed-in user may do with the task's plan. */
export interface LedgerRights {
  /** The units whose entries the user may add, edit and delete. */
  editableUnitIds: number[];
  /** A lead unit of the task, with entries and a plan not already submitted or approved. */
  maySubmit: boolean;
  /** The coordinator, while the plan awaits review. */
  mayReview: boolean;
}

export function ledgerRights(input: {
  plan: LedgerPlan | null;
  entryCount: number;
  myUnitIds: readonly number[];
  leadUnitIds: readonly number[];
  mayWrite: boolean;
  mayReview: boolean;
}): LedgerRights {
  const status = input.plan?.status;
  const writer = input.mayWrite ? [...input.myUnitIds] : [];
  const isLead = input.leadUnitIds.some((u) => writer.includes(u));
  return {
    // The server freezes the ledger while it awaits review; changing an approved one sends it back to draft.
    editableUnitIds: mayEditLedger(status) ? writer : [],
    maySubmit: isLead && input.entryCount > 0 && maySubmitLedger(status),
    mayReview: input.mayReview && mayReviewLedger(status),
  };
}

/** `2026-06-05` → `6月5日`; a range when both ends are known. */
export function periodLabel(startDate: string | null, dueDate: string | null): string {
  const day = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  if (startDate && dueDate) return `${day(startDate)}—${day(dueDate)}`;
  if (dueDate) return `${day(dueDate)}前`;
  if (startDate) return `${day(startDate)}起`;
  return '—';
}
