import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_RULES } from '#core/reminders/settings.ts';
import { type DashboardWorld, dashboardWorld } from '../test/dashboard-world.ts';
import { statusesOf } from '../tasks/task-status.ts';
import { forgetDashboardCache, taskStatusesOf } from './dashboard.service.ts';

/** The dashboard's edges: bad queries, and a cached table that never serves what a write has changed. */
let t: DashboardWorld['t'];
let planId: number;
let otherPlanId: number;
let resp: number;
let closedTasks: number[];
let reportedByResp: number[];
let get: DashboardWorld['get'];
let json: DashboardWorld['json'];
let post: DashboardWorld['post'];

beforeAll(async () => {
  ({ t, planId, otherPlanId, resp, closedTasks, reportedByResp, get, json, post } = await dashboardWorld());
});
afterAll(async () => t.close());

describe('input and freshness', () => {
  it('answers bad queries with 400 and a Chinese message, unknown plans and sections with 404', async () => {
    for (const url of [
      '/api/dashboard/summary?planId=abc',
      '/api/dashboard/units?limit=0',
      '/api/dashboard/tasks?status=late',
      '/api/dashboard/tasks?month=2021-13',
      '/api/dashboard/tasks?pageSize=1000',
      '/api/dashboard/roadmap?sectionId=-1',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message, url).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await get('/api/dashboard/tasks?status=late')).json().error.message).toContain('状态应为');
    expect((await get('/api/dashboard/summary?planId=9999')).statusCode).toBe(404);
    expect((await get('/api/dashboard/rounds?planId=9999')).statusCode).toBe(404);
    expect((await get('/api/dashboard/roadmap?sectionId=99999')).json().error.message).toBe('章节不存在');
    const foreign = (await json(`/api/dashboard/sections?planId=${otherPlanId}`)).data[0].sectionId;
    expect((await get(`/api/dashboard/tasks?planId=${planId}&sectionId=${foreign}`)).statusCode).toBe(400);
    expect((await get('/api/dashboard/summary', null)).statusCode).toBe(401);
  });

  it('shows a write on the next request (the cache follows the audit trail)', async () => {
    const before = await json(`/api/dashboard/summary?planId=${planId}`);
    const rateOf = async () =>
      (await json(`/api/dashboard/units?planId=${planId}`)).data.find((u: { unitId: number }) => u.unitId === resp).reportingRate as number;
    const rateBefore = await rateOf();
    const open = (await json(`/api/dashboard/tasks?planId=${planId}&unitId=${resp}&status=overdue&pageSize=200`)).data;
    const fresh = open.find((x: { id: number }) => !reportedByResp.includes(x.id));
    const r = await post(`/api/tasks/${fresh.id}/reports`, { unitId: resp, kind: 'part', stage: 'in_progress', narrative: '新进展' }, 'resp');
    await post(`/api/reports/${r.id}/submit`, undefined, 'resp');
    expect(await rateOf()).toBeGreaterThan(rateBefore);
    await post(`/api/tasks/${closedTasks[0]!}/reopen`, { reason: '复核发现问题' }, 'coordinator');
    const after = await json(`/api/dashboard/summary?planId=${planId}`);
    expect(after.counts.done + after.counts.doneLate).toBe(before.counts.done + before.counts.doneLate - 1);
    expect(after.counts.total).toBe(before.counts.total);
    // The table refreshed task by task after these writes is the one a full rebuild gives.
    const tasks = await t.deps.db.selectFrom('tasks').select(['id', 'closed_on']).execute();
    const slow = await statusesOf(t.deps, tasks);
    const fast = await taskStatusesOf(t.deps, undefined);
    expect(new Map([...fast].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...slow].sort((a, b) => a[0] - b[0])));
    const units = (await json(`/api/dashboard/units?planId=${planId}`)).data;
    forgetDashboardCache(t.deps);
    expect((await json(`/api/dashboard/units?planId=${planId}`)).data).toEqual(units);
  });

  it('follows settings (临期 days) and unit renames without serving a stale table', async () => {
    const tasks = await t.deps.db.selectFrom('tasks').select(['id', 'closed_on']).execute();
    const day = '2021-06-22';
    const before = await taskStatusesOf(t.deps, undefined, day);
    const put = await t.inject({ method: 'PUT', url: '/api/settings/reminders', payload: { ...DEFAULT_REMINDER_RULES, dueSoonWorkdays: 10 } }, 'admin');
    expect(put.statusCode, put.body).toBe(200);
    const after = await taskStatusesOf(t.deps, undefined, day);
    const count = (m: Map<number, string>) => [...m.values()].filter((x) => x === 'due_soon').length;
    expect(count(after)).toBeGreaterThan(count(before));
    expect(after).toEqual(await statusesOf(t.deps, tasks, day));

    const heat = await json(`/api/dashboard/heatmap?planId=${planId}`);
    const unit = heat.units[0];
    const renamed = await t.inject({ method: 'PATCH', url: `/api/units/${unit.unitId}`, payload: { name: `${unit.name}（更名）` } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await json(`/api/dashboard/heatmap?planId=${planId}`)).units[0].name).toBe(`${unit.name}（更名）`);
    const ranked = (await json(`/api/dashboard/units?planId=${planId}`)).data.find((u: { unitId: number }) => u.unitId === unit.unitId);
    expect(ranked.name).toBe(`${unit.name}（更名）`);
  });
});
