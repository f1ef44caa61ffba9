import { mergeInspectionUnits } from '../inspections/inspections.repo.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { containsText, num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Finds each name's Unit by name or alias; names never seen become new Units, created at `createdAt`. */
export async function resolveUnits(trx: Q, names: string[], isCollective: (name: string) => boolean, createdAt: string): Promise<Map<string, number>> {
  const wanted = [...new Set(names)];
  const ids = new Map<string, number>();
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const byName = await trx.selectFrom('units').select(['id', 'name']).where('name', 'in', chunk).execute();
    for (const r of byName) ids.set(r.name, r.id);
    const byAlias = await trx.selectFrom('unit_aliases').select(['unit_id', 'alias']).where('alias', 'in', chunk).execute();
    for (const r of byAlias) if (!ids.has(r.alias)) ids.set(r.alias, r.unit_id);
  }
  for (const name of wanted) {
    if (ids.has(name)) continue;
    const row = await trx
      .insertInto('units')
      .values({ name, is_collective: isCollective(name) ? 1 : 0, parent_id: null, created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(name, row.id);
  }
  return ids;
}

/** Units with their aliases and how many tasks they lead or share. */
export async function listUnits(db: Q, q?: string) {
  let query = db
    .selectFrom('units as u')
    .select((eb) => [
      'u.id',
      'u.name',
      'u.is_collective',
      'u.parent_id',
      eb
        .selectFrom('task_units')
        .whereRef('task_units.unit_id', '=', 'u.id')
        .where('role', '=', 'lead')
        .select((e) => e.fn.countAll().as('c'))
        .as('lead_count'),
      eb
        .selectFrom('task_units')
        .whereRef('task_units.unit_id', '=', 'u.id')
        .where('role', '=', 'responsible')
        .select((e) => e.fn.countAll().as('c'))
        .as('responsible_count'),
    ])
    .orderBy('u.name');
  if (q) {
    query = query.where((eb) =>
      eb.or([
        containsText('u.name', q),
        eb.exists(eb.selectFrom('unit_aliases as a').whereRef('a.unit_id', '=', 'u.id').where(containsText('a.alias', q)).select('a.id')),
      ]),
    );
  }
  const rows = await query.execute();
  const aliases = await aliasesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, lead_count: num(r.lead_count), responsible_count: num(r.responsible_count), aliases: aliases.get(r.id) ?? [] }));
}

export async function aliasesOf(db: Q, unitIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await db
      .selectFrom('unit_aliases')
      .select(['unit_id', 'alias'])
      .where('unit_id', 'in', unitIds.slice(i, i + 500))
      .orderBy('alias')
      .execute();
    for (const r of rows) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), r.alias]);
  }
  return out;
}

export async function findUnit(db: Q, id: number) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function childUnits(db: Q, id: number) {
  return db.selectFrom('units').select(['id', 'name']).where('parent_id', '=', id).orderBy('name').execute();
}

export async function findUnitByName(db: Q, name: string) {
  return db.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findAlias(db: Q, alias: string) {
  return db.selectFrom('unit_aliases').selectAll().where('alias', '=', alias).executeTakeFirst();
}

/** Every name the directory knows, unit names and aliases apart: what an import's unit names are checked against. */
export async function unitDirectory(db: Q): Promise<{ names: string[]; aliases: string[] }> {
  const names = await db.selectFrom('units').select('name').orderBy('name').execute();
  const aliases = await db.selectFrom('unit_aliases').select('alias').execute();
  return { names: names.map((r) => r.name), aliases: aliases.map((r) => r.alias) };
}

export async function allUnitNames(db: Q) {
  return db.selectFrom('units').select(['id', 'name']).execute();
}

/** The tasks a unit leads or shares, with their plan. */
export async function unitTasks(db: Q, unitId: number) {
  return db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.plan_id', 'p.number as plan_number', 'p.title as plan_title', 't.number', 't.title', 'tu.role', 't.ordinal'])
    .where('tu.unit_id', '=', unitId)
    .orderBy('t.plan_id')
    .orderBy('t.ordinal')
    .execute();
}

export async function updateUnitRow(trx: Q, id: number, patch: { name?: string; is_collective?: number; parent_id?: number | null }): Promise<void> {
  await trx.updateTable('units').set(patch).where('id', '=', id).execute();
}

export async function insertAlias(trx: Q, unitId: number, alias: string): Promise<void> {
  await trx.insertInto('unit_aliases').values({ unit_id: unitId, alias }).execute();
}

export async function deleteAlias(trx: Q, unitId: number, alias: string): Promise<number> {
  const r = await trx.deleteFrom('unit_aliases').where('unit_id', '=', unitId).where('alias', '=', alias).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * What a unit already holds beyond its name on tasks: accounts, reports, ledger entries and task
 * events. Merging moves only task assignments and aliases, so a unit holding any of these is not merged.
 */
export async function unitHoldings(trx: Q, unitId: number): Promise<{ users: number; reports: number; ledgerEntries: number; events: number }> {
  const count = async (table: 'users' | 'progress_reports' | 'ledger_entries' | 'task_events') =>
    num(
      (
        await trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('unit_id', '=', unitId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    users: await count('users'),
    reports: await count('progress_reports'),
    ledgerEntries: await count('ledger_entries'),
    events: await count('task_events'),
  };
}

/** Moves everything of `fromId` onto `intoId` and removes `fromId`; its name becomes an alias. */
export async function mergeUnitRows(trx: Q, fromId: number, intoId: number, fromName: string): Promise<void> {
  await trx.updateTable('task_units').set({ unit_id: intoId }).where('unit_id', '=', fromId).execute();
  await trx.updateTable('unit_aliases').set({ unit_id: intoId }).where('unit_id', '=', fromId).execute();
  await trx.updateTable('units').set({ parent_id: intoId }).where('parent_id', '=', fromId).execute();
  await mergeInspectionUnits(trx, fromId, intoId);
  await trx.deleteFrom('units').where('id', '=', fromId).execute();
  await trx.insertInto('unit_aliases').values({ unit_id: intoId, alias: fromName }).execute();
}

/** A unit's name, or undefined when there is no such unit. */
export async function findUnitName(db: Q, id: number): Promise<string | undefined> {
  return (await db.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

export async function insertUnit(trx: Q, u: { name: string; is_collective: number; created_at: string }): Promise<number> {
  return (
    await trx
      .insertInto('units')
      .values({ ...u, parent_id: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Units that are named on some task and are not collective names (各镇街), in id order. */
export async function unitsNamedOnTasks(db: Q) {
  return db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('is_collective', '=', 0)
    .where((eb) => eb.exists(eb.selectFrom('task_units').whereRef('task_units.unit_id', '=', 'units.id').select('task_units.id')))
    .orderBy('id')
    .execute();
}
