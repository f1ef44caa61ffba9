import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTask } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { FILE_GRACE_MS, FileStore } from './file-store.ts';
import { describeSweep, startFileSweeps, sweepFiles, sweepGraceMs } from './sweep.ts';

let t: TestApp;
let store: FileStore;
let reportId: number;
beforeAll(async () => {
  t = await createTestApp();
  store = new FileStore(t.deps.config.dataDir);
  const ids = await seedTask(t.deps.db);
  const admin = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  reportId = (await t.deps.db.insertInto('progress_reports').values({ task_id: ids.taskId, unit_id: ids.lead, kind: 'part', stage: 'in_progress', narrative: '进展', status: 'draft', created_by: admin.id, created_at: at, updated_at: at, submitted_at: null, reviewed_by: null, reviewed_at: null, review_comment: null }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

const NOW = new Date('2026-12-04T10:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const age = (path: string, minutes: number) => utimesSync(path, minutesAgo(minutes), minutesAgo(minutes));

/** A stored file under its hash, `minutes` old; attached to the report when `attached`. */
async function stored(minutes: number, attached: boolean): Promise<{ sha256: string; bytes: Buffer }> {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300)]);
  const sha256 = await store.save(bytes);
  age(store.pathOf(sha256), minutes);
  if (attached) await t.deps.db.insertInto('attachments').values({ report_id: reportId, sha256, file_name: '佐证.pdf', mime: 'application/pdf', size: bytes.length, created_at: NOW.toISOString() }).execute();
  return { sha256, bytes };
}

function tmp(name: string, minutes: number): string {
  const path = join(store.root, name);
  writeFileSync(path, 'half an upload');
  age(path, minutes);
  return path;
}

const sweepRows = () => t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'files.sweep').orderBy('id').execute();

describe('start-up sweep of crash leftovers', () => {
  it('removes old .tmp files, quarantines old files with no row (bytes kept), keeps fresh ones and attached ones, and audits it as the system', async () => {
    const attached = await stored(60, true);
    const orphan = await stored(60, false);
    const freshOrphan = await stored(1, false);
    const oldTmp = tmp('0b7c1c1e-dead-4bee-8f00-000000000001.tmp', 30);
    const freshTmp = tmp('0b7c1c1e-dead-4bee-8f00-000000000002.tmp', 2);
    // A file a collector moved aside and died before judging: put back under its name.
    const aside = await stored(60, true);
    const asidePath = `${store.pathOf(aside.sha256)}.6f1c.gc`;
    writeFileSync(asidePath, aside.bytes);
    unlinkSync(store.pathOf(aside.sha256));
    age(asidePath, 60);

    const r = await sweepFiles(t.deps, { graceMs: FILE_GRACE_MS, now: NOW });
    expect(r).toMatchObject({ tmpRemoved: 1, tmpKept: 1, putBack: 1, orphans: [{ sha256: orphan.sha256, size: orphan.bytes.length }] });
    expect(existsSync(oldTmp)).toBe(false);
    expect(existsSync(freshTmp)).toBe(true);
    expect(existsSync(store.pathOf(attached.sha256))).toBe(true);
    expect(existsSync(store.pathOf(freshOrphan.sha256))).toBe(true);
    expect(readFileSync(store.pathOf(aside.sha256))).toEqual(aside.bytes);
    expect(existsSync(asidePath)).toBe(false);
    // The orphan left the store but not the disk: same bytes in DATA_DIR/quarantine/<time of the sweep>/.
    expect(existsSync(store.pathOf(orphan.sha256))).toBe(false);
    expect(r.quarantineDir).toBe(join(t.deps.config.dataDir, 'quarantine', '20261204T100000Z'));
    const moved = readFileSync(join(r.quarantineDir!, orphan.sha256));
    expect(createHash('sha256').update(moved).digest('hex')).toBe(orphan.sha256);
    expect(describeSweep(r)).toBe(`file store sweep: 1 temporary file(s) removed; 1 file(s) with no attachment row moved to ${r.quarantineDir}; 1 file(s) a collector had moved aside put back`);

    const rows = await sweepRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: null, actor_name: 'system', entity_type: 'file', outcome: 'ok' });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ tmpRemoved: 1, putBack: 1, orphans: 1, quarantineDir: r.quarantineDir, quarantined: [{ sha256: orphan.sha256, size: orphan.bytes.length }], graceMs: FILE_GRACE_MS });

    // Nothing left to do: the next sweep finds nothing and writes no audit row.
    expect(await sweepFiles(t.deps, { graceMs: FILE_GRACE_MS, now: NOW })).toMatchObject({ tmpRemoved: 0, tmpKept: 1, orphans: [], quarantineDir: null, putBack: 0 });
    expect(await sweepRows()).toHaveLength(1);
  });

  it('with no grace (a single node that has just started) takes every leftover, however new', async () => {
    const orphan = await stored(0, false);
    const fresh = tmp('0b7c1c1e-dead-4bee-8f00-000000000003.tmp', 0);
    const r = await sweepFiles(t.deps, { graceMs: 0, now: NOW });
    // This one and the minute-old orphan the first sweep kept; both .tmp files, the fresh one of the first test too.
    expect(r.orphans.map((o) => o.sha256)).toContain(orphan.sha256);
    expect(r.orphans).toHaveLength(2);
    expect(r.tmpRemoved).toBe(2);
    expect(existsSync(fresh)).toBe(false);
    const left = readdirSync(store.root, { recursive: true }).map(String);
    expect(left.filter((p) => p.endsWith('.tmp'))).toEqual([]);
    const attached = new Set((await t.deps.db.selectFrom('attachments').select('sha256').execute()).map((a) => a.sha256));
    expect(left.filter((p) => /[0-9a-f]{64}$/.test(p) && !attached.has(p.slice(-64)))).toEqual([]);
  });

  it('runs at start-up before the server serves, with the grace from TUIJIN_SWEEP_GRACE_MIN', async () => {
    // The start-up sweep reads the real clock.
    const orphan = await stored(0, false);
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    utimesSync(store.pathOf(orphan.sha256), fiveMinutesAgo, fiveMinutesAgo);
    const lines: string[] = [];
    // 10 minutes by default: a 5-minute-old orphan stays.
    let stop = await startFileSweeps(t.deps, {}, (l) => lines.push(l));
    stop();
    expect(existsSync(store.pathOf(orphan.sha256))).toBe(true);
    expect(lines).toEqual([]);
    stop = await startFileSweeps(t.deps, { TUIJIN_SWEEP_GRACE_MIN: '0' }, (l) => lines.push(l));
    stop();
    expect(existsSync(store.pathOf(orphan.sha256))).toBe(false);
    expect(lines).toEqual([expect.stringContaining('1 file(s) with no attachment row moved to')]);
  });

  it('reads the grace in minutes and refuses a negative or non-numeric one', () => {
    expect(sweepGraceMs({})).toBe(FILE_GRACE_MS);
    expect(sweepGraceMs({ TUIJIN_SWEEP_GRACE_MIN: '0' })).toBe(0);
    expect(sweepGraceMs({ TUIJIN_SWEEP_GRACE_MIN: '2.5' })).toBe(150_000);
    expect(() => sweepGraceMs({ TUIJIN_SWEEP_GRACE_MIN: '-1' })).toThrow('TUIJIN_SWEEP_GRACE_MIN 应为非负的分钟数');
    expect(() => sweepGraceMs({ TUIJIN_SWEEP_GRACE_MIN: 'soon' })).toThrow('TUIJIN_SWEEP_GRACE_MIN 应为非负的分钟数');
  });
});
