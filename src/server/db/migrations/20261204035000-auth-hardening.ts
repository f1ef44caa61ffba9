import type { Kysely } from 'kysely';

/**
 * 等保2.0 level-3 sign-in controls: when a password was last set (for the expiry option), the TOTP
 * second factor (a secret being enrolled, the confirmed secret, the last time step accepted so a code
 * is never taken twice), whether a session has passed its second factor, and hashed recovery codes.
 */
export function authHardening() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
      await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
      await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
      await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute();
      await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
      // 1 once the session passed the second factor (or at sign-in, when the user had none to pass).
      await db.schema
        .alterTable('sessions')
        .addColumn('second_factor_ok', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('recovery_codes')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
        .execute();
    },
  };
}
