import { auth } from './auth.ts';
import { circulars } from './circulars.ts';
import { imports } from './imports.ts';
import { inspections } from './inspections.ts';
import { ledger } from './ledger.ts';
import { practices } from './practices.ts';
import { rectifications } from './rectifications.ts';
import { reports } from './reports.ts';
import { settings } from './settings.ts';
import { tasks } from './tasks.ts';
import type { Coverage, CoverageFeature } from './types.ts';
import { users } from './users.ts';

/**
 * Every feature's hand-written requests, in the order they run (a feature's own order is kept: an upload
 * before the delete that needs its id, the second factor's setup before the sign-in with a code).
 */
const FEATURES: Record<string, CoverageFeature> = { imports, users, ledger, reports, auth, settings, tasks, circulars, inspections, rectifications, practices };

function gather<K extends keyof CoverageFeature>(part: K): CoverageFeature[K] {
  const out: Record<string, unknown> = {};
  for (const [name, feature] of Object.entries(FEATURES))
    for (const [key, value] of Object.entries(feature[part])) {
      // Two features claiming one route would silently drop a request: refuse it where it is written.
      if (key in out) throw new Error(`audit coverage: ${key} is listed twice (again in audit-coverage/${name}.ts)`);
      out[key] = value;
    }
  return out as CoverageFeature[K];
}

/** Routes a generic call cannot make succeed, and why; each has a hand-written request in MANUAL. */
export const NOT_GENERIC: Record<string, string> = gather('notGeneric');
/** The routes of NOT_GENERIC, each called the way its page calls it. */
export const MANUAL: Record<string, (c: Coverage) => Promise<unknown>> = gather('manual');
export type { Coverage, Res } from './types.ts';
