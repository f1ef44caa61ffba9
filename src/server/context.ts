import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Dialect } from './db/dialect.ts';
import type { DB } from './db/schema.ts';

/** What every service needs: the database and the configuration. */
export interface Deps {
  db: Kysely<DB>;
  dialect: Dialect;
  config: Config;
}

/** Who performs a use case. Accounts arrive with issue 3; until then writes are anonymous but still audited. */
export interface Actor {
  userId: number | null;
  unitId: number | null;
  ip: string | null;
}
