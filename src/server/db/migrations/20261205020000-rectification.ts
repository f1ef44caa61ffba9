import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/**
 * Rectification (整改, issue 12): notices per unit with their findings, the unit's answers with
 * evidence, the inspectors' re-checks, and typical-case circulars drafted from findings. A finding's
 * status itself stays on `inspection_findings`.
 */
export function rectification(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const user = (c: any) => c.references('users.id').onDelete('set null');
      const finding = (c: any) => c.notNull().references('inspection_findings.id').onDelete('cascade');
      await db.schema
        .createTable('rectification_notices')
        .$call((t) => idColumn(t, dialect))
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspection_plans.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text')
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('clue_class', 'text', (c) => c.notNull())
        .addColumn('override_workdays', 'integer')
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('limit_text', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('profile_id', 'text', (c) => c.notNull())
        .addColumn('profile_version', 'integer', (c) => c.notNull())
        .addColumn('requirements', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'integer', user)
        .addColumn('issued_at', 'text', (c) => c.notNull())
        // The archived files: they never change afterwards.
        .addColumn('docx_sha256', 'text', (c) => c.notNull())
        .addColumn('pdf_sha256', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rectification_notices_inspection_idx').on('rectification_notices').columns(['inspection_id', 'unit_id']).execute();
      await db.schema.createIndex('rectification_notices_unit_idx').on('rectification_notices').columns(['unit_id', 'due_date']).execute();

      await db.schema
        .createTable('rectification_notice_findings')
        .addColumn('notice_id', 'integer', (c) => c.notNull().references('rectification_notices.id').onDelete('cascade'))
        .addColumn('finding_id', 'integer', finding)
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rectification_notice_findings_pk', ['notice_id', 'finding_id'])
        .execute();
      await db.schema.createIndex('rectification_notice_findings_finding_idx').on('rectification_notice_findings').column('finding_id').execute();

      await db.schema
        .createTable('rectification_answers')
        .$call((t) => idColumn(t, dialect))
        .addColumn('finding_id', 'integer', finding)
        .addColumn('notice_id', 'integer', (c) => c.notNull().references('rectification_notices.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted
        .addColumn('measures', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'integer', user)
        .addColumn('submitted_at', 'text')
        .execute();
      await db.schema.createIndex('rectification_answers_finding_idx').on('rectification_answers').columns(['finding_id', 'id']).execute();

      await db.schema
        .createTable('rectification_evidence')
        .$call((t) => idColumn(t, dialect))
        .addColumn('answer_id', 'integer', (c) => c.notNull().references('rectification_answers.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rectification_evidence_answer_idx').on('rectification_evidence').column('answer_id').execute();
      await db.schema.createIndex('rectification_evidence_sha_idx').on('rectification_evidence').column('sha256').execute();

      await db.schema
        .createTable('rectification_rechecks')
        .$call((t) => idColumn(t, dialect))
        .addColumn('finding_id', 'integer', finding)
        .addColumn('answer_id', 'integer', (c) => c.notNull().references('rectification_answers.id').onDelete('cascade'))
        .addColumn('passed', 'integer', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('checked_by', 'integer', user)
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .execute();
      // One re-check per submitted answer: a second, concurrent one fails on this key instead of closing twice.
      await db.schema.createIndex('rectification_rechecks_answer_uq').on('rectification_rechecks').column('answer_id').unique().execute();
      await db.schema.createIndex('rectification_rechecks_finding_idx').on('rectification_rechecks').column('finding_id').execute();

      await db.schema
        .createTable('case_circulars')
        .$call((t) => idColumn(t, dialect))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text')
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull()) // draft | issued
        .addColumn('blocks', 'text', (c) => c.notNull()) // JSON CaseCircularBlocks
        .addColumn('created_by', 'integer', user)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'integer', user)
        .addColumn('issued_at', 'text')
        .addColumn('docx_sha256', 'text')
        .addColumn('pdf_sha256', 'text')
        .execute();
      await db.schema
        .createTable('case_circular_findings')
        .addColumn('circular_id', 'integer', (c) => c.notNull().references('case_circulars.id').onDelete('cascade'))
        // An issued circular keeps its cases: a finding that is in one cannot be deleted.
        .addColumn('finding_id', 'integer', (c) => c.notNull().references('inspection_findings.id').onDelete('restrict'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('polarity', 'text', (c) => c.notNull()) // positive | negative
        .addPrimaryKeyConstraint('case_circular_findings_pk', ['circular_id', 'finding_id'])
        .execute();
      await db.schema.createIndex('case_circular_findings_finding_idx').on('case_circular_findings').column('finding_id').execute();
    },
  };
}
