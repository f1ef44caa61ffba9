import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/**
 * Inspections (督查, issue 12): plans with their scope, targets and inspectors, the recorded random
 * draw (双随机), visits, findings (问题清单) with their linked tasks and evidence. Rectification
 * (整改) lives in its own migration and refers to `inspection_findings`.
 */
export function inspections(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const user = (c: any) => c.references('users.id').onDelete('set null');
      await db.schema
        .createTable('inspection_plans')
        .$call((t) => idColumn(t, dialect))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull()) // open | covert | focused | random
        .addColumn('basis', 'text', (c) => c.notNull()) // the decision or instruction that orders it (条例 §11)
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addColumn('period_end', 'text', (c) => c.notNull())
        .addColumn('method_notes', 'text')
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // Until set, units see nothing of a covert plan and no finding of any plan.
        .addColumn('released_by', 'integer', user)
        .addColumn('released_at', 'text')
        .execute();
      await db.schema.createIndex('inspection_plans_period_idx').on('inspection_plans').columns(['period_start', 'id']).execute();

      // What the plan covers besides units: whole plans, sections or indicators (one of the three per row).
      await db.schema
        .createTable('inspection_scope')
        .$call((t) => idColumn(t, dialect))
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspection_plans.id').onDelete('cascade'))
        .addColumn('plan_id', 'integer', (c) => c.references('plans.id').onDelete('cascade'))
        .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('cascade'))
        .addColumn('indicator_code', 'text', (c) => c.references('indicators.code').onDelete('cascade'))
        .execute();
      await db.schema.createIndex('inspection_scope_inspection_idx').on('inspection_scope').column('inspection_id').execute();

      // The units in scope: the pool a draw takes targets from, and the bound of named targets.
      await db.schema
        .createTable('inspection_scope_units')
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspection_plans.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('inspection_scope_units_pk', ['inspection_id', 'unit_id'])
        .execute();

      await db.schema
        .createTable('inspection_targets')
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspection_plans.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull()) // named | drawn
        .addPrimaryKeyConstraint('inspection_targets_pk', ['inspection_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('inspection_targets_unit_idx').on('inspection_targets').column('unit_id').execute();

      // An inspector on the whole plan (target_unit_id null) or drawn for one target.
      await db.schema
        .createTable('inspection_inspectors')
        .$call((t) => idColumn(t, dialect))
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspection_plans.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('target_unit_id', 'integer', (c) => c.references('units.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull()) // named | drawn
        .execute();
      await db.schema.createIndex('inspection_inspectors_inspection_idx').on('inspection_inspectors').columns(['inspection_id', 'user_id']).execute();
      await db.schema.createIndex('inspection_inspectors_user_idx').on('inspection_inspectors').column('user_id').execute();

      // The one draw of a plan, with everything needed to run it again: seed, algorithm, inputs, result.
      await db.schema
        .createTable('inspection_draws')
        .addColumn('inspection_id', 'integer', (c) => c.primaryKey().references('inspection_plans.id').onDelete('cascade'))
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('input', 'text', (c) => c.notNull()) // JSON DrawInput
        .addColumn('result', 'text', (c) => c.notNull()) // JSON DrawResult
        .addColumn('drawn_by', 'integer', user)
        .addColumn('drawn_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('inspection_visits')
        .$call((t) => idColumn(t, dialect))
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspection_plans.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('restrict'))
        .addColumn('visited_at', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('latitude', 'real')
        .addColumn('longitude', 'real')
        .addColumn('notes', 'text')
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inspection_visits_inspection_idx').on('inspection_visits').columns(['inspection_id', 'unit_id']).execute();
      await db.schema
        .createTable('inspection_visit_inspectors')
        .addColumn('visit_id', 'integer', (c) => c.notNull().references('inspection_visits.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('inspection_visit_inspectors_pk', ['visit_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('inspection_findings')
        .$call((t) => idColumn(t, dialect))
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspection_plans.id').onDelete('restrict'))
        .addColumn('visit_id', 'integer', (c) => c.notNull().references('inspection_visits.id').onDelete('restrict'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('restrict'))
        .addColumn('polarity', 'text', (c) => c.notNull()) // problem | highlight
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull()) // a code of the office's editable list
        .addColumn('severity', 'text', (c) => c.notNull()) // a code of the office's editable list
        .addColumn('location', 'text')
        .addColumn('found_at', 'text', (c) => c.notNull())
        .addColumn('indicator_code', 'text', (c) => c.references('indicators.code').onDelete('set null'))
        .addColumn('status', 'text', (c) => c.notNull()) // FINDING_STATUSES; rectification moves it after `found`
        .addColumn('source', 'text', (c) => c.notNull()) // entered | imported
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inspection_findings_inspection_idx').on('inspection_findings').columns(['inspection_id', 'unit_id']).execute();
      await db.schema.createIndex('inspection_findings_unit_idx').on('inspection_findings').columns(['unit_id', 'status']).execute();
      await db.schema.createIndex('inspection_findings_visit_idx').on('inspection_findings').column('visit_id').execute();

      await db.schema
        .createTable('inspection_finding_tasks')
        .addColumn('finding_id', 'integer', (c) => c.notNull().references('inspection_findings.id').onDelete('cascade'))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('inspection_finding_tasks_pk', ['finding_id', 'task_id'])
        .execute();

      // Stored once, never edited or removed: a covert visit's photo keeps the hash and time it arrived with.
      await db.schema
        .createTable('inspection_evidence')
        .$call((t) => idColumn(t, dialect))
        .addColumn('finding_id', 'integer', (c) => c.notNull().references('inspection_findings.id').onDelete('restrict'))
        .addColumn('kind', 'text', (c) => c.notNull()) // photo | audio | video | document
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inspection_evidence_finding_idx').on('inspection_evidence').column('finding_id').execute();
      await db.schema.createIndex('inspection_evidence_sha256_idx').on('inspection_evidence').column('sha256').execute();
    },
  };
}
