/**
 * Circulars (通报): docs/dispatch-and-dashboards.md, "Circulars". A draft is written from a closed
 * round's snapshot; the coordinator edits its text blocks and issues it; issued files never change.
 */
import type { CircularBlocks, CircularFileKind } from '#core/circulars/types.ts';
import type { RoundSnapshot } from '#core/rounds/types.ts';
import type { Circular, CircularStatus, CircularSummary, CircularUpdate } from '#core/api/circulars.ts';
import { del, get, patch, post } from './request.ts';

export type { CircularBlocks, RoundSnapshot };

// The shapes are the circular contract's (core/api/circulars.ts).
export type { Circular, CircularStatus, CircularSummary, CircularUpdate };

export type CircularFileType = CircularFileKind;

export const findCirculars = (signal?: AbortSignal) => get<{ data: CircularSummary[] }>('/api/circulars', { signal });
export const getCircular = (id: number, signal?: AbortSignal) => get<Circular>(`/api/circulars/${id}`, { signal });

/** Writes a draft from a closed round's snapshot; 409 while the round is open. */
export const createCircular = (roundId: number) => post<Circular>(`/api/rounds/${roundId}/circulars`);

/** Saves a draft; 409 once issued. */
export const updateCircular = (id: number, body: CircularUpdate) => patch<Circular>(`/api/circulars/${id}`, body);
export const issueCircular = (id: number) => post<Circular>(`/api/circulars/${id}/issue`);
export const deleteCircular = (id: number) => del(`/api/circulars/${id}`);

/** A plain link: the session cookie authorises it. For a draft it is a preview generated on the fly. */
export const circularFileUrl = (id: number, type: CircularFileType) => `/api/circulars/${id}.${type}`;
