import { afterAll, beforeAll, expect, it } from 'vitest';
import { goldItems } from '../test/gold.ts';
import { createTestApp, importSeed, type TestApp } from '../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importSeed(t);
});
afterAll(async () => t.close());

const units = async () =>
  (await t.inject({ method: 'GET', url: '/api/units' })).json().data as {
    id: number;
    name: string;
    isCollective: boolean;
    aliases: string[];
    leadCount: number;
    responsibleCount: number;
  }[];
const byName = async (name: string) => (await units()).find((u) => u.name === name)!;

it('makes every unit name of the plan a Unit, marking collective names', async () => {
  const list = await units();
  const names = new Set(goldItems.flatMap((i) => [...i.lead, ...i.responsible]));
  expect(new Set(list.map((u) => u.name))).toEqual(names);
  expect(list.find((u) => u.name === '区直各相关部门')?.isCollective).toBe(true);
  expect(list.find((u) => u.name === '各镇（街）政府（办事处）')?.isCollective).toBe(true);
  expect(list.find((u) => u.name === '区税务局')?.isCollective).toBe(false);
});

it('suggests the aliases the plan needs', async () => {
  const res = await t.inject({ method: 'GET', url: '/api/units/alias-suggestions' });
  const pairs = res.json().data.map((s: { unitName: string; targetName: string }) => [s.unitName, s.targetName].sort().join('↔'));
  for (const [a, b] of [
    ['区行政审批服务局', '区审批服务局'],
    ['区交运局', '区交通运输局'],
    ['区文旅局', '区文化和旅游局'],
    ['区国资中心', '区国资服务中心'],
    ['区住房公积金管理中心', '区住房公积金管理部'],
    ['区直相关部门', '区直各相关部门'],
  ]) {
    expect(pairs).toContain([a, b].sort().join('↔'));
  }
});

it('merges a variant into its unit: tasks move and the name becomes an alias', async () => {
  const from = await byName('区行政审批服务局');
  const into = await byName('区审批服务局');
  const res = await t.inject({ method: 'POST', url: `/api/units/${from.id}/merge`, payload: { intoUnitId: into.id } });
  expect(res.statusCode).toBe(200);
  const merged = await byName('区审批服务局');
  expect(merged.aliases).toContain('区行政审批服务局');
  expect(merged.leadCount + merged.responsibleCount).toBeGreaterThanOrEqual(
    into.leadCount + into.responsibleCount + from.leadCount + from.responsibleCount - 1,
  );
  expect((await units()).some((u) => u.name === '区行政审批服务局')).toBe(false);
  const search = (await t.inject({ method: 'GET', url: `/api/units?q=${encodeURIComponent('行政审批')}` })).json();
  expect(search.data.map((u: { name: string }) => u.name)).toContain('区审批服务局');
  const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'unit.merge').execute();
  expect(audit).toHaveLength(1);
});

it('adds and removes aliases, refusing names that are taken', async () => {
  const u = await byName('区交通运输局');
  const add = await t.inject({ method: 'POST', url: `/api/units/${u.id}/aliases`, payload: { alias: '区交通局' } });
  expect(add.statusCode).toBe(200);
  expect(add.json().aliases).toContain('区交通局');
  const taken = await t.inject({ method: 'POST', url: `/api/units/${u.id}/aliases`, payload: { alias: '区交运局' } });
  expect(taken.statusCode).toBe(409);
  expect(taken.json().error.message).toMatch(/合并/);
  const del = await t.inject({ method: 'DELETE', url: `/api/units/${u.id}/aliases/${encodeURIComponent('区交通局')}` });
  expect(del.statusCode).toBe(200);
  expect(del.json().aliases).not.toContain('区交通局');
  const self = await t.inject({ method: 'POST', url: `/api/units/${u.id}/merge`, payload: { intoUnitId: u.id } });
  expect(self.statusCode).toBe(400);
});

it("lists a unit's tasks by deadline, undated last", async () => {
  const u = await byName('区税务局');
  const body = (await t.inject({ method: 'GET', url: `/api/units/${u.id}` })).json();
  const dues = body.tasks.map((x: { nextDue: string | null }) => x.nextDue ?? '9999');
  expect(dues).toEqual([...dues].sort());
  expect(body.tasks.length).toBe(u.leadCount + u.responsibleCount);
});

it('marks a unit collective and renames it, refusing a name in use', async () => {
  const u = await byName('区医保局');
  const res = await t.inject({ method: 'PATCH', url: `/api/units/${u.id}`, payload: { isCollective: true } });
  expect(res.json().isCollective).toBe(true);
  const clash = await t.inject({ method: 'PATCH', url: `/api/units/${u.id}`, payload: { name: '区税务局' } });
  expect(clash.statusCode).toBe(409);
});

it('refuses to merge a unit that already has an account and reports (409, nothing moved), where it answered 500', async () => {
  // Found by the fuzz suite: the delete of the merged unit broke the reports' foreign key → 500.
  const from = await byName('区交通运输局');
  const into = await byName('区审批服务局');
  const tu = await t.deps.db.selectFrom('task_units').select(['task_id']).where('unit_id', '=', from.id).executeTakeFirstOrThrow();
  await t.addUser('jt', ['unit_manager'], from.id);
  const report = await t.inject(
    { method: 'POST', url: `/api/tasks/${tu.task_id}/reports`, payload: { unitId: from.id, kind: 'part', stage: 'in_progress', narrative: '推进中' } },
    'jt',
  );
  expect(report.statusCode).toBe(201);
  const before = await t.deps.db.selectFrom('task_units').select(['id', 'unit_id']).orderBy('id').execute();
  const res = await t.inject({ method: 'POST', url: `/api/units/${from.id}/merge`, payload: { intoUnitId: into.id } });
  expect(res.statusCode, res.body).toBe(409);
  expect(res.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已有账号或填报记录.*不能合并/) });
  expect(await byName('区交通运输局')).toBeDefined();
  expect(await t.deps.db.selectFrom('task_units').select(['id', 'unit_id']).orderBy('id').execute()).toEqual(before);
  expect((await t.deps.db.selectFrom('users').select('unit_id').where('username', '=', 'jt').executeTakeFirstOrThrow()).unit_id).toBe(from.id);
});
