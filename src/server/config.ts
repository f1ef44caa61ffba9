import { resolve } from 'node:path';
import { z } from 'zod';

/** Largest plan document accepted for import by default, in MB (a text plan is well under 1 MB; a .docx with pictures a few). */
export const DEFAULT_MAX_IMPORT_MB = 10;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  // An empty value means "not set" (shells and CI often export VAR= rather than unsetting it).
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url('DATABASE_URL 应为 postgres://… 地址').optional()),
  /** Largest plan document accepted for import, in MB. */
  TUIJIN_MAX_IMPORT_MB: z.coerce.number().positive().default(DEFAULT_MAX_IMPORT_MB),
  /** Import the bundled sample plan on the first start of an empty database (set 0 to skip). */
  TUIJIN_SAMPLE: z.enum(['0', '1']).default('1'),
  /** Create demo accounts on the first start of an empty database (set 0 for production). */
  TUIJIN_DEMO: z.enum(['0', '1']).default('1'),
  /** Trust X-Forwarded-* headers (client address, HTTPS) only behind a reverse proxy you run. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Password of the demo accounts; random (and printed) when unset. */
  TUIJIN_DEMO_PASSWORD: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sqlitePath: string;
  maxImportBytes: number;
  importSample: boolean;
  demoAccounts: boolean;
  demoPassword: string | undefined;
  trustProxy: boolean;
}

/** Reads the configuration from the environment; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sqlitePath: resolve(dataDir, 'tuijin.sqlite'),
    maxImportBytes: Math.round(e.TUIJIN_MAX_IMPORT_MB * 1024 * 1024),
    importSample: e.TUIJIN_SAMPLE === '1',
    demoAccounts: e.TUIJIN_DEMO === '1',
    demoPassword: e.TUIJIN_DEMO_PASSWORD,
    trustProxy: e.TRUST_PROXY === '1',
  };
}
