/** A query value; null, undefined, '' and false are left out so that URLs stay short. */
export type QueryValue = string | number | boolean | null | undefined;

/** `/api/x` + `{a: 1, b: null}` → `/api/x?a=1`. Keys keep their order. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return qs === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${qs}`;
}
