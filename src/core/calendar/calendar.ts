import { z } from 'zod';
import builtIn from './cn-holidays.json' with { type: 'json' };
import { addDays, fromDayNumber, isIsoDate, toDayNumber, weekdayOf, yearOf } from './dates.ts';

/** Thrown when a date falls in a year the calendar has no holiday data for. */
export class UncoveredYearError extends Error {
  readonly code = 'CALENDAR_UNCOVERED_YEAR';
  readonly year: number;
  constructor(year: number) {
    super(`工作日历未覆盖 ${year} 年，请管理员补充节假日数据`);
    this.name = 'UncoveredYearError';
    this.year = year;
  }
}

const IsoDateSchema = z.string().refine(isIsoDate, { message: '日期格式无效，应为 YYYY-MM-DD' });

/**
 * One year of holiday data as an admin enters it: 放假 days (weekend days inside a break may be
 * listed too) and 调休上班 days, which are always a Saturday or Sunday.
 */
export const CalendarYearSchema = z
  .object({
    year: z.number().int().min(2000, { message: '年份应在 2000–2100 之间' }).max(2100, { message: '年份应在 2000–2100 之间' }),
    holidays: z.array(IsoDateSchema),
    workdays: z.array(IsoDateSchema),
  })
  .superRefine((y, ctx) => {
    for (const key of ['holidays', 'workdays'] as const) {
      y[key].forEach((date, i) => {
        if (isIsoDate(date) && yearOf(date) !== y.year) {
          ctx.addIssue({ code: 'custom', path: [key, i], message: `${date} 不在 ${y.year} 年内` });
        }
      });
    }
    y.workdays.forEach((date, i) => {
      if (!isIsoDate(date)) return;
      // A weekday listed as make-up workday is a typo: it is a workday anyway.
      const wd = weekdayOf(date);
      if (wd !== 0 && wd !== 6) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} 不是周末，不能作为调休上班日` });
      if (y.holidays.includes(date)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} 不能既是放假日又是调休上班日` });
    });
  });
export type CalendarYear = z.infer<typeof CalendarYearSchema>;

/** Several years at once; a year may appear only once. */
export const CalendarExtensionSchema = z.array(CalendarYearSchema).superRefine((years, ctx) => {
  const seen = new Set<number>();
  years.forEach((y, i) => {
    if (seen.has(y.year)) ctx.addIssue({ code: 'custom', path: [i, 'year'], message: `${y.year} 年重复` });
    seen.add(y.year);
  });
});
export type CalendarExtension = z.infer<typeof CalendarExtensionSchema>;

/** A Chinese working-day calendar over the years it covers. All dates are 'YYYY-MM-DD'. */
export interface WorkCalendar {
  /** The years with holiday data, ascending. */
  readonly coveredYears: readonly number[];
  /** Whether `date` is a working day: a 调休上班 day, or Mon–Fri and not 放假. Throws `UncoveredYearError`. */
  isWorkday(date: string): boolean;
  /**
   * The inverse of `workdaysBetween`: the date `r` with `workdaysBetween(date, r) === n`.
   * n > 0: the nth working day after `date` (`date` itself is not counted).
   * n = 0: `date` itself.
   * n < 0: the working day on which exactly |n| working days remain up to and including `date`; for a
   * working day `date` that is simply the |n|th working day before it, for a rest day it is one further
   * back (Saturday −1 → Thursday, because Friday is then the one working day left).
   */
  addWorkdays(date: string, n: number): string;
  /**
   * Working days in (a, b] — after `a`, up to and including `b` — negative when b < a. It is additive:
   * between(a, b) + between(b, c) === between(a, c).
   */
  workdaysBetween(a: string, b: string): number;
  /** The first working day strictly after `date`. */
  nextWorkday(date: string): string;
  /** `date` when it is a working day, else the last working day before it. */
  lastWorkdayOnOrBefore(date: string): string;
}

/**
 * One covered year, indexed by day: `work[i]` is 1 when the year's day i (0 = 1 January) is a
 * working day, `before[i]` counts the working days among its first i days. Reminder and status
 * sweeps ask thousands of questions per run; answering from arrays keeps them off the event loop.
 */
interface YearData {
  start: number;
  work: Uint8Array;
  before: Int32Array;
}

function indexYear(y: CalendarYear): YearData {
  const start = toDayNumber(`${y.year}-01-01`);
  const length = toDayNumber(`${y.year + 1}-01-01`) - start;
  const off = new Set(y.holidays);
  const on = new Set(y.workdays);
  const work = new Uint8Array(length);
  const before = new Int32Array(length + 1);
  for (let i = 0; i < length; i += 1) {
    const date = fromDayNumber(start + i);
    const wd = (4 + start + i) % 7; // 1970-01-01 was a Thursday
    work[i] = on.has(date) ? 1 : off.has(date) ? 0 : wd !== 0 && wd !== 6 ? 1 : 0;
    before[i + 1] = before[i]! + work[i]!;
  }
  return { start, work, before };
}

/** The built-in file, converted to the extension shape (it is validated by the same schema). */
function builtInYears(): CalendarYear[] {
  return builtIn.years.map((y) => ({
    year: y.year,
    holidays: y.days.filter((d) => d.isOffDay).map((d) => d.date),
    workdays: y.days.filter((d) => !d.isOffDay).map((d) => d.date),
  }));
}

/**
 * The calendar of the built-in 2020–2026 data, with `extra` years merged in. An extra year replaces
 * the built-in one of the same year (so an admin can correct it). `extra` is validated with
 * `CalendarExtensionSchema`; invalid data throws a `ZodError` and nothing is merged.
 */
export function createCalendar(extra: readonly CalendarYear[] = []): WorkCalendar {
  const years = new Map<number, YearData>();
  const load = (list: CalendarYear[]) => {
    for (const y of list) years.set(y.year, indexYear(y));
  };
  load(CalendarExtensionSchema.parse(builtInYears()));
  load(CalendarExtensionSchema.parse(extra));
  const coveredYears = [...years.keys()].sort((a, b) => a - b);

  const yearOfDay = (day: number): number => Number(fromDayNumber(day).slice(0, 4));
  const dataOf = (year: number): YearData => {
    const data = years.get(year);
    if (!data) throw new UncoveredYearError(year);
    return data;
  };
  /** Working-day flag of a day number; the year's data is looked up once per year crossed. */
  let cached: YearData | null = null;
  const workOfDay = (day: number): number => {
    if (cached === null || day < cached.start || day >= cached.start + cached.work.length) cached = dataOf(yearOfDay(day));
    return cached.work[day - cached.start]!;
  };

  const isWorkday = (date: string): boolean => workOfDay(toDayNumber(date)) === 1; // toDayNumber validates the format

  /** The |n|th working day from `date` in direction `step`, not counting `date`. */
  const walk = (date: string, n: number, step: 1 | -1): string => {
    let day = toDayNumber(date);
    let left = n;
    while (left > 0) {
      day += step;
      left -= workOfDay(day);
    }
    return fromDayNumber(day);
  };

  const addWorkdays = (date: string, n: number): string => {
    if (!Number.isInteger(n)) throw new RangeError(`工作日数应为整数：${n}`);
    if (n === 0) {
      toDayNumber(date); // validates the format
      return date;
    }
    if (n > 0) return walk(date, n, 1);
    // (r, date] must hold |n| working days and r must be one: counting back from `date` inclusive,
    // r is working day number |n| + 1.
    return walk(addDays(date, 1), -n + 1, -1);
  };

  /** Working days in (lo, hi] for lo <= hi, year by year from the prefix counts. */
  const countBetween = (lo: number, hi: number): number => {
    if (lo === hi) return 0;
    let count = 0;
    let from = lo + 1; // first day counted
    while (from <= hi) {
      const data = dataOf(yearOfDay(from));
      const end = Math.min(hi, data.start + data.work.length - 1); // last day counted in this year
      count += data.before[end - data.start + 1]! - data.before[from - data.start]!;
      from = end + 1;
    }
    return count;
  };

  const workdaysBetween = (a: string, b: string): number => {
    const da = toDayNumber(a);
    const db = toDayNumber(b);
    const count = da <= db ? countBetween(da, db) : -countBetween(db, da);
    return count === 0 ? 0 : count; // never -0
  };

  return {
    coveredYears,
    isWorkday,
    addWorkdays,
    workdaysBetween,
    nextWorkday: (date) => walk(date, 1, 1),
    lastWorkdayOnOrBefore: (date) => (isWorkday(date) ? date : walk(date, 1, -1)),
  };
}
