import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportStatus } from '../db/schema.ts';
import { createTestApp, importSeed, TEST_DIALECT, type TestApp } from '../test/helpers.ts';

/**
 * `dashboard_task_facts` is kept by triggers (migration 20261204060000). After every kind of write to
 * its source tables it must equal what the source rows say, recomputed here in plain code.
 */
let t: TestApp;
let planId: number;
let userId: number;
let taskIds: number[];
let unitIds: number[];

type Facts = Map<number, { progressed: number; reported: string[]; units: string[]; milestones: string[] }>;

async function expected(): Promise<Facts> {
  const db = t.deps.db;
  const tasks = await db.selectFrom('tasks').select('id').execute();
  const reports = await db.selectFrom('progress_reports').select(['task_id', 'unit_id', 'status']).execute();
  const links = await db.selectFrom('task_units').select(['id', 'task_id', 'unit_id', 'role', 'ordinal']).execute();
  const milestones = await db.selectFrom('milestones').select(['id', 'task_id', 'ordinal', 'due_date', 'completed_on']).execute();
  const out: Facts = new Map(tasks.map((x) => [x.id, { progressed: 0, reported: [], units: [], milestones: [] }]));
  for (const r of reports) {
    const f = out.get(r.task_id)!;
    if (r.status !== 'draft') f.progressed = 1;
    if ((r.status === 'submitted' || r.status === 'accepted') && !f.reported.includes(String(r.unit_id))) f.reported.push(String(r.unit_id));
  }
  links.sort((a, b) => a.task_id - b.task_id || a.ordinal - b.ordinal || a.id - b.id);
  for (const l of links) out.get(l.task_id)!.units.push(`${l.unit_id}${l.role === 'lead' ? '*' : ''}`);
  milestones.sort((a, b) => a.task_id - b.task_id || a.ordinal - b.ordinal || a.id - b.id);
  for (const m of milestones) out.get(m.task_id)!.milestones.push(`${m.due_date ?? ''}~${m.completed_on ?? ''}`);
  for (const f of out.values()) f.reported.sort();
  return out;
}

async function actual(): Promise<Facts> {
  const rows = await sql<{ task_id: number; progressed: number; reported_units: string | null; units: string | null; milestones: string | null }>`SELECT task_id, progressed, reported_units, units, milestones FROM dashboard_task_facts`.execute(t.deps.db);
  return new Map(
    rows.rows.map((r) => [Number(r.task_id), { progressed: Number(r.progressed), reported: r.reported_units ? r.reported_units.split(',').sort() : [], units: r.units ? r.units.split(',') : [], milestones: r.milestones ? r.milestones.split(',') : [] }]),
  );
}

const agree = async () => expect(await actual()).toEqual(await expected());

async function addReport(taskId: number, unitId: number, status: ReportStatus, db = t.deps.db) {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('progress_reports')
    .values({ task_id: taskId, unit_id: unitId, kind: 'part', stage: 'in_progress', narrative: '测试', status, created_by: userId, created_at: now, updated_at: now, submitted_at: status === 'draft' ? null : now, reviewed_by: null, reviewed_at: null, review_comment: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  planId = await importSeed(t);
  userId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'coordinator').executeTakeFirstOrThrow()).id;
  taskIds = (await t.deps.db.selectFrom('tasks').select('id').where('plan_id', '=', planId).orderBy('ordinal').execute()).map((r) => r.id);
  unitIds = (await t.deps.db.selectFrom('units').select('id').orderBy('id').limit(5).execute()).map((r) => r.id);
});

afterAll(async () => {
  await t?.close();
});

describe('dashboard_task_facts (kept by triggers)', () => {
  it('has every imported task with its units in document order, the lead ones marked', async () => {
    const facts = await actual();
    expect(facts.size).toBe(taskIds.length);
    expect([...facts.values()].filter((f) => f.units.length > 0).length).toBeGreaterThan(taskIds.length / 2);
    expect([...facts.values()].every((f) => f.progressed === 0 && f.reported.length === 0)).toBe(true);
    await agree();
  });

  it('follows reports added, reviewed, returned, moved to another task and deleted', async () => {
    const [a, b, c] = taskIds as [number, number, number];
    const [u1, u2, u3] = unitIds as [number, number, number];
    const draft = await addReport(a, u1, 'draft');
    await agree();
    expect((await actual()).get(a)).toMatchObject({ progressed: 0, reported: [] });
    const sub = await addReport(a, u2, 'submitted');
    await addReport(a, u2, 'accepted');
    await addReport(b, u3, 'returned');
    await agree();
    expect((await actual()).get(a)).toMatchObject({ progressed: 1, reported: [String(u2)] });
    expect((await actual()).get(b)).toMatchObject({ progressed: 1, reported: [] });
    await t.deps.db.updateTable('progress_reports').set({ status: 'submitted' }).where('id', '=', draft).execute();
    await t.deps.db.updateTable('progress_reports').set({ status: 'returned' }).where('id', '=', sub).execute();
    await agree();
    await t.deps.db.updateTable('progress_reports').set({ task_id: c }).where('id', '=', draft).execute();
    await agree();
    expect((await actual()).get(c)).toMatchObject({ progressed: 1, reported: [String(u1)] });
    // A text edit leaves the facts as they are (and the trigger must not break it).
    await t.deps.db.updateTable('progress_reports').set({ narrative: '改写' }).where('task_id', '=', a).execute();
    await t.deps.db.deleteFrom('progress_reports').where('task_id', 'in', [a, c]).execute();
    await agree();
    expect((await actual()).get(a)).toMatchObject({ progressed: 0, reported: [] });
  });

  it('follows links re-ordered, re-assigned (a unit merge), removed and added', async () => {
    const db = t.deps.db;
    const link = await db.selectFrom('task_units').select(['id', 'task_id', 'unit_id']).where('role', '=', 'responsible').orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('task_units').set({ role: 'lead', ordinal: -1 }).where('id', '=', link.id).execute();
    await agree();
    expect((await actual()).get(link.task_id)!.units[0]).toBe(`${link.unit_id}*`);
    await db.updateTable('task_units').set({ unit_id: unitIds[4]! }).where('unit_id', '=', link.unit_id).execute();
    await agree();
    await db.deleteFrom('task_units').where('task_id', '=', link.task_id).execute();
    await agree();
    expect((await actual()).get(link.task_id)!.units).toEqual([]);
    await db.insertInto('task_units').values({ task_id: link.task_id, plan_id: planId, unit_id: unitIds[0]!, role: 'lead', ordinal: 0, name_as_written: '测试' }).execute();
    await agree();
  });

  it('follows milestones closed, reopened, re-dated, re-ordered, removed and added', async () => {
    const db = t.deps.db;
    const m = await db.selectFrom('milestones').select(['id', 'task_id', 'due_date']).where('due_date', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    expect((await actual()).get(m.task_id)!.milestones).toContain(`${m.due_date}~`);
    await db.updateTable('milestones').set({ completed_on: '2026-01-05' }).where('id', '=', m.id).execute();
    await agree();
    expect((await actual()).get(m.task_id)!.milestones).toContain(`${m.due_date}~2026-01-05`);
    await db.updateTable('milestones').set({ completed_on: null, due_date: null }).where('id', '=', m.id).execute();
    await agree();
    await db.updateTable('milestones').set({ ordinal: 99 }).where('id', '=', m.id).execute();
    await agree();
    await db.deleteFrom('milestones').where('task_id', '=', m.task_id).execute();
    await agree();
    expect((await actual()).get(m.task_id)!.milestones).toEqual([]);
    await db.insertInto('milestones').values({ task_id: m.task_id, plan_id: planId, ordinal: 0, text: '测试节点', clause: '测试节点', due_date: '2026-09-30', span_start: null, span_end: null }).execute();
    await agree();
    expect((await actual()).get(m.task_id)!.milestones).toEqual(['2026-09-30~']);
  });

  it('drops the row of a deleted task, reports and links going with it', async () => {
    const last = taskIds.at(-1)!;
    await addReport(last, unitIds[0]!, 'submitted');
    await t.deps.db.deleteFrom('tasks').where('id', '=', last).execute();
    expect((await actual()).has(last)).toBe(false);
    await agree();
  });

  it.runIf(TEST_DIALECT === 'postgres')('counts both of two concurrent submits on one task (PostgreSQL, READ COMMITTED)', async () => {
    const db = t.deps.db;
    const task = taskIds[5]!;
    const [u1, u2] = unitIds as [number, number];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((r) => (firstWrote = r));
    const first = db.transaction().execute(async (trx) => {
      await addReport(task, u1, 'submitted', trx);
      firstWrote();
      await gate; // holds its transaction open while the second one writes
    });
    await wrote;
    const second = db.transaction().execute(async (trx) => {
      await addReport(task, u2, 'submitted', trx);
    });
    await new Promise((r) => setTimeout(r, 200)); // the second is now waiting in its trigger
    release();
    await Promise.all([first, second]);
    expect((await actual()).get(task)!.reported).toEqual([String(u1), String(u2)].sort());
    await agree();
  });
});
