import type { Kysely } from 'kysely';
import { idColumn, type Dialect } from '../dialect.ts';

/** Plans, their sections, tasks, milestones and units; import drafts; indicators; the audit trail. */
export function initial(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('plans')
        .$call((t) => idColumn(t, dialect))
        .addColumn('number', 'text')
        .addColumn('issuer', 'text')
        .addColumn('issue_date', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('year', 'integer')
        .addColumn('level', 'text')
        .addColumn('parent_plan_id', 'integer', (c) => c.references('plans.id').onDelete('set null'))
        .addColumn('file_name', 'text')
        .addColumn('source_hash', 'text', (c) => c.notNull().unique())
        .addColumn('source_text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('plan_goals')
        .$call((t) => idColumn(t, dialect))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text')
        .addColumn('span_start', 'integer')
        .addColumn('span_end', 'integer')
        .execute();

      await db.schema
        .createTable('indicators')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sections')
        .$call((t) => idColumn(t, dialect))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('heading', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('indicator_code', 'text', (c) => c.references('indicators.code'))
        .execute();

      await db.schema
        .createTable('tasks')
        .$call((t) => idColumn(t, dialect))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('span_start', 'integer')
        .addColumn('span_end', 'integer')
        .addColumn('spans', 'text')
        .execute();
      await db.schema.createIndex('tasks_plan_idx').on('tasks').columns(['plan_id', 'ordinal']).execute();

      await db.schema
        .createTable('milestones')
        .$call((t) => idColumn(t, dialect))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('clause', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text')
        .addColumn('span_start', 'integer')
        .addColumn('span_end', 'integer')
        .execute();
      await db.schema.createIndex('milestones_task_idx').on('milestones').column('task_id').execute();
      await db.schema.createIndex('milestones_plan_due_idx').on('milestones').columns(['plan_id', 'due_date']).execute();

      await db.schema
        .createTable('units')
        .$call((t) => idColumn(t, dialect))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('is_collective', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('parent_id', 'integer', (c) => c.references('units.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('unit_aliases')
        .$call((t) => idColumn(t, dialect))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
        .addColumn('alias', 'text', (c) => c.notNull().unique())
        .execute();

      await db.schema
        .createTable('task_units')
        .$call((t) => idColumn(t, dialect))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('name_as_written', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('task_units_task_idx').on('task_units').column('task_id').execute();
      await db.schema.createIndex('task_units_unit_idx').on('task_units').columns(['unit_id', 'role']).execute();

      await db.schema
        .createTable('import_drafts')
        .$call((t) => idColumn(t, dialect))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('source_hash', 'text', (c) => c.notNull())
        .addColumn('source_text', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'integer', (c) => c.references('plans.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('audit_events')
        .$call((t) => idColumn(t, dialect))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('actor_unit_id', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('client_ip', 'text')
        .execute();
      await db.schema.createIndex('audit_events_at_idx').on('audit_events').column('at').execute();

      await db
        .insertInto('indicators')
        .values(INDICATORS.map(([code, name, name_en], i) => ({ code, ordinal: i + 1, name, name_en })))
        .execute();
    },
  };
}

/** The 18 national business-environment indicators, frozen as of this migration. */
const INDICATORS: [string, string, string][] = [
  ['starting-business', '开办企业', 'Starting a business'],
  ['construction-permits', '办理建筑许可', 'Dealing with construction permits'],
  ['electricity', '获得电力', 'Getting electricity'],
  ['water-gas', '获得用水用气', 'Getting water and gas'],
  ['registering-property', '登记财产', 'Registering property'],
  ['paying-taxes', '纳税', 'Paying taxes'],
  ['trading-across-borders', '跨境贸易', 'Trading across borders'],
  ['resolving-insolvency', '办理破产', 'Resolving insolvency'],
  ['getting-credit', '获得信贷', 'Getting credit'],
  ['minority-investors', '保护中小投资者', 'Protecting minority investors'],
  ['enforcing-contracts', '执行合同', 'Enforcing contracts'],
  ['labour-market', '劳动力市场监管', 'Labour market regulation'],
  ['government-procurement', '政府采购', 'Government procurement'],
  ['bidding-tendering', '招标投标', 'Bidding and tendering'],
  ['government-services', '政务服务', 'Government services'],
  ['intellectual-property', '知识产权创造保护运用', 'IP creation, protection and use'],
  ['market-regulation', '市场监管', 'Market regulation'],
  ['inclusive-innovation', '包容普惠创新', 'Inclusive and innovative development'],
];
