import { FINDING_STATUS_LABELS, type FindingStatus } from './findings.ts';

/**
 * The rectification (整改) part of a finding's life, after the inspector recorded it as `found`:
 *
 *   found ─notice→ noticed ─answer→ answered ─recheck pass→ closed (销号)
 *                     ▲                 │
 *                     │           recheck fail (reasons)
 *                     │                 ▼
 *                     └──────────── returned ─answer→ answered …
 *
 * Pure rules: which event a finding in a status accepts, and what it becomes. 销号 has no event of its
 * own: a finding is closed only by a passed re-check (复查), so closure without one cannot be expressed.
 * A finding still open when its notice's deadline has passed may be put into a further notice (再次交办);
 * the count of notices feeds the 提级 rule of the profile (see rectification-profile.ts).
 */

/** The statuses a finding passes through: the one list, with its labels, lives with the findings. */
export type RectificationStatus = FindingStatus;

export const RECTIFICATION_EVENTS = ['notice', 'renotice', 'answer', 'recheckPass', 'recheckFail'] as const;
export type RectificationEvent = (typeof RECTIFICATION_EVENTS)[number];

export const RECTIFICATION_EVENT_LABELS: Record<RectificationEvent, string> = {
  notice: '下发整改通知',
  renotice: '再次交办',
  answer: '报送整改情况',
  recheckPass: '复查通过（销号）',
  recheckFail: '复查未通过（退回）',
};

const RECTIFICATION_STATUS_LABELS = FINDING_STATUS_LABELS;

const TRANSITIONS: Record<RectificationEvent, Partial<Record<RectificationStatus, RectificationStatus>>> = {
  notice: { found: 'noticed' },
  // Again into a notice: still open after the earlier one (the unit never answered, or its answer failed).
  renotice: { noticed: 'noticed', returned: 'noticed' },
  answer: { noticed: 'answered', returned: 'answered' },
  recheckPass: { answered: 'closed' },
  recheckFail: { answered: 'returned' },
};

/** Why an event does not apply to a status, in the words a user reads. */
function refusal(event: RectificationEvent, from: RectificationStatus): string {
  const now = `该问题当前为“${RECTIFICATION_STATUS_LABELS[from]}”`;
  switch (event) {
    case 'notice':
      return from === 'closed' ? '该问题已销号，不能再下发整改通知' : `${now}，已在整改通知中`;
    case 'renotice':
      return from === 'found' ? '该问题尚未下发整改通知' : `${now}，不能再次交办`;
    case 'answer':
      return from === 'found' ? '该问题尚未下发整改通知，不能报送整改情况' : from === 'closed' ? '该问题已销号' : `${now}，等待复查，不能重复报送`;
    case 'recheckPass':
    case 'recheckFail':
      return from === 'closed' ? '该问题已销号' : `${now}，单位报送整改情况后才能复查`;
  }
}

export type TransitionResult = { ok: true; status: RectificationStatus } | { ok: false; message: string };

/** The status after `event`, or why the event is refused. */
export function transition(from: RectificationStatus, event: RectificationEvent): TransitionResult {
  const to = TRANSITIONS[event][from];
  return to ? { ok: true, status: to } : { ok: false, message: refusal(event, from) };
}

/** Whether a finding in this status still waits for the unit (a notice past due then counts as overdue). */
export const awaitsUnit = (status: RectificationStatus): boolean => status === 'noticed' || status === 'returned';

/** Whether a finding is open (not yet 销号) once in a notice. */
export const isOpen = (status: RectificationStatus): boolean => status !== 'closed';

/** A re-check (复查) as a user submits it: a failed one must say why. */
export interface RecheckInput {
  passed: boolean;
  reasons: string;
}

/** Null when the re-check may be recorded, else the Chinese reason it may not. */
export function recheckProblem(r: RecheckInput): string | null {
  if (!r.passed && r.reasons.trim().length === 0) return '复查未通过时请填写退回理由';
  return null;
}

/** One finding as the figures see it: its unit, status and the due date of its latest notice. */
export interface RectificationFact {
  unitId: number;
  status: RectificationStatus;
  /** The latest notice's deadline, 'YYYY-MM-DD'; null before any notice. */
  dueDate: string | null;
}

export interface RectificationFigures {
  /** Findings in at least one notice. */
  noticed: number;
  closed: number;
  /** Waiting for the unit with the notice's deadline passed. */
  overdue: number;
  /** Answered, waiting for the inspector's re-check. */
  awaitingRecheck: number;
  /** closed / noticed; null with nothing noticed (no rate to show, not 0%). */
  rate: number | null;
}

/** The figures over a set of findings on `today` (China day). */
export function rectificationFigures(facts: readonly RectificationFact[], today: string): RectificationFigures {
  const noticed = facts.filter((f) => f.dueDate !== null);
  const closed = noticed.filter((f) => f.status === 'closed').length;
  return {
    noticed: noticed.length,
    closed,
    overdue: noticed.filter((f) => isOverdue(f, today)).length,
    awaitingRecheck: noticed.filter((f) => f.status === 'answered').length,
    rate: noticed.length ? closed / noticed.length : null,
  };
}

/** Past its notice's deadline and still waiting for the unit. The deadline day itself is not late. */
export function isOverdue(f: Pick<RectificationFact, 'status' | 'dueDate'>, today: string): boolean {
  return f.dueDate !== null && awaitsUnit(f.status) && today > f.dueDate;
}

/** The figures per unit, units with the most overdue first, then by lowest rate. */
export function figuresByUnit(facts: readonly RectificationFact[], today: string): { unitId: number; figures: RectificationFigures }[] {
  const byUnit = new Map<number, RectificationFact[]>();
  for (const f of facts) byUnit.set(f.unitId, [...(byUnit.get(f.unitId) ?? []), f]);
  return [...byUnit]
    .map(([unitId, list]) => ({ unitId, figures: rectificationFigures(list, today) }))
    .filter((u) => u.figures.noticed > 0)
    .sort((a, b) => b.figures.overdue - a.figures.overdue || (a.figures.rate ?? 1) - (b.figures.rate ?? 1) || a.unitId - b.unitId);
}
