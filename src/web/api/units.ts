import { del, get, patch, post } from './request.ts';
import type { ListResult } from '#core/api/common.ts';
import type { AliasSuggestion, UnitDetail, UnitSummary, UnitUpdate } from '#core/api/units.ts';

export const findUnits = (q?: string, signal?: AbortSignal) => get<ListResult<UnitSummary>>('/api/units', { query: { q }, signal });
export const getUnit = (id: number, signal?: AbortSignal) => get<UnitDetail>(`/api/units/${id}`, { signal });
export const updateUnit = (id: number, body: UnitUpdate) => patch<UnitDetail>(`/api/units/${id}`, body);
export const addAlias = (id: number, alias: string) => post<UnitDetail>(`/api/units/${id}/aliases`, { alias });
export const removeAlias = (id: number, alias: string) => del<UnitDetail>(`/api/units/${id}/aliases/${encodeURIComponent(alias)}`);
/** Makes unit `id` an alias of `intoUnitId`, moving its tasks; resolves with the target unit. */
export const mergeUnit = (id: number, intoUnitId: number) => post<UnitDetail>(`/api/units/${id}/merge`, { intoUnitId });
export const findAliasSuggestions = (signal?: AbortSignal) => get<ListResult<AliasSuggestion>>('/api/units/alias-suggestions', { signal });
