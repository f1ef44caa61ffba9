/**
 * `node bench/rounds.ts`: opening and closing a dispatch round on the province-scale data set
 * (`npm run seed:large` first, same DATA_DIR / DATABASE_URL). Opens a round on every plan for every
 * accountable unit, reads its live detail and snapshot, closes it (snapshot computed and stored) and
 * prints the times. It writes a round, so run it on a throw-away copy of the data.
 */
import { loadConfig } from '#server/config.ts';
import type { Actor, Deps } from '#server/context.ts';
import { openDatabase } from '#server/db/connection.ts';
import { chinaDay } from '#core/calendar/dates.ts';
import { closeRound, findRounds, getRound, getRoundSnapshot, openRound } from '#server/rounds/rounds.service.ts';
import { systemClock } from '#server/clock.ts';

const config = loadConfig(process.env);
const database = await openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
const deps: Deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
const coordinator = await deps.db.selectFrom('users').select(['id']).where('username', '=', 'coordinator').executeTakeFirstOrThrow();
const actor: Actor = { userId: coordinator.id, unitId: null, name: 'bench', ip: null, principal: { userId: coordinator.id, unitId: null, roles: ['coordinator'], unitScope: [], leaderSectionIds: [] } };
const planIds = (await deps.db.selectFrom('plans').select('id').orderBy('id').execute()).map((p) => p.id);

const time = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const out = await f();
  console.log(`${label.padEnd(34)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms`);
  return out;
};

console.log(`${database.dialect}: ${planIds.length} plans`);
const round = await time('open (all plans, all units)', () => openRound(deps, actor, { title: '压测调度', dueDate: chinaDay(Date.now()), planIds }));
console.log(`  units ${round.expected}, notified ${(await deps.db.selectFrom('notifications').select((e) => e.fn.countAll().as('n')).where('kind', '=', 'round').executeTakeFirstOrThrow()).n}`);
await time('detail (live)', () => getRound(deps, round.id));
const live = await time('snapshot (live)', () => getRoundSnapshot(deps, round.id));
console.log(`  tasks ${live.overall.total}, overdue ${live.overdue.length}, ${(JSON.stringify(live).length / 1e6).toFixed(1)} MB`);
await time('close (compute + store)', () => closeRound(deps, actor, round.id));
await time('snapshot (stored)', () => getRoundSnapshot(deps, round.id));
await time('list of rounds', () => findRounds(deps));
await database.close();
