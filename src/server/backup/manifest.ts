import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Dialect } from '../db/dialect.ts';
import { migrationProvider } from '../db/migrations/index.ts';

/** Bumped when the archive layout changes in a way an older `restore` cannot read. */
export const FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const SQLITE_ENTRY = 'db/tuijin.sqlite';
export const PG_ENTRY = 'db/tuijin.pgdump';
/** Everything of DATA_DIR other than the database sits under this prefix, with its path inside DATA_DIR. */
export const DATA_PREFIX = 'data/';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
export const ManifestSchema = z.object({
  format: z.literal('tuijin-backup'),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  /** The last migration applied to the backed-up database and how many there were. */
  migration: z.object({ level: z.string(), applied: z.number().int() }),
  database: z.object({ kind: z.enum(['sqlite', 'postgres']), entry: z.string(), serverVersion: z.string().nullable() }),
  /** Rows per table, read in the same snapshot as the database copy. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  /** Every entry of the archive after the manifest, the database first. */
  files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: Sha256 })),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Any backup or restore refusal: a Chinese message for the app and an English one for the command line. */
export class BackupError extends AppError {
  readonly en: string;
  constructor(zh: string, en: string, details?: unknown) {
    super('INVALID_INPUT', zh, details);
    this.en = en;
  }
}

export function appVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** The newest migration this program knows: a backup from beyond it cannot be restored by it. */
export async function codeMigrationLevel(dialect: Dialect): Promise<string> {
  const names = Object.keys(await migrationProvider(dialect).getMigrations()).sort();
  return names[names.length - 1]!;
}

export function totals(m: Manifest) {
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  const data = m.files.filter((f) => f.path.startsWith(DATA_PREFIX));
  return { tables: Object.keys(m.tables).length, rows, files: data.length, bytes: m.files.reduce((a, f) => a + f.size, 0) };
}
