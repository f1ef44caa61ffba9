import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDraw } from '#core/inspections/draw.ts';
import { createTestApp, multipart, type TestApp } from '../test/helpers.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

let t: TestApp;
const units: Record<string, number> = {};
const users: Record<string, number> = {};
let planId: number;
let findingId: number;
let evidenceId: number;

async function unit(name: string, parent: number | null = null) {
  const r = await t.deps.db
    .insertInto('units')
    .values({ name, is_collective: 0, parent_id: parent, created_at: '2026-12-01T00:00:00.000Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  units[name] = r.id;
  return r.id;
}
const count = async (table: 'inspection_findings' | 'inspection_evidence' | 'inspection_visits') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  const hall = await unit('区政务服务中心');
  await unit('中心一窗受理科', hall);
  await unit('区市场监管局');
  await unit('区税务局');
  await unit('区督查室');
  users['insp1'] = await t.addUser('insp1', ['inspector'], units['区督查室']);
  users['insp2'] = await t.addUser('insp2', ['inspector'], units['区督查室']);
  users['insp3'] = await t.addUser('insp3', ['inspector'], units['区市场监管局']);
  users['insphall'] = await t.addUser('insphall', ['inspector'], units['中心一窗受理科']);
  await t.addUser('outsider', ['inspector'], units['区督查室']);
  await t.addUser('leader1', ['leader']);
  await t.addUser('hallstaff', ['unit_staff'], hall);
  await t.addUser('taxstaff', ['unit_manager'], units['区税务局']);
});
afterAll(async () => t?.close());

describe('an unannounced inspection (暗访) from plan to release', () => {
  it('creates the plan; only the coordinator may', async () => {
    const body = {
      title: '2026年12月政务服务大厅暗访',
      kind: 'covert',
      basis: '区政府第12次常务会议决定',
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
      methodNotes: '随机抽取，不打招呼、直奔现场',
      scope: { unitIds: [units['区政务服务中心']!, units['区市场监管局']!, units['区税务局']!] },
    };
    expect((await t.inject({ method: 'POST', url: '/api/inspections', payload: body }, 'insp1')).statusCode).toBe(403);
    const bad = await t.inject({ method: 'POST', url: '/api/inspections', payload: { ...body, targetUnitIds: [units['区督查室']] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('检查范围');
    const res = await t.inject({ method: 'POST', url: '/api/inspections', payload: body });
    expect(res.statusCode).toBe(201);
    planId = res.json().id;
    expect(res.json()).toMatchObject({ kind: 'covert', drawn: false, releasedAt: null, access: 'full' });
  });

  it('draws targets and inspectors reproducibly, never an inspector for a related unit, and only once', async () => {
    const res = await t.inject({
      method: 'POST',
      url: `/api/inspections/${planId}/draw`,
      payload: { targetCount: 3, inspectorsPerTarget: 1, seed: 'dec-2026', inspectorPoolIds: Object.values(users) },
    });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.draw).toMatchObject({ seed: 'dec-2026', reproduced: true });
    expect(runDraw(d.draw.input, 'dec-2026')).toEqual(d.draw.result);
    expect(d.targets).toHaveLength(3);
    const hallInspectors = d.inspectors.filter((i: { targetUnitId: number }) => i.targetUnitId === units['区政务服务中心']);
    expect(hallInspectors.map((i: { displayName: string }) => i.displayName)).not.toContain('insphall');
    const tax = d.inspectors.filter((i: { targetUnitId: number }) => i.targetUnitId === units['区市场监管局']);
    expect(tax.map((i: { unitId: number }) => i.unitId)).not.toContain(units['区市场监管局']);
    const again = await t.inject({ method: 'POST', url: `/api/inspections/${planId}/draw`, payload: { targetCount: 1, inspectorsPerTarget: 1 } });
    expect(again.statusCode).toBe(409);
    // Name everyone on the whole plan too, so that the walk below does not depend on who was drawn.
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/inspections/${planId}`,
      payload: { inspectorIds: [users.insp1, users.insphall] },
    });
    expect(patched.statusCode).toBe(200);
  });

  it('refuses a draw the pool cannot satisfy, with a Chinese reason, and stores nothing', async () => {
    const p = await t.inject({
      method: 'POST',
      url: '/api/inspections',
      payload: {
        title: '随机抽查',
        kind: 'random',
        basis: '批示',
        periodStart: '2026-12-01',
        periodEnd: '2026-12-31',
        scope: { unitIds: [units['区税务局']!] },
      },
    });
    const res = await t.inject({ method: 'POST', url: `/api/inspections/${p.json().id}/draw`, payload: { targetCount: 1, inspectorsPerTarget: 9 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/督查人员只有 \d+ 名，不足 9 名/);
    expect((await t.inject({ method: 'GET', url: `/api/inspections/${p.json().id}` })).json().drawn).toBe(false);
  });

  it('records a visit and a finding with a photo; refuses a unit outside the targets and changes nothing', async () => {
    const as = 'insp1';
    const visit = await t.inject(
      {
        method: 'POST',
        url: `/api/inspections/${planId}/visits`,
        payload: { unitId: units['区政务服务中心'], visitedAt: '2026-12-03T09:30:00+08:00', place: '一楼综合窗口', latitude: 34.1, longitude: 113.8 },
      },
      as,
    );
    expect(visit.statusCode).toBe(201);
    expect(visit.json().visitedAt).toBe('2026-12-03T01:30:00.000Z');
    const before = await count('inspection_findings');
    const outside = await t.inject(
      {
        method: 'POST',
        url: `/api/inspections/${planId}/findings`,
        payload: {
          visitId: visit.json().id,
          unitId: units['区督查室'],
          description: 'x',
          category: 'service',
          severity: 'minor',
          foundAt: '2026-12-03T09:40:00+08:00',
        },
      },
      as,
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('不是本次督查的检查对象');
    const badCategory = await t.inject(
      {
        method: 'POST',
        url: `/api/inspections/${planId}/findings`,
        payload: { visitId: visit.json().id, description: 'x', category: 'nope', severity: 'minor', foundAt: '2026-12-03T09:40:00+08:00' },
      },
      as,
    );
    expect(badCategory.statusCode).toBe(400);
    expect(await count('inspection_findings')).toBe(before);
    const f = await t.inject(
      {
        method: 'POST',
        url: `/api/inspections/${planId}/findings`,
        payload: {
          visitId: visit.json().id,
          description: '窗口人员离岗30分钟无人值守',
          category: 'discipline',
          severity: 'major',
          location: '3号窗口',
          foundAt: '2026-12-03T09:40:00+08:00',
        },
      },
      as,
    );
    expect(f.statusCode).toBe(201);
    expect(f.json()).toMatchObject({ status: 'found', categoryLabel: '工作纪律', severityLabel: '较重', unitName: '区政务服务中心' });
    findingId = f.json().id;
    const up = await t.inject({ method: 'POST', url: `/api/findings/${findingId}/evidence?note=现场照片`, ...multipart('现场.png', PNG) }, as);
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'photo', mime: 'image/png', note: '现场照片' });
    expect(up.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    evidenceId = up.json().id;
    const exe = await t.inject(
      { method: 'POST', url: `/api/findings/${findingId}/evidence`, ...multipart('a.png', Buffer.from('MZ\x90\x00 not a picture')) },
      as,
    );
    expect(exe.statusCode).toBe(415);
    // The coordinator does not record (inspection.record is the inspectors').
    expect((await t.inject({ method: 'POST', url: `/api/findings/${findingId}/evidence`, ...multipart('b.png', PNG) })).statusCode).toBe(403);
    // An inspector of the hall's own office is never let in, even when named on the plan; one not on it finds no plan.
    const visitAs = (as: string) =>
      t.inject(
        {
          method: 'POST',
          url: `/api/inspections/${planId}/visits`,
          payload: { unitId: units['区政务服务中心'], visitedAt: '2026-12-03T09:30:00+08:00', place: 'x' },
        },
        as,
      );
    const own = await visitAs('insphall');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('不能检查本单位');
    expect((await visitAs('outsider')).statusCode).toBe(404);
  });

  it('refuses a 200 MB video with a clear Chinese error and stores nothing', async () => {
    const as = 'insp1';
    const mp4Head = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 0, 0]);
    const big = Buffer.concat([mp4Head, Buffer.alloc(200 * 1024 * 1024)]);
    const before = await count('inspection_evidence');
    const res = await t.inject({ method: 'POST', url: `/api/findings/${findingId}/evidence`, ...multipart('暗访录像.mp4', big) }, as);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/超过 100 MB/);
    expect(await count('inspection_evidence')).toBe(before);
  }, 60_000);
});

describe('confidentiality, route by route', () => {
  const hidden = async (as: string) => {
    const paths = [`/api/inspections/${planId}`, `/api/inspections/${planId}/visits`, `/api/findings/${findingId}`, `/api/inspection-evidence/${evidenceId}`];
    const codes = await Promise.all(paths.map(async (url) => (await t.inject({ method: 'GET', url }, as)).statusCode));
    const list = (await t.inject({ method: 'GET', url: '/api/inspections' }, as)).json();
    const findings = (await t.inject({ method: 'GET', url: '/api/findings' }, as)).json();
    const groups = (await t.inject({ method: 'GET', url: '/api/findings/groups?by=unit' }, as)).json();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await t.inject({ method: 'GET', url: '/api/findings/export.xlsx' }, as)).rawPayload as unknown as ArrayBuffer);
    const plansWb = new ExcelJS.Workbook();
    await plansWb.xlsx.load((await t.inject({ method: 'GET', url: '/api/inspections/export.xlsx' }, as)).rawPayload as unknown as ArrayBuffer);
    const plansExported = plansWb.worksheets[0]!.getColumn(1).values.filter((v) => v === '2026年12月政务服务大厅暗访').length;
    return { codes, plans: list.total, plansExported, findings: findings.total, groups: groups.total, exported: wb.worksheets[0]!.rowCount - 1 };
  };

  it('before release: coordinator, leader and assigned inspectors see it; the target unit, another unit and an unassigned inspector see nothing', async () => {
    for (const as of ['coordinator', 'leader1', 'insp1']) {
      const r = await hidden(as);
      expect(r.codes).toEqual([200, 200, 200, 200]);
      expect(r.findings).toBe(1);
      expect(r.exported).toBe(1);
      expect(r.plansExported).toBe(1);
    }
    for (const as of ['hallstaff', 'taxstaff', 'outsider']) {
      const r = await hidden(as);
      expect(r.codes, as).toEqual([404, 404, 404, 404]);
      expect(r, as).toMatchObject({ plans: 0, plansExported: 0, findings: 0, groups: 0, exported: 0 });
    }
  });

  it('release: only the coordinator; afterwards the target unit sees its own findings, the other unit still nothing', async () => {
    expect((await t.inject({ method: 'POST', url: `/api/inspections/${planId}/release` }, 'leader1')).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url: `/api/inspections/${planId}/release` })).statusCode).toBe(200);
    expect((await t.inject({ method: 'POST', url: `/api/inspections/${planId}/release` })).statusCode).toBe(409);
    const hall = await hidden('hallstaff');
    expect(hall.codes).toEqual([200, 200, 200, 200]);
    expect(hall).toMatchObject({ plans: 1, plansExported: 1, findings: 1, groups: 1, exported: 1 });
    const detail = (await t.inject({ method: 'GET', url: `/api/inspections/${planId}` }, 'hallstaff')).json();
    expect(detail).toMatchObject({ access: 'unit', inspectors: [], draw: null });
    expect(detail.targets.map((x: { unitId: number }) => x.unitId)).toEqual([units['区政务服务中心']]);
    const tax = await hidden('taxstaff');
    // The tax bureau is a target of the released covert plan: it sees the plan, but no finding about another unit.
    expect(tax.codes.slice(2)).toEqual([404, 404]);
    expect(tax).toMatchObject({ findings: 0, groups: 0, exported: 0 });
    expect((await hidden('outsider')).codes).toEqual([404, 404, 404, 404]);
    // Every successful download of covert evidence is in the audit trail, with the evidence id.
    const downloads = await t.deps.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'inspection.evidence.download').execute();
    expect(downloads.length).toBeGreaterThanOrEqual(4);
    expect(downloads.every((d) => String(d.entity_id) === String(evidenceId))).toBe(true);
  });
});

describe('the offline findings template and its import', () => {
  const filled = async (rows: (string | number)[][]) => {
    const res = await t.inject({ method: 'GET', url: `/api/inspections/${planId}/findings/template.xlsx` }, 'insp1');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).text).toBe('被检查单位');
    expect(wb.getWorksheet('填写说明')!.getRow(5).getCell(2).text).toContain('区政务服务中心');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const upload = (bytes: Buffer, dryRun = false) =>
    t.inject({ method: 'POST', url: `/api/inspections/${planId}/findings/import?dryRun=${dryRun}`, ...multipart('问题清单.xlsx', bytes) }, 'insp1');
  const good = ['区政务服务中心', '2026-12-04 10:00', '二楼社保窗口', '未一次性告知所需材料', '办事流程与材料', '一般', '', '', '', '', ''];

  it('reports every error with its row and column, and writes nothing', async () => {
    const before = await count('inspection_findings');
    const res = await upload(await filled([good, ['区督查室', '2026-13-01 10:00', '', '', '不存在的类别', '一般', '', '', '', 'abc', '好']]));
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { row: number; column: string; message: string }[];
    expect(details.map((d) => `${d.row}:${d.column}`)).toEqual([
      '3:被检查单位',
      '3:检查时间',
      '3:检查地点',
      '3:问题描述',
      '3:问题类别',
      '3:关联任务ID',
      '3:性质',
    ]);
    expect(details[0]!.message).toBe('“区督查室”不是本次督查的检查对象');
    expect(await count('inspection_findings')).toBe(before);
  });

  it('previews without writing, then imports all rows, one visit per unit, time and place', async () => {
    const bytes = await filled([
      good,
      good.map((v, i) => (i === 3 ? '叫号系统故障无人处理' : v)),
      ['区政务服务中心', '2026-12-05 15:30', '自助区', '自助终端黑屏', '场所与设施', '较重', '', '', '', '', '问题'],
    ]);
    const before = await count('inspection_findings');
    const preview = await upload(bytes, true);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, rows: 3, visits: 2, created: 0 });
    expect(await count('inspection_findings')).toBe(before);
    const done = await upload(bytes);
    expect(done.json()).toMatchObject({ dryRun: false, rows: 3, visits: 2, created: 3 });
    expect(await count('inspection_findings')).toBe(before + 3);
    const listed = (await t.inject({ method: 'GET', url: `/api/findings?inspectionId=${planId}&severity=major` })).json();
    expect(listed.data.map((f: { description: string; source: string }) => [f.description, f.source])).toContainEqual(['自助终端黑屏', 'imported']);
    expect(listed.data.find((f: { description: string }) => f.description === '自助终端黑屏').foundAt).toBe('2026-12-05T07:30:00.000Z');
    const groups = (await t.inject({ method: 'GET', url: `/api/findings/groups?by=category&inspectionId=${planId}` })).json();
    expect(groups.total).toBe(4);
    expect(groups.groups.find((g: { key: string }) => g.key === 'procedure')).toMatchObject({ label: '办事流程与材料', total: 2, byStatus: { found: 2 } });
  });
});

describe('a unit merged into another', () => {
  it('takes its inspection targets, visits and findings along, so the merge neither fails nor loses them', async () => {
    const into = await unit('区政务服务中心（新）');
    const hall = units['区政务服务中心']!;
    await t.deps.db.updateTable('users').set({ unit_id: into }).where('unit_id', '=', hall).execute(); // accounts block a merge
    const before = await count('inspection_findings');
    const res = await t.inject({ method: 'POST', url: `/api/units/${hall}/merge`, payload: { intoUnitId: into } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await count('inspection_findings')).toBe(before);
    const detail = (await t.inject({ method: 'GET', url: `/api/inspections/${planId}` })).json();
    expect(detail.targets.map((x: { unitId: number }) => x.unitId)).toContain(into);
    expect(detail.targets.map((x: { unitId: number }) => x.unitId)).not.toContain(hall);
    expect((await t.inject({ method: 'GET', url: `/api/findings/${findingId}` })).json().unitId).toBe(into);
  });
});
