import { SelectQueryNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Deps } from '../context.ts';
import { actorFor } from '../test/factories.ts';
import { firstLink } from '../test/finders.ts';
import { createTestApp, importSeed, type TestApp } from '../test/helpers.ts';
import { addAttachment, createReport, submitReport } from './reports.service.ts';
import { tableOf, watchStatements } from '../test/query-observers.ts';

/**
 * issue 9 §5: a unit's report request read its report and its task's closure more than once
 * (editable, assertMayReport, reportDto, submitReport each on their own). Each is now read once per
 * request and passed down; these count the reads of the three requests of the 200-unit burst.
 */
/** The table of every SELECT sent, in order. */
const rec: { reads: string[] } = { reads: [] };
const times = (reads: string[], table: string) => reads.filter((r) => r === table).length;

let t: TestApp;
let node: Deps;
let actor: Actor;
let taskId: number;
let unitId: number;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('tuijin evidence image')]);

beforeAll(async () => {
  t = await createTestApp();
  const planId = await importSeed(t);
  const link = await firstLink(t, planId, 'responsible');
  taskId = link.task_id;
  unitId = link.unit_id;
  await t.addUser('resp', ['unit_staff'], unitId);
  actor = await actorFor(t, 'resp');
  node = {
    ...t.deps,
    db: t.deps.db.withPlugin(
      watchStatements((n) => {
        if (SelectQueryNode.is(n)) rec.reads.push(tableOf(n.from) ?? '?');
      }),
    ),
  };
});
afterAll(async () => t.close());

describe('a report request reads its task and report once', () => {
  it('create, attach, submit: the task once each, the report once per step (twice for submit: before and under its lock)', async () => {
    rec.reads = [];
    const made = await createReport(node, actor, taskId, { unitId, kind: 'part', stage: 'in_progress', narrative: '已完成系统对接测试。' });
    expect(made).toMatchObject({ taskId, unitId, status: 'draft', attachments: [] });
    expect(times(rec.reads, 'tasks'), rec.reads.join()).toBe(1);
    expect(times(rec.reads, 'progress_reports'), rec.reads.join()).toBe(1);
    expect(times(rec.reads, 'attachments'), rec.reads.join()).toBe(0);

    rec.reads = [];
    await addAttachment(node, actor, made.id, {
      fileName: '截图.png',
      stream: (async function* () {
        yield PNG;
      })(),
    });
    expect(times(rec.reads, 'tasks'), rec.reads.join()).toBe(1);
    expect(times(rec.reads, 'progress_reports'), rec.reads.join()).toBe(1);

    rec.reads = [];
    const sent = await submitReport(node, actor, made.id);
    expect(sent).toMatchObject({ id: made.id, status: 'submitted', attachments: [{ fileName: '截图.png', mime: 'image/png', size: PNG.length }] });
    expect(sent.submittedAt).not.toBeNull();
    expect(times(rec.reads, 'tasks'), rec.reads.join()).toBe(1);
    expect(times(rec.reads, 'progress_reports'), rec.reads.join()).toBe(2);
    expect(times(rec.reads, 'attachments'), rec.reads.join()).toBe(1);
    // What it answers is what is stored.
    const stored = await t.deps.db
      .selectFrom('progress_reports')
      .select(['status', 'submitted_at', 'round_id'])
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect({ status: sent.status, submittedAt: sent.submittedAt, roundId: sent.roundId }).toEqual({
      status: stored.status,
      submittedAt: stored.submitted_at,
      roundId: stored.round_id,
    });
  });
});
