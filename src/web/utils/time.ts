/** Times from the API are ISO UTC; the office works in Beijing time, whatever the browser's zone. */
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: OFFICE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** '2021-06-30T16:05:09Z' → '2021-07-01 00:05:09' (or '… 00:05' to the minute); '—' for null or junk. */
export function shanghaiTime(iso: string | null | undefined, precision: 'second' | 'minute' = 'second'): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const parts = Object.fromEntries(formatter.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  return precision === 'second' ? `${text}:${parts.second}` : text;
}

/** Whether an ISO time (e.g. `lockedUntil`) is still ahead of `now`. */
export function isFuture(iso: string | null | undefined, now: number = Date.now()): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return !Number.isNaN(t) && t > now;
}
