/**
 * Reads driver errors of both dialects. A unique-key violation is `23505` from pg, and
 * `SQLITE_CONSTRAINT_UNIQUE` (2067) or `SQLITE_CONSTRAINT_PRIMARYKEY` (1555) from node:sqlite.
 */
const SQLITE_CONSTRAINT_UNIQUE = 2067;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_FOREIGNKEY = 787;
/** pg: `character_not_in_repertoire` (U+0000 in text) and `untranslatable_character`. */
const PG_BAD_TEXT = new Set(['22021', '22P05']);

export interface UniqueViolation {
  /** The table, when the driver says (pg always; SQLite from its message). */
  table: string | null;
  /** The key's columns, e.g. ['username']. */
  columns: string[];
}

type DriverError = { code?: unknown; errcode?: unknown; message?: unknown; table?: unknown; detail?: unknown };

/** The violated unique key, or null when `err` is not a unique-key violation. */
export function uniqueViolation(err: unknown): UniqueViolation | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as DriverError;
  if (e.code === '23505') {
    // detail: 'Key (username)=(x) already exists.'
    const cols = typeof e.detail === 'string' ? /^Key \(([^)]*)\)=/.exec(e.detail)?.[1] : undefined;
    return { table: typeof e.table === 'string' ? e.table : null, columns: cols ? cols.split(',').map((c) => c.trim().replace(/"/g, '')) : [] };
  }
  if (e.code === 'ERR_SQLITE_ERROR' && (e.errcode === SQLITE_CONSTRAINT_UNIQUE || e.errcode === SQLITE_CONSTRAINT_PRIMARYKEY)) {
    // message: 'UNIQUE constraint failed: users.username' (or 't.a, t.b' for a compound key)
    const refs = String(e.message)
      .replace(/^.*constraint failed:\s*/, '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    return { table: refs[0]?.split('.')[0] ?? null, columns: refs.map((r) => r.split('.').pop()!) };
  }
  return null;
}

/** PostgreSQL refused text it cannot store (a NUL byte): bad input, not a server fault. */
export function isUnstorableText(err: unknown): boolean {
  return !!err && typeof err === 'object' && PG_BAD_TEXT.has(String((err as DriverError).code));
}

/**
 * A write referred to a row that is not there (pg `23503`, SQLite `SQLITE_CONSTRAINT_FOREIGNKEY`):
 * services check what they refer to, so this is a concurrent request removing it in between (a plan
 * import resolving a unit name while that unit is merged away), a conflict rather than a server fault.
 */
export function isForeignKeyViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as DriverError;
  return e.code === '23503' || (e.code === 'ERR_SQLITE_ERROR' && e.errcode === SQLITE_CONSTRAINT_FOREIGNKEY);
}
