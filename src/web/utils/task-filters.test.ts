import { describe, expect, it } from 'vitest';
import { changeTaskFilters, hasActiveFilters, parseTaskFilters, toTaskSearchParams, type TaskFilters } from './task-filters.ts';

const defaults: TaskFilters = { sectionId: null, unitId: null, role: 'any', month: null, noDeadline: false, q: '', page: 1, pageSize: 20 };

describe('task filters in the URL', () => {
  it('reads an empty query as defaults', () => {
    expect(parseTaskFilters(new URLSearchParams())).toEqual(defaults);
  });

  it('round-trips every filter', () => {
    const f: TaskFilters = { sectionId: 3, unitId: 12, role: 'lead', month: '2021-06', noDeadline: false, q: '电子证照', page: 2, pageSize: 50 };
    const qs = toTaskSearchParams(f).toString();
    expect(qs).toBe('sectionId=3&unitId=12&role=lead&month=2021-06&q=%E7%94%B5%E5%AD%90%E8%AF%81%E7%85%A7&page=2&pageSize=50');
    expect(parseTaskFilters(new URLSearchParams(qs))).toEqual(f);
  });

  it('ignores malformed values', () => {
    const f = parseTaskFilters(new URLSearchParams('sectionId=abc&unitId=-1&role=boss&month=2021-13&page=0&pageSize=9999&noDeadline=1'));
    expect(f).toEqual(defaults);
  });

  it('drops the role when no unit is chosen', () => {
    expect(toTaskSearchParams({ ...defaults, role: 'lead' }).toString()).toBe('');
  });
});

describe('changeTaskFilters', () => {
  const onPage3 = { ...defaults, page: 3 };
  it('goes back to page 1 when a filter changes', () => {
    expect(changeTaskFilters(onPage3, { q: '证照' })).toMatchObject({ q: '证照', page: 1 });
    expect(changeTaskFilters(onPage3, { pageSize: 50 })).toMatchObject({ pageSize: 50, page: 1 });
    expect(changeTaskFilters(onPage3, { page: 4 })).toMatchObject({ page: 4 });
  });

  it('keeps month and no-deadline exclusive', () => {
    expect(changeTaskFilters({ ...defaults, noDeadline: true }, { month: '2021-06' })).toMatchObject({ month: '2021-06', noDeadline: false });
    expect(changeTaskFilters({ ...defaults, month: '2021-06' }, { noDeadline: true })).toMatchObject({ month: null, noDeadline: true });
  });

  it('knows when something is filtered', () => {
    expect(hasActiveFilters(defaults)).toBe(false);
    expect(hasActiveFilters(onPage3)).toBe(false);
    expect(hasActiveFilters({ ...defaults, unitId: 1 })).toBe(true);
  });
});

describe('changeTaskFilters from the table', () => {
  it('keeps the page when the table reports an unchanged page size', () => {
    expect(changeTaskFilters(defaults, { page: 5, pageSize: 20 })).toMatchObject({ page: 5, pageSize: 20 });
  });
});
