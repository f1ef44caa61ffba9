import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/**
 * Settings the admin changes at run time; dispatch rounds (调度) with their plans, units and frozen
 * snapshot; circulars (通报) issued from a snapshot; and the round a progress report was made for.
 */
export function rounds(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull()) // JSON
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .execute();

      await db.schema
        .createTable('rounds')
        .$call((t) => idColumn(t, dialect))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('period_start', 'text')
        .addColumn('period_end', 'text')
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull()) // open | closed
        .addColumn('note', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('closed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('rounds_status_idx').on('rounds').columns(['status', 'due_date']).execute();

      await db.schema
        .createTable('round_plans')
        .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('round_plans_pk', ['round_id', 'plan_id'])
        .execute();
      await db.schema
        .createTable('round_units')
        .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('round_units_pk', ['round_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('round_units_unit_idx').on('round_units').column('unit_id').execute();

      await db.schema
        .createTable('round_snapshots')
        .addColumn('round_id', 'integer', (c) => c.primaryKey().references('rounds.id').onDelete('cascade'))
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull()) // JSON RoundSnapshot
        .execute();

      await db.schema
        .alterTable('progress_reports')
        .addColumn('round_id', 'integer', (c) => c.references('rounds.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('progress_reports_round_idx').on('progress_reports').columns(['round_id', 'unit_id']).execute();

      await db.schema
        .createTable('circulars')
        .$call((t) => idColumn(t, dialect))
        .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('restrict'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text') // e.g. 第3期
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull()) // draft | issued
        .addColumn('blocks', 'text', (c) => c.notNull()) // JSON CircularBlocks
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('issued_at', 'text')
        // The archived files, stored by SHA-256 under DATA_DIR/files when issued: they never change afterwards.
        .addColumn('docx_sha256', 'text')
        .addColumn('pdf_sha256', 'text')
        .addColumn('xlsx_sha256', 'text')
        .execute();
      await db.schema.createIndex('circulars_round_idx').on('circulars').column('round_id').execute();
    },
  };
}
