import { RawNode, sql, UpdateQueryNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '#core/audit/chain.ts';
import { createTestApp, TEST_DIALECT, type TestApp } from '../test/helpers.ts';
import { watchStatements } from '../test/query-observers.ts';
import { sealAuditChain, verifyAuditChain } from './audit-chain.ts';
import { recordAudit } from './audit.repo.ts';

/** 7b (RELIABILITY.md §7): no database-level protection, no hash chain. */
let t: TestApp;
beforeAll(async () => {
  // Signs in as `auditor`, the test app's audit administrator.
  t = await createTestApp();
  for (let i = 0; i < 20; i++) await recordAudit(t.deps.db, { action: 'test.write', entityType: 'test', entityId: i, after: { i } });
});
afterAll(async () => t.close());

const refused = async (q: Promise<unknown>) => {
  const err = await q.then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(err, 'the trigger should refuse').not.toBeNull();
  expect(String(err!.message)).toMatch(/append-only/);
};

/** Simulates someone with DDL rights on the database: the triggers off, a change, the triggers back on. */
async function asDatabaseOwner(change: () => Promise<unknown>) {
  const db = t.deps.db;
  if (TEST_DIALECT === 'postgres') {
    await sql`alter table audit_events disable trigger user`.execute(db);
    await change();
    await sql`alter table audit_events enable trigger user`.execute(db);
    return;
  }
  await sql`create table saved_triggers as select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_events'`.execute(db);
  const saved = await sql<{ name: string; sql: string }>`select name, sql from saved_triggers`.execute(db);
  for (const r of saved.rows) await sql.raw(`drop trigger ${r.name}`).execute(db);
  await change();
  for (const r of saved.rows) await sql.raw(r.sql).execute(db);
  await sql`drop table saved_triggers`.execute(db);
}

describe('the audit trail is append-only in the database', () => {
  it('refuses UPDATE and DELETE on audit rows, sealed or not, and on archives', async () => {
    const db = t.deps.db;
    const unsealed = await recordAudit(db, { action: 'test.fresh', entityType: 'test' }).then(() =>
      db.selectFrom('audit_events').select('id').where('action', '=', 'test.fresh').executeTakeFirstOrThrow(),
    );
    await refused(db.updateTable('audit_events').set({ action: 'x' }).where('id', '=', unsealed.id).execute());
    await refused(db.deleteFrom('audit_events').where('id', '=', unsealed.id).execute());
    await sealAuditChain(t.deps);
    await refused(db.updateTable('audit_events').set({ after: '{"i":99}' }).where('entity_id', '=', '3').execute());
    await refused(db.updateTable('audit_events').set({ hash: GENESIS_HASH }).where('entity_id', '=', '3').execute());
    await refused(db.deleteFrom('audit_events').execute());
    // Archives too; the transaction rolls back, so the made-up archive never becomes the chain's anchor.
    for (const change of [
      (trx: typeof db) => trx.deleteFrom('audit_archives').execute(),
      (trx: typeof db) => trx.updateTable('audit_archives').set({ last_hash: 'y' }).execute(),
    ]) {
      await refused(
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('audit_archives')
            .values({ from_seq: 1, to_seq: 1, rows: 1, first_at: '', last_at: '', last_hash: 'x', file: 'f', sha256: 's', bytes: 0, created_at: '' })
            .execute();
          await change(trx);
        }),
      );
    }
    expect(await db.selectFrom('audit_archives').selectAll().execute()).toEqual([]);
    if (TEST_DIALECT === 'postgres') await refused(sql`truncate audit_events`.execute(db));
    expect(
      (
        await db
          .selectFrom('audit_events')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).not.toBe(0);
  });

  it('has no route that edits or deletes audit rows', async () => {
    for (const method of ['DELETE', 'PATCH', 'PUT', 'POST'] as const) {
      expect((await t.inject({ method, url: '/api/audit/1', payload: {} }, 'auditor')).statusCode).toBe(404);
    }
  });
});

describe('the hash chain', () => {
  it('verifies an intact chain for the audit reader', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/audit/verify' }, 'auditor');
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ ok: true, firstBroken: null, pending: 0, anchor: { seq: 0, hash: GENESIS_HASH } });
    expect(v.checked).toBeGreaterThan(20);
    // (The verify itself is recorded after it ran, so its own row waits for the next pass.)
    const rows = await t.deps.db.selectFrom('audit_events').select(['seq', 'prev_hash', 'hash']).where('seq', 'is not', null).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
  });

  it('names the first changed row, then the first missing one', async () => {
    const target = await t.deps.db
      .selectFrom('audit_events')
      .select(['id', 'seq'])
      .where('action', '=', 'test.write')
      .where('entity_id', '=', '5')
      .executeTakeFirstOrThrow();
    await asDatabaseOwner(() => t.deps.db.updateTable('audit_events').set({ after: '{"i":500}' }).where('id', '=', target.id).execute());
    let v = (await t.inject({ method: 'GET', url: '/api/audit/verify' }, 'auditor')).json();
    expect(v).toMatchObject({ ok: false, firstBroken: { seq: target.seq, id: target.id, reason: 'hash' } });
    expect(v.firstBroken.message).toMatch(/被修改/);

    const earlier = await t.deps.db
      .selectFrom('audit_events')
      .select(['id', 'seq'])
      .where('action', '=', 'test.write')
      .where('entity_id', '=', '2')
      .executeTakeFirstOrThrow();
    await asDatabaseOwner(() => t.deps.db.deleteFrom('audit_events').where('id', '=', earlier.id).execute());
    v = (await t.inject({ method: 'GET', url: '/api/audit/verify' }, 'auditor')).json();
    expect(v).toMatchObject({ ok: false, firstBroken: { seq: earlier.seq, id: null, reason: 'missing' } });
  });

  it('stays one unbroken chain with parallel writers and parallel sealing passes', async () => {
    const fresh = await createTestApp();
    try {
      const writes = Array.from({ length: 200 }, (_, i) =>
        fresh.deps.db.transaction().execute(async (trx) => {
          await recordAudit(trx, { action: 'test.parallel', entityType: 'test', entityId: i });
          // Some transactions stay open a moment, so commits come out of id order on PostgreSQL.
          if (i % 7 === 0) await new Promise((r) => setTimeout(r, 5));
        }),
      );
      const seals = Array.from({ length: 8 }, () => sealAuditChain(fresh.deps));
      await Promise.all([...writes, ...seals]);
      const v = await verifyAuditChain(fresh.deps);
      expect(v).toMatchObject({ ok: true, pending: 0, firstBroken: null });
      const n = await fresh.deps.db
        .selectFrom('audit_events')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(v.checked).toBe(Number(n.n));
    } finally {
      await fresh.close();
    }
  });
});

describe('the sealing pass (issue 9 §5)', () => {
  /** Counts the UPDATE statements sent to audit_events. */
  it('seals a batch of rows in one statement, each row with its own link, and the chain verifies', async () => {
    const fresh = await createTestApp();
    try {
      await sealAuditChain(fresh.deps);
      for (let i = 0; i < 1_200; i++) await recordAudit(fresh.deps.db, { action: 'test.batch', entityType: 'test', entityId: i, after: { i } });
      // The UPDATEs sent, built or raw.
      const counter = { updates: 0 };
      const counting = watchStatements((n) => {
        if (UpdateQueryNode.is(n) || (RawNode.is(n) && /^\s*update audit_events/i.test(n.sqlFragments.join('?')))) counter.updates++;
      });
      const sealed = await sealAuditChain({ db: fresh.deps.db.withPlugin(counting), dialect: fresh.deps.dialect });
      expect(sealed).toBe(1_200);
      // 500 rows per batch: three statements, where there was one UPDATE per row.
      expect(counter.updates).toBe(3);
      const rows = await fresh.deps.db.selectFrom('audit_events').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
      rows.forEach((r, i) => {
        expect(r.seq).toBe(i + 1);
        expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.hash);
      });
      expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
      expect(await verifyAuditChain(fresh.deps)).toMatchObject({ ok: true, pending: 0, checked: rows.length, firstBroken: null });
    } finally {
      await fresh.close();
    }
  });
});
