import { chinaDay } from '#core/calendar/dates.ts';

/**
 * The server's one source of time, in `Deps`: services ask it rather than `new Date()`, so a test sets
 * the time once for the whole app (sessions, deadlines, rounds, jobs) and moves it to pass a timeout.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  ms(): number;
  now(): Date;
  /** The instant as stored in the database: ISO 8601 in UTC. */
  iso(): string;
  /** Today's date in China, YYYY-MM-DD: the day deadlines and reporting dates are counted in. */
  today(): string;
}

/** A clock reading its milliseconds from `ms`: Date.now for the server, a controlled counter in tests. */
export function clockOf(ms: () => number): Clock {
  return { ms, now: () => new Date(ms()), iso: () => new Date(ms()).toISOString(), today: () => chinaDay(ms()) };
}

export const systemClock: Clock = clockOf(Date.now);
