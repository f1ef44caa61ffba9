import type { Migration, MigrationProvider } from 'kysely/migration';
import type { Dialect } from '../dialect.ts';
import { initial } from './20261127000000-initial.ts';
import { accounts } from './20261127010000-accounts.ts';
import { progress } from './20261127020000-progress.ts';
import { ledger } from './20261127030000-ledger.ts';
import { notifications } from './20261127040000-notifications.ts';
import { rounds } from './20261127050000-rounds.ts';
import { dashboardIndexes } from './20261127060000-dashboard-indexes.ts';
import { roundFigures } from './20261127061000-round-figures.ts';
import { milestoneClosure } from './20261127070000-milestone-closure.ts';
import { authHardening } from './20261204035000-auth-hardening.ts';
import { auditIntegrity } from './20261204020000-audit-integrity.ts';
import { attachmentHashIndex } from './20261204030000-attachment-hash-index.ts';
import { backupRuns } from './20261204050000-backup-runs.ts';
import { dashboardTaskFacts } from './20261204060000-dashboard-task-facts.ts';
import { unitsVersion } from './20261204070000-units-version.ts';
import { inspections } from './20261205010000-inspections.ts';
import { rectification } from './20261205020000-rectification.ts';

/** All migrations in order. Names are timestamped; never edit one that has shipped. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '20261127000000-initial': initial(dialect),
        '20261127010000-accounts': accounts(dialect),
        '20261127020000-progress': progress(dialect),
        '20261127030000-ledger': ledger(dialect),
        '20261127040000-notifications': notifications(dialect),
        '20261127050000-rounds': rounds(dialect),
        '20261127060000-dashboard-indexes': dashboardIndexes(dialect),
        '20261127061000-round-figures': roundFigures(),
        '20261127070000-milestone-closure': milestoneClosure(),
        '20261204020000-audit-integrity': auditIntegrity(dialect),
        '20261204030000-attachment-hash-index': attachmentHashIndex(),
        '20261204035000-auth-hardening': authHardening(),
        '20261204050000-backup-runs': backupRuns(dialect),
        '20261204060000-dashboard-task-facts': dashboardTaskFacts(dialect),
        '20261204070000-units-version': unitsVersion(dialect),
        '20261205010000-inspections': inspections(dialect),
        '20261205020000-rectification': rectification(dialect),
      };
    },
  };
}
