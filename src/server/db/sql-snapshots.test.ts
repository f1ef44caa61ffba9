import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dashboardRepo from '../dashboard/dashboard.repo.ts';
import * as roundsRepo from '../rounds/rounds.repo.ts';
import * as tasksRepo from '../tasks/tasks.repo.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { watchStatements } from '../test/query-observers.ts';

/**
 * The SQL of the heavy read models, as each dialect receives it, kept in a snapshot file per dialect:
 * a change to the dashboards' task table, the task list's filters or the rounds' reporting counts
 * shows in review as a change of SQL, and a query plan looked at with EXPLAIN ANALYZE (issue 9) cannot
 * drift unseen. An update is `npx vitest run -u src/server/db/sql-snapshots.test.ts` on both databases.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** The statements `run` sends, in order. */
async function sqlOf(run: (db: TestApp['deps']['db']) => Promise<unknown>): Promise<string> {
  const executor = t.deps.db.getExecutor();
  const statements: string[] = [];
  const capture = watchStatements((node) => {
    const q = executor.compileQuery(node, { queryId: 'snapshot' } as never);
    statements.push(`${q.sql};\n-- parameters: ${JSON.stringify(q.parameters)}`);
  });
  await run(t.deps.db.withPlugin(capture));
  return statements.join('\n\n');
}

describe(`SQL of the heavy read models (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('matches the stored snapshot', async () => {
    const dialect = t.deps.dialect;
    const parts: [string, string][] = [
      ['dashboard: the task table of all plans', await sqlOf((db) => dashboardRepo.findTasks(db, {}, dialect))],
      ['dashboard: the task table of one plan', await sqlOf((db) => dashboardRepo.findTasks(db, { planId: 7 }, dialect))],
      ['dashboard: closed rounds of a plan', await sqlOf((db) => dashboardRepo.closedRounds(db, 7))],
      ['dashboard: snapshot members', await sqlOf((db) => dashboardRepo.snapshotMembers(db, dialect, [1, 2]))],
      ['dashboard: ledger starts of a section', await sqlOf((db) => dashboardRepo.ledgerStarts(db, { planId: 7, sectionId: 3 }))],
      [
        'task list: every filter',
        await sqlOf((db) =>
          tasksRepo.findTasks(db, { planId: 7, sectionId: 3, unitId: 5, role: 'lead', month: '2021-06', q: '审批' }, { offset: 20, limit: 20 }),
        ),
      ],
      ['task list: tasks with no deadline', await sqlOf((db) => tasksRepo.findTasks(db, { planId: 7, noDeadline: true }, { offset: 0, limit: 20 }))],
      ['rounds: units that reported', await sqlOf((db) => roundsRepo.countReportedUnits(db, [1, 2]))],
    ];
    const text = parts.map(([title, sql]) => `-- ${title}\n${sql}\n`).join('\n');
    await expect(text).toMatchFileSnapshot(`__snapshots__/read-models.${dialect}.sql`);
  });
});
