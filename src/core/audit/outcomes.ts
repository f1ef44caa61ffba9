/** 'ok': a write that happened; 'denied': a refused attempt; 'read': a successful read of sensitive data (lists of accounts, exports, downloads). */
export const AUDIT_OUTCOMES = ['ok', 'denied', 'read'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = { ok: '成功', denied: '拒绝', read: '查阅' };
