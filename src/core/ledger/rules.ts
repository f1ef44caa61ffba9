/**
 * The rules of a task's implementation plan (落实方案) and its ledger (台账), shared by the server, which
 * enforces them, and the task page, which offers only what they allow.
 */

/** The states of an implementation plan; a task whose plan was never written has none. */
export const LEDGER_PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type LedgerPlanStatus = (typeof LEDGER_PLAN_STATUSES)[number];
export const LEDGER_STATUS_LABELS: Record<LedgerPlanStatus, string> = { draft: '编制中', submitted: '待审核', approved: '已通过', returned: '已退回' };

/** The coordinator approves a submitted plan or returns it with comments. */
export const LEDGER_DECISIONS = ['approve', 'return'] as const;
export type LedgerDecision = (typeof LEDGER_DECISIONS)[number];

type Status = LedgerPlanStatus | null | undefined;

/** The states a plan may be submitted from: still being drafted, or returned with comments. */
export const SUBMITTABLE_PLAN_STATUSES = ['draft', 'returned'] as const satisfies readonly LedgerPlanStatus[];

/** The ledger may change unless its plan awaits review: it is frozen so the coordinator approves what they read. */
export function mayEditLedger(status: Status): boolean {
  return status !== 'submitted';
}

/** Changing the ledger of an approved plan sends the plan back to draft, to be submitted and approved again. */
export function reopensOnChange(status: Status): boolean {
  return status === 'approved';
}

/** A plan may be submitted when it is new, a draft or returned; not while it awaits review or once approved. */
export function maySubmitLedger(status: Status): boolean {
  return status !== 'submitted' && status !== 'approved';
}

/** Only a submitted plan can be approved or returned. */
export function mayReviewLedger(status: Status): boolean {
  return status === 'submitted';
}
