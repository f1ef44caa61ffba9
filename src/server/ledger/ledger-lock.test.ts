import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertEvent } from '../reports/reports.repo.ts';
import { createTestApp, importSeed, TEST_DIALECT, type TestApp } from '../test/helpers.ts';
import * as repo from './ledger.repo.ts';

/**
 * Found by the fuzz suite on PostgreSQL (seed 31337, 12 at a time): six concurrent ledger submits next to a
 * review deadlocked, 4 × 500. The submit locks the task row, then writes `task_plans`; the review has
 * updated `task_plans`, then inserts a task event, whose foreign key takes KEY SHARE on the task row.
 * FOR UPDATE blocks that KEY SHARE, so each waited for the other. The task lock must not block
 * foreign-key checks (FOR NO KEY UPDATE), while it still serialises the writers that take it.
 */
let t: TestApp;
let task: number;
beforeAll(async () => {
  t = await createTestApp();
  const plan = await importSeed(t);
  task = (await t.deps.db.selectFrom('tasks').select('id').where('plan_id', '=', plan).orderBy('ordinal').executeTakeFirstOrThrow()).id;
  await repo.upsertPlan(t.deps.db, task, { status: 'submitted' });
});
afterAll(async () => t.close());

const latch = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it.skipIf(TEST_DIALECT !== 'postgres')(
  'a task lock held by a submit does not deadlock with a review that writes an event',
  async () => {
    const reviewUpdated = latch();
    const submitLocked = latch();
    const review = t.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('task_plans').set({ status: 'returned', review_comment: '请补充' }).where('task_id', '=', task).execute();
      reviewUpdated.open();
      await submitLocked.opened;
      await sleep(200); // the submit is now waiting for this transaction's task_plans row
      await insertEvent(trx, {
        task_id: task,
        kind: 'plan',
        user_id: null,
        unit_id: null,
        report_id: null,
        text: '落实方案退回：请补充',
        at: new Date().toISOString(),
      });
    });
    const submit = (async () => {
      await reviewUpdated.opened;
      return t.deps.db.transaction().execute(async (trx) => {
        await repo.lockTask(trx, 'postgres', task);
        submitLocked.open();
        return repo.transitionPlan(trx, task, ['draft', 'returned'], {
          status: 'submitted',
          submitted_at: new Date().toISOString(),
          submitted_by: null,
          review_comment: null,
        });
      });
    })();
    const [r, s] = await Promise.allSettled([review, submit]);
    expect(r.status === 'rejected' ? String(r.reason) : 'ok').toBe('ok');
    expect(s).toEqual({ status: 'fulfilled', value: true });
    expect((await repo.findPlanOfTask(t.deps.db, task))?.status).toBe('submitted');
  },
  20_000,
);

it.skipIf(TEST_DIALECT !== 'postgres')('still serialises the writers that take it: of six concurrent submits one moves the plan', async () => {
  await repo.upsertPlan(t.deps.db, task, { status: 'draft' });
  const moved = await Promise.all(
    Array.from({ length: 6 }, () =>
      t.deps.db.transaction().execute(async (trx) => {
        await repo.lockTask(trx, 'postgres', task);
        return repo.transitionPlan(trx, task, ['draft', 'returned'], {
          status: 'submitted',
          submitted_at: new Date().toISOString(),
          submitted_by: null,
          review_comment: null,
        });
      }),
    ),
  );
  expect(moved.filter(Boolean)).toHaveLength(1);
});
