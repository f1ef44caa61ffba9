import type { CreateTableBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** An auto-incrementing integer primary key in either dialect (SQLite has no SERIAL, PostgreSQL no AUTOINCREMENT). */
// biome-ignore lint/suspicious/noExplicitAny: a migration's table builder of any columns, as Kysely types it.
export function idColumn<T extends string>(t: CreateTableBuilder<T, any>, dialect: Dialect): CreateTableBuilder<T, any> {
  return dialect === 'postgres'
    ? t.addColumn('id', 'serial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
