import { describe, expect, it } from 'vitest';
import { buildUrl } from './url.ts';

describe('buildUrl', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildUrl('/api/units')).toBe('/api/units');
    expect(buildUrl('/api/units', { q: '' })).toBe('/api/units');
    expect(buildUrl('/api/plans/1/tasks', { sectionId: 2, unitId: null, noDeadline: true, q: '审批', x: false, y: undefined })).toBe(
      '/api/plans/1/tasks?sectionId=2&noDeadline=true&q=%E5%AE%A1%E6%89%B9',
    );
    expect(buildUrl('/a?b=1', { c: 0 })).toBe('/a?b=1&c=0');
  });
});
