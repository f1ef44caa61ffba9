import { buildUrl } from '../utils/url.ts';
import { get } from './request.ts';
import type { AuditEvent, AuditQuery, ListResult } from './types.ts';

const filterQuery = (q: AuditQuery) => ({ actor: q.actor, action: q.action, entityType: q.entityType, outcome: q.outcome, from: q.from, to: q.to });

export const findAuditEvents = (q: AuditQuery & { page: number; pageSize: number }, signal?: AbortSignal) =>
  get<ListResult<AuditEvent>>('/api/audit', { query: { ...filterQuery(q), page: q.page, pageSize: q.pageSize }, signal });

/** The Excel export of the events matching the same filters (a plain GET: the cookie suffices). */
export const auditExportUrl = (q: AuditQuery) => buildUrl('/api/audit.xlsx', filterQuery(q));
