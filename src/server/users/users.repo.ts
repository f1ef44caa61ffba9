import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { containsText, num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface UserFilter { q?: string | undefined; unitId?: number | undefined; role?: string | undefined }

export async function findUsers(db: Q, f: UserFilter, page: { offset: number; limit: number }) {
  let base = db.selectFrom('users as u').leftJoin('units as n', 'n.id', 'u.unit_id');
  if (f.q) base = base.where((eb) => eb.or([containsText('u.username', f.q!), containsText('u.display_name', f.q!), containsText('n.name', f.q!)]));
  if (f.unitId) base = base.where('u.unit_id', '=', f.unitId);
  if (f.role) base = base.where(containsText('u.roles', `"${f.role}"`));
  const [rows, count] = await Promise.all([
    base
      .select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'n.name as unit_name', 'u.roles', 'u.is_active', 'u.locked_until', 'u.failed_logins', 'u.created_at'])
      .orderBy('u.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: num(count.c) };
}

export async function findUserRow(db: Q, id: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'n.name as unit_name', 'u.roles', 'u.is_active', 'u.locked_until', 'u.failed_logins', 'u.created_at'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

export async function leaderSectionsOf(db: Q, userIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!userIds.length) return out;
  for (const r of await db.selectFrom('leader_sections').selectAll().where('user_id', 'in', userIds).execute()) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.section_id]);
  return out;
}

export async function insertUser(trx: Q, u: { username: string; display_name: string; unit_id: number | null; password_hash: string; roles: string; must_change_password: number; created_at: string }) {
  return (await trx.insertInto('users').values({ ...u, is_active: 1, failed_logins: 0, locked_until: null, updated_at: u.created_at }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateUserRow(trx: Q, id: number, patch: { display_name?: string; unit_id?: number | null; roles?: string; is_active?: number; updated_at: string }) {
  await trx.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function setLeaderSections(trx: Q, userId: number, sectionIds: number[]) {
  await trx.deleteFrom('leader_sections').where('user_id', '=', userId).execute();
  if (sectionIds.length) await trx.insertInto('leader_sections').values(sectionIds.map((section_id) => ({ user_id: userId, section_id }))).execute();
}

export async function existingUsernames(db: Q, names: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < names.length; i += 500) for (const r of await db.selectFrom('users').select('username').where('username', 'in', names.slice(i, i + 500)).execute()) out.add(r.username);
  return out;
}

export async function existingSectionIds(db: Q, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  return new Set((await db.selectFrom('sections').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
}

export async function unitIdsByName(db: Q): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const r of await db.selectFrom('units').select(['id', 'name']).execute()) out.set(r.name, r.id);
  for (const r of await db.selectFrom('unit_aliases').select(['unit_id', 'alias']).execute()) if (!out.has(r.alias)) out.set(r.alias, r.unit_id);
  return out;
}

export async function countUsers(db: Q): Promise<number> {
  return num((await db.selectFrom('users').select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow()).c);
}

/** Active accounts holding a role, but one. */
export async function countActiveWithRole(db: Q, role: string, exceptId: number): Promise<number> {
  const r = await db.selectFrom('users as u').select((e) => e.fn.countAll().as('c')).where(containsText('u.roles', `"${role}"`)).where('u.is_active', '=', 1).where('u.id', '!=', exceptId).executeTakeFirstOrThrow();
  return num(r.c);
}

/** A new password the user must change at next sign-in; a reset also lifts a lock. */
export async function resetPasswordRow(trx: Q, id: number, hash: string, now: string): Promise<void> {
  await trx.updateTable('users').set({ password_hash: hash, must_change_password: 1, failed_logins: 0, locked_until: null, updated_at: now }).where('id', '=', id).execute();
}

export async function unlockUserRow(trx: Q, id: number, now: string): Promise<void> {
  await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, updated_at: now }).where('id', '=', id).execute();
}

export async function findDisplayName(db: Q, id: number): Promise<string | undefined> {
  return (await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name;
}
