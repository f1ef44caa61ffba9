import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * `dashboard_task_facts`: one row per task with what the dashboards otherwise derive from the
 * 200,000-row `progress_reports` and the 50,000-row `task_units` on every cold start — maintained by
 * triggers in the same transaction as every write to those tables, whatever code path makes it
 * (API, import, merge, seed, cascade), so it can never be staler than the rows it sums up.
 *
 * - `progressed`: 1 when the task has any non-draft report (the progress fact of the task status).
 * - `reported_units`: the units with a submitted or accepted report on the task, comma-separated
 *   ids (the ranking's "reported" column), NULL for none.
 * - `units`: the units named on the task in document order, comma-separated ids, the lead ones
 *   marked `*` ("12*,40,41"), NULL for none.
 * - `milestones`: the task's milestones in document order, `due~completed` each ('' for none:
 *   "2026-06-30~2026-06-12,~"), NULL for none — what the task status is computed from.
 *
 * The dashboards then build their per-task table from one read of 20,000 rows (tasks joined with
 * their facts) instead of 20,000 tasks, 16,000 milestones, 51,600 links and 200,000 reports.
 *
 * Each trigger recomputes the columns of the tasks it touched from their rows (a probe of the
 * per-task indexes), so the table is exact rather than a running counter. On PostgreSQL the
 * triggers are per statement (transition tables: a plan import of 1,000 links recomputes each
 * task once) and lock the tasks' fact rows before they recompute: under READ COMMITTED the
 * recomputing statement then sees every transaction that wrote the same task before, so two
 * concurrent submits cannot leave a count that misses one of them.
 */
export function dashboardTaskFacts(dialect: Dialect) {
  // Every recomputation reads by task only (the status in CASE, never in WHERE): with the status in
  // WHERE, a planner without statistics (a bulk import) ANDs in the status index, a scan of most reports
  // per task.
  const progressed = (t: string) => `COALESCE((SELECT MAX(CASE WHEN r.status <> 'draft' THEN 1 ELSE 0 END) FROM progress_reports r WHERE r.task_id = ${t}), 0)`;
  const reported = (t: string) =>
    dialect === 'postgres'
      ? `(SELECT string_agg(DISTINCT CASE WHEN r.status IN ('submitted', 'accepted') THEN r.unit_id::text END, ',') FROM progress_reports r WHERE r.task_id = ${t})`
      : `(SELECT group_concat(DISTINCT CASE WHEN r.status IN ('submitted', 'accepted') THEN r.unit_id END) FROM progress_reports r WHERE r.task_id = ${t})`;
  const units = (t: string) =>
    dialect === 'postgres'
      ? `(SELECT string_agg(tu.unit_id::text || CASE WHEN tu.role = 'lead' THEN '*' ELSE '' END, ',' ORDER BY tu.ordinal, tu.id) FROM task_units tu WHERE tu.task_id = ${t})`
      : `(SELECT group_concat(tu.unit_id || CASE WHEN tu.role = 'lead' THEN '*' ELSE '' END, ',' ORDER BY tu.ordinal, tu.id) FROM task_units tu WHERE tu.task_id = ${t})`;
  const milestones = (t: string) =>
    dialect === 'postgres'
      ? `(SELECT string_agg(COALESCE(m.due_date, '') || '~' || COALESCE(m.completed_on, ''), ',' ORDER BY m.ordinal, m.id) FROM milestones m WHERE m.task_id = ${t})`
      : `(SELECT group_concat(COALESCE(m.due_date, '') || '~' || COALESCE(m.completed_on, ''), ',' ORDER BY m.ordinal, m.id) FROM milestones m WHERE m.task_id = ${t})`;
  const reportSet = (t: string) => `progressed = ${progressed(t)}, reported_units = ${reported(t)}`;
  const unitSet = (t: string) => `units = ${units(t)}`;
  const milestoneSet = (t: string) => `milestones = ${milestones(t)}`;

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('dashboard_task_facts')
        .addColumn('task_id', 'integer', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
        .addColumn('progressed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reported_units', 'text')
        .addColumn('units', 'text')
        .addColumn('milestones', 'text')
        .execute();
      await sql
        .raw(
          `INSERT INTO dashboard_task_facts (task_id, progressed, reported_units, units, milestones) SELECT t.id, ${progressed('t.id')}, ${reported('t.id')}, ${units('t.id')}, ${milestones('t.id')} FROM tasks t`,
        )
        .execute(db);

      if (dialect === 'sqlite') {
        // One writer at a time: per-row triggers recomputing the task's row are exact.
        const upsert = (t: string) => `INSERT OR IGNORE INTO dashboard_task_facts (task_id) VALUES (${t});`;
        await sql
          .raw(
            `CREATE TRIGGER dashboard_facts_report_insert AFTER INSERT ON progress_reports BEGIN ${upsert('NEW.task_id')} UPDATE dashboard_task_facts SET ${reportSet('dashboard_task_facts.task_id')} WHERE task_id = NEW.task_id; END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER dashboard_facts_report_update AFTER UPDATE OF task_id, unit_id, status ON progress_reports BEGIN ${upsert('NEW.task_id')} UPDATE dashboard_task_facts SET ${reportSet('dashboard_task_facts.task_id')} WHERE task_id IN (OLD.task_id, NEW.task_id); END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER dashboard_facts_report_delete AFTER DELETE ON progress_reports BEGIN UPDATE dashboard_task_facts SET ${reportSet('dashboard_task_facts.task_id')} WHERE task_id = OLD.task_id; END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER dashboard_facts_unit_insert AFTER INSERT ON task_units BEGIN ${upsert('NEW.task_id')} UPDATE dashboard_task_facts SET ${unitSet('dashboard_task_facts.task_id')} WHERE task_id = NEW.task_id; END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER dashboard_facts_unit_update AFTER UPDATE OF task_id, unit_id, role, ordinal ON task_units BEGIN ${upsert('NEW.task_id')} UPDATE dashboard_task_facts SET ${unitSet('dashboard_task_facts.task_id')} WHERE task_id IN (OLD.task_id, NEW.task_id); END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER dashboard_facts_unit_delete AFTER DELETE ON task_units BEGIN UPDATE dashboard_task_facts SET ${unitSet('dashboard_task_facts.task_id')} WHERE task_id = OLD.task_id; END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER dashboard_facts_milestone_insert AFTER INSERT ON milestones BEGIN ${upsert('NEW.task_id')} UPDATE dashboard_task_facts SET ${milestoneSet('dashboard_task_facts.task_id')} WHERE task_id = NEW.task_id; END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER dashboard_facts_milestone_update AFTER UPDATE OF task_id, ordinal, due_date, completed_on ON milestones BEGIN ${upsert('NEW.task_id')} UPDATE dashboard_task_facts SET ${milestoneSet('dashboard_task_facts.task_id')} WHERE task_id IN (OLD.task_id, NEW.task_id); END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER dashboard_facts_milestone_delete AFTER DELETE ON milestones BEGIN UPDATE dashboard_task_facts SET ${milestoneSet('dashboard_task_facts.task_id')} WHERE task_id = OLD.task_id; END`,
          )
          .execute(db);
        // A task without reports or units still gets its row, so the table has every task.
        await sql.raw(`CREATE TRIGGER dashboard_facts_task_insert AFTER INSERT ON tasks BEGIN ${upsert('NEW.id')} END`).execute(db);
        return;
      }

      // PostgreSQL: one function per source table; `changed` is the set of tasks the statement touched.
      const fn = (name: string, cols: string[], set: string) => {
        const differs = `(${cols.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${cols.map((c) => `n.${c}`).join(', ')})`;
        // jit off: on a bulk write into tables not analyzed yet the estimates run into the JIT thresholds,
        // and compiling the recomputation costs seconds where running it costs milliseconds.
        return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
          DECLARE changed integer[];
          BEGIN
            IF TG_OP = 'INSERT' THEN
              SELECT array_agg(DISTINCT task_id) INTO changed FROM new_rows;
            ELSIF TG_OP = 'DELETE' THEN
              SELECT array_agg(DISTINCT task_id) INTO changed FROM old_rows;
            ELSE
              SELECT array_agg(DISTINCT x) INTO changed FROM (
                SELECT o.task_id AS x FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${differs}
                UNION SELECT n.task_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${differs}) s;
            END IF;
            IF changed IS NULL THEN RETURN NULL; END IF;
            -- Tasks still present get their row; a task deleted in this transaction (cascade) does not.
            -- Joins with unnest(changed), never "= ANY(changed)": a filter against a 2,000-element array row by
            -- row is quadratic when the planner scans (a bulk import into tables not analyzed yet).
            INSERT INTO dashboard_task_facts (task_id) SELECT t.id FROM unnest(changed) c(id) JOIN tasks t ON t.id = c.id ORDER BY t.id ON CONFLICT (task_id) DO NOTHING;
            -- Wait for any other transaction that wrote these tasks, so the next statement sees its rows.
            PERFORM 1 FROM dashboard_task_facts f JOIN unnest(changed) c(id) ON f.task_id = c.id ORDER BY f.task_id FOR UPDATE OF f;
            -- Planned afresh each time (EXECUTE): a plan PL/pgSQL cached while the source tables were small
            -- (a sequential scan) would otherwise be kept on a pooled connection as they grow to 200,000 rows.
            EXECUTE $q$UPDATE dashboard_task_facts f SET ${set} FROM unnest($1) c(id) WHERE f.task_id = c.id$q$ USING changed;
            RETURN NULL;
          END $$`;
      };
      await sql.raw(fn('dashboard_facts_of_reports', ['task_id', 'unit_id', 'status'], reportSet('f.task_id'))).execute(db);
      await sql.raw(fn('dashboard_facts_of_units', ['task_id', 'unit_id', 'role', 'ordinal'], unitSet('f.task_id'))).execute(db);
      await sql.raw(fn('dashboard_facts_of_milestones', ['task_id', 'ordinal', 'due_date', 'completed_on'], milestoneSet('f.task_id'))).execute(db);
      for (const [table, func] of [
        ['progress_reports', 'dashboard_facts_of_reports'],
        ['task_units', 'dashboard_facts_of_units'],
        ['milestones', 'dashboard_facts_of_milestones'],
      ] as const) {
        await sql
          .raw(`CREATE TRIGGER ${table}_facts_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${func}()`)
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER ${table}_facts_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${func}()`,
          )
          .execute(db);
        await sql
          .raw(`CREATE TRIGGER ${table}_facts_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${func}()`)
          .execute(db);
      }
      await sql
        .raw(
          `CREATE FUNCTION dashboard_facts_of_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             INSERT INTO dashboard_task_facts (task_id) SELECT id FROM new_rows ORDER BY id ON CONFLICT (task_id) DO NOTHING;
             RETURN NULL;
           END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER tasks_facts_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_facts_of_tasks()`,
        )
        .execute(db);
    },
  };
}
