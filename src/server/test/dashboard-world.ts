import type { RoundSnapshot, StatusCounts } from '#core/rounds/types.ts';
import { expect } from 'vitest';
import { createTestApp, importSeed, multipart, type TestApp } from './helpers.ts';
import { planLinks } from './finders.ts';

/**
 * The dashboard tests' world: the seed plan with progress, closures (tasks, an undated task, one milestone
 * on its own), a ledger start date, a second tiny plan for the filters to leave out, and a closed round
 * with its snapshot beside an open one. Built through the API where a page would write, so the cached
 * table sees what the app sees.
 */
export interface DashboardWorld {
  t: TestApp;
  planId: number;
  otherPlanId: number;
  /** The unit leading most tasks, and a unit responsible on some of them. */
  lead: number;
  resp: number;
  closedTasks: number[];
  reportedByResp: number[];
  /** The task of the milestone closed on its own. */
  milestoneClosed: number | null;
  get: (url: string, as?: string | null) => ReturnType<TestApp['inject']>;
  /** GET that must answer 200: its JSON. */
  json: (url: string) => Promise<any>;
  /** POST that must answer 2xx: its JSON. */
  post: (url: string, payload: unknown, as: string) => Promise<any>;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function dashboardWorld(): Promise<DashboardWorld> {
  const t = await createTestApp();
  const closedTasks: number[] = [];
  const reportedByResp: number[] = [];
  let milestoneClosed: number | null = null;
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
  /** Closes a task through the API: the lead unit's consolidated 已完成 report with evidence, accepted. */
  async function closeTask(taskId: number) {
    const cons = await post(`/api/tasks/${taskId}/reports`, { unitId: lead, kind: 'consolidated', stage: 'done', narrative: '已全部完成。' }, 'lead');
    await t.inject({ method: 'POST', url: `/api/reports/${cons.id}/attachments`, ...multipart('验收.pdf', PDF) }, 'lead');
    await post(`/api/reports/${cons.id}/submit`, undefined, 'lead');
    await post(`/api/reports/${cons.id}/review`, { decision: 'accept', comment: null }, 'coordinator');
    closedTasks.push(taskId);
  }

  const planId = await importSeed(t);
  const db = t.deps.db;
  // The unit leading most tasks, and a unit responsible on some of them.
  const links = await planLinks(t, planId);
  const leadCount = new Map<number, number>();
  for (const l of links) if (l.role === 'lead') leadCount.set(l.unit_id, (leadCount.get(l.unit_id) ?? 0) + 1);
  const lead = [...leadCount].sort((a, b) => b[1] - a[1])[0]![0];
  const ledTasks = [...new Set(links.filter((l) => l.role === 'lead' && l.unit_id === lead).map((l) => l.task_id))];
  const resp = links.find((l) => l.role === 'responsible' && ledTasks.includes(l.task_id) && l.unit_id !== lead)!.unit_id;
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
  const undated = await db
    .selectFrom('tasks as tk')
    .select('tk.id')
    .where('tk.plan_id', '=', planId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('milestones as m').select('m.id').whereRef('m.task_id', '=', 'tk.id').where('m.due_date', 'is not', null))))
    .where('tk.id', 'in', ledTasks)
    .executeTakeFirst();
  if (undated) await closeTask(undated.id);
  // One milestone closed on its own (the task stays open with its other deadline).
  const twoDeadlines = await db
    .selectFrom('milestones')
    .select('task_id')
    .where('plan_id', '=', planId)
    .where('due_date', 'is not', null)
    .where('task_id', 'in', ledTasks.slice(6))
    .groupBy('task_id')
    .having((eb) => eb.fn.countAll(), '>=', 2)
    .executeTakeFirst();
  if (twoDeadlines) {
    const m = await db.selectFrom('milestones').select('id').where('task_id', '=', twoDeadlines.task_id).orderBy('due_date').executeTakeFirstOrThrow();
    const cons = await post(
      `/api/tasks/${twoDeadlines.task_id}/reports`,
      { unitId: lead, kind: 'consolidated', stage: 'done', narrative: '该节点已完成。', milestoneId: m.id },
      'lead',
    );
    await t.inject({ method: 'POST', url: `/api/reports/${cons.id}/attachments`, ...multipart('节点.pdf', PDF) }, 'lead');
    await post(`/api/reports/${cons.id}/submit`, undefined, 'lead');
    await post(`/api/reports/${cons.id}/review`, { decision: 'accept', comment: null }, 'coordinator');
    milestoneClosed = twoDeadlines.task_id;
  }
  // A ledger action with a start date: the roadmap bar starts there.
  await post(`/api/tasks/${ledTasks[0]!}/ledger`, { unitId: lead, action: '制定工作方案', startDate: '2021-06-01', dueDate: '2021-06-30' }, 'lead');

  // A second, tiny plan so `planId` has something to leave out.
  const now = new Date().toISOString();
  const otherPlanId = (
    await db
      .insertInto('plans')
      .values({
        number: '测〔2021〕1号',
        issuer: '测试',
        issue_date: '2021-03-01',
        title: '另一方案',
        year: 2021,
        level: 'district',
        parent_plan_id: null,
        file_name: null,
        source_hash: 'other-plan',
        source_text: '另一方案',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const sec = (
    await db
      .insertInto('sections')
      .values({ plan_id: otherPlanId, ordinal: 1, heading: '一、其他', title: '其他', indicator_code: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (let i = 1; i <= 2; i += 1) {
    const tid = (
      await db
        .insertInto('tasks')
        .values({
          plan_id: otherPlanId,
          section_id: sec,
          ordinal: i,
          number: String(i),
          path: '[]',
          title: `其他任务${i}`,
          text: '',
          search_text: '',
          span_start: null,
          span_end: null,
          spans: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('milestones')
      .values({ task_id: tid, plan_id: otherPlanId, ordinal: 1, text: '3月底前', clause: '3月底前', due_date: '2099-03-31', span_start: null, span_end: null })
      .execute();
    await db.insertInto('task_units').values({ task_id: tid, plan_id: otherPlanId, unit_id: lead, role: 'lead', ordinal: 1, name_as_written: 'x' }).execute();
  }
  // As an import records it: the cached table (built when the app became ready) reads the new plan.
  await db
    .insertInto('audit_events')
    .values({
      at: now,
      actor_id: null,
      actor_unit_id: null,
      action: 'plan.import',
      entity_type: 'plan',
      entity_id: String(otherPlanId),
      before: null,
      after: null,
      client_ip: null,
      actor_name: 'test',
    })
    .execute();
  // A closed round with its snapshot, as the rounds module stores it.
  const round = (
    await db
      .insertInto('rounds')
      .values({
        title: '第1期调度',
        period_start: '2021-06-01',
        period_end: '2021-06-30',
        due_date: '2021-07-05',
        status: 'closed',
        note: null,
        created_by: null,
        created_at: now,
        closed_by: null,
        closed_at: '2021-07-06T02:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto('round_plans').values({ round_id: round, plan_id: planId }).execute();
  const counts = (total: number, done: number, overdue: number): StatusCounts => ({
    total,
    notStarted: total - done - overdue,
    inProgress: 0,
    dueSoon: 0,
    overdue,
    done,
    doneLate: 0,
    completionRate: done / total,
  });
  const snapshot: RoundSnapshot = {
    version: 1,
    round: { id: round, title: '第1期调度', periodStart: '2021-06-01', periodEnd: '2021-06-30', dueDate: '2021-07-05' },
    takenAt: '2021-07-06T02:00:00.000Z',
    asOf: '2021-07-06',
    plans: [{ id: planId, number: null, title: '' }],
    overall: counts(200, 50, 30),
    bySection: [
      { planId, sectionId: 1, title: 'a', indicatorCode: null, counts: counts(100, 40, 10) },
      { planId: otherPlanId, sectionId: sec, title: 'b', indicatorCode: null, counts: counts(100, 10, 20) },
    ],
    checkpoints: [],
    overdue: [],
    units: [],
    reporting: { expected: 40, onTime: 25, late: 5, missing: [] },
    goodPractices: [],
    tasks: [],
  };
  await db
    .insertInto('round_snapshots')
    .values({ round_id: round, taken_at: snapshot.takenAt, content: JSON.stringify(snapshot) })
    .execute();
  await db
    .insertInto('rounds')
    .values({
      title: '第2期调度（未结束）',
      period_start: null,
      period_end: null,
      due_date: '2021-08-05',
      status: 'open',
      note: null,
      created_by: null,
      created_at: now,
      closed_by: null,
      closed_at: null,
    })
    .execute();
  return { t, planId, otherPlanId, lead, resp, closedTasks, reportedByResp, milestoneClosed, get, json, post };
}
