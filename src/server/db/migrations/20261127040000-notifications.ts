import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/** Notifications (reminders and escalation), their deliveries, the idempotency ledger, unit channels and job locks. */
export function notifications(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('notifications')
        .$call((t) => idColumn(t, dialect))
        // Addressed to one account of the unit; null when the unit has no account yet, or for 约谈建议 (the coordinator's list).
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('cascade'))
        .addColumn('milestone_id', 'integer')
        .addColumn('notice_key', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute();
      await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at']).execute();
      await db.schema.createIndex('notifications_kind_idx').on('notifications').columns(['kind', 'unit_id']).execute();

      await db.schema
        .createTable('notification_deliveries')
        .$call((t) => idColumn(t, dialect))
        .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('notification_deliveries_status_idx').on('notification_deliveries').columns(['status', 'channel']).execute();

      await db.schema
        .createTable('notice_keys')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('unit_channels')
        .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id').onDelete('cascade'))
        .addColumn('email', 'text')
        .addColumn('dingtalk_webhook', 'text')
        .addColumn('wecom_webhook', 'text')
        .addColumn('channels', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('job_locks')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
