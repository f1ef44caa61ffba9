import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaMorning } from '../test/factories.ts';
import { createTestApp, multipart, type TestApp } from '../test/helpers.ts';
import { addInspection, addUnit, PNG, type InspectionFixture } from './test-fixtures.ts';

/**
 * Rectification end to end through the API, on SQLite and PostgreSQL: a notice with its deadline and
 * files, the unit's answer with evidence, a failed then a passed re-check, the refusals (the unit
 * re-checking, a bad file, a notice before release) leaving nothing written, and who sees what.
 */
let now = chinaMorning('2026-09-30').getTime();
let t: TestApp;
let unit: number;
let other: number;
let insp: InspectionFixture;
let hidden: InspectionFixture;

const auditActions = async () =>
  (await t.deps.db.selectFrom('audit_events').select('action').where('action', 'like', 'rectification.%').orderBy('id').execute()).map((r) => r.action);
const statusOf = async (id: number) =>
  (await t.deps.db.selectFrom('inspection_findings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

beforeAll(async () => {
  t = await createTestApp({}, { clock: () => now });
  unit = await addUnit(t, '区市场监督管理局');
  other = await addUnit(t, '区住房和城乡建设局');
  const inspector = await t.addUser('inspector1', ['inspector'], other);
  await t.addUser('inspector2', ['inspector']);
  await t.addUser('unitmgr', ['unit_manager'], unit);
  await t.addUser('otherunit', ['unit_manager'], other);
  await t.addUser('leader', ['leader']);
  // The unit's own inspector-colleague: assigned, but may not re-check its own unit.
  await t.addUser('ownInspector', ['inspector'], unit);
  const ownInspector = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'ownInspector').executeTakeFirstOrThrow()).id;
  insp = await addInspection(t, {
    unitId: unit,
    inspectorIds: [inspector, ownInspector],
    findings: [
      { description: '登记窗口未公示收费标准和办理时限' },
      { description: '咨询电话连续三次无人接听' },
      { description: '自助终端“一网通办”运行顺畅', polarity: 'highlight' },
    ],
  });
  hidden = await addInspection(t, {
    title: '2026年第四季度暗访',
    unitId: unit,
    inspectorIds: [],
    findings: [{ description: '未发布的问题' }],
    released: false,
  });
});
afterAll(async () => t?.close());

describe('the deadline rule profile', () => {
  it('ships the 许昌 preset with its source, and the office edits it with a new version', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/rectifications/profile' }, 'unitmgr');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'xuchang-2025', version: 1, source: { title: '许昌市营商环境问题线索案件调查处理办法' }, defaultClass: 'C' });
    const { id: _id, version: _v, ...input } = res.json();
    const bad = await t.inject({ method: 'PUT', url: '/api/rectifications/profile', payload: { ...input, defaultClass: 'Z' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('默认类别应为已设置的类别之一');
    expect((await t.inject({ method: 'PUT', url: '/api/rectifications/profile', payload: input }, 'unitmgr')).statusCode).toBe(403);
    const ok = await t.inject({ method: 'PUT', url: '/api/rectifications/profile', payload: { ...input, editedNote: '区营商办确认沿用' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: 'xuchang-2025', version: 2, editedNote: '区营商办确认沿用' });
    expect(await auditActions()).toEqual(['rectification.profile']);
  });
});

describe('a notice, an answer, a failed and a passed re-check', () => {
  let noticeId: number;
  let answerId: number;
  const [first, second, highlight] = [0, 1, 2];

  it('refuses a notice before the findings are released, a highlight and a foreign finding, writing nothing', async () => {
    const before = await t.inject({ method: 'POST', url: '/api/rectifications/notices', payload: { inspectionId: hidden.inspectionId, unitId: unit } });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.message).toBe('该督查的问题尚未发布，不能下发整改通知');
    const hl = await t.inject({
      method: 'POST',
      url: '/api/rectifications/notices',
      payload: { inspectionId: insp.inspectionId, unitId: unit, findingIds: [insp.findingIds[highlight]] },
    });
    expect(hl.statusCode).toBe(400);
    expect(hl.json().error.message).toContain('是亮点，不需要整改');
    const foreign = await t.inject({ method: 'POST', url: '/api/rectifications/notices', payload: { inspectionId: insp.inspectionId, unitId: other } });
    expect(foreign.statusCode).toBe(409);
    expect(await t.deps.db.selectFrom('rectification_notices').select('id').execute()).toEqual([]);
    expect(await statusOf(hidden.findingIds[0]!)).toBe('found');
  });

  it('issues a C-class notice due 5 working days later across 国庆, with .docx and .pdf archived', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/rectifications/notices',
      payload: { inspectionId: insp.inspectionId, unitId: unit, docNumber: '山营商办[2026]5号' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json();
    noticeId = n.id;
    expect(n).toMatchObject({
      issuedOn: '2026-09-30',
      dueDate: '2026-10-13',
      clueClass: 'C',
      limitText: '5个工作日',
      profileVersion: 2,
      docNumber: '山营商办〔2026〕5号',
      findingCount: 2,
    });
    expect(n.basis).toContain('许昌市营商环境问题线索案件调查处理办法');
    expect(n.findings.map((f: { findingId: number; status: string }) => [f.findingId, f.status])).toEqual([
      [insp.findingIds[first], 'noticed'],
      [insp.findingIds[second], 'noticed'],
    ]);
    const docx = await t.inject({ method: 'GET', url: `/api/rectifications/notices/${noticeId}.docx` }, 'unitmgr');
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(xml).toContain('登记窗口未公示收费标准和办理时限');
    expect(xml).toContain('咨询电话连续三次无人接听');
    expect(xml).not.toContain('自助终端');
    expect(xml).toContain('请于2026年10月13日前完成整改');
    const pdf = await t.inject({ method: 'GET', url: `/api/rectifications/notices/${noticeId}.pdf` }, 'inspector1');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await auditActions()).toEqual(['rectification.profile', 'rectification.notice']);
  });

  it('lets the unit answer with measures and a photo, and refuses an unknown file type, writing nothing', async () => {
    const fid = insp.findingIds[first]!;
    const draft = await t.inject(
      { method: 'PUT', url: `/api/rectifications/findings/${fid}/answer`, payload: { measures: '已在窗口公示收费标准和时限' } },
      'unitmgr',
    );
    expect(draft.statusCode, draft.body).toBe(200);
    answerId = draft.json().id;
    const submitEmpty = await t.inject({ method: 'POST', url: `/api/rectifications/answers/${answerId}/submit` }, 'unitmgr');
    expect(submitEmpty.statusCode).toBe(400);
    expect(submitEmpty.json().error.message).toBe('请上传至少一份整改佐证材料');
    const exe = await t.inject(
      { method: 'POST', url: `/api/rectifications/answers/${answerId}/evidence`, ...multipart('photo.png', Buffer.from('MZ not a picture at all')) },
      'unitmgr',
    );
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.message).toContain('不是可接受的佐证材料');
    expect(await t.deps.db.selectFrom('rectification_evidence').select('id').execute()).toEqual([]);
    const up = await t.inject({ method: 'POST', url: `/api/rectifications/answers/${answerId}/evidence`, ...multipart('公示照片.png', PNG) }, 'unitmgr');
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'photo', mime: 'image/png', fileName: '公示照片.png' });
    const file = await t.inject({ method: 'GET', url: `/api/rectification-evidence/${up.json().id}` }, 'inspector1');
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);
    const sub = await t.inject({ method: 'POST', url: `/api/rectifications/answers/${answerId}/submit` }, 'unitmgr');
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'answered', answers: [{ status: 'submitted', measures: '已在窗口公示收费标准和时限' }] });
    // Frozen once submitted.
    expect(
      (await t.inject({ method: 'POST', url: `/api/rectifications/answers/${answerId}/evidence`, ...multipart('b.png', PNG) }, 'unitmgr')).statusCode,
    ).toBe(409);
  });

  it('never lets the unit re-check itself, nor an inspector of that unit, nor an unassigned one', async () => {
    const fid = insp.findingIds[first]!;
    const self = await t.inject({ method: 'POST', url: `/api/rectifications/findings/${fid}/recheck`, payload: { passed: true } }, 'unitmgr');
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('单位不能复查本单位的整改情况，复查由参与督查的督查人员进行');
    const own = await t.inject({ method: 'POST', url: `/api/rectifications/findings/${fid}/recheck`, payload: { passed: true } }, 'ownInspector');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe('不能复查本单位（或上下级单位）的整改情况');
    // Not assigned: the finding does not exist for them.
    expect((await t.inject({ method: 'POST', url: `/api/rectifications/findings/${fid}/recheck`, payload: { passed: true } }, 'inspector2')).statusCode).toBe(
      404,
    );
    expect(await statusOf(fid)).toBe('answered');
    expect(await t.deps.db.selectFrom('rectification_rechecks').select('id').execute()).toEqual([]);
  });

  it('a failed re-check needs reasons and returns the finding; the unit answers again; a pass closes it (销号)', async () => {
    const fid = insp.findingIds[first]!;
    const noReason = await t.inject(
      { method: 'POST', url: `/api/rectifications/findings/${fid}/recheck`, payload: { passed: false, reasons: ' ' } },
      'inspector1',
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toBe('复查未通过时请填写退回理由');
    const fail = await t.inject(
      { method: 'POST', url: `/api/rectifications/findings/${fid}/recheck`, payload: { passed: false, reasons: '公示牌未标注收费依据' } },
      'inspector1',
    );
    expect(fail.statusCode, fail.body).toBe(200);
    expect(fail.json()).toMatchObject({ status: 'returned', rechecks: [{ passed: false, reasons: '公示牌未标注收费依据', checkedBy: 'inspector1' }] });
    const again = await t.inject({ method: 'PUT', url: `/api/rectifications/findings/${fid}/answer`, payload: { measures: '已补充标注收费依据' } }, 'unitmgr');
    expect(again.statusCode).toBe(200);
    expect(again.json().id).not.toBe(answerId);
    await t.inject({ method: 'POST', url: `/api/rectifications/answers/${again.json().id}/evidence`, ...multipart('补充.png', PNG) }, 'unitmgr');
    expect((await t.inject({ method: 'POST', url: `/api/rectifications/answers/${again.json().id}/submit` }, 'unitmgr')).statusCode).toBe(200);
    const pass = await t.inject({ method: 'POST', url: `/api/rectifications/findings/${fid}/recheck`, payload: { passed: true } }, 'inspector1');
    expect(pass.statusCode).toBe(200);
    expect(pass.json()).toMatchObject({
      status: 'closed',
      answers: [{ status: 'submitted' }, { status: 'submitted' }],
      rechecks: [{ passed: false }, { passed: true }],
    });
    expect((await t.inject({ method: 'POST', url: `/api/rectifications/findings/${fid}/recheck`, payload: { passed: true } }, 'inspector1')).statusCode).toBe(
      409,
    );
  });

  it('counts the rate and the overdue finding per unit after the deadline, and exports them', async () => {
    now = chinaMorning('2026-10-14').getTime();
    t.forgetSessions(); // two weeks on, the sessions have expired
    const fig = await t.inject({ method: 'GET', url: '/api/rectifications/figures' }, 'leader');
    expect(fig.json()).toMatchObject({
      asOf: '2026-10-14',
      overall: { noticed: 2, closed: 1, overdue: 1, rate: 0.5 },
      units: [{ unitId: unit, unitName: '区市场监督管理局' }],
    });
    const list = await t.inject({ method: 'GET', url: '/api/rectifications/findings?overdue=true' });
    expect(list.json().data.map((i: { findingId: number }) => i.findingId)).toEqual([insp.findingIds[second]]);
    const notices = await t.inject({ method: 'GET', url: '/api/rectifications/notices?overdue=true' }, 'unitmgr');
    expect(notices.json()).toMatchObject({ total: 1, data: [{ id: noticeId, overdueCount: 1, closedCount: 1 }] });
    for (const [url, sheet] of [
      ['/api/rectifications/figures/export.xlsx', '各单位整改情况'],
      ['/api/rectifications/findings/export.xlsx', '问题整改情况'],
      ['/api/rectifications/notices/export.xlsx', '整改通知'],
    ] as const) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(sheet)!;
      expect(ws.rowCount, url).toBeGreaterThanOrEqual(3);
      if (sheet === '各单位整改情况') expect([1, 2, 3, 4, 5].map((c) => ws.getRow(3).getCell(c).text)).toEqual(['区市场监督管理局', '2', '1', '50%', '1']);
    }
  });

  it('puts an overdue finding into a second notice (再次交办), not one still within its time', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/rectifications/notices',
      payload: { inspectionId: insp.inspectionId, unitId: unit, findingIds: [insp.findingIds[second]], clueClass: 'B' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ clueClass: 'B', limitText: '15个工作日', findings: [{ noticeCount: 2, status: 'noticed' }] });
    const again = await t.inject({
      method: 'POST',
      url: '/api/rectifications/notices',
      payload: { inspectionId: insp.inspectionId, unitId: unit, findingIds: [insp.findingIds[second]] },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('仍在整改期限内');
  });
});

describe('who sees rectifications', () => {
  it('hides another unit’s notices and findings (404), and shows an unassigned inspector nothing', async () => {
    const [notice] = (await t.inject({ method: 'GET', url: '/api/rectifications/notices' })).json().data;
    const fid = insp.findingIds[1]!;
    for (const url of [`/api/rectifications/notices/${notice.id}`, `/api/rectifications/notices/${notice.id}.docx`, `/api/rectifications/findings/${fid}`]) {
      expect((await t.inject({ method: 'GET', url }, 'otherunit')).statusCode, url).toBe(404);
      expect((await t.inject({ method: 'GET', url }, 'inspector2')).statusCode, url).toBe(404);
      expect((await t.inject({ method: 'GET', url }, 'unitmgr')).statusCode, url).toBe(200);
    }
    expect((await t.inject({ method: 'GET', url: '/api/rectifications/notices' }, 'otherunit')).json()).toEqual({ data: [], total: 0 });
    expect((await t.inject({ method: 'GET', url: '/api/rectifications/figures' }, 'inspector2')).json().overall.noticed).toBe(0);
    // Another unit cannot answer it either: it does not exist for them.
    expect((await t.inject({ method: 'PUT', url: `/api/rectifications/findings/${fid}/answer`, payload: { measures: 'x' } }, 'otherunit')).statusCode).toBe(
      404,
    );
  });
});
