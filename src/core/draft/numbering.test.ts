import { describe, expect, it } from 'vitest';
import { detectNumberStyle, formatNumber, toChineseNumeral } from './numbering.ts';
import { markerValue, nextNumber } from './draft.ts';

describe('numbering', () => {
  it('writes Chinese numerals as plans do', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 199].map(toChineseNumeral)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零五',
      '一百一十',
      '一百九十九',
    ]);
  });

  it('reads markers back', () => {
    for (let n = 1; n <= 199; n++) expect(markerValue(toChineseNumeral(n))).toBe(n);
    expect(markerValue('12')).toBe(12);
    expect(markerValue('⑫')).toBe(12);
    expect(markerValue('a')).toBeNull();
    expect(markerValue('')).toBeNull();
  });

  it('detects and keeps the style', () => {
    expect(detectNumberStyle('12')).toBe('arabic');
    expect(detectNumberStyle('十二')).toBe('chinese');
    expect(detectNumberStyle('③')).toBe('circled');
    expect(detectNumberStyle('')).toBe('arabic');
    expect(formatNumber(3, 'circled')).toBe('③');
    expect(formatNumber(21, 'circled')).toBe('21');
    expect(nextNumber('9')).toBe('10');
    expect(nextNumber('九')).toBe('十');
    expect(nextNumber('x')).toBe('');
  });
});
