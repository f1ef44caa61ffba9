/**
 * `npm test`: Biome (format and lint, with the import walls of DESIGN.md), type check, then the unit and database tiers on SQLite, the database tier again on
 * PostgreSQL when TEST_DATABASE_URL is set, and the browser suite when Chromium is there.
 * With CI=true a tier that cannot run fails the run instead of being skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const isCI = process.env.CI === 'true' || process.env.CI === '1';
const pgUrl = process.env.TEST_DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const extraArgs = process.argv.slice(2);

function run(title: string, cmd: string, args: string[], env: Record<string, string | undefined> = {}): void {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(r.status ?? 1);
  }
}

function skipOrFail(title: string, why: string): void {
  if (isCI) {
    console.error(`✖ ${title} cannot run under CI=true: ${why}`);
    process.exit(1);
  }
  console.log(`\n⚠ skipped ${title}: ${why}`);
}

run('format and lint (Biome)', 'npx', ['biome', 'ci', '.']);
run('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('unit and database tests (SQLite)', 'npx', ['vitest', 'run', ...extraArgs], { DATABASE_URL: '' });
if (pgUrl) run('database tests (PostgreSQL)', 'npx', ['vitest', 'run', 'src/server', ...extraArgs], { DATABASE_URL: pgUrl });
else skipOrFail('database tests (PostgreSQL)', 'TEST_DATABASE_URL is not set (see README, "Running on PostgreSQL")');
if (existsSync(chromium)) {
  run('build the web app', 'npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']);
  run('browser tests (Chromium)', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], { CHROMIUM_PATH: chromium });
} else skipOrFail('browser tests', `no Chromium at ${chromium} (apt-get install chromium fonts-noto-cjk)`);
console.log('\n✔ all test tiers passed');
