import { describe, expect, it } from 'vitest';
import { isFuture, shanghaiTime } from './time.ts';

describe('time', () => {
  it('shows UTC instants in Beijing time', () => {
    expect(shanghaiTime('2021-06-30T16:05:09.123Z')).toBe('2021-07-01 00:05:09');
    expect(shanghaiTime('2021-06-30T03:00:00Z', 'minute')).toBe('2021-06-30 11:00');
    expect(shanghaiTime('2021-12-31T15:59:59Z')).toBe('2021-12-31 23:59:59');
    expect(shanghaiTime(null)).toBe('—');
    expect(shanghaiTime('junk')).toBe('junk');
  });

  it('tells whether a lock is still running', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(isFuture('2026-01-01T00:15:00Z', now)).toBe(true);
    expect(isFuture('2025-12-31T23:59:00Z', now)).toBe(false);
    expect(isFuture(null, now)).toBe(false);
  });
});
