import { describe, expect, it } from 'vitest';
import { FINDING_STATUSES } from '#core/inspections/findings.ts';
import { deadlineText, mayAnswer, mayRecheck, rateText } from './rect-utils.ts';

describe('deadlineText', () => {
  // 2021-06-11 (Fri) → 2021-06-14 is 端午 (a holiday): one working day to 06-15 counts Tue only.
  it('counts working days left, skipping weekends and holidays', () => {
    expect(deadlineText('2021-06-15', '2021-06-11', 'noticed', false)).toEqual({ text: '剩 1 个工作日', tone: 'soon' });
    expect(deadlineText('2021-06-25', '2021-06-11', 'noticed', false)).toEqual({ text: '剩 9 个工作日', tone: 'open' });
  });
  it('says due today, overdue, or closed', () => {
    expect(deadlineText('2021-06-15', '2021-06-15', 'returned', false)).toEqual({ text: '今日到期', tone: 'soon' });
    expect(deadlineText('2021-06-15', '2021-06-17', 'noticed', true)).toEqual({ text: '逾期 2 个工作日', tone: 'overdue' });
    expect(deadlineText('2021-06-15', '2021-06-17', 'closed', false)).toEqual({ text: '已销号', tone: 'done' });
    expect(deadlineText(null, '2021-06-17', 'found', false).text).toBe('未下发通知');
  });
  it('trusts the server when it says overdue on the due day itself', () => {
    expect(deadlineText('2021-06-15', '2021-06-15', 'noticed', true).tone).toBe('overdue');
  });
  it('falls back to calendar days past the covered years', () => {
    expect(deadlineText('2099-01-10', '2099-01-01', 'noticed', false)).toEqual({ text: '剩 9 天', tone: 'open' });
  });
});

describe('who may take the next step', () => {
  it('lets a unit answer noticed and returned findings, and an inspector re-check answered ones', () => {
    expect(FINDING_STATUSES.filter(mayAnswer)).toEqual(['noticed', 'returned']);
    expect(FINDING_STATUSES.filter(mayRecheck)).toEqual(['answered']);
  });
});

describe('rateText', () => {
  it('shows one decimal, or a dash before any notice', () => {
    expect(rateText(2 / 3)).toBe('66.7%');
    expect(rateText(1)).toBe('100%');
    expect(rateText(null)).toBe('—');
  });
});
