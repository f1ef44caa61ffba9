import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../core/auth/policy.ts';
import { SYSTEM_ACTOR } from '../context.ts';
import { createUser } from '../users/users.service.ts';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Deps } from '../context.ts';
import { openDatabase } from '../db/connection.ts';

export const SEED_PATH = fileURLToPath(new URL('../../../samples/shanting-2021-7.txt', import.meta.url));
export const seedBytes = (): Buffer => readFileSync(SEED_PATH);

/** Which database the database tier runs on: PostgreSQL when DATABASE_URL is set, else SQLite. */
export const TEST_DIALECT = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  /**
   * `app.inject` with the session (cookie and CSRF header) of `as`, by default the coordinator. Every test
   * app has `coordinator`, `admin`, `security` (security_admin) and `auditor` (audit_admin).
   */
  inject(opts: InjectOptions, as?: string | null): Promise<LightMyRequestResponse>;
  /** Creates an account and returns its id. */
  addUser(username: string, roles: Role[], unitId?: number | null, leaderSectionIds?: number[]): Promise<number>;
  /** Signs in and returns the headers that carry the session. */
  sessionOf(username: string): Promise<Record<string, string>>;
  /** Drops cached sessions (after a test signed users out everywhere). */
  forgetSessions(): void;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'Test-password-2021';

/**
 * A migrated app on a fresh database: an in-memory SQLite database, or its own schema in the
 * PostgreSQL database of DATABASE_URL (dropped on close), so test files can run in parallel.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = process.env.DATABASE_URL;
  const schema = url ? `test_${randomUUID().replace(/-/g, '').slice(0, 16)}` : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'tuijin-test-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, ...env });
  const database = await openDatabase({ databaseUrl: url, sqlitePath: ':memory:', pgSchema: schema });
  const deps: Deps = { db: database.db, dialect: database.dialect, config };
  const app = await buildApp({ deps });
  await app.ready();
  const sessions = new Map<string, Record<string, string>>();
  const sessionOf = async (username: string) => {
    const cached = sessions.get(username);
    if (cached) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie, 'x-csrf-token': res.json().csrfToken as string };
    sessions.set(username, headers);
    return headers;
  };
  const addUser = async (username: string, roles: Role[], unitId: number | null = null, leaderSectionIds: number[] = []) =>
    (await createUser(deps, SYSTEM_ACTOR, { username, displayName: username, unitId, roles, leaderSectionIds, fixedPassword: TEST_PASSWORD, mustChangePassword: false })).user.id;
  await addUser('coordinator', ['coordinator']);
  await addUser('admin', ['admin']);
  // 三权分立: the security and the audit administrator are accounts of their own (as in the demo).
  await addUser('security', ['security_admin']);
  await addUser('auditor', ['audit_admin']);
  return {
    app,
    deps,
    addUser,
    sessionOf,
    forgetSessions: () => sessions.clear(),
    async inject(opts, as = 'coordinator') {
      const auth = as ? await sessionOf(as) : {};
      return app.inject({ ...opts, headers: { ...auth, ...(opts.headers ?? {}) } } as InjectOptions);
    },
    async close() {
      await app.close();
      await database.close();
      if (url && schema) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
    },
  };
}

/** A multipart/form-data body with one file field, built by hand so tests need no form library. */
export function multipart(fileName: string, bytes: Uint8Array, field = 'file') {
  const boundary = `----tuijin${randomUUID()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads the seed plan and commits it; returns the new plan id. */
export async function importSeed(t: TestApp): Promise<number> {
  const up = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('shanting-2021-7.txt', seedBytes()) });
  if (up.statusCode !== 201) throw new Error(`upload failed: ${up.statusCode} ${up.body}`);
  const commit = await t.inject({ method: 'POST', url: `/api/imports/${up.json().id}/commit` });
  if (commit.statusCode !== 201) throw new Error(`commit failed: ${commit.statusCode} ${commit.body}`);
  return commit.json().planId as number;
}
