import { buildUrl } from '../utils/url.ts';
import { get, put } from './request.ts';
import type { AuditEvent, AuditQuery, AuditRetentionInfo, AuditVerification } from '#core/api/audit.ts';
import type { ListResult } from '#core/api/common.ts';

const filterQuery = (q: AuditQuery) => ({ actor: q.actor, action: q.action, entityType: q.entityType, outcome: q.outcome, from: q.from, to: q.to });

export const findAuditEvents = (q: AuditQuery & { page: number; pageSize: number }, signal?: AbortSignal) =>
  get<ListResult<AuditEvent>>('/api/audit', { query: { ...filterQuery(q), page: q.page, pageSize: q.pageSize }, signal });

/** The Excel export of the events matching the same filters (a plain GET: the cookie suffices). */
export const auditExportUrl = (q: AuditQuery) => buildUrl('/api/audit.xlsx', filterQuery(q));

/** How long the trail is kept, and the archives of what was purged. */
export const getAuditRetention = (signal?: AbortSignal) => get<AuditRetentionInfo>('/api/audit/retention', { signal });
/** Sets the retention (days, at least 180); a 400 is shown by the form. */
export const putAuditRetention = (days: number) => put<AuditRetentionInfo>('/api/settings/audit-retention', { days }, { handles: [400] });
/** Checks the hash chain from its anchor to the newest row; with `archives`, every archive file from the first row on. */
export const verifyAuditChain = (archives = false) => get<AuditVerification>('/api/audit/verify', { query: { archives: archives ? 'true' : undefined } });
/** An archive file (.jsonl.gz) as written by the purge (a plain GET: the cookie suffices). */
export const auditArchiveUrl = (id: number) => `/api/audit/archives/${id}`;
