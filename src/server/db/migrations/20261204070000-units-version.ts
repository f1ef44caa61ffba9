import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * `units_version`: one row whose `version` moves forward in the same transaction as every write to
 * `units` (insert, delete, a change of `id` or `parent_id`), whatever code path makes it (API, import,
 * merge, seed, cascade). The session lookup reads it with the session, so an app node keeps the unit
 * tree in memory and reloads it only when the number it holds is not the one in the database: a unit
 * moved on another node is seen by the very next request, not after a TTL.
 */
export function unitsVersion(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('units_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('units_version').values({ id: 1, version: 1 }).execute();
      const bump = 'UPDATE units_version SET version = version + 1 WHERE id = 1';
      if (dialect === 'sqlite') {
        await sql.raw(`CREATE TRIGGER units_version_insert AFTER INSERT ON units BEGIN ${bump}; END`).execute(db);
        await sql.raw(`CREATE TRIGGER units_version_update AFTER UPDATE OF id, parent_id ON units BEGIN ${bump}; END`).execute(db);
        await sql.raw(`CREATE TRIGGER units_version_delete AFTER DELETE ON units BEGIN ${bump}; END`).execute(db);
        return;
      }
      // PostgreSQL: once per statement (an import of 1,000 units bumps it once); an UPDATE of other columns
      // (a rename) does not bump it.
      await sql.raw(`CREATE FUNCTION units_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${bump}; RETURN NULL; END $$`).execute(db);
      await sql.raw(`CREATE TRIGGER units_version_insert AFTER INSERT ON units FOR EACH STATEMENT EXECUTE FUNCTION units_version_bump()`).execute(db);
      await sql
        .raw(`CREATE TRIGGER units_version_update AFTER UPDATE OF id, parent_id ON units FOR EACH STATEMENT EXECUTE FUNCTION units_version_bump()`)
        .execute(db);
      await sql.raw(`CREATE TRIGGER units_version_delete AFTER DELETE ON units FOR EACH STATEMENT EXECUTE FUNCTION units_version_bump()`).execute(db);
    },
  };
}
