import { ApiError, del, get, patch, post } from './request.ts';
import type { SheetRowError } from '#core/api/common.ts';
import type { LedgerDecision } from '#core/ledger/rules.ts';
import type { Ledger, LedgerEntryInput } from '#core/api/ledger.ts';

/** A task's implementation plan (落实方案) and every unit's ledger entries. */
export const getLedger = (taskId: number, signal?: AbortSignal) => get<Ledger>(`/api/tasks/${taskId}/ledger`, { signal });

export const addLedgerEntry = (taskId: number, unitId: number, body: LedgerEntryInput) => post<Ledger>(`/api/tasks/${taskId}/ledger`, { unitId, ...body });

export const updateLedgerEntry = (entryId: number, body: Partial<LedgerEntryInput>) => patch<Ledger>(`/api/ledger/${entryId}`, body);

export const deleteLedgerEntry = (entryId: number) => del<Ledger>(`/api/ledger/${entryId}`);

/** The lead unit sends the plan to the coordinator. */
export const submitLedger = (taskId: number) => post<Ledger>(`/api/tasks/${taskId}/ledger/submit`);

export const reviewLedger = (taskId: number, decision: LedgerDecision, comment: string | null) =>
  post<Ledger>(`/api/tasks/${taskId}/ledger/review`, { decision, comment });

/** Where the plan's ledger workbook downloads from; one unit's rows when `unitId` is given. */
export const ledgerXlsxUrl = (planId: number, unitId?: number | null) => `/api/plans/${planId}/ledger.xlsx${unitId ? `?unit=${unitId}` : ''}`;

export type LedgerImportResult = { ok: true; applied: number } | { ok: false; message: string; rows: SheetRowError[] };

/** Uploads a filled-in ledger workbook; a refused sheet comes back with its row errors (not toasted). */
export async function importLedger(planId: number, file: Blob, fileName: string): Promise<LedgerImportResult> {
  const form = new FormData();
  form.append('file', file, fileName);
  try {
    const res = await post<{ applied: number }>(`/api/plans/${planId}/ledger.xlsx`, form, { handles: [400] });
    return { ok: true, applied: res.applied };
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return { ok: false, message: err.message, rows: sheetRowErrors(err.details) };
    throw err;
  }
}

/** The `[{row, column, message}]` of a refused sheet, ignoring anything else in `details`. */
export function sheetRowErrors(details: unknown): SheetRowError[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { row, column, message } = d as Record<string, unknown>;
    if (typeof message !== 'string') return [];
    return [{ row: typeof row === 'number' ? row : Number(row) || 0, column: typeof column === 'string' ? column : '', message }];
  });
}
