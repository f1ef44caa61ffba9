import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Largest plan document accepted for import by default, in MB (a text plan is well under 1 MB; a .docx with pictures a few). */
import { DEFAULT_MAX_IMPORT_MB } from '#core/files/plan-files.ts';

export { DEFAULT_MAX_IMPORT_MB };

/** A 32-byte key from 64 hex characters or base64, or null. */
function keyBytes(v: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, 'hex') : /^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(v) ? Buffer.from(v, 'base64') : null;
  return key && key.length === 32 ? key : null;
}

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
  /**
   * Which reverse proxies may tell the client address and HTTPS through X-Forwarded-For/-Proto:
   * `0` or unset, none (the socket address counts); a number N, the N proxies nearest the server;
   * or a comma-separated list of proxy addresses and CIDR ranges (`10.0.0.2,10.1.0.0/16`).
   */
  TUIJIN_TRUST_PROXY: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  /** Older switch, kept working: `1` means one proxy hop (as `TUIJIN_TRUST_PROXY=1`). */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /**
   * Key that seals TOTP secrets in the database (AES-256-GCM): 32 bytes, as 64 hex characters or base64.
   * Without it secrets are stored as they are (still never shown again after enrolment).
   */
  TUIJIN_TOTP_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine((v) => keyBytes(v) !== null, 'TUIJIN_TOTP_KEY 应为 32 字节密钥（64 位十六进制或 base64）')
      .optional(),
  ),
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
  /** Proxies trusted for X-Forwarded-*: none (false), the nearest N hops (a function of the hop index), or addresses and CIDR ranges. */
  trustProxy: false | string[] | TrustHops;
  /** Key sealing TOTP secrets at rest, when configured. */
  totpKey: Buffer | undefined;
}

/** Trusts the N proxies nearest the server (hop 0 is the socket's peer), as Fastify's trustProxy function. */
export type TrustHops = ((address: string, hop: number) => boolean) & { hops: number };

const trustHops = (hops: number): TrustHops => Object.assign((_address: string, hop: number) => hop < hops, { hops });

/** A proxy address or CIDR range (IPv4 /0–32, IPv6 /0–128). */
function isAddressOrRange(s: string): boolean {
  const [addr, bits, extra] = s.split('/');
  const v = isIP(addr ?? '');
  if (!v || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128));
}

/** Reads the proxy trust setting; a value that is neither a hop count nor addresses stops the start. */
export function parseTrustProxy(value: string | undefined, legacy: '0' | '1'): false | string[] | TrustHops {
  if (value === undefined) return legacy === '1' ? trustHops(1) : false;
  const v = value.trim();
  if (/^\d{1,3}$/.test(v)) return Number(v) === 0 ? false : trustHops(Number(v));
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = list.filter((x) => !isAddressOrRange(x));
  if (list.length === 0 || bad.length) throw new Error(`Invalid configuration:\n  TUIJIN_TRUST_PROXY: expected a hop count or proxy addresses/CIDR ranges, got ${JSON.stringify(bad[0] ?? value)}`);
  return list;
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
    trustProxy: parseTrustProxy(e.TUIJIN_TRUST_PROXY, e.TRUST_PROXY),
    totpKey: e.TUIJIN_TOTP_KEY ? (keyBytes(e.TUIJIN_TOTP_KEY) ?? undefined) : undefined,
  };
}
