/**
 * How the findings table is filtered and counted on the page (问题清单: by unit, indicator, category,
 * severity, status). Pure, so that the counts shown above the table are the rows it filters to.
 */

/** One group of a grouped count: the value, its label, how many findings carry it. */
export interface GroupCount {
  key: string;
  label: string;
  count: number;
}

/**
 * Counts rows per key, largest group first (ties in the order `order` gives, else by label), with a
 * key's label from `labelOf`. Rows without a key (null) count under `emptyLabel` when it is given,
 * and are left out otherwise.
 */
export function countBy<T>(
  rows: readonly T[],
  keyOf: (row: T) => string | number | null,
  labelOf: (key: string) => string,
  options: { order?: readonly string[]; emptyLabel?: string } = {},
): GroupCount[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const raw = keyOf(row);
    const key = raw === null ? (options.emptyLabel === undefined ? null : '') : String(raw);
    if (key === null) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rank = (key: string) => {
    const i = options.order?.indexOf(key) ?? -1;
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...counts]
    .map(([key, count]) => ({ key, count, label: key === '' ? (options.emptyLabel ?? '') : labelOf(key) }))
    .sort((a, b) => b.count - a.count || rank(a.key) - rank(b.key) || a.label.localeCompare(b.label, 'zh-CN'));
}

/** The table's filters: each is a set of allowed values, or undefined for "all". */
export type FindingFilter<K extends string> = { [P in Exclude<K, 'q'>]?: readonly (string | number)[] } & { q?: string };

/**
 * The rows that pass every filter. `fields` reads a filterable value from a row (a row whose value is
 * null passes only an empty filter); `q` matches any of `text(row)` as a substring, case-folded.
 */
export function filterRows<T, K extends string>(
  rows: readonly T[],
  filter: FindingFilter<NoInfer<K>>,
  fields: Record<K, (row: T) => string | number | null>,
  text: (row: T) => string,
): T[] {
  const q = filter.q?.trim().toLowerCase() ?? '';
  const sets = filter as Partial<Record<K, readonly (string | number)[]>>;
  const active = (Object.keys(fields) as K[]).filter((k) => (sets[k]?.length ?? 0) > 0);
  return rows.filter((row) => {
    for (const k of active) {
      const value = fields[k](row);
      if (value === null || !sets[k]!.map(String).includes(String(value))) return false;
    }
    return q === '' || text(row).toLowerCase().includes(q);
  });
}
