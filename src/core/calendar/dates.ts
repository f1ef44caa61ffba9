/**
 * Date-only arithmetic on 'YYYY-MM-DD' strings. Everything goes through UTC midnight so that the
 * server's time zone can never shift a day (a known bug of the npm holiday packages west of UTC).
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written as 'YYYY-MM-DD' ('2021-02-30' is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  return new Date(t).toISOString().slice(0, 10) === value;
}

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date; throws on anything else. */
export function toDayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`日期格式无效：${JSON.stringify(date)}，应为 YYYY-MM-DD`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** The 'YYYY-MM-DD' date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `date` shifted by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(toDayNumber(date) * DAY_MS).getUTCDay();
}

/** The calendar year of a 'YYYY-MM-DD' date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * The date in China (UTC+8, no daylight saving since 1991) of an instant: where deadlines fall, whatever
 * the server's own time zone. One function for every "what day is it there".
 */
export function chinaDay(instant: Date | string | number): string {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : instant;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
