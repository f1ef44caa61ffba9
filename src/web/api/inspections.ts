/**
 * Inspections (督查): plans, their scope, targets and inspectors, the random draw (双随机), visits and
 * findings (问题清单) with evidence. The shapes are the contract's (core/api/inspections.ts and
 * core/api/inspection-findings.ts); the server filters every list by who asks.
 */
import type { ListResult } from '#core/api/common.ts';
import type {
  DrawRequestBody,
  InspectionCreateBody,
  InspectionDetail,
  InspectionSummary,
  InspectorRef,
  InspectionUpdate,
  Visit,
  VisitCreateBody,
} from '#core/api/inspections.ts';
import type {
  Evidence,
  Finding,
  FindingCreateBody,
  FindingDetail,
  FindingFilter,
  FindingGroupBy,
  FindingGroups,
  FindingImportResult,
  FindingTaxonomy,
} from '#core/api/inspection-findings.ts';
import { buildUrl } from '../utils/url.ts';
import { get, patch, post, put, request } from './request.ts';

export type { DrawRequestBody, Evidence, Finding, FindingDetail, FindingFilter, FindingGroups, FindingImportResult, FindingTaxonomy };
export type { InspectionCreateBody, InspectionDetail, InspectionSummary, InspectorRef, InspectionUpdate, Visit, VisitCreateBody };

export const findInspections = (signal?: AbortSignal) => get<ListResult<InspectionSummary>>('/api/inspections', { query: { pageSize: 500 }, signal });
export const getInspection = (id: number, signal?: AbortSignal) => get<InspectionDetail>(`/api/inspections/${id}`, { signal });
/** 400 (a field's Chinese reason) is shown by the form. */
export const createInspection = (body: InspectionCreateBody) => post<InspectionDetail>('/api/inspections', body, { handles: [400] });
export const updateInspection = (id: number, body: InspectionUpdate) => patch<InspectionDetail>(`/api/inspections/${id}`, body, { handles: [400, 409] });
/** 400 (a pool that cannot satisfy the draw) and 409 (drawn already) are shown by the panel. */
export const drawInspection = (id: number, body: DrawRequestBody) => post<InspectionDetail>(`/api/inspections/${id}/draw`, body, { handles: [400, 409] });
export const releaseInspection = (id: number) => post<InspectionDetail>(`/api/inspections/${id}/release`);
/** Accounts holding the inspector role, to name on a plan or draw from. */
export const findInspectors = (signal?: AbortSignal) => get<{ data: InspectorRef[] }>('/api/inspections/inspectors', { signal });
export const getTaxonomy = (signal?: AbortSignal) => get<FindingTaxonomy>('/api/inspections/taxonomy', { signal });
/** The office's own category and severity lists; 400 is shown by the form. */
export const saveTaxonomy = (body: FindingTaxonomy) => put<FindingTaxonomy>('/api/inspections/taxonomy', body, { handles: [400] });
export const inspectionsXlsxUrl = () => '/api/inspections/export.xlsx';

export const findVisits = (id: number, signal?: AbortSignal) => get<{ data: Visit[] }>(`/api/inspections/${id}/visits`, { signal });
export const createVisit = (id: number, body: VisitCreateBody) => post<Visit>(`/api/inspections/${id}/visits`, body, { handles: [400] });

/** Findings the user may see, filtered; up to 500 at once (a plan's whole list). */
export const findFindings = (filter: FindingFilter, signal?: AbortSignal) =>
  get<ListResult<Finding>>('/api/findings', { query: { ...filter, pageSize: 500 }, signal });
export const getFindingGroups = (by: FindingGroupBy, filter: FindingFilter, signal?: AbortSignal) =>
  get<FindingGroups>('/api/findings/groups', { query: { ...filter, by }, signal });
export const getFinding = (id: number, signal?: AbortSignal) => get<FindingDetail>(`/api/findings/${id}`, { signal });
export const createFinding = (inspectionId: number, body: FindingCreateBody) =>
  post<FindingDetail>(`/api/inspections/${inspectionId}/findings`, body, { handles: [400] });
export const findingsXlsxUrl = (filter: FindingFilter) => buildUrl('/api/findings/export.xlsx', { ...filter });

/** Uploads one evidence file (multipart field `file`); 400/413/415 are shown beside the file. */
export function uploadEvidence(findingId: number, file: Blob, fileName: string): Promise<Evidence> {
  const form = new FormData();
  form.append('file', file, fileName);
  return request<Evidence>('POST', `/api/findings/${findingId}/evidence`, { body: form, handles: [400, 413, 415] });
}

/** A plain link: the session cookie authorises it (404 for whoever may not see the finding). */
export const evidenceUrl = (id: number) => `/api/inspection-evidence/${id}`;
export const findingsTemplateUrl = (inspectionId: number) => `/api/inspections/${inspectionId}/findings/template.xlsx`;

/** Reads the offline sheet: `dryRun` checks every row and writes nothing; a 400 carries the bad rows in `details`. */
export function importFindings(inspectionId: number, file: File, dryRun: boolean): Promise<FindingImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<FindingImportResult>('POST', `/api/inspections/${inspectionId}/findings/import`, { query: { dryRun }, body: form, handles: [400] });
}
