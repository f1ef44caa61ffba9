import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORK_STATUSES, type WorkStatus } from '#core/status/status.ts';
import type { RoundSnapshot, StatusCounts } from '#core/rounds/types.ts';
import { statusesOf } from '../tasks/task-status.ts';
import { chinaDay } from '#core/calendar/dates.ts';
import { DEFAULT_REMINDER_RULES } from '#core/reminders/settings.ts';
import { createTestApp, importSeed, multipart, type TestApp } from '../test/helpers.ts';
import { forgetDashboardCache, taskStatusesOf } from './dashboard.service.ts';

let t: TestApp;
let planId: number;
let otherPlanId: number;
let lead: number;
let resp: number;
const closedTasks: number[] = [];
const reportedByResp: number[] = [];
let milestoneClosed: number | null = null;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const get = async (url: string, as: string | null = 'leader') => t.inject({ method: 'GET', url }, as);
const json = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};
const post = async (url: string, payload: unknown, as: string) => {
  const res = await t.inject({ method: 'POST', url, payload: payload as object }, as);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const KEYS: Record<WorkStatus, keyof StatusCounts> = { not_started: 'notStarted', in_progress: 'inProgress', due_soon: 'dueSoon', overdue: 'overdue', done: 'done', done_late: 'doneLate' };

/** Closes a task through the API: the lead unit's consolidated 已完成 report with evidence, accepted. */
async function closeTask(taskId: number) {
  const cons = await post(`/api/tasks/${taskId}/reports`, { unitId: lead, kind: 'consolidated', stage: 'done', narrative: '已全部完成。' }, 'lead');
  await t.inject({ method: 'POST', url: `/api/reports/${cons.id}/attachments`, ...multipart('验收.pdf', PDF) }, 'lead');
  await post(`/api/reports/${cons.id}/submit`, undefined, 'lead');
  await post(`/api/reports/${cons.id}/review`, { decision: 'accept', comment: null }, 'coordinator');
  closedTasks.push(taskId);
}

beforeAll(async () => {
  t = await createTestApp();
  planId = await importSeed(t);
  const db = t.deps.db;
  // The unit leading most tasks, and a unit responsible on some of them.
  const links = await db.selectFrom('task_units').select(['task_id', 'unit_id', 'role']).where('plan_id', '=', planId).orderBy('task_id').orderBy('ordinal').execute();
  const leadCount = new Map<number, number>();
  for (const l of links) if (l.role === 'lead') leadCount.set(l.unit_id, (leadCount.get(l.unit_id) ?? 0) + 1);
  lead = [...leadCount].sort((a, b) => b[1] - a[1])[0]![0];
  const ledTasks = [...new Set(links.filter((l) => l.role === 'lead' && l.unit_id === lead).map((l) => l.task_id))];
  resp = links.find((l) => l.role === 'responsible' && ledTasks.includes(l.task_id) && l.unit_id !== lead)!.unit_id;
  await t.addUser('leader', ['leader']);
  await t.addUser('lead', ['unit_manager'], lead);
  await t.addUser('resp', ['unit_staff'], resp);

  // Progress on some tasks (submitted), a draft that is not progress, and closures.
  const respTasks = [...new Set(links.filter((l) => l.unit_id === resp && ledTasks.includes(l.task_id)).map((l) => l.task_id))];
  for (const taskId of respTasks.slice(0, 3)) {
    const r = await post(`/api/tasks/${taskId}/reports`, { unitId: resp, kind: 'part', stage: 'in_progress', narrative: '正在推进。' }, 'resp');
    await post(`/api/reports/${r.id}/submit`, undefined, 'resp');
    reportedByResp.push(taskId);
  }
  await post(`/api/tasks/${ledTasks.at(-1)!}/reports`, { unitId: lead, kind: 'part', stage: 'in_progress', narrative: '草稿' }, 'lead');
  for (const taskId of ledTasks.slice(3, 6)) await closeTask(taskId);
  // A task without any dated deadline, closed: 已完成 however late.
  const undated = await db.selectFrom('tasks as tk').select('tk.id').where('tk.plan_id', '=', planId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('milestones as m').select('m.id').whereRef('m.task_id', '=', 'tk.id').where('m.due_date', 'is not', null))))
    .where('tk.id', 'in', ledTasks).executeTakeFirst();
  if (undated) await closeTask(undated.id);
  // One milestone closed on its own (the task stays open with its other deadline).
  const twoDeadlines = await db.selectFrom('milestones').select('task_id').where('plan_id', '=', planId).where('due_date', 'is not', null).where('task_id', 'in', ledTasks.slice(6))
    .groupBy('task_id').having((eb) => eb.fn.countAll(), '>=', 2).executeTakeFirst();
  if (twoDeadlines) {
    const m = await db.selectFrom('milestones').select('id').where('task_id', '=', twoDeadlines.task_id).orderBy('due_date').executeTakeFirstOrThrow();
    const cons = await post(`/api/tasks/${twoDeadlines.task_id}/reports`, { unitId: lead, kind: 'consolidated', stage: 'done', narrative: '该节点已完成。', milestoneId: m.id }, 'lead');
    await t.inject({ method: 'POST', url: `/api/reports/${cons.id}/attachments`, ...multipart('节点.pdf', PDF) }, 'lead');
    await post(`/api/reports/${cons.id}/submit`, undefined, 'lead');
    await post(`/api/reports/${cons.id}/review`, { decision: 'accept', comment: null }, 'coordinator');
    milestoneClosed = twoDeadlines.task_id;
  }
  // A ledger action with a start date: the roadmap bar starts there.
  await post(`/api/tasks/${ledTasks[0]!}/ledger`, { unitId: lead, action: '制定工作方案', startDate: '2021-06-01', dueDate: '2021-06-30' }, 'lead');

  // A second, tiny plan so `planId` has something to leave out.
  const now = new Date().toISOString();
  otherPlanId = (await db.insertInto('plans').values({ number: '测〔2021〕1号', issuer: '测试', issue_date: '2021-03-01', title: '另一方案', year: 2021, level: 'district', parent_plan_id: null, file_name: null, source_hash: 'other-plan', source_text: '另一方案', created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const sec = (await db.insertInto('sections').values({ plan_id: otherPlanId, ordinal: 1, heading: '一、其他', title: '其他', indicator_code: null }).returning('id').executeTakeFirstOrThrow()).id;
  for (let i = 1; i <= 2; i += 1) {
    const tid = (await db.insertInto('tasks').values({ plan_id: otherPlanId, section_id: sec, ordinal: i, number: String(i), path: '[]', title: `其他任务${i}`, text: '', search_text: '', span_start: null, span_end: null, spans: null }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('milestones').values({ task_id: tid, plan_id: otherPlanId, ordinal: 1, text: '3月底前', clause: '3月底前', due_date: '2099-03-31', span_start: null, span_end: null }).execute();
    await db.insertInto('task_units').values({ task_id: tid, plan_id: otherPlanId, unit_id: lead, role: 'lead', ordinal: 1, name_as_written: 'x' }).execute();
  }
  // As an import records it: the cached table (built when the app became ready) reads the new plan.
  await db.insertInto('audit_events').values({ at: now, actor_id: null, actor_unit_id: null, action: 'plan.import', entity_type: 'plan', entity_id: String(otherPlanId), before: null, after: null, client_ip: null, actor_name: 'test' }).execute();
  // A closed round with its snapshot, as the rounds module stores it.
  const round = (await db.insertInto('rounds').values({ title: '第1期调度', period_start: '2021-06-01', period_end: '2021-06-30', due_date: '2021-07-05', status: 'closed', note: null, created_by: null, created_at: now, closed_by: null, closed_at: '2021-07-06T02:00:00.000Z' }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('round_plans').values({ round_id: round, plan_id: planId }).execute();
  const counts = (total: number, done: number, overdue: number): StatusCounts => ({ total, notStarted: total - done - overdue, inProgress: 0, dueSoon: 0, overdue, done, doneLate: 0, completionRate: done / total });
  const snapshot: RoundSnapshot = {
    version: 1, round: { id: round, title: '第1期调度', periodStart: '2021-06-01', periodEnd: '2021-06-30', dueDate: '2021-07-05' }, takenAt: '2021-07-06T02:00:00.000Z', asOf: '2021-07-06',
    plans: [{ id: planId, number: null, title: '' }], overall: counts(200, 50, 30),
    bySection: [{ planId, sectionId: 1, title: 'a', indicatorCode: null, counts: counts(100, 40, 10) }, { planId: otherPlanId, sectionId: sec, title: 'b', indicatorCode: null, counts: counts(100, 10, 20) }],
    checkpoints: [], overdue: [], units: [], reporting: { expected: 40, onTime: 25, late: 5, missing: [] }, goodPractices: [], tasks: [],
  };
  await db.insertInto('round_snapshots').values({ round_id: round, taken_at: snapshot.takenAt, content: JSON.stringify(snapshot) }).execute();
  await db.insertInto('rounds').values({ title: '第2期调度（未结束）', period_start: null, period_end: null, due_date: '2021-08-05', status: 'open', note: null, created_by: null, created_at: now, closed_by: null, closed_at: null }).execute();
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
      expect(sections.reduce((n: number, x: { counts: StatusCounts }) => n + x.counts[key], 0), key).toBe(s.counts[key]);
    }
    expect(s.counts.completionRate).toBe(Math.round(((s.counts.done + s.counts.doneLate) / 199) * 10_000) / 10_000);
    const slow = await statusesOf(t.deps, await t.deps.db.selectFrom('tasks').select(['id', 'closed_on']).where('plan_id', '=', planId).execute());
    for (const status of WORK_STATUSES) {
      const d = await json(`/api/dashboard/tasks?planId=${planId}&status=${status}&pageSize=200`);
      expect(d.total, status).toBe(s.counts[KEYS[status]]);
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
    const dated = await t.deps.db.selectFrom('milestones').select('task_id').distinct().where('plan_id', '=', planId).where('due_date', 'is not', null).execute();
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
    const dueByThen = await t.deps.db.selectFrom('milestones').select((eb) => ['task_id', eb.fn.max('due_date').as('last')]).where('plan_id', '=', planId).where('due_date', 'is not', null).groupBy('task_id').execute();
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
    const milestones = await t.deps.db.selectFrom('milestones').select(['task_id']).where('task_id', 'in', drill.data.map((d: { id: number }) => d.id)).where('due_date', 'like', `${h.months[mi]}%`).execute();
    expect(count).toBe(milestones.length);
    const totals = new Map<number, number>();
    for (const [u, , c] of h.cells) totals.set(u, (totals.get(u) ?? 0) + c);
    for (let i = 1; i < h.units.length; i += 1) expect(totals.get(i)!).toBeLessThanOrEqual(totals.get(i - 1)!);
  });

  it('reads the trend from closed rounds’ snapshots only', async () => {
    const r = (await json('/api/dashboard/rounds')).data;
    expect(r).toEqual([{ roundId: expect.any(Number), title: '第1期调度', closedAt: '2021-07-06T02:00:00.000Z', dueDate: '2021-07-05', completionRate: 0.25, overdue: 30, reportingRate: 0.75 }]);
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
    const ends = await t.deps.db.selectFrom('milestones').select((eb) => ['task_id', eb.fn.max('due_date').as('last')]).where('plan_id', '=', planId).groupBy('task_id').execute();
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
    const juneTasks = await t.deps.db.selectFrom('milestones').select('task_id').distinct().where('plan_id', '=', planId).where('due_date', 'like', '2021-06%').execute();
    expect(june.total).toBe(juneTasks.length);
    const sections = (await json(`/api/dashboard/sections?planId=${planId}`)).data;
    for (const sec of sections.slice(0, 3)) expect((await json(`/api/dashboard/tasks?sectionId=${sec.sectionId}`)).total).toBe(sec.counts.total);
    expect(p1.data[0]).toMatchObject({ planId, number: '1', sectionTitle: '开办企业' });
  });
});

describe('input and freshness', () => {
  it('answers bad queries with 400 and a Chinese message, unknown plans and sections with 404', async () => {
    for (const url of ['/api/dashboard/summary?planId=abc', '/api/dashboard/units?limit=0', '/api/dashboard/tasks?status=late', '/api/dashboard/tasks?month=2021-13', '/api/dashboard/tasks?pageSize=1000', '/api/dashboard/roadmap?sectionId=-1']) {
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
    const rateOf = async () => (await json(`/api/dashboard/units?planId=${planId}`)).data.find((u: { unitId: number }) => u.unitId === resp).reportingRate as number;
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
