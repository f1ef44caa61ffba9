import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { insertPlanTree } from './plan-tree.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const tree = {
  importedAt: '2022-03-02T01:00:00.000Z',
  document: { number: '测政发〔2022〕1号', issuer: '测试区人民政府', date: '2022-03-01', title: '测试方案', plan_year: 2022, level: 'district' as const, parentPlanId: null },
  goals: [{ text: '6月底前取得实质性进展', date: '2022-06-30' }],
  tasks: [
    { path: ['一、开办企业'], number: '1', title: '压缩开办时间', text: '压缩开办时间。6月底前实现一日办结。', deadlines: [{ text: '6月底前', date: '2022-06-30' }], lead: ['区审批服务局'], responsible: ['区市场监管局', '区直各相关部门'], spans: null },
    { path: ['二、获得电力'], number: '1', title: '简化报装', text: '简化报装。', deadlines: [], lead: [], responsible: ['区供电公司'], spans: null },
  ],
  source: '全文', sourceHash: 'h1', fileName: 'x.txt',
};

it('writes sections mapped to indicators, milestones with their clause, and units marked collective', async () => {
  const planId = await t.deps.db.transaction().execute((trx) => insertPlanTree(trx, tree));
  const sections = await t.deps.db.selectFrom('sections').select(['title', 'indicator_code']).where('plan_id', '=', planId).orderBy('ordinal').execute();
  expect(sections).toEqual([{ title: '开办企业', indicator_code: 'starting-business' }, { title: '获得电力', indicator_code: 'electricity' }]);
  const ms = await t.deps.db.selectFrom('milestones').select(['text', 'clause', 'due_date']).where('plan_id', '=', planId).execute();
  expect(ms).toEqual([{ text: '6月底前', clause: '6月底前实现一日办结。', due_date: '2022-06-30' }]);
  const units = await t.deps.db.selectFrom('units').select(['name', 'is_collective']).orderBy('name').execute();
  expect(units.find((u) => u.name === '区直各相关部门')?.is_collective).toBe(1);
  expect(units.find((u) => u.name === '区审批服务局')?.is_collective).toBe(0);
});

it('leaves nothing behind when the transaction fails after the plan is written', async () => {
  const before = await t.deps.db.selectFrom('plans').select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow();
  await expect(
    t.deps.db.transaction().execute(async (trx) => {
      await insertPlanTree(trx, { ...tree, sourceHash: 'h2', document: { ...tree.document, number: '测政发〔2022〕2号' } });
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  const after = await t.deps.db.selectFrom('plans').select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow();
  expect(Number(after.c)).toBe(Number(before.c));
  const tasks = await t.deps.db.selectFrom('tasks').select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow();
  expect(Number(tasks.c)).toBe(2);
});

it('resolves a name through an alias onto the existing unit', async () => {
  const target = await t.deps.db.selectFrom('units').select('id').where('name', '=', '区审批服务局').executeTakeFirstOrThrow();
  await t.deps.db.insertInto('unit_aliases').values({ unit_id: target.id, alias: '区行政审批服务局' }).execute();
  const planId = await t.deps.db.transaction().execute((trx) =>
    insertPlanTree(trx, { ...tree, sourceHash: 'h3', document: { ...tree.document, number: null }, tasks: [{ ...tree.tasks[0]!, lead: ['区行政审批服务局'] }] }),
  );
  const tu = await t.deps.db.selectFrom('task_units').select(['unit_id', 'name_as_written']).where('plan_id', '=', planId).where('role', '=', 'lead').execute();
  expect(tu).toEqual([{ unit_id: target.id, name_as_written: '区行政审批服务局' }]);
});
