import { createCalendar, type WorkCalendar } from './calendar.ts';

export {
  CalendarExtensionSchema,
  CalendarYearSchema,
  createCalendar,
  UncoveredYearError,
  type CalendarExtension,
  type CalendarYear,
  type WorkCalendar,
} from './calendar.ts';
export { addDays, chinaDay, isIsoDate, weekdayOf } from './dates.ts';

/** The built-in calendar (2020–2026). Servers with admin-added years build their own with `createCalendar`. */
export const defaultCalendar: WorkCalendar = createCalendar();

/** See `WorkCalendar.isWorkday`; uses the built-in calendar. */
export const isWorkday = (date: string): boolean => defaultCalendar.isWorkday(date);
/** See `WorkCalendar.addWorkdays`; uses the built-in calendar. */
export const addWorkdays = (date: string, n: number): string => defaultCalendar.addWorkdays(date, n);
/** See `WorkCalendar.workdaysBetween`; uses the built-in calendar. */
export const workdaysBetween = (a: string, b: string): number => defaultCalendar.workdaysBetween(a, b);
/** See `WorkCalendar.nextWorkday`; uses the built-in calendar. */
export const nextWorkday = (date: string): string => defaultCalendar.nextWorkday(date);
/** See `WorkCalendar.lastWorkdayOnOrBefore`; uses the built-in calendar. */
export const lastWorkdayOnOrBefore = (date: string): string => defaultCalendar.lastWorkdayOnOrBefore(date);
