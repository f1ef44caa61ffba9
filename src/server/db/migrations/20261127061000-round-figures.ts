import type { Kysely } from 'kysely';

/**
 * A closed round's reporting figures beside its snapshot, so that the list of rounds reads them
 * without parsing every snapshot, and they never move after the close (a report returned or
 * resubmitted later does not change what the round froze).
 */
export function roundFigures() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema
        .alterTable('round_snapshots')
        .addColumn('expected', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('round_snapshots')
        .addColumn('reported', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
