import { describe, expect, it } from 'vitest';
import { countBy, filterRows } from './findings-view.ts';

interface Row {
  id: number;
  unit: string;
  severity: 'minor' | 'major' | 'serious';
  indicator: string | null;
  description: string;
}

const rows: Row[] = [
  { id: 1, unit: '区审批服务局', severity: 'minor', indicator: 'A', description: '窗口人员离岗' },
  { id: 2, unit: '区审批服务局', severity: 'major', indicator: null, description: '一次性告知单缺失' },
  { id: 3, unit: '区税务局', severity: 'major', indicator: 'B', description: '叫号系统故障' },
  { id: 4, unit: '区税务局', severity: 'serious', indicator: 'B', description: '要求企业重复提交材料' },
  { id: 5, unit: '区人社局', severity: 'major', indicator: 'A', description: '窗口人员离岗' },
];
const SEVERITY = { minor: '一般', major: '较重', serious: '严重' } as const;
const ORDER = ['serious', 'major', 'minor'];

describe('countBy', () => {
  it('counts per key, largest first, labelled', () => {
    expect(
      countBy(
        rows,
        (r) => r.severity,
        (k) => SEVERITY[k as keyof typeof SEVERITY],
        { order: ORDER },
      ),
    ).toEqual([
      { key: 'major', label: '较重', count: 3 },
      { key: 'serious', label: '严重', count: 1 },
      { key: 'minor', label: '一般', count: 1 },
    ]);
  });
  it('breaks ties by the given order, then by label', () => {
    const ties = countBy(
      rows.slice(0, 4),
      (r) => r.severity,
      (k) => k,
      { order: ORDER },
    );
    expect(ties.map((g) => g.key)).toEqual(['major', 'serious', 'minor']);
    expect(
      countBy(
        rows,
        (r) => r.unit,
        (k) => k,
      ).map((g) => g.key),
    ).toEqual(['区审批服务局', '区税务局', '区人社局']);
  });
  it('leaves out rows without a key unless they get a label', () => {
    expect(
      countBy(
        rows,
        (r) => r.indicator,
        (k) => `指标${k}`,
      ).reduce((s, g) => s + g.count, 0),
    ).toBe(4);
    expect(
      countBy(
        rows,
        (r) => r.indicator,
        (k) => `指标${k}`,
        { emptyLabel: '未关联指标' },
      ),
    ).toContainEqual({ key: '', label: '未关联指标', count: 1 });
  });
});

describe('filterRows', () => {
  const fields = { unit: (r: Row) => r.unit, severity: (r: Row) => r.severity, indicator: (r: Row) => r.indicator };
  const text = (r: Row) => `${r.description} ${r.unit}`;
  it('keeps rows matching every active filter', () => {
    expect(filterRows(rows, { severity: ['major'], unit: ['区税务局'] }, fields, text).map((r) => r.id)).toEqual([3]);
    expect(filterRows(rows, { severity: ['major', 'serious'] }, fields, text).map((r) => r.id)).toEqual([2, 3, 4, 5]);
  });
  it('treats an empty filter as all, and a null value as failing a set filter', () => {
    expect(filterRows(rows, { severity: [] }, fields, text)).toHaveLength(5);
    expect(filterRows(rows, { indicator: ['A', 'B'] }, fields, text).map((r) => r.id)).toEqual([1, 3, 4, 5]);
  });
  it('searches the text', () => {
    expect(filterRows(rows, { q: ' 离岗 ' }, fields, text).map((r) => r.id)).toEqual([1, 5]);
    expect(filterRows(rows, { q: '人社', severity: ['minor'] }, fields, text)).toEqual([]);
  });
});
