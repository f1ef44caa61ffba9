/**
 * The before/after view of an audit event. `before` and `after` are JSON snapshots (or null); an
 * update usually records the whole entity before and only the patch after, so a field missing from
 * `after` is "not touched", not "removed". Nested objects are flattened to dotted paths; arrays are
 * compared as whole values.
 */
export type DiffKind = 'added' | 'removed' | 'changed' | 'unchanged' | 'untouched';

export interface DiffRow {
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

/** Parses a JSON string snapshot; other values are used as they are. */
export function readSnapshot(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{a: {b: 1}, c: [1]}` → `[['a.b', 1], ['c', [1]]]`; an empty object stays a value. */
export function flatten(value: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(v) && Object.keys(v).length > 0) out.push(...flatten(v, path));
    else out.push([path, v]);
  }
  return out;
}

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

/** The rows of the diff, in the order fields first appear (before's order, then new ones). */
export function auditDiff(beforeRaw: unknown, afterRaw: unknown): DiffRow[] {
  const before = readSnapshot(beforeRaw);
  const after = readSnapshot(afterRaw);
  if (before === null && after === null) return [];
  if (!isPlainObject(before) || !isPlainObject(after)) {
    // A snapshot that is not an object (or one side missing): each side's fields as added/removed.
    const rows: DiffRow[] = [];
    if (before !== null) {
      for (const [path, v] of isPlainObject(before) ? flatten(before) : [['值', before] as [string, unknown]]) rows.push({ path, kind: 'removed', before: v });
    }
    if (after !== null) {
      for (const [path, v] of isPlainObject(after) ? flatten(after) : [['值', after] as [string, unknown]]) {
        const old = rows.find((r) => r.path === path && r.kind === 'removed');
        if (old) Object.assign(old, sameJson(old.before, v) ? { kind: 'unchanged', after: v } : { kind: 'changed', after: v });
        else rows.push({ path, kind: 'added', after: v });
      }
    }
    return rows;
  }
  const b = new Map(flatten(before));
  const a = new Map(flatten(after));
  const rows: DiffRow[] = [];
  for (const [path, v] of b) {
    if (!a.has(path)) {
      // A parent replaced by a scalar in `after` is a change of the parent, shown on the child.
      const replacedBy = [...a.keys()].find((k) => path.startsWith(`${k}.`));
      rows.push(replacedBy ? { path, kind: 'changed', before: v, after: a.get(replacedBy) } : { path, kind: 'untouched', before: v });
    } else {
      const next = a.get(path);
      rows.push({ path, kind: sameJson(v, next) ? 'unchanged' : 'changed', before: v, after: next });
    }
  }
  for (const [path, v] of a) {
    if (b.has(path) || rows.some((r) => r.path.startsWith(`${path}.`))) continue;
    rows.push({ path, kind: 'added', after: v });
  }
  return rows;
}

/** Whether a row shows a change (for "只看变化"). */
export const isChange = (row: DiffRow): boolean => row.kind === 'added' || row.kind === 'removed' || row.kind === 'changed';

/** A value as one line of text: strings as they are, null as 空, booleans 是/否, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '（空）';
  if (typeof value === 'string') return value === '' ? '（空字符串）' : value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.length ? value.join('、') : '（无）';
  return JSON.stringify(value);
}
