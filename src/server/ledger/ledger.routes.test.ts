import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, importSeed, multipart, type TestApp } from '../test/helpers.ts';
import { pickTask } from '../test/finders.ts';
import { LEDGER_COLUMNS } from './ledger-xlsx.ts';

let t: TestApp;
let planId: number;
let ids: { task: number; lead: number; resp: number; other: number };
beforeAll(async () => {
  t = await createTestApp();
  planId = await importSeed(t);
  const picked = await pickTask(t, planId);
  ids = { task: picked.taskId, lead: picked.leadUnitId, resp: picked.responsibleUnitId!, other: picked.outsiderUnitId };
  await t.addUser('lead', ['unit_manager'], ids.lead);
  await t.addUser('resp', ['unit_staff'], ids.resp);
  await t.addUser('other', ['unit_manager'], ids.other);
});
afterAll(async () => t.close());

const entry = (unitId: number, action: string, extra: object = {}) => ({
  unitId,
  action,
  owner: '张三',
  startDate: '2021-06-01',
  dueDate: '2021-08-31',
  deliverable: '系统上线通知',
  ...extra,
});

describe('implementation plan and ledger', () => {
  it('lets the lead and responsible units write their actions; the lead submits; the coordinator returns, then approves', async () => {
    const a = await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger`, payload: entry(ids.lead, '6月10日前完成电子证照库对接方案') }, 'lead');
    expect(a.statusCode).toBe(201);
    const b = await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger`, payload: entry(ids.resp, '梳理本部门涉企证照清单') }, 'resp');
    expect(b.json().entries.map((e: { unitId: number; action: string }) => [e.unitId, e.action])).toEqual([
      [ids.lead, '6月10日前完成电子证照库对接方案'],
      [ids.resp, '梳理本部门涉企证照清单'],
    ]);
    const stranger = await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger`, payload: entry(ids.other, '越权') }, 'other');
    expect(stranger.statusCode).toBe(403);
    const badDates = await t.inject(
      { method: 'POST', url: `/api/tasks/${ids.task}/ledger`, payload: entry(ids.lead, 'x', { startDate: '2021-09-01', dueDate: '2021-08-01' }) },
      'lead',
    );
    expect(badDates.statusCode).toBe(400);
    expect(badDates.json().error.message).toMatch(/开始日期不能晚于完成日期/);
    expect((await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger/submit` }, 'resp')).statusCode).toBe(403);
    const sub = await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger/submit` }, 'lead');
    expect(sub.json().plan.status).toBe('submitted');
    // While it awaits review the ledger is frozen, for every unit.
    const frozen = await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger`, payload: entry(ids.resp, '审核中追加') }, 'resp');
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toMatch(/等待审核/);
    expect((await t.inject({ method: 'GET', url: `/api/tasks/${ids.task}/ledger` })).json().entries).toHaveLength(2);
    const ret = await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger/review`, payload: { decision: 'return', comment: '请细化时间表' } });
    expect(ret.json().plan).toMatchObject({ status: 'returned', reviewComment: '请细化时间表' });
    await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger/submit` }, 'lead');
    const ok = await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger/review`, payload: { decision: 'approve', comment: null } });
    expect(ok.json().plan.status).toBe('approved');
    const timeline = (await t.inject({ method: 'GET', url: `/api/tasks/${ids.task}` })).json().timeline;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'plan')).toHaveLength(4);

    // Changing an approved plan sends it back to draft, to be submitted and approved again, on record.
    const changed = await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger`, payload: entry(ids.resp, '补充：组织业务培训') }, 'resp');
    expect(changed.statusCode).toBe(201);
    expect(changed.json().plan.status).toBe('draft');
    const audit = await t.deps.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('action', '=', 'ledger.reopen')
      .where('entity_id', '=', String(ids.task))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toEqual({ status: 'approved' });
    const added = changed.json().entries.find((e: { action: string }) => e.action === '补充：组织业务培训');
    expect((await t.inject({ method: 'DELETE', url: `/api/ledger/${added.id}` }, 'resp')).statusCode).toBe(200);
  });
});

async function readSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('Excel round trip', () => {
  it('exports the ledger in the customary layout, and imports a unit’s edits back', async () => {
    const res = await t.inject({ method: 'GET', url: `/api/plans/${planId}/ledger.xlsx?unit=${ids.resp}` }, 'resp');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await readSheet(res.rawPayload);
    const ws = wb.worksheets[0]!;
    expect(LEDGER_COLUMNS.map((_, i) => ws.getRow(2).getCell(i + 1).text)).toEqual([...LEDGER_COLUMNS]);
    const respTasks = await t.deps.db.selectFrom('task_units').select('task_id').distinct().where('unit_id', '=', ids.resp).execute();
    expect(ws.rowCount - 2).toBe(respTasks.length);
    const row = ws.getRow(3);
    expect(row.getCell(10).text).toBe(String(ids.task));
    expect(row.getCell(6).text).toBe('梳理本部门涉企证照清单');

    row.getCell(6).value = '梳理本部门涉企证照清单\n8月底前完成数据共享';
    row.getCell(7).value = '已梳理证照 12 类，正在对接。';
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const imp = await t.inject({ method: 'POST', url: `/api/plans/${planId}/ledger.xlsx`, ...multipart('台账.xlsx', edited) }, 'resp');
    expect(imp.statusCode).toBe(200);
    expect(imp.json().applied).toBe(1);
    const ledger = (await t.inject({ method: 'GET', url: `/api/tasks/${ids.task}/ledger` })).json();
    expect(ledger.entries.filter((e: { unitId: number }) => e.unitId === ids.resp).map((e: { action: string }) => e.action)).toEqual([
      '梳理本部门涉企证照清单',
      '8月底前完成数据共享',
    ]);
    const reports = (await t.inject({ method: 'GET', url: `/api/tasks/${ids.task}/reports` }, 'resp')).json();
    expect(reports.data[0]).toMatchObject({ unitId: ids.resp, kind: 'part', status: 'draft', narrative: '已梳理证照 12 类，正在对接。' });

    const again = await readSheet((await t.inject({ method: 'GET', url: `/api/plans/${planId}/ledger.xlsx?unit=${ids.resp}` }, 'resp')).rawPayload);
    expect(again.worksheets[0]!.getRow(3).getCell(7).text).toBe('已梳理证照 12 类，正在对接。');
  });

  it('changes nothing when one row is bad, and names the row and column', async () => {
    const wb = await readSheet((await t.inject({ method: 'GET', url: `/api/plans/${planId}/ledger.xlsx?unit=${ids.resp}` }, 'resp')).rawPayload);
    const ws = wb.worksheets[0]!;
    ws.getRow(3).getCell(6).value = '这一行本来是好的';
    ws.getRow(4).getCell(10).value = 999999;
    const before = (await t.inject({ method: 'GET', url: `/api/tasks/${ids.task}/ledger` })).json();
    const res = await t.inject(
      { method: 'POST', url: `/api/plans/${planId}/ledger.xlsx`, ...multipart('台账.xlsx', Buffer.from(await wb.xlsx.writeBuffer())) },
      'resp',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ row: 4, column: '任务ID', message: expect.stringMatching(/不是本单位/) }]);
    expect(res.json().error.message).toMatch(/未导入任何内容/);
    expect((await t.inject({ method: 'GET', url: `/api/tasks/${ids.task}/ledger` })).json()).toEqual(before);
  });

  it('refuses changed actions while the plan awaits review, and sends an approved plan back to draft', async () => {
    const edit = async () => {
      const wb = await readSheet((await t.inject({ method: 'GET', url: `/api/plans/${planId}/ledger.xlsx?unit=${ids.resp}` }, 'resp')).rawPayload);
      const cell = wb.worksheets[0]!.getRow(3).getCell(6);
      cell.value = `${cell.text}\n导入追加 ${Math.random()}`;
      return t.inject({ method: 'POST', url: `/api/plans/${planId}/ledger.xlsx`, ...multipart('台账.xlsx', Buffer.from(await wb.xlsx.writeBuffer())) }, 'resp');
    };
    expect((await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger/submit` }, 'lead')).json().plan.status).toBe('submitted');
    const frozen = await edit();
    expect(frozen.statusCode).toBe(400);
    expect(frozen.json().error.details).toEqual([{ row: 3, column: '具体举措', message: expect.stringMatching(/待审核/) }]);
    await t.inject({ method: 'POST', url: `/api/tasks/${ids.task}/ledger/review`, payload: { decision: 'approve', comment: null } });
    expect((await edit()).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: `/api/tasks/${ids.task}/ledger` })).json().plan.status).toBe('draft');
  });

  it('refuses another unit’s import and a file that is not a spreadsheet', async () => {
    const res = await t.inject(
      { method: 'POST', url: `/api/plans/${planId}/ledger.xlsx?unit=${ids.resp}`, ...multipart('台账.xlsx', Buffer.from('x')) },
      'other',
    );
    expect(res.statusCode).toBe(403);
    const junk = await t.inject({ method: 'POST', url: `/api/plans/${planId}/ledger.xlsx`, ...multipart('台账.xlsx', Buffer.from('not a zip')) }, 'resp');
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.message).toMatch(/无法读取/);
  });
});
