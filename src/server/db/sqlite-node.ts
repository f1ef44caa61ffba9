import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

const STATEMENT_CACHE_SIZE = 500;
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts Node's built-in `node:sqlite` to the better-sqlite3 shape Kysely's SqliteDialect expects,
 * so the default database needs no native addon.
 */
export function openNodeSqlite(path: string): SqliteDatabase & { raw: DatabaseSync } {
  const raw = new DatabaseSync(path);
  // WAL lets readers proceed while a writer commits; busy_timeout rides out short write contention.
  raw.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;');
  // Kysely prepares every query anew; preparing costs ~40× running a prepared statement, so keep the
  // most recent ones (compiled SQL has parameters, so a few hundred texts cover the whole app).
  const cache = new Map<string, { stmt: StatementSync; reader: boolean }>();
  const prepared = (sqlText: string) => {
    let hit = cache.get(sqlText);
    if (hit) {
      cache.delete(sqlText);
      cache.set(sqlText, hit);
      return hit;
    }
    const stmt = raw.prepare(sqlText);
    hit = { stmt, reader: stmt.columns().length > 0 };
    cache.set(sqlText, hit);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return hit;
  };
  return {
    raw,
    close: () => {
      cache.clear();
      raw.close();
    },
    prepare(sqlText: string): SqliteStatement {
      const { stmt, reader } = prepared(sqlText);
      const args = (p: ReadonlyArray<unknown>) => p.map(toSqlite) as SQLInputValue[];
      return {
        reader,
        all: (p) => stmt.all(...args(p)),
        run: (p) => {
          const r = stmt.run(...args(p));
          return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
        },
        iterate: (p) => stmt.iterate(...args(p)) as IterableIterator<unknown>,
      };
    },
  };
}

function toSqlite(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return v;
}
