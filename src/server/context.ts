import type { Kysely } from 'kysely';
import type { Principal } from '#core/auth/policy.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Dialect } from './db/dialect.ts';
import type { DB } from './db/schema.ts';

/** What every service needs: the database, the configuration and the clock. */
export interface Deps {
  db: Kysely<DB>;
  dialect: Dialect;
  config: Config;
  /** The one source of time (systemClock in the server; tests pass one they control). */
  clock: Clock;
}

/** Who performs a use case: the signed-in principal (or nobody, for public reads and the CLI) and where from. */
export interface Actor {
  userId: number | null;
  unitId: number | null;
  name: string | null;
  ip: string | null;
  principal: Principal | null;
}

/** The actor of start-up work and the command line: no user, audited as "system". */
export const SYSTEM_ACTOR: Actor = { userId: null, unitId: null, name: 'system', ip: null, principal: null };
