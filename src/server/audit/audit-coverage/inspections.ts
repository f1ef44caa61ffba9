import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { DEFAULT_FINDING_TAXONOMY } from '#core/inspections/findings.ts';
import { multipart } from '../../test/helpers.ts';
import { type Coverage, type CoverageFeature, PNG } from './types.ts';

let made = 0;

/** An open plan of the walk's unit with a fresh inspector on it (no unit: related to nobody); optionally a visit and a finding. */
async function plan({ t, ids }: Coverage, upTo: 'plan' | 'visit' | 'finding' = 'plan') {
  made += 1;
  const inspector = `cov-insp-${made}`;
  const inspectorId = await t.addUser(inspector, ['inspector'], null);
  const res = await t.inject({
    method: 'POST',
    url: '/api/inspections',
    payload: {
      title: `覆盖检查${made}`,
      kind: 'open',
      basis: '区政府决定',
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
      scope: { unitIds: [ids.units] },
      inspectorIds: [inspectorId],
      ...(upTo === 'plan' ? {} : { targetUnitIds: [ids.units] }),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  if (upTo === 'plan') return { id, inspector, inspectorId, findingId: 0 };
  const visit = await t.inject(
    { method: 'POST', url: `/api/inspections/${id}/visits`, payload: { unitId: ids.units, visitedAt: '2026-12-03T09:00:00+08:00', place: '窗口' } },
    inspector,
  );
  expect(visit.statusCode, visit.body).toBe(201);
  if (upTo === 'visit') return { id, inspector, inspectorId, findingId: 0, visitId: visit.json().id as number };
  const finding = await t.inject(
    {
      method: 'POST',
      url: `/api/inspections/${id}/findings`,
      payload: { visitId: visit.json().id, description: '问题', category: 'service', severity: 'minor', foundAt: '2026-12-03T09:10:00+08:00' },
    },
    inspector,
  );
  expect(finding.statusCode, finding.body).toBe(201);
  return { id, inspector, inspectorId, findingId: finding.json().id as number, visitId: visit.json().id as number };
}

const why = {
  'POST /api/inspections': 'the schema-built body names units that must exist (ids no generic call knows)',
  'PUT /api/inspections/taxonomy': 'codes must match a pattern the generated strings do not',
  'PATCH /api/inspections/:id': 'needs a plan',
  'POST /api/inspections/:id/draw': 'needs a plan with scope units and an inspector pool',
  'POST /api/inspections/:id/release': 'needs a plan',
  'POST /api/inspections/:id/visits': 'needs a plan with a target and the inspector assigned to it',
  'POST /api/inspections/:id/findings': 'needs a visit of that plan, recorded by an assigned inspector',
  'POST /api/findings/:id/evidence': 'a multipart upload to a finding, by an assigned inspector',
  'POST /api/inspections/:id/findings/import': 'a filled .xlsx template naming a target of the plan, by an assigned inspector',
} as const;

/** The inspections room's write routes a generic call cannot make succeed, each with its request. */
export const inspections: CoverageFeature = {
  notGeneric: why,
  manual: {
    'POST /api/inspections/:id/findings/import': async (c) => {
      const p = await plan(c, 'visit');
      const unit = await c.t.deps.db.selectFrom('units').select('name').where('id', '=', Number(c.ids.units)).executeTakeFirstOrThrow();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(
        (await c.t.inject({ method: 'GET', url: `/api/inspections/${p.id}/findings/template.xlsx` }, p.inspector)).rawPayload as unknown as ArrayBuffer,
      );
      wb.worksheets[0]!.addRow([unit.name, '2026-12-04 10:00', '窗口', '问题', '服务态度', '一般']);
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      await c.measure('POST /api/inspections/:id/findings/import', () =>
        c.t.inject({ method: 'POST', url: `/api/inspections/${p.id}/findings/import`, ...multipart('问题清单.xlsx', bytes) }, p.inspector),
      );
    },
    'POST /api/inspections': async (c) => {
      await c.measure('POST /api/inspections', () =>
        c.t.inject({
          method: 'POST',
          url: '/api/inspections',
          payload: { title: '覆盖', kind: 'covert', basis: '批示', periodStart: '2026-12-01', periodEnd: '2026-12-02', scope: { unitIds: [c.ids.units] } },
        }),
      );
    },
    'PUT /api/inspections/taxonomy': async (c) => {
      await c.measure('PUT /api/inspections/taxonomy', () =>
        c.t.inject({ method: 'PUT', url: '/api/inspections/taxonomy', payload: DEFAULT_FINDING_TAXONOMY }),
      );
    },
    'PATCH /api/inspections/:id': async (c) => {
      const p = await plan(c);
      await c.measure('PATCH /api/inspections/:id', () => c.t.inject({ method: 'PATCH', url: `/api/inspections/${p.id}`, payload: { title: '改名' } }));
    },
    'POST /api/inspections/:id/draw': async (c) => {
      const p = await plan(c);
      await c.measure('POST /api/inspections/:id/draw', () =>
        c.t.inject({
          method: 'POST',
          url: `/api/inspections/${p.id}/draw`,
          payload: { targetCount: 1, inspectorsPerTarget: 1, seed: 'coverage', inspectorPoolIds: [p.inspectorId] },
        }),
      );
    },
    'POST /api/inspections/:id/release': async (c) => {
      const p = await plan(c);
      await c.measure('POST /api/inspections/:id/release', () => c.t.inject({ method: 'POST', url: `/api/inspections/${p.id}/release` }));
    },
    'POST /api/inspections/:id/visits': async (c) => {
      const p = await plan(c, 'visit');
      await c.measure('POST /api/inspections/:id/visits', () =>
        c.t.inject(
          {
            method: 'POST',
            url: `/api/inspections/${p.id}/visits`,
            payload: { unitId: c.ids.units, visitedAt: '2026-12-04T09:00:00+08:00', place: '大厅' },
          },
          p.inspector,
        ),
      );
    },
    'POST /api/inspections/:id/findings': async (c) => {
      const p = await plan(c, 'visit');
      await c.measure('POST /api/inspections/:id/findings', () =>
        c.t.inject(
          {
            method: 'POST',
            url: `/api/inspections/${p.id}/findings`,
            payload: { visitId: p.visitId, description: '问题', category: 'service', severity: 'minor', foundAt: '2026-12-03T09:10:00+08:00' },
          },
          p.inspector,
        ),
      );
    },
    'POST /api/findings/:id/evidence': async (c) => {
      const p = await plan(c, 'finding');
      await c.measure('POST /api/findings/:id/evidence', () =>
        c.t.inject({ method: 'POST', url: `/api/findings/${p.findingId}/evidence`, ...multipart('现场.png', PNG) }, p.inspector),
      );
    },
  },
};
