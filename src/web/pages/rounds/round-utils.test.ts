import { describe, expect, it } from 'vitest';
import { compareUnits, countUnits, nextRoundTitle, percent, periodLabel, progressPercent, reportState } from './round-utils.ts';

const unit = (name: string, reported: boolean, late = false, reportedAt: string | null = null) => ({
  unitId: 0,
  name,
  reported,
  late,
  reportedAt,
  reports: reported ? 1 : 0,
});

describe('nextRoundTitle', () => {
  it('follows the highest number written in a title', () => {
    expect(nextRoundTitle([])).toBe('第1期调度');
    expect(nextRoundTitle(['第2期调度', '第1期调度'])).toBe('第3期调度');
    expect(nextRoundTitle(['第 9 期 专项调度', '第3期调度'])).toBe('第10期调度');
  });
  it('counts the rounds when their titles carry no number', () => {
    expect(nextRoundTitle(['六月调度', '七月调度'])).toBe('第3期调度');
  });
});

describe('unit states', () => {
  it('reads reported and late as 已报送, 逾期报送 or 未报送', () => {
    expect(reportState(unit('a', false))).toBe('missing');
    expect(reportState(unit('a', true))).toBe('onTime');
    expect(reportState(unit('a', true, true))).toBe('late');
  });
  it('lists missing units first, then late, then on time by report time', () => {
    const units = [
      unit('乙', true, false, '2021-06-02T00:00:00Z'),
      unit('甲', true, false, '2021-06-01T00:00:00Z'),
      unit('丙', true, true, '2021-07-01T00:00:00Z'),
      unit('丁', false),
    ];
    expect([...units].sort(compareUnits).map((u) => u.name)).toEqual(['丁', '丙', '甲', '乙']);
    expect(countUnits(units)).toEqual({ onTime: 2, late: 1, missing: 1 });
  });
});

describe('figures', () => {
  it('writes rates as percentages with one decimal at most', () => {
    expect(percent(0.8532)).toBe('85.3%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(Number.NaN)).toBe('—');
    expect(progressPercent(3, 4)).toBe(75);
    expect(progressPercent(0, 0)).toBe(0);
  });
  it('writes a period with the year once', () => {
    expect(periodLabel('2021-06-01', '2021-06-30')).toBe('2021年6月1日 至 6月30日');
    expect(periodLabel('2021-12-01', '2022-01-31')).toBe('2021年12月1日 至 2022年1月31日');
    expect(periodLabel(null, '2021-06-30')).toBe('截至 2021年6月30日');
    expect(periodLabel(null, null)).toBeNull();
  });
});
