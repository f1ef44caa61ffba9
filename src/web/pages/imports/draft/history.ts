/** An undo stack of immutable states: `present` plus earlier states, newest last, at most `limit`. */
export interface History<T> {
  past: T[];
  present: T;
}

export const HISTORY_LIMIT = 50;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present };
}

/** Moves to `next`, remembering the current state; a no-op when `next` is the current state. */
export function pushHistory<T>(h: History<T>, next: T, limit = HISTORY_LIMIT): History<T> {
  if (Object.is(next, h.present)) return h;
  const past = [...h.past, h.present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next };
}

/** Goes back one step; unchanged when there is nothing to undo. */
export function undoHistory<T>(h: History<T>): History<T> {
  const previous = h.past[h.past.length - 1];
  if (previous === undefined) return h;
  return { past: h.past.slice(0, -1), present: previous };
}
