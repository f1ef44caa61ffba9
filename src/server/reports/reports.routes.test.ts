import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FileStore } from '../files/file-store.ts';
import { createTestApp, importSeed, multipart, type TestApp } from '../test/helpers.ts';
import { pickTask } from '../test/finders.ts';

let t: TestApp;
let task: { id: number; lead: number; resp: number; other: number };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('tuijin evidence image')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp({ TUIJIN_MAX_IMPORT_MB: '10' });
  const planId = await importSeed(t);
  const picked = await pickTask(t, planId);
  const [lead, resp, other] = [picked.leadUnitId, picked.responsibleUnitId!, picked.outsiderUnitId];
  task = { id: picked.taskId, lead, resp, other };
  await t.addUser('lead', ['unit_manager'], lead);
  await t.addUser('resp', ['unit_staff'], resp);
  await t.addUser('other', ['unit_manager'], other);
});
afterAll(async () => t.close());

const post = (url: string, payload: unknown, as: string) => t.inject({ method: 'POST', url, payload: payload as object }, as);

it('runs the weekly loop: part report with evidence → consolidation → return → resubmit → accept closes the task', async () => {
  const part = await post(
    `/api/tasks/${task.id}/reports`,
    { unitId: task.resp, kind: 'part', stage: 'in_progress', narrative: '已完成系统对接测试。' },
    'resp',
  );
  expect(part.statusCode).toBe(201);
  const partId = part.json().id;
  const up = await t.inject({ method: 'POST', url: `/api/reports/${partId}/attachments`, ...multipart('截图.png', PNG) }, 'resp');
  expect(up.statusCode).toBe(201);
  const sha = createHash('sha256').update(PNG).digest('hex');
  expect(up.json()).toMatchObject({ fileName: '截图.png', mime: 'image/png', sha256: sha, size: PNG.length });
  expect(existsSync(new FileStore(t.deps.config.dataDir).pathOf(sha))).toBe(true);
  expect((await post(`/api/reports/${partId}/submit`, undefined, 'resp')).json().status).toBe('submitted');

  const bench = (await t.inject({ method: 'GET', url: '/api/me/workbench' }, 'lead')).json();
  expect(bench.toConsolidate.map((x: { taskId: number }) => x.taskId)).toContain(task.id);

  const cons = await post(
    `/api/tasks/${task.id}/reports`,
    { unitId: task.lead, kind: 'consolidated', stage: 'done', narrative: '各责任单位已全部完成。' },
    'lead',
  );
  const consId = cons.json().id;
  await t.inject({ method: 'POST', url: `/api/reports/${consId}/attachments`, ...multipart('验收报告.pdf', PDF) }, 'lead');
  await post(`/api/reports/${consId}/submit`, undefined, 'lead');
  const queue = (await t.inject({ method: 'GET', url: '/api/reviews' })).json();
  expect(queue.data.map((q: { reportId: number }) => q.reportId)).toEqual([consId]);

  const noComment = await post(`/api/reports/${consId}/review`, { decision: 'return', comment: '' }, 'coordinator');
  expect(noComment.statusCode).toBe(400);
  const ret = await post(`/api/reports/${consId}/review`, { decision: 'return', comment: '请补充验收照片' }, 'coordinator');
  expect(ret.json()).toMatchObject({ status: 'returned', reviewComment: '请补充验收照片' });
  expect((await t.inject({ method: 'GET', url: '/api/me/workbench' }, 'lead')).json().returned.map((r: { reportId: number }) => r.reportId)).toEqual([consId]);

  await t.inject({ method: 'POST', url: `/api/reports/${consId}/attachments`, ...multipart('验收照片.png', PNG) }, 'lead');
  expect((await post(`/api/reports/${consId}/submit`, undefined, 'lead')).json().status).toBe('submitted');
  const acc = await post(`/api/reports/${consId}/review`, { decision: 'accept', comment: null }, 'coordinator');
  expect(acc.json().status).toBe('accepted');

  const detail = (await t.inject({ method: 'GET', url: `/api/tasks/${task.id}` }, 'lead')).json();
  expect(['done', 'done_late']).toContain(detail.status);
  expect(detail.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(['close', 'review', 'report', 'review', 'report', 'report']);

  const file = await t.inject({ method: 'GET', url: `/api/attachments/${up.json().id}` }, 'other');
  expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(sha);

  const late = await post(`/api/tasks/${task.id}/reports`, { unitId: task.resp, kind: 'part', stage: 'done', narrative: '补充' }, 'resp');
  expect(late.statusCode).toBe(409);
  expect((await post(`/api/tasks/${task.id}/reopen`, { reason: '发现遗漏事项' }, 'coordinator')).statusCode).toBe(200);
  expect((await t.inject({ method: 'GET', url: `/api/tasks/${task.id}` }, 'lead')).json().closedOn).toBeNull();
});

it('refuses reports from units not on the task, consolidation by a responsible unit, and bad evidence', async () => {
  const stranger = await post(`/api/tasks/${task.id}/reports`, { unitId: task.other, kind: 'part', stage: 'in_progress', narrative: 'x' }, 'other');
  expect(stranger.statusCode).toBe(403);
  const spoof = await post(`/api/tasks/${task.id}/reports`, { unitId: task.resp, kind: 'part', stage: 'in_progress', narrative: 'x' }, 'other');
  expect(spoof.statusCode).toBe(403);
  const notLead = await post(`/api/tasks/${task.id}/reports`, { unitId: task.resp, kind: 'consolidated', stage: 'done', narrative: 'x' }, 'resp');
  expect(notLead.statusCode).toBe(403);
  expect(notLead.json().error.message).toMatch(/牵头单位/);
  const denied = await t.deps.db.selectFrom('audit_events').select('action').where('outcome', '=', 'denied').where('action', '=', 'report.write').execute();
  expect(denied).toHaveLength(3);

  const draft = (await post(`/api/tasks/${task.id}/reports`, { unitId: task.resp, kind: 'part', stage: 'in_progress', narrative: '' }, 'resp')).json();
  const exe = await t.inject(
    { method: 'POST', url: `/api/reports/${draft.id}/attachments`, ...multipart('report.pdf', Buffer.from('MZ\x90\x00 not a pdf')) },
    'resp',
  );
  expect(exe.statusCode).toBe(415);
  expect(exe.json().error.message).toMatch(/不是可接受的佐证材料/);
  const big = await t.inject(
    { method: 'POST', url: `/api/reports/${draft.id}/attachments`, ...multipart('big.pdf', Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)])) },
    'resp',
  );
  expect(big.statusCode).toBe(413);
  const files = await t.deps.db.selectFrom('attachments').select('id').where('report_id', '=', draft.id).execute();
  expect(files).toHaveLength(0);
  const empty = await post(`/api/reports/${draft.id}/submit`, undefined, 'resp');
  expect(empty.statusCode).toBe(400);
  expect(empty.json().error.message).toMatch(/请填写进展情况/);
});

it('does not close a task without evidence', async () => {
  const rows = await t.deps.db
    .selectFrom('task_units')
    .select(['task_id'])
    .where('unit_id', '=', task.lead)
    .where('role', '=', 'lead')
    .where('task_id', '!=', task.id)
    .executeTakeFirstOrThrow();
  const cons = (await post(`/api/tasks/${rows.task_id}/reports`, { unitId: task.lead, kind: 'consolidated', stage: 'done', narrative: '完成' }, 'lead')).json();
  await post(`/api/reports/${cons.id}/submit`, undefined, 'lead');
  const res = await post(`/api/reports/${cons.id}/review`, { decision: 'accept', comment: null }, 'coordinator');
  expect(res.statusCode).toBe(400);
  expect(res.json().error.message).toMatch(/佐证材料/);
  expect((await t.inject({ method: 'GET', url: `/api/tasks/${rows.task_id}` })).json().closedOn).toBeNull();
});

it('measures every section and unit against the plan’s dated checkpoints', async () => {
  const res = (
    await t.inject({ method: 'GET', url: `/api/plans/${(await t.deps.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id}/checkpoints` })
  ).json();
  expect(res.goals.map((g: { date: string }) => g.date)).toEqual(['2021-06-05', '2021-06-30', '2021-09-30', '2021-12-31']);
  expect(res.bySection).toHaveLength(19);
  const first = res.bySection[0].checkpoints;
  expect(first.map((c: { date: string }) => c.date)).toEqual(['2021-06-05', '2021-06-30', '2021-09-30', '2021-12-31']);
  // By year end every dated milestone of the section was due; in 2026 the open ones are overdue.
  const yearEnd = first[3];
  expect(yearEnd.due).toBeGreaterThan(0);
  expect(yearEnd.due).toBe(yearEnd.doneByCheckpoint + yearEnd.doneLate + yearEnd.overdue);
  expect(yearEnd.state).toBe('missed');
  const unit = res.byUnit.find((u: { unitId: number }) => u.unitId === task.lead);
  expect(unit.checkpoints).toHaveLength(4);
});

it("keeps a unit's draft to itself until it is submitted", async () => {
  const draft = await post(
    `/api/tasks/${task.id}/reports`,
    { unitId: task.resp, kind: 'part', stage: 'in_progress', narrative: '草稿：尚未核实的数字' },
    'resp',
  );
  expect(draft.statusCode).toBe(201);
  const seen = async (as: string) =>
    (await t.inject({ method: 'GET', url: `/api/tasks/${task.id}/reports` }, as)).json().data.some((r: { id: number }) => r.id === draft.json().id);
  expect(await seen('resp')).toBe(true);
  expect(await seen('lead')).toBe(false);
  expect(await seen('coordinator')).toBe(false);
  await post(`/api/reports/${draft.json().id}/submit`, undefined, 'resp');
  expect(await seen('lead')).toBe(true);
  expect(await seen('coordinator')).toBe(true);
});

it('closes one milestone on its own with evidence and acceptance, closes the task with its last one, and reopens on record', async () => {
  // A task of the lead unit with two dated milestones.
  const rows = await t.deps.db
    .selectFrom('milestones as m')
    .innerJoin('task_units as tu', 'tu.task_id', 'm.task_id')
    .select(['m.task_id', 'm.id', 'm.text'])
    .where('tu.unit_id', '=', task.lead)
    .where('tu.role', '=', 'lead')
    .where('m.due_date', 'is not', null)
    .orderBy('m.task_id')
    .orderBy('m.ordinal')
    .execute();
  const byTask = Map.groupBy(rows, (r) => r.task_id);
  const [taskId, [m1, m2]] = [...byTask].find(([id, ms]) => ms.length === 2 && id !== task.id)! as [number, typeof rows];
  const milestoneOf = async (id: number) => t.deps.db.selectFrom('milestones').select(['completed_on']).where('id', '=', id).executeTakeFirstOrThrow();
  const closedOn = async () => (await t.deps.db.selectFrom('tasks').select('closed_on').where('id', '=', taskId).executeTakeFirstOrThrow()).closed_on;

  const bad = await post(
    `/api/tasks/${taskId}/reports`,
    {
      unitId: task.lead,
      kind: 'consolidated',
      stage: 'done',
      narrative: 'x',
      milestoneId: (await t.deps.db.selectFrom('milestones').select('id').where('task_id', '=', task.id).executeTakeFirstOrThrow()).id,
    },
    'lead',
  );
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.message).toBe('所选时间节点不属于该任务');

  const closeMilestone = async (milestoneId: number) => {
    const r = await post(
      `/api/tasks/${taskId}/reports`,
      { unitId: task.lead, kind: 'consolidated', stage: 'done', narrative: '该节点工作已完成。', milestoneId },
      'lead',
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().milestoneId).toBe(milestoneId);
    await t.inject({ method: 'POST', url: `/api/reports/${r.json().id}/attachments`, ...multipart('节点验收.pdf', PDF) }, 'lead');
    await post(`/api/reports/${r.json().id}/submit`, undefined, 'lead');
    const acc = await post(`/api/reports/${r.json().id}/review`, { decision: 'accept', comment: null }, 'coordinator');
    expect(acc.statusCode, acc.body).toBe(200);
  };
  await closeMilestone(m1!.id);
  expect((await milestoneOf(m1!.id)).completed_on).not.toBeNull();
  expect((await milestoneOf(m2!.id)).completed_on).toBeNull();
  expect(await closedOn()).toBeNull();
  const again = await post(
    `/api/tasks/${taskId}/reports`,
    { unitId: task.lead, kind: 'consolidated', stage: 'done', narrative: 'x', milestoneId: m1!.id },
    'lead',
  );
  expect(again.statusCode).toBe(409);

  await closeMilestone(m2!.id);
  expect(await closedOn()).not.toBeNull();

  expect((await post(`/api/milestones/${m2!.id}/reopen`, { reason: '' }, 'coordinator')).statusCode).toBe(400);
  expect((await post(`/api/milestones/${m2!.id}/reopen`, { reason: '抽查发现材料不全' }, 'lead')).statusCode).toBe(403);
  const reopened = await post(`/api/milestones/${m2!.id}/reopen`, { reason: '抽查发现材料不全' }, 'coordinator');
  expect(reopened.statusCode, reopened.body).toBe(200);
  expect((await milestoneOf(m2!.id)).completed_on).toBeNull();
  expect((await milestoneOf(m1!.id)).completed_on).not.toBeNull();
  expect(await closedOn()).toBeNull();
  const timeline = (await t.inject({ method: 'GET', url: `/api/tasks/${taskId}` })).json().timeline.map((e: { text: string }) => e.text);
  expect(timeline.some((x: string) => x.startsWith('时间节点销号：'))).toBe(true);
  expect(timeline.some((x: string) => x.includes('重新打开：抽查发现材料不全'))).toBe(true);
  const audit = await t.deps.db.selectFrom('audit_events').select('after').where('action', '=', 'milestone.reopen').executeTakeFirstOrThrow();
  expect(JSON.parse(audit.after!).reason).toBe('抽查发现材料不全');
});
