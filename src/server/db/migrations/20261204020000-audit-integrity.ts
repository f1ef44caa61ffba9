import { sql, type Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/**
 * Tamper evidence for the audit trail (等保2.0 安全审计: records protected against deletion and change).
 * - `seq`, `prev_hash`, `hash`: a hash chain, filled in by the sealing pass (src/server/audit/audit-chain.ts).
 * - Triggers make `audit_events` append-only: an UPDATE may only seal an unsealed row (set seq and hashes,
 *   nothing else), a DELETE only runs inside the retention purge (PostgreSQL: the transaction-local setting
 *   `tuijin.audit_purge`; SQLite: a row in `audit_purge_permits` that the purge inserts and removes in its
 *   own transaction, so no other connection ever sees it), and TRUNCATE is refused.
 * - `audit_archives`: one row per purged range with its archive file, SHA-256 and the hash of the last
 *   purged row, the anchor the remaining chain starts from. Append-only as well.
 */
export function auditIntegrity(dialect: Dialect) {
  // Every column but the three the sealing pass writes: none of them may ever change.
  const fixed = ['id', 'at', 'actor_id', 'actor_unit_id', 'action', 'entity_type', 'entity_id', 'before', 'after', 'client_ip', 'outcome', 'actor_name'];
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('audit_events').addColumn('seq', 'integer').execute();
      await db.schema.alterTable('audit_events').addColumn('prev_hash', 'text').execute();
      await db.schema.alterTable('audit_events').addColumn('hash', 'text').execute();
      // Unique: two rows can never take the same place in the chain (NULL, not yet sealed, repeats freely).
      await db.schema.createIndex('audit_events_seq_idx').on('audit_events').column('seq').unique().execute();

      await db.schema
        .createTable('audit_archives')
        .$call((t) => idColumn(t, dialect))
        .addColumn('from_seq', 'integer', (c) => c.notNull())
        .addColumn('to_seq', 'integer', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      if (dialect === 'sqlite') {
        await db.schema
          .createTable('audit_purge_permits')
          .addColumn('token', 'text', (c) => c.notNull())
          .execute();
        const changed = fixed.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
        await sql
          .raw(
            `CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
             WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.prev_hash IS NULL OR NEW.seq IS NULL OR ${changed}
             BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
             WHEN NOT EXISTS (SELECT 1 FROM audit_purge_permits)
             BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`,
          )
          .execute(db);
        for (const op of ['UPDATE', 'DELETE']) {
          await sql
            .raw(
              `CREATE TRIGGER audit_archives_append_only_${op.toLowerCase()} BEFORE ${op} ON audit_archives BEGIN SELECT RAISE(ABORT, 'audit_archives is append-only'); END`,
            )
            .execute(db);
        }
        return;
      }

      const list = (p: string) => fixed.map((c) => `${p}.${c}`).join(', ');
      await sql
        .raw(
          `CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF TG_OP = 'DELETE' THEN
               IF current_setting('tuijin.audit_purge', true) = 'on' THEN RETURN OLD; END IF;
             ELSIF TG_OP = 'UPDATE' THEN
               IF OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.seq IS NOT NULL
                  AND ROW(${list('NEW')}) IS NOT DISTINCT FROM ROW(${list('OLD')}) THEN RETURN NEW; END IF;
             END IF;
             RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
           END $$`,
        )
        .execute(db);
      await sql
        .raw(`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_guard()`)
        .execute(db);
      await sql
        .raw(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard()`)
        .execute(db);
      await sql
        .raw(
          `CREATE FUNCTION audit_archives_guard() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'audit_archives is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`,
        )
        .execute(db);
      await sql
        .raw(`CREATE TRIGGER audit_archives_append_only BEFORE UPDATE OR DELETE ON audit_archives FOR EACH ROW EXECUTE FUNCTION audit_archives_guard()`)
        .execute(db);
      await sql
        .raw(`CREATE TRIGGER audit_archives_no_truncate BEFORE TRUNCATE ON audit_archives FOR EACH STATEMENT EXECUTE FUNCTION audit_archives_guard()`)
        .execute(db);
    },
  };
}
