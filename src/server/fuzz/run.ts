/**
 * `npm run fuzz`: the full fuzz run, 10,000 cases (≥ 10,000 requests: a race case sends 6) driven by
 * the OpenAPI document, on SQLite and, when TEST_DATABASE_URL (or DATABASE_URL) is set, on PostgreSQL too. Prints requests
 * sent, statuses by class and persona, 5xx, duration and memory; exits 1 on any failure.
 *   FUZZ_COUNT (default 10000) · FUZZ_SEED (default: random, printed) · FUZZ_CONCURRENCY (default 8)
 *   FUZZ_TRANSPORT: http (default: real sockets to the listening app) or inject
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runFuzz } from './suite.ts';

const count = Number(process.env.FUZZ_COUNT ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 8);
const transport = process.env.FUZZ_TRANSPORT === 'inject' ? 'inject' : 'http';

if (process.argv[2] === '--one') {
  // One database, in this process: its memory figures are the server's alone.
  const { report, failed } = await runFuzz({ count, seed, concurrency, transport, onProgress: (n) => process.stderr.write(`  … ${n}\n`) });
  console.log(report);
  process.exit(failed ? 1 : 0);
} else {
  const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const self = fileURLToPath(import.meta.url);
  let failed = false;
  for (const [name, url] of [['SQLite', ''], ...(pgUrl ? [['PostgreSQL', pgUrl]] : [])] as [string, string][]) {
    console.log(`\n▶ fuzz, ${name}: ${count} cases, seed ${seed}`);
    const r = spawnSync(process.execPath, [self, '--one'], {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: url, FUZZ_SEED: String(seed), TUIJIN_LOG_LEVEL: '' },
    });
    if (r.status !== 0) failed = true;
  }
  if (!pgUrl) console.log('\n⚠ PostgreSQL not fuzzed: set TEST_DATABASE_URL');
  process.exit(failed ? 1 : 0);
}
