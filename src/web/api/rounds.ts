/**
 * Dispatch rounds (调度): docs/dispatch-and-dashboards.md, "Rounds". The coordinator opens a round for
 * some plans and units; the units report for it; closing it freezes the snapshot circulars are written from.
 */
import type { RoundSnapshot, StatusCounts, UnitReporting, UnitStanding } from '#core/rounds/types.ts';
import type { MyRound, RoundCreateBody, RoundDetail, RoundStatus, RoundSummary } from '#core/api/rounds.ts';
import { get, post } from './request.ts';

export type { RoundSnapshot, StatusCounts, UnitStanding };

/** One unit of a round: whether (and when, and whether late) it has reported. */
export type RoundUnit = UnitReporting;

// The shapes are the round contract's (core/api/rounds.ts).
export type { MyRound, RoundCreateBody as RoundCreate, RoundDetail, RoundStatus, RoundSummary };

export const findRounds = (signal?: AbortSignal) => get<{ data: RoundSummary[] }>('/api/rounds', { signal });
export const getRound = (id: number, signal?: AbortSignal) => get<RoundDetail>(`/api/rounds/${id}`, { signal });
export const createRound = (body: RoundCreateBody) => post<RoundDetail>('/api/rounds', body);

/** Closes the round and freezes its snapshot; 409 when it is already closed (shown by the caller). */
export const closeRound = (id: number) => post<RoundDetail>(`/api/rounds/${id}/close`, undefined, { handles: [409] });

/** The stored snapshot of a closed round, or the live figures of an open one. */
export const getRoundSnapshot = (id: number, signal?: AbortSignal) => get<RoundSnapshot>(`/api/rounds/${id}/snapshot`, { signal });

export const findMyRounds = (signal?: AbortSignal) => get<{ data: MyRound[] }>('/api/me/rounds', { signal });
