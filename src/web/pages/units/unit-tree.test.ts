import { describe, expect, it } from 'vitest';
import { parentCandidates, parentNameOf, subtreeIds } from './unit-tree.ts';

const units = [
  { id: 1, name: '山亭镇', parentId: null },
  { id: 2, name: '山亭镇便民服务中心', parentId: 1 },
  { id: 3, name: '便民服务中心窗口', parentId: 2 },
  { id: 4, name: '区税务局' },
];

describe('unit tree', () => {
  it('names the parent', () => {
    expect(parentNameOf(units[1]!, units)).toBe('山亭镇');
    expect(parentNameOf(units[0]!, units)).toBeNull();
    expect(parentNameOf({ id: 9, name: 'x', parentId: 77, parentName: '某镇' }, units)).toBe('某镇');
    expect(parentNameOf({ id: 9, name: 'x', parentId: 77 }, units)).toBeNull();
  });

  it('never offers a unit or its descendants as its parent', () => {
    expect([...subtreeIds(1, units)].sort()).toEqual([1, 2, 3]);
    expect(parentCandidates(1, units).map((u) => u.id)).toEqual([4]);
    expect(parentCandidates(3, units).map((u) => u.id)).toEqual([1, 2, 4]);
  });

  it('survives a cycle in the data', () => {
    const cyclic = [{ id: 1, name: 'a', parentId: 2 }, { id: 2, name: 'b', parentId: 1 }];
    expect([...subtreeIds(1, cyclic)].sort()).toEqual([1, 2]);
  });
});
