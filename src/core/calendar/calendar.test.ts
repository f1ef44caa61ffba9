import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createCalendar, UncoveredYearError } from './calendar.ts';
import { addDays, fromDayNumber, toDayNumber } from './dates.ts';
import { addWorkdays, defaultCalendar, isWorkday, lastWorkdayOnOrBefore, nextWorkday, workdaysBetween } from './index.ts';

describe('isWorkday', () => {
  it('国庆 2021: 10-01..10-07 off, 09-26 (Sun) and 10-09 (Sat) are make-up workdays', () => {
    for (let d = 1; d <= 7; d += 1) expect(isWorkday(`2021-10-0${d}`)).toBe(false);
    expect(isWorkday('2021-09-26')).toBe(true);
    expect(isWorkday('2021-10-09')).toBe(true);
    expect(isWorkday('2021-10-08')).toBe(true);
    expect(isWorkday('2021-10-10')).toBe(false); // an ordinary Sunday
  });

  it('春节: 2021-02-11..02-17 off, 02-07 (Sun) and 02-20 (Sat) worked; 2026 has a nine-day break', () => {
    for (let d = 11; d <= 17; d += 1) expect(isWorkday(`2021-02-${d}`)).toBe(false);
    expect(isWorkday('2021-02-07')).toBe(true);
    expect(isWorkday('2021-02-20')).toBe(true);
    expect(isWorkday('2021-02-18')).toBe(true);
    for (let d = 15; d <= 23; d += 1) expect(isWorkday(`2026-02-${d}`)).toBe(false);
    expect(isWorkday('2026-02-14')).toBe(true);
    expect(isWorkday('2026-02-28')).toBe(true);
  });

  it('follows the spot checks of shared/data/workdays.md', () => {
    const expected: Record<string, boolean> = {
      '2020-01-31': false, // COVID extension of 春节
      '2020-02-01': false, // its make-up day was cancelled
      '2020-02-03': true,
      '2023-01-03': true,
      '2024-02-04': true,
      '2024-02-16': false,
      '2024-02-18': true,
      '2025-01-26': true,
      '2025-02-04': false,
      '2025-02-08': true,
      '2026-01-04': true,
      '2026-02-23': false,
      '2026-09-20': true,
      '2026-10-10': true,
    };
    for (const [date, workday] of Object.entries(expected)) expect([date, isWorkday(date)]).toEqual([date, workday]);
  });

  it('has about 250 working days in every covered year', () => {
    for (const year of defaultCalendar.coveredYears) {
      // (12-31 of the year before, 12-31]; 2020 starts on its own 01-01, a holiday, as 2019 is not covered.
      const n = workdaysBetween(year === 2020 ? '2020-01-01' : `${year - 1}-12-31`, `${year}-12-31`);
      expect([year, n >= 240 && n <= 251]).toEqual([year, true]);
    }
    expect(defaultCalendar.coveredYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('rejects malformed dates', () => {
    expect(() => isWorkday('2021-02-30')).toThrow(RangeError);
    expect(() => isWorkday('2021/10/01')).toThrow(RangeError);
  });
});

describe('addWorkdays and friends', () => {
  it('adds 5 working days across 国庆 2021, counting the make-up Saturday', () => {
    // 10-08 (Fri), 10-09 (make-up Sat), 10-11, 10-12, 10-13
    expect(addWorkdays('2021-09-30', 5)).toBe('2021-10-13');
    expect(addWorkdays('2021-09-30', 1)).toBe('2021-10-08');
    expect(addWorkdays('2021-09-30', 2)).toBe('2021-10-09');
    expect(workdaysBetween('2021-09-30', '2021-10-13')).toBe(5);
    expect(workdaysBetween('2021-10-13', '2021-09-30')).toBe(-5);
  });

  it('counts a make-up weekend day as a working day', () => {
    expect(addWorkdays('2021-09-25', 1)).toBe('2021-09-26'); // Saturday → make-up Sunday
    expect(workdaysBetween('2021-09-25', '2021-09-26')).toBe(1);
    expect(nextWorkday('2026-02-13')).toBe('2026-02-14');
  });

  it('n = 0 returns the date itself, workday or not', () => {
    expect(addWorkdays('2021-10-03', 0)).toBe('2021-10-03');
    expect(workdaysBetween('2021-10-03', '2021-10-03')).toBe(0);
  });

  it('negative n counts back the working days left up to the date', () => {
    expect(addWorkdays('2021-10-08', -1)).toBe('2021-09-30'); // across the break
    expect(addWorkdays('2021-10-08', -2)).toBe('2021-09-29');
    expect(addWorkdays('2021-06-04', -1)).toBe('2021-06-03'); // Friday → Thursday
    // Saturday: Friday is the one working day left, so one working day before is Thursday.
    expect(addWorkdays('2021-06-05', -1)).toBe('2021-06-03');
    expect(workdaysBetween('2021-06-03', '2021-06-05')).toBe(1);
  });

  it('nextWorkday and lastWorkdayOnOrBefore jump over breaks', () => {
    expect(nextWorkday('2021-09-30')).toBe('2021-10-08');
    expect(nextWorkday('2021-10-08')).toBe('2021-10-09');
    expect(lastWorkdayOnOrBefore('2021-10-07')).toBe('2021-09-30');
    expect(lastWorkdayOnOrBefore('2021-10-09')).toBe('2021-10-09');
    expect(lastWorkdayOnOrBefore('2021-02-17')).toBe('2021-02-10');
  });

  it('does not depend on the time zone (only UTC date math)', () => {
    // TZ is read per Date call, so switching it here is a real check.
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(isWorkday('2026-03-07')).toBe(false); // Saturday
      expect(isWorkday('2026-03-02')).toBe(true); // Monday
      expect(addWorkdays('2021-09-30', 5)).toBe('2021-10-13');
    } finally {
      process.env.TZ = saved;
    }
  });

  it('workdaysBetween is the inverse of addWorkdays (property)', () => {
    const first = toDayNumber('2020-01-01'); // +90 days leaves room for −40 working days in 2020
    const last = toDayNumber('2026-10-31'); // leaves room for +40 working days inside 2026
    fc.assert(
      fc.property(fc.integer({ min: first + 90, max: last }), fc.integer({ min: -40, max: 40 }), (day, n) => {
        const d = fromDayNumber(day);
        expect(workdaysBetween(d, addWorkdays(d, n))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('workdaysBetween equals counting isWorkday day by day, also across years (property)', () => {
    const day = fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2026-12-31') });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (start, span) => {
        const end = Math.min(start + span, toDayNumber('2026-12-31'));
        let counted = 0;
        for (let d = start + 1; d <= end; d += 1) if (isWorkday(fromDayNumber(d))) counted += 1;
        expect(workdaysBetween(fromDayNumber(start), fromDayNumber(end))).toBe(counted);
        expect(workdaysBetween(fromDayNumber(end), fromDayNumber(start))).toBe(counted === 0 ? 0 : -counted);
      }),
      { numRuns: 200 },
    );
  });

  it('workdaysBetween is additive (property)', () => {
    const date = fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2026-12-31') }).map(fromDayNumber);
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        expect(workdaysBetween(a, b) + workdaysBetween(b, c)).toBe(workdaysBetween(a, c));
      }),
      { numRuns: 200 },
    );
  });
});

describe('coverage', () => {
  it('refuses a date in an uncovered year with a Chinese message', () => {
    expect(() => isWorkday('2027-01-04')).toThrow(UncoveredYearError);
    expect(() => isWorkday('2027-01-04')).toThrow('工作日历未覆盖 2027 年，请管理员补充节假日数据');
    expect(() => isWorkday('2019-12-31')).toThrow('工作日历未覆盖 2019 年');
  });

  it('refuses a count that crosses into an uncovered year', () => {
    expect(addWorkdays('2026-12-24', 4)).toBe('2026-12-30');
    expect(() => addWorkdays('2026-12-24', 10)).toThrow(UncoveredYearError);
    expect(() => workdaysBetween('2026-12-01', '2027-01-15')).toThrow(UncoveredYearError);
    expect(() => nextWorkday('2026-12-31')).toThrow(UncoveredYearError);
  });
});

describe('createCalendar (admin extension)', () => {
  // A plausible 2027 entry for the test only; the real one must be copied from the State Council notice.
  const y2027 = { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] };

  it('adds a year', () => {
    const cal = createCalendar([y2027]);
    expect(cal.coveredYears).toContain(2027);
    expect(cal.isWorkday('2027-01-01')).toBe(false); // a Friday
    expect(cal.isWorkday('2027-01-09')).toBe(true); // a Saturday
    expect(cal.nextWorkday('2026-12-31')).toBe('2027-01-04');
    expect(() => cal.isWorkday('2028-01-03')).toThrow(UncoveredYearError);
    // the built-in calendar is untouched
    expect(() => isWorkday('2027-01-04')).toThrow(UncoveredYearError);
  });

  it('lets an admin replace a built-in year', () => {
    const cal = createCalendar([{ year: 2021, holidays: [], workdays: [] }]);
    expect(cal.isWorkday('2021-10-04')).toBe(true);
  });

  const rejects = (extra: unknown, message: string) => {
    let error: unknown;
    try {
      createCalendar(extra as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.message).join('\n')).toContain(message);
  };

  it('validates dates, years and overlaps', () => {
    rejects([{ ...y2027, holidays: ['2026-12-31'] }], '2026-12-31 不在 2027 年内');
    rejects([{ ...y2027, workdays: ['2027-01-01'] }], '2027-01-01 不能既是放假日又是调休上班日');
    rejects([{ ...y2027, workdays: ['2027-01-04'] }], '2027-01-04 不是周末');
    rejects([{ ...y2027, holidays: ['2027-02-30'] }], '日期格式无效');
    rejects([y2027, y2027], '2027 年重复');
    rejects([{ ...y2027, year: 1999 }], '年份应在');
  });
});

it('dates helpers round-trip', () => {
  expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
  expect(addDays('2021-01-01', -1)).toBe('2020-12-31');
});
