#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlan } from './core/parse/index.ts';
import { toGoldShape } from './core/parse/gold.ts';
import { buildApp } from './server/app.ts';
import { loadConfig } from './server/config.ts';
import { SYSTEM_ACTOR } from './server/context.ts';
import { openDatabase } from './server/db/connection.ts';
import { commitDraft, uploadDocument } from './server/imports/imports.service.ts';
import { extractText } from './server/plans/extract.ts';
import { importSampleIfEmpty } from './server/sample.ts';
import { createDemoAccounts, formatDemoAccounts } from './server/demo.ts';
import { createUser } from './server/users/users.service.ts';
import { startScheduler } from './server/jobs/scheduler.ts';

const USAGE = `usage: tuijin <command>
  serve                      start the web app and API (PORT, DATA_DIR, DATABASE_URL)
  parse FILE [--format gold] read a plan document (.txt .docx .html .pdf) and print its reading as JSON
  import FILE                read a plan document and commit it as a plan
  user create-admin [NAME]   create an administrator (password from TUIJIN_ADMIN_PASSWORD, else generated and printed)`;

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
    const deps = { db: database.db, dialect: database.dialect, config };
    const actor = SYSTEM_ACTOR;
    const draft = await uploadDocument(deps, actor, { fileName: basename(file), bytes: await readFile(resolve(file)) });
    const { planId } = await commitDraft(deps, actor, draft.id);
    console.log(`imported plan ${planId}: ${draft.document.title} (${draft.tasks.length} tasks)`);
    return 0;
  } finally {
    await database.close();
  }
}

async function userCommand(args: string[]): Promise<number> {
  if (args[0] !== 'create-admin') {
    console.error(USAGE);
    return 2;
  }
  const username = args[1] ?? 'admin';
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const deps = { db: database.db, dialect: database.dialect, config };
    const given = process.env.TUIJIN_ADMIN_PASSWORD;
    const { user, password } = await createUser(deps, SYSTEM_ACTOR, { username, displayName: '系统管理员', unitId: null, roles: ['admin'], leaderSectionIds: [], password: given, mustChangePassword: !given });
    console.log(`created administrator ${user.username}${given ? '' : ` with password ${password} (to be changed at first sign-in)`}`);
    return 0;
  } finally {
    await database.close();
  }
}

async function serveCommand(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const deps = { db: database.db, dialect: database.dialect, config };
  if (config.importSample) {
    const planId = await importSampleIfEmpty(deps);
    if (planId) console.log(`Imported the sample plan 山政发〔2021〕7号 as plan ${planId}.`);
  }
  const demo = await createDemoAccounts(deps);
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
