import { describe, expect, it } from 'vitest';
import { auditDiff, flatten, formatValue, isChange, readSnapshot, sameJson } from './audit-diff.ts';

describe('audit diff', () => {
  it('compares an entity before with the patch after, leaving untouched fields apart', () => {
    const before = { id: 3, displayName: '张三', roles: ['unit_staff'], isActive: true, unitId: 5 };
    const after = { displayName: '张三丰', roles: ['unit_staff'], isActive: false };
    expect(auditDiff(before, after)).toEqual([
      { path: 'id', kind: 'untouched', before: 3 },
      { path: 'displayName', kind: 'changed', before: '张三', after: '张三丰' },
      { path: 'roles', kind: 'unchanged', before: ['unit_staff'], after: ['unit_staff'] },
      { path: 'isActive', kind: 'changed', before: true, after: false },
      { path: 'unitId', kind: 'untouched', before: 5 },
    ]);
  });

  it('reads JSON strings and flattens nested objects', () => {
    const rows = auditDiff(JSON.stringify({ document: { title: '旧', year: 2021 } }), '{"document":{"title":"新","year":2021},"tasks":3}');
    expect(rows).toEqual([
      { path: 'document.title', kind: 'changed', before: '旧', after: '新' },
      { path: 'document.year', kind: 'unchanged', before: 2021, after: 2021 },
      { path: 'tasks', kind: 'added', after: 3 },
    ]);
  });

  it('shows creations as added and deletions as removed', () => {
    expect(auditDiff(null, { name: '区税务局' })).toEqual([{ path: 'name', kind: 'added', after: '区税务局' }]);
    expect(auditDiff({ name: '区税务局' }, null)).toEqual([{ path: 'name', kind: 'removed', before: '区税务局' }]);
    expect(auditDiff(null, null)).toEqual([]);
    expect(auditDiff(undefined, undefined)).toEqual([]);
  });

  it('handles scalar snapshots and a parent replaced by a scalar', () => {
    expect(auditDiff('"a"', '"b"')).toEqual([{ path: '值', kind: 'changed', before: 'a', after: 'b' }]);
    expect(auditDiff({ parent: { id: 1 } }, { parent: null })).toEqual([{ path: 'parent.id', kind: 'changed', before: 1, after: null }]);
    expect(auditDiff(5, 5)).toEqual([{ path: '值', kind: 'unchanged', before: 5, after: 5 }]);
  });

  it('has small helpers', () => {
    expect(readSnapshot('not json')).toBe('not json');
    expect(readSnapshot(undefined)).toBeNull();
    expect(flatten({ a: { b: 1, c: {} }, d: [1] })).toEqual([['a.b', 1], ['a.c', {}], ['d', [1]]]);
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(isChange({ path: 'x', kind: 'untouched' })).toBe(false);
    expect(formatValue(['a', 'b'])).toBe('a、b');
    expect(formatValue(null)).toBe('（空）');
    expect(formatValue(true)).toBe('是');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue([])).toBe('（无）');
  });
});
