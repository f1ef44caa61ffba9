import { expect } from 'vitest';
import { multipart, TEST_PASSWORD, type TestApp } from '../../test/helpers.ts';

export type Res = Awaited<ReturnType<TestApp['inject']>>;

/** What a feature's hand-written requests get from the coverage walk (built once the app exists). */
export interface Coverage {
  t: TestApp;
  /** Ids the walk knows, keyed like the route params that take them ("tasks", "units", "attachmentId", …). */
  ids: Record<string, number | string>;
  /** Runs one hand-written request, observed like the generic ones: it must answer 2xx and write an audit row. */
  measure: (key: string, run: () => Promise<Res>) => Promise<Res>;
}

/**
 * One feature's share of the audit coverage test: the write routes a generic call cannot make succeed,
 * each with the reason and a request written for it, keyed "METHOD /url" as the route table spells it.
 */
export interface CoverageFeature {
  notGeneric: Record<string, string>;
  manual: Record<string, (c: Coverage) => Promise<unknown>>;
}

/** A tiny PNG (its signature and some bytes): evidence the upload check accepts. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('coverage evidence')]);

/** Signs in with the password from an address of its own; the session's headers for the next requests. */
export async function signInFresh(t: TestApp, username: string, remoteAddress: string): Promise<Record<string, string>> {
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password: TEST_PASSWORD } });
  return { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken as string };
}

/** A completion report of the lead unit with evidence, submitted and accepted: closes the milestone (or the task). */
export async function acceptCompletion({ t, ids }: Coverage, milestoneId: number | null): Promise<number> {
  const report = await t.inject(
    {
      method: 'POST',
      url: `/api/tasks/${ids.tasks}/reports`,
      payload: { unitId: ids.units, kind: 'consolidated', stage: 'done', narrative: '已全部完成', milestoneId },
    },
    'dw',
  );
  expect(report.statusCode, report.body).toBe(201);
  const id = report.json().id as number;
  expect((await t.inject({ method: 'POST', url: `/api/reports/${id}/attachments`, ...multipart('完成佐证.png', PNG) }, 'dw')).statusCode).toBe(201);
  expect((await t.inject({ method: 'POST', url: `/api/reports/${id}/submit` }, 'dw')).statusCode).toBe(200);
  const review = await t.inject({ method: 'POST', url: `/api/reports/${id}/review`, payload: { decision: 'accept', comment: null } }, 'coordinator');
  expect(review.statusCode, review.body).toBe(200);
  return id;
}
