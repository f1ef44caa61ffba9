import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '#core/auth/policy.ts';
import { SYSTEM_ACTOR } from '../context.ts';
import { createUser } from '../users/users.service.ts';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Deps } from '../context.ts';
import { openDatabase } from '../db/connection.ts';
import { totpCode } from '#core/auth/totp.ts';
import { hashToken } from '../auth/auth.service.ts';
import { SESSION_COOKIE } from '../auth/auth.plugin.ts';
import { clockOf, systemClock } from '../clock.ts';

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
  /** A fresh sign-in past the second-factor step (not cached), from `remoteAddress` when given. */
  signIn(username: string, remoteAddress?: string): Promise<Record<string, string>>;
  /** Drops cached sessions (after a test signed users out everywhere). */
  forgetSessions(): void;
  /** TOTP secrets of the accounts `sessionOf` enrolled (admins must have a second factor). */
  totpSecrets: Map<string, string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The app's clock, in ms: sessions, deadlines, rounds and jobs all read it (tests move it to pass timeouts). */
  clock?: () => number;
}

export const TEST_PASSWORD = 'Test-password-2021';

/**
 * A migrated app on a fresh database: an in-memory SQLite database, or its own schema in the
 * PostgreSQL database of DATABASE_URL (dropped on close), so test files can run in parallel.
 */
export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const url = process.env.DATABASE_URL;
  const schema = url ? `test_${randomUUID().replace(/-/g, '').slice(0, 16)}` : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'tuijin-test-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, ...env });
  const database = await openDatabase({ databaseUrl: url, sqlitePath: ':memory:', pgSchema: schema });
  const deps: Deps = { db: database.db, dialect: database.dialect, config, clock: options.clock ? clockOf(options.clock) : systemClock };
  const app = await buildApp({ deps });
  await app.ready();
  // Promises, so that parallel first requests of one user share one sign-in (and one enrolment).
  const sessions = new Map<string, Promise<Record<string, string>>>();
  const totpSecrets = new Map<string, string>();
  const sessionOf = (username: string) => {
    const cached = sessions.get(username);
    if (cached) return cached;
    const signing = signIn(username);
    sessions.set(username, signing);
    signing.catch(() => sessions.delete(username));
    return signing;
  };
  const signIn = async (username: string, remoteAddress?: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
      ...(remoteAddress ? { remoteAddress } : {}),
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie, 'x-csrf-token': res.json().csrfToken as string };
    const gate = res.json().gate as string | null;
    if (gate === 'enrol') {
      // An admin's first sign-in: enrol the second factor through the API, as the web page does.
      const setup = await app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers });
      const secret = setup.json().secret as string;
      const now = deps.clock.ms();
      const confirm = await app.inject({ method: 'POST', url: '/api/auth/totp/confirm', headers, payload: { code: totpCode(secret, now) } });
      if (confirm.statusCode !== 200) throw new Error(`TOTP enrolment of ${username} failed: ${confirm.body}`);
      totpSecrets.set(username, secret);
    } else if (gate === 'code') {
      // Test path: a code's time step works once, and tests sign in faster than 30 s steps pass, so
      // later sign-ins mark the session as having passed the code (auth.routes.test.ts tests the real step).
      const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      await deps.db.updateTable('sessions').set({ second_factor_ok: 1 }).where('id', '=', hashToken(token)).execute();
    } else if (gate) throw new Error(`login ${username}: session gated by ${gate}`);
    return headers;
  };
  const addUser = async (username: string, roles: Role[], unitId: number | null = null, leaderSectionIds: number[] = []) =>
    (
      await createUser(deps, SYSTEM_ACTOR, {
        username,
        displayName: username,
        unitId,
        roles,
        leaderSectionIds,
        fixedPassword: TEST_PASSWORD,
        mustChangePassword: false,
      })
    ).user.id;
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
    signIn,
    forgetSessions: () => sessions.clear(),
    totpSecrets,
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
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
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
