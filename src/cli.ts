#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlan } from './core/parse/index.ts';
import { toGoldShape } from './core/parse/gold.ts';
import { buildApp } from './server/app.ts';
import { loadConfig } from './server/config.ts';
import { SYSTEM_ACTOR } from './server/context.ts';
import { openDatabase } from './server/db/connection.ts';
import { commitDraft, uploadDocument } from './server/imports/imports.service.ts';
import { extractText } from './server/imports/extract.ts';
import { importSampleIfEmpty } from './server/sample.ts';
import { createDemoAccounts, formatDemoAccounts } from './server/demo.ts';
import { createUser } from './server/users/users.service.ts';
import { resetSecondFactor } from './server/auth/second-factor.ts';
import { startScheduler } from './server/jobs/scheduler.ts';
import { createBackup } from './server/backup/archive.ts';
import { BackupError, totals } from './server/backup/manifest.ts';
import { restoreBackup, verifyBackup } from './server/backup/restore.ts';
import { backupFileName } from './core/backup/index.ts';
import { startFileSweeps } from './server/files/sweep.ts';
import { systemClock } from './server/clock.ts';

const USAGE = `usage: tuijin <command>
  serve                      start the web app and API (PORT, DATA_DIR, DATABASE_URL)
  parse FILE [--format gold] read a plan document (.txt .docx .html .pdf) and print its reading as JSON
  import FILE                read a plan document and commit it as a plan
  user create-admin [NAME]   create an administrator (password from TUIJIN_ADMIN_PASSWORD, else generated and printed)
  user reset-totp NAME       remove an account's second factor (lost phone and recovery codes); it enrols again at sign-in
  backup [--out PATH]        write one .tar.gz of the database and DATA_DIR's files, while the app runs
                             (PATH a folder or a file name; default ./tuijin-backup-<time>.tar.gz)
  backup verify FILE         check every entry of an archive against its manifest, restore nothing
  restore FILE [--force]     restore an archive into DATA_DIR / DATABASE_URL (stop the server first);
                             a non-empty target needs --force, and its data is kept aside`;

const WEB_DIR = fileURLToPath(new URL('../dist/web', import.meta.url));

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(args);
    case 'serve':
      return serveCommand();
    case 'import':
      return importCommand(args);
    case 'user':
      return userCommand(args);
    case 'backup':
      return backupCommand(args);
    case 'restore':
      return restoreCommand(args);
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

async function parseCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const text = await extractText(await readFile(file), basename(file));
  const plan = parsePlan(text, { fileName: basename(file) });
  const out = args.includes('--format') && args[args.indexOf('--format') + 1] === 'gold'
    ? toGoldShape(plan)
    : { document: plan.document, goals: plan.goals, ...(plan.body ? { body: plan.body } : {}), tasks: plan.tasks };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

async function importCommand(args: string[]): Promise<number> {
  const file = args[0];
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
    const actor = SYSTEM_ACTOR;
    const draft = await uploadDocument(deps, actor, { fileName: basename(file), bytes: await readFile(resolve(file)) });
    if (draft.tasks.length === 0) {
      // Numbering found but no task level: the draft waits for a coordinator to choose one in the browser.
      console.error(`未能判断任务所在层级：已保存为导入草稿 /imports/${draft.id}，请在网页中选择“任务在此层级”后提交`);
      return 1;
    }
    const { planId } = await commitDraft(deps, actor, draft.id);
    console.log(`imported plan ${planId}: ${draft.document.title} (${draft.tasks.length} tasks)`);
    return 0;
  } finally {
    await database.close();
  }
}

async function userCommand(args: string[]): Promise<number> {
  if (args[0] === 'reset-totp' && args[1]) return resetTotpCommand(args[1]);
  if (args[0] !== 'create-admin') {
    console.error(USAGE);
    return 2;
  }
  const username = args[1] ?? 'admin';
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
    const given = process.env.TUIJIN_ADMIN_PASSWORD;
    const { user, password } = await createUser(deps, SYSTEM_ACTOR, { username, displayName: '系统管理员', unitId: null, roles: ['admin'], leaderSectionIds: [], password: given, mustChangePassword: !given });
    console.log(`created administrator ${user.username}${given ? '' : ` with password ${password} (to be changed at first sign-in)`}`);
    return 0;
  } finally {
    await database.close();
  }
}

/** The server operator's way back in when the last admin lost the second factor. Audited as "system". */
async function resetTotpCommand(username: string): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
    const user = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (!user) {
      console.error(`no account ${username}`);
      return 1;
    }
    await resetSecondFactor(deps, SYSTEM_ACTOR, user.id);
    console.log(`second factor of ${username} removed; it enrols again at the next sign-in`);
    return 0;
  } finally {
    await database.close();
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Prints a backup refusal in both languages (operators' terminals and runbooks are either). */
function backupFailed(err: unknown): number {
  if (!(err instanceof BackupError)) throw err;
  console.error(`错误：${err.message}\nerror: ${err.en}`);
  return 1;
}

function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

async function backupCommand(args: string[]): Promise<number> {
  const config = loadConfig();
  try {
    if (args[0] === 'verify') {
      const file = args[1];
      if (!file) {
        console.error(USAGE);
        return 2;
      }
      const { manifest, totals: t } = await verifyBackup(resolve(file), dirname(resolve(file)));
      console.log(`OK ${file}: ${manifest.database.kind}, migration ${manifest.migration.level}, ${t.tables} tables, ${t.rows} rows, ${t.files} files (${mb(t.bytes)}), made ${manifest.createdAt} by ${manifest.app.name} ${manifest.app.version}`);
      return 0;
    }
    const out = optionValue(args, '--out');
    if (args.includes('--out') && !out) {
      console.error(USAGE);
      return 2;
    }
    const name = backupFileName(new Date());
    const target = !out ? resolve(name) : /\.tar\.gz$/.test(out) ? resolve(out) : join(resolve(out), name);
    const r = await createBackup(config, target);
    const t = totals(r.manifest);
    console.log(`${r.file}\n  ${r.manifest.database.kind}, migration ${r.manifest.migration.level}, ${t.tables} tables, ${t.rows} rows, ${t.files} files; archive ${mb(r.size)}, SHA-256 ${r.sha256}, ${(r.durationMs / 1000).toFixed(1)} s`);
    return 0;
  } catch (err) {
    return backupFailed(err);
  }
}

async function restoreCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  try {
    const r = await restoreBackup(config, resolve(file), { force: args.includes('--force') });
    const t = r.totals;
    console.log(`restored ${file} (made ${r.manifest.createdAt}, migration ${r.manifest.migration.level}): ${t.tables} tables and ${t.rows} rows counted, ${t.files} files verified by SHA-256, in ${(r.durationMs / 1000).toFixed(1)} s`);
    if (r.replacedDir) console.log(`the previous data was moved to ${r.replacedDir}; delete it once the restored installation checks out`);
    if (r.replacedDatabase) console.log(`the previous database was renamed ${r.replacedDatabase}; DROP DATABASE it once the restored installation checks out`);
    console.log('start the server (tuijin serve): it brings the database up to this version\'s migrations');
    return 0;
  } catch (err) {
    return backupFailed(err);
  }
}

async function serveCommand(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
  if (config.importSample) {
    const planId = await importSampleIfEmpty(deps);
    if (planId) console.log(`Imported the sample plan 山政发〔2021〕7号 as plan ${planId}.`);
  }
  const demo = await createDemoAccounts(deps);
  await startFileSweeps(deps); // crash leftovers: .tmp files removed, files with no row quarantined (src/server/files/sweep.ts)
  const app = await buildApp({ deps, webDir: WEB_DIR, logLevel: process.env.LOG_LEVEL ?? 'warn' });
  // Reminders and escalation; on several nodes the job's database lock lets one run at a time.
  const stopScheduler = startScheduler(deps);
  const close = async () => {
    stopScheduler();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  if (demo) console.log(`\n${formatDemoAccounts(demo)}`);
  console.log(`\nTuijin is running at http://${shown}:${config.port}/  (database: ${database.dialect === 'postgres' ? 'PostgreSQL' : config.sqlitePath})`);
  return -1; // keep running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
