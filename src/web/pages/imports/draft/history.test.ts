import { describe, expect, it } from 'vitest';
import { pushHistory, startHistory, undoHistory } from './history.ts';

describe('history', () => {
  it('pushes, undoes and stops at the start', () => {
    let h = startHistory([1]);
    const a = [1, 2];
    h = pushHistory(h, a);
    h = pushHistory(h, a); // same state: no new step
    h = pushHistory(h, [1, 2, 3]);
    expect(h.past).toHaveLength(2);
    h = undoHistory(h);
    expect(h.present).toBe(a);
    h = undoHistory(undoHistory(h));
    expect(h.present).toEqual([1]);
    expect(h.past).toEqual([]);
  });

  it('forgets the oldest steps beyond the limit', () => {
    let h = startHistory(0);
    for (let i = 1; i <= 10; i++) h = pushHistory(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
  });
});
