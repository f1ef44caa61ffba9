import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, createCalendar } from '#core/calendar/index.ts';
import type { RoundSnapshot } from '#core/rounds/types.ts';
import { num } from '../db/util.ts';
import { chineseDate } from '../notifications/notice-text.ts';
import { chinaDay } from '#core/calendar/dates.ts';
import { createTestApp, importSeed, type TestApp } from '../test/helpers.ts';
import { computeSnapshot } from './rounds.service.ts';
import { chinaMorning, closeRound, openAndCloseRound, openRound, reportFor, reportingUnits, type ReportingUnit } from '../test/factories.ts';

let t: TestApp;
let planId: number;
let A: ReportingUnit, B: ReportingUnit, C: ReportingUnit;
/** Non-collective units named on the seed plan: who a round expects by default. */
let expected: number;
const today = chinaDay(Date.now());

beforeAll(async () => {
  t = await createTestApp();
  planId = await importSeed(t);
  [A, B, C] = (await reportingUnits(t, planId, 3)) as [ReportingUnit, ReportingUnit, ReportingUnit];
  await t.addUser('staff-a', ['unit_staff'], A.unitId);
  await t.addUser('leader', ['leader']);
  // Unit A also wants its notices on a DingTalk robot.
  const channels = await t.inject({ method: 'PUT', url: `/api/units/${A.unitId}/channels`, payload: { email: null, dingtalkWebhook: 'https://oapi.dingtalk.com/robot/send?access_token=test', wecomWebhook: null, channels: ['in_app', 'dingtalk'] } });
  expect(channels.statusCode, channels.body).toBe(200);
  const named = await t.deps.db.selectFrom('task_units as tu').innerJoin('units as u', 'u.id', 'tu.unit_id').select('u.id').distinct().where('tu.plan_id', '=', planId).where('u.is_collective', '=', 0).execute();
  expected = named.length;
}, 60_000);
afterAll(async () => t.close());

const get = (url: string, as = 'coordinator') => t.inject({ method: 'GET', url }, as);
const post = (url: string, payload?: object, as = 'coordinator') => t.inject({ method: 'POST', url, ...(payload && { payload }) }, as);
const count = async (table: 'rounds' | 'notifications' | 'round_units' | 'round_plans') => num((await t.deps.db.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const audits = async (action: string) => num((await t.deps.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('n')).where('action', '=', action).where('outcome', '=', 'ok').executeTakeFirstOrThrow()).n);

describe('opening a round with bad input', () => {
  const valid = () => ({ title: '第3期调度', dueDate: today, planIds: [planId] });

  it('answers 400 in Chinese and writes nothing', async () => {
    const before = { rounds: await count('rounds'), notifications: await count('notifications'), audits: await audits('round.open') };
    const stranger = (await t.deps.db.insertInto('units').values({ name: '区档案馆', is_collective: 0, parent_id: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow()).id;
    const cases: [object, RegExp][] = [
      [{ ...valid(), title: '  ' }, /请填写调度名称/],
      [{ ...valid(), title: '调'.repeat(101) }, /调度名称不超过 100 字/],
      [{ ...valid(), title: undefined }, /请填写调度名称/],
      [{ ...valid(), dueDate: '2021-02-30' }, /报送截止日期不是有效日期/],
      [{ ...valid(), dueDate: '6月30日' }, /报送截止日期格式应为 YYYY-MM-DD/],
      [{ ...valid(), periodStart: '2021-06-30', periodEnd: '2021-06-01' }, /统计期开始日期不能晚于结束日期/],
      [{ ...valid(), planIds: [] }, /请至少选择一个方案/],
      [{ ...valid(), planIds: [planId, 99999] }, /方案不存在：ID 99999/],
      [{ ...valid(), unitIds: [A.unitId, 99999] }, /单位不存在：ID 99999/],
      [{ ...valid(), unitIds: [A.unitId, stranger] }, /“区档案馆”未承担所选方案的任务/],
      [{ ...valid(), unitIds: [] }, /请至少选择一个单位/],
      [{ ...valid(), extra: 1 }, /输入有误/],
    ];
    for (const [payload, message] of cases) {
      const res = await post('/api/rounds', payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    expect({ rounds: await count('rounds'), notifications: await count('notifications'), audits: await audits('round.open') }).toEqual(before);
    expect(await count('round_units')).toBe(0);
  });

  it('is refused to unit staff, unit managers and leaders (403), and audited as denied', async () => {
    for (const as of ['staff-a', A.username, 'leader']) expect((await post('/api/rounds', valid(), as)).statusCode).toBe(403);
    expect(await count('rounds')).toBe(0);
    const denied = await t.deps.db.selectFrom('audit_events').select(['entity_id', 'actor_name']).where('action', '=', 'round.manage').where('outcome', '=', 'denied').execute();
    expect(denied).toEqual(['staff-a', A.username, 'leader'].map((name) => ({ entity_id: 'POST /api/rounds', actor_name: name })));
  });

  it('answers 404 for a round that does not exist', async () => {
    const res = await get('/api/rounds/99999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('调度不存在');
    expect((await post('/api/rounds/99999/close')).statusCode).toBe(404);
    expect((await get('/api/rounds/99999/snapshot')).statusCode).toBe(404);
  });
});

describe('a round from opening to close', () => {
  let roundId: number;
  let frozen: RoundSnapshot;

  it('opens on the plan, expects every non-collective unit and notifies their accounts in-app', async () => {
    const res = await post('/api/rounds', { title: '第3期调度', periodStart: '2021-06-01', periodEnd: '2021-06-30', dueDate: today, planIds: [planId], note: '请逐项报送' });
    expect(res.statusCode).toBe(201);
    const round = res.json();
    roundId = round.id;
    expect(round).toMatchObject({ title: '第3期调度', periodStart: '2021-06-01', periodEnd: '2021-06-30', dueDate: today, status: 'open', closedAt: null, note: '请逐项报送', expected, reported: 0, circularIds: [] });
    expect(round.plans).toEqual([{ id: planId, number: '山政发〔2021〕7号', title: expect.any(String) }]);
    expect(round.units).toHaveLength(expected);
    expect(round.units.every((u: { reported: boolean }) => !u.reported)).toBe(true);

    // Four accounts in the round's units: A's manager and staff, B's and C's managers.
    const notes = await t.deps.db.selectFrom('notifications').selectAll().where('kind', '=', 'round').orderBy('id').execute();
    expect(notes).toHaveLength(4);
    expect(new Set(notes.map((n) => n.title))).toEqual(new Set([`第3期调度：请于${chineseDate(today)}前报送进展`]));
    expect(notes.find((n) => n.unit_id === A.unitId)!.body).toContain(`${A.name}：第3期调度（统计期2021年6月1日至2021年6月30日）已开始`);
    const deliveries = await t.deps.db.selectFrom('notification_deliveries').select(['channel', 'status']).where('notification_id', 'in', notes.map((n) => n.id)).execute();
    // In-app at once for every account; the robot once for unit A, sent by the reminder job's delivery pass.
    expect(deliveries.filter((d) => d.channel === 'in_app')).toEqual(notes.map(() => ({ channel: 'in_app', status: 'sent' })));
    const external = await t.deps.db.selectFrom('notification_deliveries as d').innerJoin('notifications as n', 'n.id', 'd.notification_id').select(['d.channel', 'd.status', 'n.unit_id']).where('n.kind', '=', 'round').where('d.channel', '!=', 'in_app').execute();
    expect(external).toEqual([{ channel: 'dingtalk', status: 'pending', unit_id: A.unitId }]);
    const inbox = (await get('/api/notifications', 'staff-a')).json();
    expect(inbox.data[0]).toMatchObject({ kind: 'round', title: `第3期调度：请于${chineseDate(today)}前报送进展` });
    expect(await audits('round.open')).toBe(1);
  });

  it('shows a unit its open round and its tasks in it', async () => {
    const mine = (await get('/api/me/rounds', A.username)).json();
    expect(mine.data).toHaveLength(1);
    expect(mine.data[0]).toMatchObject({ id: roundId, title: '第3期调度', dueDate: today, reported: false });
    expect(mine.data[0].tasks).toContainEqual(expect.objectContaining({ taskId: A.taskId, role: 'lead', reported: false }));
    expect((await get('/api/me/rounds', 'coordinator')).json()).toEqual({ data: [] });
  });

  it('tags reports with the round and shows live who reported, on time or late, and who did not', async () => {
    const a = await reportFor(t, A, { narrative: '推行“一窗受理”，开办企业压减至1个工作日。' });
    expect(a).toMatchObject({ roundId, status: 'submitted' });
    const tomorrow = chinaMorning(addDays(today, 1));
    const b = await reportFor(t, B, { roundId, narrative: '已基本完成。', at: tomorrow });
    expect(b).toMatchObject({ roundId, submittedAt: tomorrow.toISOString() });

    const detail = (await get(`/api/rounds/${roundId}`, 'leader')).json();
    expect(detail.reported).toBe(2);
    const unit = (id: number) => detail.units.find((u: { unitId: number }) => u.unitId === id);
    expect(unit(A.unitId)).toMatchObject({ reported: true, late: false, reports: 1, reportedAt: a.submittedAt });
    expect(unit(B.unitId)).toMatchObject({ reported: true, late: true, reports: 1, reportedAt: tomorrow.toISOString() });
    expect(unit(C.unitId)).toEqual({ unitId: C.unitId, name: C.name, reported: false, reportedAt: null, late: false, reports: 0 });

    const mine = (await get('/api/me/rounds', A.username)).json().data[0];
    expect(mine.reported).toBe(true);
    expect(mine.tasks.find((x: { taskId: number }) => x.taskId === A.taskId).reported).toBe(true);

    const list = (await get('/api/rounds', 'staff-a')).json().data;
    expect(list).toEqual([expect.objectContaining({ id: roundId, status: 'open', expected, reported: 2 })]);

    const live = (await get(`/api/rounds/${roundId}/snapshot`)).json();
    expect(live.reporting).toMatchObject({ expected, onTime: 1, late: 1 });
    expect(live.asOf).toBe(today);
  });

  it('refuses to let units close the round (403)', async () => {
    for (const as of ['staff-a', A.username, 'leader']) expect((await post(`/api/rounds/${roundId}/close`, undefined, as)).statusCode).toBe(403);
    expect((await get(`/api/rounds/${roundId}`)).json().status).toBe('open');
  });

  it('closes, storing the snapshot with the status change and the audit record', async () => {
    const closeAt = chinaMorning(addDays(today, 2));
    const closed = await closeRound(t, roundId, closeAt);
    expect(closed).toMatchObject({ status: 'closed', closedAt: closeAt.toISOString(), expected, reported: 2 });
    expect(closed.units.filter((u) => u.reported).map((u) => [u.unitId, u.late])).toEqual(
      expect.arrayContaining([[A.unitId, false], [B.unitId, true]]),
    );
    const stored = await t.deps.db.selectFrom('round_snapshots').selectAll().where('round_id', '=', roundId).executeTakeFirstOrThrow();
    expect({ expected: num(stored.expected), reported: num(stored.reported), takenAt: stored.taken_at }).toEqual({ expected, reported: 2, takenAt: closeAt.toISOString() });
    expect(await audits('round.close')).toBe(1);

    frozen = (await get(`/api/rounds/${roundId}/snapshot`)).json();
    expect(frozen).toEqual(JSON.parse(stored.content));
    expect(frozen).toMatchObject({ version: 1, takenAt: closeAt.toISOString(), asOf: addDays(today, 2), round: { id: roundId, title: '第3期调度', dueDate: today } });
    expect(frozen.overall.total).toBe(199);
    expect(frozen.tasks).toHaveLength(199);
    expect(frozen.bySection).toHaveLength(19);
    expect(frozen.bySection.reduce((n, s) => n + s.counts.total, 0)).toBe(199);
    expect(frozen.reporting).toMatchObject({ expected, onTime: 1, late: 1 });
    expect(frozen.reporting.missing).toHaveLength(expected - 2);
    expect(frozen.reporting.missing).toContainEqual({ unitId: C.unitId, name: C.name });
    expect(frozen.goodPractices).toEqual(
      expect.arrayContaining([expect.objectContaining({ taskId: A.taskId, unitName: A.name, narrative: '推行“一窗受理”，开办企业压减至1个工作日。' })]),
    );
    const standing = (id: number) => frozen.units.find((u) => u.unitId === id)!;
    expect(standing(A.unitId).reportingScore).toBe(1);
    expect(standing(B.unitId).reportingScore).toBe(0.5);
    expect(standing(C.unitId).reportingScore).toBe(0);
    expect(frozen.units.map((u) => u.rank)).toEqual(frozen.units.map((_, i) => i + 1));
    // The seed's 2021 deadlines have all passed: every open task is overdue, most overdue first.
    expect(frozen.overdue.length).toBe(frozen.overall.overdue);
    expect(frozen.overdue[0]!.workdaysOverdue).toBeGreaterThanOrEqual(frozen.overdue.at(-1)!.workdaysOverdue);
    expect(frozen.tasks.find((x) => x.taskId === A.taskId)!.latestProgress).toBe(`${A.name}：推行“一窗受理”，开办企业压减至1个工作日。`);
  });

  it('answers 409 when closing again, and refuses reports for the closed round', async () => {
    const again = await post(`/api/rounds/${roundId}/close`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已结束/);
    const late = await post(`/api/tasks/${C.taskId}/reports`, { unitId: C.unitId, kind: 'consolidated', stage: 'done', narrative: '补报', roundId }, C.username);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/“第3期调度”已结束/);
  });

  it('never recomputes the snapshot: later reports change the live figures, not the stored ones', async () => {
    const c = await reportFor(t, C, { stage: 'done', narrative: '会后补报：已全部完成。' });
    expect(c.roundId).toBeNull(); // no open round left to count it for
    expect((await get(`/api/rounds/${roundId}/snapshot`)).json()).toEqual(frozen);
    const detail = (await get(`/api/rounds/${roundId}`)).json();
    expect(detail.units.find((u: { unitId: number }) => u.unitId === C.unitId).reported).toBe(false);
    // What a recomputation would now say differs: the frozen ledger does not have C's later report.
    const row = await t.deps.db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirstOrThrow();
    const recomputed = await computeSnapshot(t.deps.db, row, new Date(), { calendar: createCalendar(), dueSoonWorkdays: 5 });
    expect(recomputed.tasks.find((x) => x.taskId === C.taskId)!.latestProgress).toBe(`${C.name}：会后补报：已全部完成。`);
    expect(frozen.tasks.find((x) => x.taskId === C.taskId)!.latestProgress).not.toBe(`${C.name}：会后补报：已全部完成。`);
  });
});

describe('which round a report counts for', () => {
  it('picks the open round with the latest due date that includes the plan and the unit', async () => {
    // A draft written while no round is open is counted for the round open when it is submitted.
    const draft = await post(`/api/tasks/${C.taskId}/reports`, { unitId: C.unitId, kind: 'consolidated', stage: 'in_progress', narrative: '推进中。' }, C.username);
    expect(draft.json().roundId).toBeNull();
    const near = await openRound(t, { title: '第4期调度', planIds: [planId], dueDate: addDays(today, 5) });
    const far = await openRound(t, { title: '第5期调度', planIds: [planId], dueDate: addDays(today, 10), unitIds: [A.unitId] });
    expect(far.expected).toBe(1);
    expect((await reportFor(t, A)).roundId).toBe(far.id);
    expect((await reportFor(t, B)).roundId).toBe(near.id); // B is not in the later round
    expect((await reportFor(t, A, { roundId: near.id })).roundId).toBe(near.id);
    const submitted = await post(`/api/reports/${draft.json().id}/submit`, undefined, C.username);
    expect(submitted.json()).toMatchObject({ status: 'submitted', roundId: near.id });
    expect((await get(`/api/rounds/${near.id}`)).json().units.find((u: { unitId: number }) => u.unitId === C.unitId)).toMatchObject({ reported: true, late: false });
  });

  it('refuses a round the unit is not in, writing no report', async () => {
    const far = (await get('/api/rounds')).json().data.find((r: { title: string }) => r.title === '第5期调度');
    const before = num((await t.deps.db.selectFrom('progress_reports').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const res = await post(`/api/tasks/${B.taskId}/reports`, { unitId: B.unitId, kind: 'consolidated', stage: 'done', narrative: 'x', roundId: far.id }, B.username);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('本单位不在“第5期调度”的调度范围内');
    const missing = await post(`/api/tasks/${B.taskId}/reports`, { unitId: B.unitId, kind: 'consolidated', stage: 'done', narrative: 'x', roundId: 99999 }, B.username);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toBe('调度不存在');
    expect(num((await t.deps.db.selectFrom('progress_reports').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('lists rounds newest first, and a unit sees only the open rounds it is in', async () => {
    const list = (await get('/api/rounds')).json().data;
    expect(list.map((r: { title: string }) => r.title)).toEqual(['第5期调度', '第4期调度', '第3期调度']);
    expect((await get('/api/me/rounds', A.username)).json().data.map((r: { title: string }) => r.title)).toEqual(['第4期调度', '第5期调度']);
    expect((await get('/api/me/rounds', B.username)).json().data.map((r: { title: string }) => r.title)).toEqual(['第4期调度']);
  });
});

describe('the fixture for tests built on a closed round', () => {
  it('gives a closed round with one report on time and one late', async () => {
    const other = await createTestApp();
    try {
      const closed = await openAndCloseRound(other);
      expect(closed.round.status).toBe('closed');
      expect(closed.snapshot.reporting).toMatchObject({ onTime: 1, late: 1 });
      expect(closed.snapshot.goodPractices.map((g) => g.unitName)).toEqual(expect.arrayContaining([closed.onTime.name, closed.late.name]));
    } finally {
      await other.close();
    }
  }, 60_000);
});
