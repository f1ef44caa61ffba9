import { describe, expect, it } from 'vitest';
import { EventThrottle, OVERFLOW_KEY } from './throttle.ts';

describe('EventThrottle', () => {
  const opts = { windowMs: 60_000, burst: 3, maxKeys: 2 };

  it('records the first events of a window and summarises the rest once it ends', () => {
    const t = new EventThrottle<string>(opts);
    const recorded = Array.from({ length: 10 }, (_, i) => t.admit('a', `e${i}`, 1000 + i).record);
    expect(recorded).toEqual([true, true, true, false, false, false, false, false, false, false]);
    expect(t.due(30_000)).toEqual([]);
    expect(t.due(61_000)).toEqual([{ key: 'a', sample: 'e3', suppressed: 7, from: 1000, to: 1009 }]);
    expect(t.size).toBe(0);
  });

  it('hands back the ended window of a key with its next event', () => {
    const t = new EventThrottle<string>(opts);
    for (let i = 0; i < 5; i++) t.admit('a', `e${i}`, i);
    const next = t.admit('a', 'late', 70_000);
    expect(next.record).toBe(true);
    expect(next.summaries).toEqual([{ key: 'a', sample: 'e3', suppressed: 2, from: 0, to: 4 }]);
  });

  it('writes no summary for a window that left nothing out', () => {
    const t = new EventThrottle<string>(opts);
    t.admit('a', 'x', 0);
    expect(t.due(60_000)).toEqual([]);
  });

  it('puts keys beyond maxKeys in one overflow bucket', () => {
    const t = new EventThrottle<string>(opts);
    t.admit('a', 'x', 0);
    t.admit('b', 'x', 0);
    for (let i = 0; i < 10; i++) t.admit(`ip${i}`, `o${i}`, 1);
    expect(t.size).toBe(3);
    expect(t.drain()).toEqual([{ key: OVERFLOW_KEY, sample: 'o3', suppressed: 7, from: 1, to: 1 }]);
  });
});
