import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/** Accounts, sessions, leaders' sections, task instructions, each unit's contact on a task; audit outcome. */
export function accounts(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('users')
        .$call((t) => idColumn(t, dialect))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('set null'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('leader_sections')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('leader_sections_pk', ['user_id', 'section_id'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('instructions')
        .$call((t) => idColumn(t, dialect))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('instructions_task_idx').on('instructions').column('task_id').execute();

      await db.schema.alterTable('task_units').addColumn('contact_name', 'text').execute();
      await db.schema.alterTable('task_units').addColumn('contact_phone', 'text').execute();
      await db.schema.alterTable('task_units').addColumn('note', 'text').execute();
      await db.schema
        .alterTable('audit_events')
        .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('ok'))
        .execute();
      await db.schema.alterTable('audit_events').addColumn('actor_name', 'text').execute();
      await db.schema.createIndex('audit_events_actor_idx').on('audit_events').column('actor_id').execute();
    },
  };
}
