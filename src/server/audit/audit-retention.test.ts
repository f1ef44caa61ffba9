import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AUDIT_RETENTION_MIN_DAYS } from '#core/audit/retention.ts';
import { GENESIS_HASH, type ChainRow } from '#core/audit/chain.ts';
import { AUDIT_PURGE_FIRST_DELAY_MS, AUDIT_PURGE_INTERVAL_MS, AUDIT_RETENTION_LOCK, runAuditRetention, startAuditJobs } from '../jobs/audit.job.ts';
import { acquireJobLock } from '../jobs/job-lock.ts';
import { putSetting } from '../settings/settings.repo.ts';
import { createTestApp, type TestApp } from '../test/helpers.ts';
import { hashOf, sealAuditChain, verifyAuditChain } from './audit-chain.ts';
import { archiveDir } from './audit-retention.ts';
import { clockOf } from '../clock.ts';

/**
 * Issue 9 (等保2.0 安全审计, 网络安全法 §21): the audit trail is kept at least 180 days; the daily job
 * archives, then purges what is older than the setting; the archive downloads for the audit administrator
 * and the chain still verifies from the archive's anchor. Rows are written with explicit times and the
 * job is given a controlled clock, so "200 days later" happens in a second.
 */
const DAY = 86_400_000;
let t: TestApp;
/** The start of the test's timeline; the test app's own rows were written just before it. */
let t0: number;

const atDay = (d: number, hour = 0) => new Date(t0 + d * DAY + hour * 3_600_000).toISOString();
/** The timeline's rows older than `before` still in the database. */
const testRowsBefore = async (before: string) =>
  Number((await t.deps.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('n')).where('action', '=', 'test.write').where('at', '<', before).executeTakeFirstOrThrow()).n);
/** Audit rows of one day of activity, in time order (so their ids and chain places follow their times). */
async function writeDay(d: number, n = 5) {
  for (let i = 0; i < n; i++) {
    await t.deps.db.insertInto('audit_events').values({ at: atDay(d, i), action: 'test.write', entity_type: 'test', entity_id: `${d}-${i}`, outcome: 'ok', after: JSON.stringify({ d, i }) }).execute();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  t0 = Date.now() + 1_000;
  for (let d = 1; d <= 12; d++) await writeDay(d);
});
afterAll(async () => t.close());
afterEach(() => vi.useRealTimers());

describe('audit retention', () => {
  it('is a setting of the audit administrator, never below 180 days', async () => {
    const get = await t.inject({ method: 'GET', url: '/api/audit/retention' }, 'auditor');
    expect(get.json()).toMatchObject({ days: AUDIT_RETENTION_MIN_DAYS, archives: [] });
    const low = await t.inject({ method: 'PUT', url: '/api/settings/audit-retention', payload: { days: 179 } }, 'auditor');
    expect(low.statusCode).toBe(400);
    expect(low.json().error.message).toMatch(/至少保留 180 天/);
    for (const as of ['admin', 'security', 'coordinator']) {
      expect((await t.inject({ method: 'PUT', url: '/api/settings/audit-retention', payload: { days: 365 } }, as)).statusCode, as).toBe(403);
    }
    const ok = await t.inject({ method: 'PUT', url: '/api/settings/audit-retention', payload: { days: 200 } }, 'auditor');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().days).toBe(200);
    const change = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'settings.update').where('entity_id', '=', 'audit_retention').executeTakeFirstOrThrow();
    expect(change.actor_name).toBe('auditor');
    expect(JSON.parse(change.after!)).toEqual({ days: 200 });
  });

  it('purges nothing younger than the setting, and archives then purges what is older', async () => {
    // 200 days kept: on day 203.5 everything before day 3.5 goes (the app's own rows, days 1–3).
    const now = new Date(t0 + 203.5 * DAY);
    const cutoff = new Date(now.getTime() - 200 * DAY).toISOString();
    expect((await runAuditRetention(t.deps, new Date(t0 + 199 * DAY))).purged).toBeNull();
    // What goes is the chain's prefix up to the last row of day 3 (rows written since, at today's
    // real time, come later in the chain and stay).
    await sealAuditChain(t.deps);
    const lastOld = (await t.deps.db.selectFrom('audit_events').select('seq').where('entity_id', '=', '3-4').executeTakeFirstOrThrow()).seq!;
    expect(lastOld).toBeGreaterThan(15);

    const run = await runAuditRetention(t.deps, now);
    expect(run.ran).toBe(true);
    expect(run.purged).toMatchObject({ fromSeq: 1, toSeq: lastOld, rows: lastOld, cutoff });
    expect(await t.deps.db.selectFrom('audit_events').select('id').where('seq', '<=', lastOld).execute()).toEqual([]);
    expect(await testRowsBefore(cutoff)).toBe(0);
    // Days 4–12 are all still there.
    expect((await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'test.write').execute()).length).toBe(9 * 5);
    // The purge is itself on record, and the chain verifies from the archive's anchor.
    const purge = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'audit.purge').executeTakeFirstOrThrow();
    expect(JSON.parse(purge.after!)).toMatchObject({ rows: lastOld, days: 200 });
    const v = await verifyAuditChain(t.deps);
    expect(v).toMatchObject({ ok: true, firstBroken: null, anchor: { seq: lastOld } });
    expect(v.anchor.archiveId).not.toBeNull();
    // Run again the same day: nothing left to do.
    expect((await runAuditRetention(t.deps, now)).purged).toBeNull();
  });

  it('downloads each archive for the audit administrator: the recorded bytes, rows that re-hash into the chain', async () => {
    const info = (await t.inject({ method: 'GET', url: '/api/audit/retention' }, 'auditor')).json();
    expect(info.archives).toHaveLength(1);
    const a = info.archives[0];
    for (const as of ['admin', 'security', 'coordinator']) expect((await t.inject({ method: 'GET', url: `/api/audit/archives/${a.id}` }, as)).statusCode, as).toBe(403);
    const res = await t.inject({ method: 'GET', url: `/api/audit/archives/${a.id}` }, 'auditor');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${a.file}"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(a.sha256);
    const rows = gunzipSync(res.rawPayload).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as ChainRow & { prev_hash: string; hash: string });
    expect(rows).toHaveLength(a.rows);
    // The archive is the chain's prefix: from the genesis hash, each row hashes to its stored hash.
    let prev = GENESIS_HASH;
    for (const [i, r] of rows.entries()) {
      expect(r.seq).toBe(i + 1);
      expect(r.prev_hash).toBe(prev);
      expect(hashOf(prev, r)).toBe(r.hash);
      prev = r.hash;
    }
    // …and the first row kept in the database links to the archive's last one.
    const first = await t.deps.db.selectFrom('audit_events').select(['seq', 'prev_hash']).where('seq', '=', a.toSeq + 1).executeTakeFirstOrThrow();
    expect(first.prev_hash).toBe(prev);
    // Reading an archive is a sensitive read, on record.
    const read = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'audit.archive.download').execute();
    expect(read.map((r) => [r.actor_name, r.entity_id, r.outcome])).toEqual([['auditor', String(a.id), 'read']]);
    expect((await t.inject({ method: 'GET', url: '/api/audit/archives/99999' }, 'auditor')).statusCode).toBe(404);
  });

  it('never keeps less than 180 days, whatever is stored as the setting', async () => {
    // A value that bypassed the API (a hand-edited row): the job falls back to the 180-day floor.
    await putSetting(t.deps.db, 'audit_retention', { days: 30 }, null, new Date().toISOString());
    const now = new Date(t0 + 186.5 * DAY);
    const run = await runAuditRetention(t.deps, now);
    const floor = new Date(now.getTime() - AUDIT_RETENTION_MIN_DAYS * DAY).toISOString();
    expect(run.purged?.cutoff).toBe(floor);
    // Days 4–6 went (older than 180 days on day 186.5); day 7 stays, although it is 179 days old.
    expect(await testRowsBefore(floor)).toBe(0);
    expect((await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'test.write').execute()).length).toBe(6 * 5);
    expect(await t.deps.db.selectFrom('audit_events').select('id').where('entity_id', '=', '7-0').executeTakeFirst()).toBeDefined();
    expect((await verifyAuditChain(t.deps)).ok).toBe(true);
    await putSetting(t.deps.db, 'audit_retention', { days: 200 }, null, new Date().toISOString());
  });

  it('runs on one node at a time', async () => {
    const now = new Date(t0 + 400 * DAY);
    expect(await acquireJobLock(t.deps.db, AUDIT_RETENTION_LOCK, now, 60_000)).not.toBeNull();
    expect(await runAuditRetention(t.deps, now)).toEqual({ ran: false, purged: null });
    await t.deps.db.deleteFrom('job_locks').where('name', '=', AUDIT_RETENTION_LOCK).execute();
  });

  it('is run by the scheduler a minute after start and then daily, on its clock', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    let now = new Date(t0 + 208.5 * DAY); // 200 days kept: days 7 and 8 are due
    const log: string[] = [];
    const stop = startAuditJobs({ ...t.deps, clock: clockOf(() => now.getTime()) }, (m) => log.push(m));
    const archives = async () => (await t.deps.db.selectFrom('audit_archives').select('id').execute()).length;
    const before = await archives();
    // The job's database work runs on the real event loop (only the timers are fake): wait for it, up to 10 s.
    const settle = async (n: number) => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await archives()) < n) await new Promise((r) => setImmediate(r));
    };
    try {
      await vi.advanceTimersByTimeAsync(AUDIT_PURGE_FIRST_DELAY_MS);
      await settle(before + 1);
      expect(await archives()).toBe(before + 1);
      expect(await t.deps.db.selectFrom('audit_events').select('id').where('entity_id', 'in', ['7-0', '8-4']).execute()).toEqual([]);
      expect(await t.deps.db.selectFrom('audit_events').select('id').where('entity_id', '=', '9-0').executeTakeFirst()).toBeDefined();
      // A day later by the job's clock, the next day's rows go.
      now = new Date(now.getTime() + DAY);
      await vi.advanceTimersByTimeAsync(AUDIT_PURGE_INTERVAL_MS - AUDIT_PURGE_FIRST_DELAY_MS);
      await settle(before + 2);
      expect(await archives()).toBe(before + 2);
      expect(await t.deps.db.selectFrom('audit_events').select('id').where('entity_id', '=', '9-4').executeTakeFirst()).toBeUndefined();
      expect(log).toEqual([]);
    } finally {
      stop();
    }
    vi.useRealTimers();
    expect((await verifyAuditChain(t.deps)).ok).toBe(true);
    // Every archive is a file in the archive folder, one per purged range.
    const files = readdirSync(archiveDir(t.deps)).sort();
    const recorded = (await t.deps.db.selectFrom('audit_archives').select('file').orderBy('from_seq').execute()).map((r) => r.file);
    expect(files).toEqual(recorded);
  });

  it('verifies the archives too on request: every file against its SHA-256, every row re-hashed from the genesis hash', async () => {
    const verify = async (archives: boolean) => (await t.inject({ method: 'GET', url: `/api/audit/verify${archives ? '?archives=true' : ''}` }, 'auditor')).json();
    const list = await t.deps.db.selectFrom('audit_archives').selectAll().orderBy('from_seq').execute();
    expect(list.length).toBe(4);
    const good = await verify(true);
    expect(good).toMatchObject({ ok: true, archives: { ok: true, archives: list.length, rows: list.reduce((n, a) => n + a.rows, 0), firstBroken: null } });
    expect((await verify(false)).archives).toBeNull();

    const target = list[1]!;
    const path = join(archiveDir(t.deps), target.file);
    const original = readFileSync(path);
    try {
      // One archived row changed (and the file re-compressed): the database's chain still holds, the archive does not.
      const lines = gunzipSync(original).toString('utf8').split('\n');
      const row = JSON.parse(lines[1]!);
      lines[1] = JSON.stringify({ ...row, after: JSON.stringify({ forged: true }) });
      writeFileSync(path, gzipSync(lines.join('\n')));
      expect((await verify(false)).ok).toBe(true);
      const forged = await verify(true);
      expect(forged.ok).toBe(false);
      expect(forged.archives.firstBroken).toMatchObject({ archiveId: target.id, file: target.file, seq: row.seq, reason: 'hash' });
      expect(forged.archives.firstBroken.message).toMatch(/被修改/);
      // The same rows compressed differently: every row re-hashes, the file is still not the one written.
      writeFileSync(path, gzipSync(gunzipSync(original), { level: 1 }));
      expect((await verify(true)).archives.firstBroken).toMatchObject({ archiveId: target.id, reason: 'sha256', seq: null });
      // The file gone.
      rmSync(path);
      expect((await verify(true)).archives.firstBroken).toMatchObject({ archiveId: target.id, reason: 'file' });
    } finally {
      writeFileSync(path, original);
    }
    expect((await verify(true)).ok).toBe(true);
  });
});
