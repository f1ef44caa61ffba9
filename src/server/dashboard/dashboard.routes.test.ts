import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { chinaDay } from '#core/calendar/dates.ts';
import type { StatusCounts } from '#core/rounds/types.ts';
import { COUNT_KEYS } from '#core/status/counts.ts';
import { WORK_STATUSES } from '#core/status/status.ts';
import { type DashboardWorld, dashboardWorld } from '../test/dashboard-world.ts';
import { statusesOf } from '../tasks/task-status.ts';
import { forgetDashboardCache, taskStatusesOf } from './dashboard.service.ts';

/** The dashboard's figures, read over HTTP, agree with each other and with the task statuses computed one by one. */
let t: DashboardWorld['t'];
let planId: number;
let otherPlanId: number;
let lead: number;
let resp: number;
let closedTasks: number[];
let milestoneClosed: number | null;
let json: DashboardWorld['json'];

beforeAll(async () => {
  ({ t, planId, otherPlanId, lead, resp, closedTasks, milestoneClosed, json } = await dashboardWorld());
});
afterAll(async () => t.close());

describe('status table', () => {
  it('equals statusesOf on every task, on days before, around and after the checkpoints', async () => {
    const tasks = await t.deps.db.selectFrom('tasks').select(['id', 'closed_on']).execute();
    expect(tasks.filter((x) => x.closed_on).length).toBeGreaterThanOrEqual(3);
    expect(milestoneClosed).not.toBeNull();
    const own = await t.deps.db.selectFrom('milestones').select('completed_on').where('task_id', '=', milestoneClosed!).execute();
    expect(own.filter((m) => m.completed_on !== null)).toHaveLength(1);
    for (const today of ['2021-05-20', '2021-06-01', '2021-06-25', '2021-09-27', '2022-01-10', chinaDay(Date.now())]) {
      const slow = await statusesOf(t.deps, tasks, today);
      const fast = await taskStatusesOf(t.deps, undefined, today);
      expect(fast.size).toBe(slow.size);
      for (const [id, status] of slow) expect(fast.get(id), `task ${id} on ${today}`).toBe(status);
      const seen = new Set(fast.values());
      if (today === '2021-06-25') for (const s of ['due_soon', 'in_progress', 'not_started'] as const) expect(seen).toContain(s);
    }
    const now = new Set((await taskStatusesOf(t.deps, planId)).values());
    for (const s of ['overdue', 'done', 'done_late', 'not_started'] as const) expect(now).toContain(s);
  });
});

describe('dashboard figures agree with each other', () => {
  it('summary = sum of sections = drill-down totals per status', async () => {
    const s = await json(`/api/dashboard/summary?planId=${planId}`);
    expect(s).toMatchObject({ asOf: chinaDay(Date.now()), plans: 1, tasks: 199 });
    const sections = (await json(`/api/dashboard/sections?planId=${planId}`)).data;
    expect(sections).toHaveLength(19);
    for (const key of ['total', 'notStarted', 'inProgress', 'dueSoon', 'overdue', 'done', 'doneLate'] as const) {
      expect(
        sections.reduce((n: number, x: { counts: StatusCounts }) => n + x.counts[key], 0),
        key,
      ).toBe(s.counts[key]);
    }
    expect(s.counts.completionRate).toBe(Math.round(((s.counts.done + s.counts.doneLate) / 199) * 10_000) / 10_000);
    const slow = await statusesOf(t.deps, await t.deps.db.selectFrom('tasks').select(['id', 'closed_on']).where('plan_id', '=', planId).execute());
    for (const status of WORK_STATUSES) {
      const d = await json(`/api/dashboard/tasks?planId=${planId}&status=${status}&pageSize=200`);
      expect(d.total, status).toBe(s.counts[COUNT_KEYS[status]]);
      expect(d.data.every((row: { id: number; status: string }) => row.status === status && slow.get(row.id) === status)).toBe(true);
    }
    expect(s.counts.done + s.counts.doneLate).toBe(closedTasks.length);
    // Without planId every plan counts.
    const all = await json('/api/dashboard/summary');
    expect(all).toMatchObject({ plans: 2, tasks: 201 });
    expect(all.counts.notStarted).toBe(s.counts.notStarted + 2);
  });

  it('burn-up ends with every dated task due and every closed task done', async () => {
    const b = await json(`/api/dashboard/burnup?planId=${planId}`);
    expect(b.checkpoints.map((c: { date: string }) => c.date)).toEqual(['2021-06-05', '2021-06-30', '2021-09-30', '2021-12-31']);
    expect(b.checkpoints[1].text).toContain('6月底');
    const dated = await t.deps.db
      .selectFrom('milestones')
      .select('task_id')
      .distinct()
      .where('plan_id', '=', planId)
      .where('due_date', 'is not', null)
      .execute();
    const last = b.series.at(-1);
    expect(last.due).toBe(dated.length);
    expect(last.done).toBe(closedTasks.length);
    expect(last.date).toBe(chinaDay(Date.now())); // the last closure was today
    expect(b.series[0].date).toBe('2021-05-26'); // the plan's issue date
    expect(new Date(b.series[1].date).getTime() - new Date(b.series[0].date).getTime()).toBe(7 * 86_400_000);
    for (let i = 1; i < b.series.length; i += 1) {
      expect(b.series[i].due).toBeGreaterThanOrEqual(b.series[i - 1].due);
      expect(b.series[i].done).toBeGreaterThanOrEqual(b.series[i - 1].done);
    }
    const atJuneEnd = b.series.filter((p: { date: string }) => p.date <= '2021-06-30').at(-1);
    const dueByThen = await t.deps.db
      .selectFrom('milestones')
      .select((eb) => ['task_id', eb.fn.max('due_date').as('last')])
      .where('plan_id', '=', planId)
      .where('due_date', 'is not', null)
      .groupBy('task_id')
      .execute();
    expect(atJuneEnd.due).toBe(dueByThen.filter((r) => (r.last as string) <= atJuneEnd.date).length);
  });

  it('ranks units with counts the drill-down reproduces', async () => {
    const units = (await json(`/api/dashboard/units?planId=${planId}`)).data;
    const s = await json(`/api/dashboard/summary?planId=${planId}`);
    expect(units).toHaveLength(s.units);
    expect(units.map((u: { rank: number }) => u.rank)[0]).toBe(1);
    for (let i = 1; i < units.length; i += 1) expect(units[i].score).toBeLessThanOrEqual(units[i - 1].score);
    const mine = units.find((u: { unitId: number }) => u.unitId === lead);
    const drill = await json(`/api/dashboard/tasks?planId=${planId}&unitId=${lead}&pageSize=200`);
    expect(mine.tasks).toBe(drill.total);
    expect(mine.done).toBe(drill.data.filter((r: { status: string }) => r.status === 'done' || r.status === 'done_late').length);
    expect(mine.overdue).toBe((await json(`/api/dashboard/tasks?planId=${planId}&unitId=${lead}&status=overdue`)).total);
    expect(mine.completionRate).toBe(Math.round((mine.done / mine.tasks) * 10_000) / 10_000);
    // Accepted consolidated reports on the closed tasks and the closed milestone count as reported.
    expect(mine.reportingRate).toBe(Math.round(((closedTasks.length + 1) / mine.tasks) * 10_000) / 10_000);
    expect(mine.score).toBe(Math.round((50 * mine.completionRate + 30 * mine.timelinessRate + 20 * mine.reportingRate) * 10) / 10);
    const respRow = units.find((u: { unitId: number }) => u.unitId === resp);
    expect(respRow.reportingRate).toBeGreaterThan(0);
    expect((await json(`/api/dashboard/units?planId=${planId}&limit=5`)).data).toHaveLength(5);
  });

  it('maps missed milestones by unit and month; a cell drills down to its tasks', async () => {
    const h = await json(`/api/dashboard/heatmap?planId=${planId}`);
    expect(h.units.length).toBeGreaterThan(0);
    expect(h.units.length).toBeLessThanOrEqual(30);
    expect(h.months[0]).toBe('2021-05');
    const [ui, mi, count] = h.cells[0];
    const drill = await json(`/api/dashboard/tasks?planId=${planId}&unitId=${h.units[ui].unitId}&month=${h.months[mi]}&status=overdue,done_late&pageSize=200`);
    // In 2026 every dated milestone of 2021 was missed unless its task was closed on time: none was.
    const milestones = await t.deps.db
      .selectFrom('milestones')
      .select(['task_id'])
      .where(
        'task_id',
        'in',
        drill.data.map((d: { id: number }) => d.id),
      )
      .where('due_date', 'like', `${h.months[mi]}%`)
      .execute();
    expect(count).toBe(milestones.length);
    const totals = new Map<number, number>();
    for (const [u, , c] of h.cells) totals.set(u, (totals.get(u) ?? 0) + c);
    for (let i = 1; i < h.units.length; i += 1) expect(totals.get(i)!).toBeLessThanOrEqual(totals.get(i - 1)!);
  });

  it('reads the trend from closed rounds’ snapshots only', async () => {
    const r = (await json('/api/dashboard/rounds')).data;
    expect(r).toEqual([
      {
        roundId: expect.any(Number),
        title: '第1期调度',
        closedAt: '2021-07-06T02:00:00.000Z',
        dueDate: '2021-07-05',
        completionRate: 0.25,
        overdue: 30,
        reportingRate: 0.75,
      },
    ]);
    const one = (await json(`/api/dashboard/rounds?planId=${planId}`)).data;
    expect(one[0]).toMatchObject({ completionRate: 0.4, overdue: 10, reportingRate: 0.75 });
    expect((await json(`/api/dashboard/rounds?planId=${otherPlanId}`)).data).toEqual([]);
    // Picked once out of the snapshot and kept: a restarted server reads the small row, not the snapshot.
    const kept = await sql<{ round_id: number; figures: string }>`select round_id, figures from dashboard_round_figures`.execute(t.deps.db);
    expect(kept.rows.map((k) => Number(k.round_id))).toEqual([r[0].roundId]);
    expect(JSON.parse(kept.rows[0]!.figures).reporting).toEqual({ expected: 40, onTime: 25, late: 5 });
    forgetDashboardCache(t.deps);
    expect((await json('/api/dashboard/rounds')).data).toEqual(r);
  });

  it('draws the roadmap of a section from the ledger start or the issue date to the last deadline', async () => {
    const all = (await json(`/api/dashboard/roadmap?planId=${planId}`)).data;
    expect(all).toHaveLength(199);
    const first = all[0];
    const section = (await json(`/api/dashboard/roadmap?sectionId=${first.sectionId}`)).data;
    expect(section.length).toBe((await json(`/api/dashboard/tasks?sectionId=${first.sectionId}`)).total);
    expect(section.every((x: { sectionId: number }) => x.sectionId === first.sectionId)).toBe(true);
    const ledgerTask = all.find((x: { start: string }) => x.start === '2021-06-01');
    expect(ledgerTask).toBeTruthy();
    expect(all.filter((x: { start: string }) => x.start !== '2021-06-01').every((x: { start: string }) => x.start === '2021-05-26')).toBe(true);
    const ends = await t.deps.db
      .selectFrom('milestones')
      .select((eb) => ['task_id', eb.fn.max('due_date').as('last')])
      .where('plan_id', '=', planId)
      .groupBy('task_id')
      .execute();
    const endOf = new Map(ends.map((e) => [e.task_id, e.last]));
    for (const row of all) expect(row.end).toBe(endOf.get(row.taskId) ?? null);
    expect(all.find((x: { taskId: number }) => x.taskId === closedTasks[0]).status).toMatch(/^done/);
    expect(first.leadUnits.length).toBeGreaterThan(0);
  });

  it('pages the drill-down and filters by section and month', async () => {
    const p1 = await json(`/api/dashboard/tasks?planId=${planId}&pageSize=50`);
    const p4 = await json(`/api/dashboard/tasks?planId=${planId}&pageSize=50&page=4`);
    expect(p1.total).toBe(199);
    expect(p1.data).toHaveLength(50);
    expect(p4.data).toHaveLength(49);
    expect(new Set([...p1.data, ...p4.data].map((x: { id: number }) => x.id)).size).toBe(99);
    const june = await json(`/api/dashboard/tasks?planId=${planId}&month=2021-06&pageSize=200`);
    const juneTasks = await t.deps.db
      .selectFrom('milestones')
      .select('task_id')
      .distinct()
      .where('plan_id', '=', planId)
      .where('due_date', 'like', '2021-06%')
      .execute();
    expect(june.total).toBe(juneTasks.length);
    const sections = (await json(`/api/dashboard/sections?planId=${planId}`)).data;
    for (const sec of sections.slice(0, 3)) expect((await json(`/api/dashboard/tasks?sectionId=${sec.sectionId}`)).total).toBe(sec.counts.total);
    expect(p1.data[0]).toMatchObject({ planId, number: '1', sectionTitle: '开办企业' });
  });
});
