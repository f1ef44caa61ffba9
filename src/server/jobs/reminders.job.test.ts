import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#core/calendar/index.ts';
import { loadConfig } from '../config.ts';
import type { Deps } from '../context.ts';
import { openDatabase, type Database } from '../db/connection.ts';
import { createTestApp, TEST_DIALECT, type TestApp } from '../test/helpers.ts';
import { acquireJobLock, releaseJobLock } from './job-lock.ts';
import { runReminders } from './reminders.job.ts';
import { chinaMorning, seedTask } from '../test/factories.ts';
import { robotServer, smtpServer } from '../test/fake-servers.ts';
import { systemClock } from '../clock.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTask>>;
let robots: Awaited<ReturnType<typeof robotServer>>;
let smtp: Awaited<ReturnType<typeof smtpServer>>;
/** Day → kinds of the notices written that day. */
const log: Record<string, string[]> = {};

beforeAll(async () => {
  t = await createTestApp();
  robots = await robotServer();
  smtp = await smtpServer();
  ids = await seedTask(t.deps.db);
  await t.addUser('lead-mgr', ['unit_manager'], ids.lead);
  await t.addUser('lead-staff', ['unit_staff'], ids.lead);
  await t.addUser('resp-mgr', ['unit_manager'], ids.resp);
  const put = await t.inject({
    method: 'PUT',
    url: `/api/units/${ids.lead}/channels`,
    payload: { email: 'spj@tuijin.test', dingtalkWebhook: `${robots.base}/dingtalk`, wecomWebhook: `${robots.base}/wecom`, channels: ['in_app', 'email', 'dingtalk', 'wecom'] },
  });
  expect(put.statusCode, put.body).toBe(200);

  // The job runs twice every morning from 2021-09-20 to 2021-10-25, as two nodes would.
  for (let day = '2021-09-20'; day <= '2021-10-25'; day = addDays(day, 1)) {
    const first = await runReminders(t.deps, { now: chinaMorning(day), smtpUrl: smtp.url });
    const again = await runReminders(t.deps, { now: new Date(chinaMorning(day).getTime() + 30 * 60_000), smtpUrl: smtp.url });
    expect(again.created, `second run on ${day}`).toBe(0);
    if (first.created) {
      const rows = await t.deps.db.selectFrom('notifications').select(['kind', 'unit_id']).distinct().where('created_at', '=', chinaMorning(day).toISOString()).execute();
      log[day] = rows.map((r) => `${r.kind}:${r.unit_id === ids.lead ? 'lead' : 'resp'}`).sort();
    }
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
  await robots?.close();
  await smtp?.close();
});

describe('reminders job across 国庆 2021 with an injected clock', () => {
  it('fires each notice on its working day, once, to both units', () => {
    expect(log).toEqual({
      '2021-09-26': ['remind:lead', 'remind:resp'], // Sunday make-up workday: 5 working days before 10-08
      '2021-09-29': ['remind:lead', 'remind:resp'],
      '2021-09-30': ['remind:lead', 'remind:resp'],
      '2021-10-09': ['urge:lead', 'urge:resp'], // Saturday make-up workday: 1 working day overdue
      '2021-10-14': ['supervise:lead', 'supervise:resp'],
      '2021-10-21': ['interview:lead', 'interview:resp'],
    });
  });

  it('writes one notification per account of the unit and records every key once', async () => {
    const leadRows = await t.deps.db.selectFrom('notifications').select(['user_id', 'kind']).where('unit_id', '=', ids.lead).where('kind', '!=', 'interview').execute();
    expect(leadRows).toHaveLength(5 * 2);
    const keys = await t.deps.db.selectFrom('notice_keys').select('key').orderBy('key').execute();
    expect(keys.map((k) => k.key)).toEqual(
      [
        ...[5, 2, 1].flatMap((o) => [`remind:${ids.milestoneId}:${ids.lead}:${o}`, `remind:${ids.milestoneId}:${ids.resp}:${o}`]),
        ...['urge', 'supervise', 'interview'].flatMap((l) => [`escalate:${l}:${ids.taskId}:${ids.lead}`, `escalate:${l}:${ids.taskId}:${ids.resp}`]),
      ].sort(),
    );
  });

  it('posts DingTalk and WeCom markdown messages to the unit robots, and mails the unit', async () => {
    const ding = robots.received.filter((r) => r.path === '/dingtalk');
    const wecom = robots.received.filter((r) => r.path === '/wecom');
    expect(ding).toHaveLength(5); // 3 reminders, 催办, 督办; 约谈建议 stays with the coordinator
    expect(wecom).toHaveLength(5);
    expect(ding[0]!.body).toEqual({ msgtype: 'markdown', markdown: { title: expect.stringContaining('【到期提醒】1. 压减开办企业时间'), text: expect.stringContaining('2021年10月8日到期，还剩 5 个工作日') } });
    expect(Object.keys(ding[0]!.body.markdown).sort()).toEqual(['text', 'title']);
    expect(wecom[4]!.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('已逾期 5 个工作日，现予督办') } });
    expect(Object.keys(wecom[4]!.body.markdown)).toEqual(['content']);
    expect(smtp.messages).toHaveLength(5);
    expect(smtp.messages[0]).toMatchObject({ from: '<noreply@tuijin.test>', to: '<spj@tuijin.test>' });
    const body = /\r\n\r\n([\s\S]*)$/.exec(smtp.messages[0]!.data)![1]!;
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toContain('还剩 5 个工作日');
    const statuses = await t.deps.db.selectFrom('notification_deliveries').select(['channel', 'status']).where('channel', '!=', 'in_app').execute();
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
  });

  it('lets unit accounts read their notifications, and nobody else', async () => {
    const list = await t.inject({ method: 'GET', url: '/api/notifications?unread=true' }, 'lead-mgr');
    expect(list.json()).toMatchObject({ total: 5, unread: 5 });
    expect(list.json().data.map((n: { kind: string }) => n.kind)).toEqual(['supervise', 'urge', 'remind', 'remind', 'remind']);
    const first = list.json().data[0];
    expect((await t.inject({ method: 'POST', url: `/api/notifications/${first.id}/read` }, 'resp-mgr')).statusCode).toBe(404);
    const read = await t.inject({ method: 'POST', url: `/api/notifications/${first.id}/read` }, 'lead-mgr');
    expect(read.json().readAt).toMatch(/Z$/);
    expect((await t.inject({ method: 'GET', url: '/api/notifications?unread=true' }, 'lead-mgr')).json()).toMatchObject({ total: 4, unread: 4 });
    expect((await t.inject({ method: 'POST', url: '/api/notifications/read-all' }, 'lead-mgr')).json()).toEqual({ updated: 4 });
    expect((await t.inject({ method: 'GET', url: '/api/notifications' }, 'lead-mgr')).json()).toMatchObject({ total: 5, unread: 0 });
    expect((await t.inject({ method: 'GET', url: '/api/notifications' }, 'lead-staff')).json()).toMatchObject({ total: 5, unread: 5 });
    expect((await t.inject({ method: 'GET', url: '/api/notifications' }, 'coordinator')).json()).toMatchObject({ total: 0 });
  });

  it('lists 约谈建议 for the coordinator only', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/interview-suggestions' });
    expect(res.json().total).toBe(2);
    expect(res.json().data[0]).toMatchObject({ taskId: ids.taskId, taskTitle: '压减开办企业时间', dueDate: '2021-10-08', body: expect.stringContaining('建议约谈') });
    expect((await t.inject({ method: 'GET', url: '/api/interview-suggestions' }, 'lead-mgr')).statusCode).toBe(403);
  });

  it('records e-mail as skipped when SMTP_URL is not set, and leaves closed tasks alone', async () => {
    const other = await seedTask(t.deps.db, '2021-12-10');
    await t.deps.db.insertInto('unit_channels').values({ unit_id: other.lead, email: 'x@tuijin.test', dingtalk_webhook: null, wecom_webhook: null, channels: '["email"]', updated_at: '' }).execute();
    const run = await runReminders(t.deps, { now: chinaMorning('2021-12-09'), smtpUrl: undefined });
    expect(run).toMatchObject({ ran: true, created: 2, delivered: { skipped: 1, sent: 0 } });
    const d = await t.deps.db.selectFrom('notification_deliveries').select(['status', 'last_error']).where('channel', '=', 'email').where('status', '=', 'skipped').executeTakeFirstOrThrow();
    expect(d.last_error).toContain('SMTP_URL');
    await t.deps.db.updateTable('tasks').set({ closed_on: '2021-12-09' }).where('id', '=', other.taskId).execute();
    expect((await runReminders(t.deps, { now: chinaMorning('2021-12-13'), smtpUrl: undefined })).created).toBe(0);
  });
});

describe('the job lock', () => {
  it('lets one holder in until it releases or its lock expires', async () => {
    const now = new Date('2021-10-09T01:00:00Z');
    const a = await acquireJobLock(t.deps.db, 'test-lock', now, 60_000);
    expect(a).not.toBeNull();
    expect(await acquireJobLock(t.deps.db, 'test-lock', now, 60_000)).toBeNull();
    expect(await acquireJobLock(t.deps.db, 'test-lock', new Date(now.getTime() + 61_000), 60_000)).not.toBeNull();
    await releaseJobLock(t.deps.db, 'test-lock', a!); // no longer a's: nothing happens
    expect(await acquireJobLock(t.deps.db, 'test-lock', new Date(now.getTime() + 62_000), 60_000)).toBeNull();
  });
});

/** A database that outlives its app: a temp SQLite file, or a PostgreSQL schema. */
function durableDatabase() {
  const url = process.env.DATABASE_URL;
  const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const sqlitePath = join(mkdtempSync(join(tmpdir(), 'tuijin-restart-')), 'tuijin.sqlite');
  const config = loadConfig({ ...process.env, DATA_DIR: tmpdir() });
  return {
    async open(): Promise<{ database: Database; deps: Deps }> {
      const database = await openDatabase({ databaseUrl: url, sqlitePath, pgSchema: url ? schema : undefined });
      return { database, deps: { db: database.db, dialect: database.dialect, config, clock: systemClock } };
    },
    async drop() {
      if (!url) return;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

describe(`restarts and several nodes (${TEST_DIALECT})`, () => {
  it('never sends a notice twice after a restart on the same database', async () => {
    const store = durableDatabase();
    try {
      const first = await store.open();
      const seeded = await seedTask(first.deps.db);
      expect((await runReminders(first.deps, { now: chinaMorning('2021-09-26'), smtpUrl: undefined })).created).toBe(2);
      await first.database.close();

      const second = await store.open();
      expect((await runReminders(second.deps, { now: chinaMorning('2021-09-26'), smtpUrl: undefined })).created).toBe(0);
      expect((await runReminders(second.deps, { now: chinaMorning('2021-09-28'), smtpUrl: undefined })).created).toBe(0);
      expect((await runReminders(second.deps, { now: chinaMorning('2021-09-29'), smtpUrl: undefined })).created).toBe(2);
      const count = await second.deps.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('task_id', '=', seeded.taskId).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(4);
      await second.database.close();
    } finally {
      await store.drop();
    }
  });

  it('sends once when two nodes run the job at the same moment', async () => {
    const store = durableDatabase();
    try {
      const a = await store.open();
      // SQLite is one file on one machine: the "second node" is a second handle in the same process.
      const b = TEST_DIALECT === 'postgres' ? await store.open() : a;
      await seedTask(a.deps.db);
      const now = chinaMorning('2021-09-26');
      const runs = await Promise.all([runReminders(a.deps, { now, smtpUrl: undefined }), runReminders(b.deps, { now, smtpUrl: undefined }), runReminders(a.deps, { now, smtpUrl: undefined })]);
      expect(runs.reduce((s, r) => s + r.created, 0)).toBe(2);
      expect(runs.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
      const count = await a.deps.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
      if (b !== a) await b.database.close();
      await a.database.close();
    } finally {
      await store.drop();
    }
  });
});
