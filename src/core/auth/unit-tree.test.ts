import { describe, expect, it } from 'vitest';
import { subtreeOf } from './unit-tree.ts';

describe('subtreeOf', () => {
  const children = new Map([
    [1, [2, 3]],
    [2, [4]],
    [4, [5]],
  ]);

  it('walks every level below the unit, the unit first', () => {
    expect(subtreeOf(children, 1)).toEqual([1, 2, 3, 4, 5]);
    expect(subtreeOf(children, 2)).toEqual([2, 4, 5]);
  });

  it('is the unit alone when nothing is under it', () => {
    expect(subtreeOf(children, 3)).toEqual([3]);
    expect(subtreeOf(children, 99)).toEqual([99]);
  });

  it('ends on a cycle and lists each unit once', () => {
    expect(
      subtreeOf(
        new Map([
          [1, [2]],
          [2, [1, 3]],
        ]),
        1,
      ),
    ).toEqual([1, 2, 3]);
  });
});
