import type { InspectionKind } from '#core/inspections/kinds.ts';
import type { TestApp } from '../test/helpers.ts';

/**
 * Inspections written straight into their tables (the inspections API is another room's): a plan with
 * targets, an assigned inspector, one visit and findings, released or not.
 */
export interface InspectionFixture {
  inspectionId: number;
  visitId: number;
  findingIds: number[];
}

export async function addUnit(t: TestApp, name: string, parentId: number | null = null): Promise<number> {
  const row = await t.deps.db
    .insertInto('units')
    .values({ name, is_collective: 0, parent_id: parentId, created_at: '2026-09-01T00:00:00.000Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addInspection(
  t: TestApp,
  opts: {
    title?: string;
    kind?: InspectionKind;
    unitId: number;
    inspectorIds: number[];
    findings: { description: string; polarity?: 'problem' | 'highlight' }[];
    released?: boolean;
  },
): Promise<InspectionFixture> {
  const db = t.deps.db;
  const at = '2026-09-16T02:00:00.000Z';
  const { id: inspectionId } = await db
    .insertInto('inspection_plans')
    .values({
      title: opts.title ?? '2026年第三季度政务服务暗访',
      kind: opts.kind ?? 'covert',
      basis: '区政府常务会议决定',
      period_start: '2026-09-14',
      period_end: '2026-09-25',
      method_notes: null,
      created_by: null,
      created_at: at,
      updated_at: at,
      released_by: null,
      released_at: opts.released === false ? null : '2026-09-28T02:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('inspection_scope_units').values({ inspection_id: inspectionId, unit_id: opts.unitId }).execute();
  await db.insertInto('inspection_targets').values({ inspection_id: inspectionId, unit_id: opts.unitId, source: 'named' }).execute();
  for (const user_id of opts.inspectorIds)
    await db.insertInto('inspection_inspectors').values({ inspection_id: inspectionId, user_id, target_unit_id: null, source: 'named' }).execute();
  const { id: visitId } = await db
    .insertInto('inspection_visits')
    .values({
      inspection_id: inspectionId,
      unit_id: opts.unitId,
      visited_at: at,
      place: '区政务服务中心',
      latitude: null,
      longitude: null,
      notes: null,
      created_by: null,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const findingIds: number[] = [];
  for (const f of opts.findings) {
    const { id } = await db
      .insertInto('inspection_findings')
      .values({
        inspection_id: inspectionId,
        visit_id: visitId,
        unit_id: opts.unitId,
        polarity: f.polarity ?? 'problem',
        description: f.description,
        category: 'disclosure',
        severity: 'minor',
        location: '3号窗口',
        found_at: at,
        indicator_code: null,
        status: 'found',
        source: 'entered',
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    findingIds.push(id);
  }
  return { inspectionId, visitId, findingIds };
}

/** A small PNG (1×1), accepted as a photo. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
