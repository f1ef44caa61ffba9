/**
 * Bounds how fast refusals and sensitive reads can grow the audit trail. Per key (actor + action +
 * outcome) the first `burst` events of a window are recorded one by one; the rest are only counted, and
 * once the window has ended they become one summary row with the count. Pure: the caller passes the
 * clock and writes the rows.
 */
export interface ThrottleOptions {
  windowMs: number;
  /** Events recorded individually per key and window. */
  burst: number;
  /** Keys tracked at once; beyond it new keys share one overflow key, so a flood of addresses cannot grow the map. */
  maxKeys: number;
}

/** What was left out of one key's window, with a sample event to take actor and action from. */
export interface ThrottleSummary<T> {
  key: string;
  sample: T;
  suppressed: number;
  from: number;
  to: number;
}

interface Bucket<T> {
  start: number;
  seen: number;
  suppressed: number;
  sample: T | null;
  last: number;
}

export const OVERFLOW_KEY = '*overflow*';

export class EventThrottle<T> {
  private readonly buckets = new Map<string, Bucket<T>>();
  private readonly opts: ThrottleOptions;
  constructor(opts: ThrottleOptions) {
    this.opts = opts;
  }

  /**
   * Counts one event. `record` says whether to write it; `summaries` holds this key's ended window,
   * if it left events out, to be written first.
   */
  admit(rawKey: string, event: T, now: number): { record: boolean; summaries: ThrottleSummary<T>[] } {
    const key = this.buckets.has(rawKey) || this.buckets.size < this.opts.maxKeys ? rawKey : OVERFLOW_KEY;
    const summaries: ThrottleSummary<T>[] = [];
    let b = this.buckets.get(key);
    if (b && now - b.start >= this.opts.windowMs) {
      const s = summaryOf(key, b);
      if (s) summaries.push(s);
      b = undefined;
    }
    if (!b) {
      b = { start: now, seen: 0, suppressed: 0, sample: null, last: now };
      this.buckets.set(key, b);
    }
    b.seen += 1;
    b.last = now;
    if (b.seen <= this.opts.burst) return { record: true, summaries };
    b.suppressed += 1;
    b.sample ??= event;
    return { record: false, summaries };
  }

  /** The summaries of every window that has ended by `now` (their buckets are dropped). */
  due(now: number): ThrottleSummary<T>[] {
    const out: ThrottleSummary<T>[] = [];
    for (const [key, b] of this.buckets) {
      if (now - b.start < this.opts.windowMs) continue;
      this.buckets.delete(key);
      const s = summaryOf(key, b);
      if (s) out.push(s);
    }
    return out;
  }

  /** Every pending summary, ended or not (on shutdown). */
  drain(): ThrottleSummary<T>[] {
    const out = [...this.buckets].flatMap(([key, b]) => summaryOf(key, b) ?? []);
    this.buckets.clear();
    return out;
  }

  get size(): number {
    return this.buckets.size;
  }
}

function summaryOf<T>(key: string, b: Bucket<T>): ThrottleSummary<T> | null {
  return b.suppressed > 0 && b.sample !== null ? { key, sample: b.sample, suppressed: b.suppressed, from: b.start, to: b.last } : null;
}
