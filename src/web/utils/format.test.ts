import { describe, expect, it } from 'vitest';
import { asWrittenNote, dayLabel, isMonthEnd, levelLabel, monthLabel } from './format.ts';

describe('format', () => {
  it('labels levels, months and days in Chinese', () => {
    expect(levelLabel('district')).toBe('区级');
    expect(levelLabel(null)).toBe('—');
    expect(levelLabel('galaxy')).toBe('—');
    expect(monthLabel('2021-06')).toBe('2021年6月');
    expect(dayLabel('2021-06-05', 2021)).toBe('6月5日');
    expect(dayLabel('2022-01-31', 2021)).toBe('2022年1月31日');
    expect(dayLabel('2021-12-31')).toBe('2021年12月31日');
  });

  it('knows month ends, leap years included', () => {
    expect(isMonthEnd('2021-06-30')).toBe(true);
    expect(isMonthEnd('2021-06-05')).toBe(false);
    expect(isMonthEnd('2024-02-29')).toBe(true);
    expect(isMonthEnd('2021-02-28')).toBe(true);
  });

  it('notes the name as written only when it differs', () => {
    expect(asWrittenNote({ name: '区审批服务局', asWritten: '区行政审批服务局' })).toBe('原文：区行政审批服务局');
    expect(asWrittenNote({ name: '区审批服务局', asWritten: '区审批服务局' })).toBeNull();
  });
});
