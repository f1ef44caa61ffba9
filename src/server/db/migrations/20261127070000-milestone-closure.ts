import type { Kysely } from 'kysely';

/**
 * A milestone (时间节点) can be closed (销号) on its own: a consolidated report made for it, accepted
 * at 已完成 with evidence, completes it; the task closes when its last milestone does.
 */
export function milestoneClosure() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('milestones').addColumn('completed_on', 'text').execute();
      await db.schema
        .alterTable('milestones')
        .addColumn('completed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .execute();
      await db.schema
        .alterTable('progress_reports')
        .addColumn('milestone_id', 'integer', (c) => c.references('milestones.id').onDelete('set null'))
        .execute();
    },
  };
}
