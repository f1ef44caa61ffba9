/**
 * Dispatch rounds (调度): docs/dispatch-and-dashboards.md, "Rounds". The coordinator opens a round for
 * some plans and units; the units report for it; closing it freezes the snapshot circulars are written from.
 */
import type { RoundSnapshot, StatusCounts, UnitReporting, UnitStanding } from '#core/rounds/types.ts';
import { get, post } from './request.ts';

export type { RoundSnapshot, StatusCounts, UnitStanding };

export type RoundStatus = 'open' | 'closed';

/** `GET /api/rounds`, newest first. */
export interface RoundSummary {
  id: number;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** YYYY-MM-DD: units report by this day. */
  dueDate: string;
  status: RoundStatus;
  /** ISO UTC. */
  createdAt: string;
  closedAt: string | null;
  plans: { id: number; number: string | null; title: string }[];
  /** Units asked to report, and how many of them have. */
  expected: number;
  reported: number;
  circularIds: number[];
}

/** One unit of a round: whether (and when, and whether late) it has reported. */
export type RoundUnit = UnitReporting;

/** `GET /api/rounds/:id`: live while open. */
export interface RoundDetail extends RoundSummary {
  note: string | null;
  units: RoundUnit[];
}

/** `POST /api/rounds`. Without `unitIds` every unit named on a task of the plans is asked. */
export interface RoundCreate {
  title: string;
  periodStart?: string;
  periodEnd?: string;
  dueDate: string;
  planIds: number[];
  unitIds?: number[];
  note?: string;
}

/** An open round of the user's unit (`GET /api/me/rounds`), with the unit's tasks in it. */
export interface MyRound {
  id: number;
  title: string;
  dueDate: string;
  /** Whether the unit has reported for the round. */
  reported: boolean;
  tasks: { taskId: number; number: string; title: string; role: 'lead' | 'responsible'; reported: boolean }[];
}

export const findRounds = (signal?: AbortSignal) => get<{ data: RoundSummary[] }>('/api/rounds', { signal });
export const getRound = (id: number, signal?: AbortSignal) => get<RoundDetail>(`/api/rounds/${id}`, { signal });
export const createRound = (body: RoundCreate) => post<RoundDetail>('/api/rounds', body);

/** Closes the round and freezes its snapshot; 409 when it is already closed (shown by the caller). */
export const closeRound = (id: number) => post<RoundDetail>(`/api/rounds/${id}/close`, undefined, { handles: [409] });

/** The stored snapshot of a closed round, or the live figures of an open one. */
export const getRoundSnapshot = (id: number, signal?: AbortSignal) => get<RoundSnapshot>(`/api/rounds/${id}/snapshot`, { signal });

export const findMyRounds = (signal?: AbortSignal) => get<{ data: MyRound[] }>('/api/me/rounds', { signal });
