import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function findUserByUsername(db: Q, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Q, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordFailedLogin(db: Q, id: number, failed: number, lockedUntil: string | null): Promise<void> {
  await db.updateTable('users').set({ failed_logins: failed, locked_until: lockedUntil }).where('id', '=', id).execute();
}

export async function clearFailedLogins(db: Q, id: number): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

export async function insertSession(db: Q, s: DB['sessions'] extends infer T ? { [K in keyof T]: T[K] } : never): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

/** The live session of a token hash with its user, or nothing. */
export async function findSession(db: Q, id: string, now: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.csrf_token', 's.last_seen_at', 'u.id as user_id', 'u.username', 'u.display_name', 'u.unit_id', 'u.roles', 'u.is_active', 'u.must_change_password'])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Q, id: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Q, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Q, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function updatePasswordHash(db: Q, userId: number, hash: string, mustChange: boolean, now: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash, must_change_password: mustChange ? 1 : 0, updated_at: now }).where('id', '=', userId).execute();
}

/** A unit and every unit below it (a town's sub-units, a department's offices). */
export async function unitSubtree(db: Q, unitId: number): Promise<number[]> {
  const all = await db.selectFrom('units').select(['id', 'parent_id']).where('parent_id', 'is not', null).execute();
  const children = new Map<number, number[]>();
  for (const u of all) children.set(u.parent_id!, [...(children.get(u.parent_id!) ?? []), u.id]);
  const out = [unitId];
  for (let i = 0; i < out.length && out.length < 10_000; i++) for (const c of children.get(out[i]!) ?? []) if (!out.includes(c)) out.push(c);
  return out;
}

export async function leaderSectionIds(db: Q, userId: number): Promise<number[]> {
  return (await db.selectFrom('leader_sections').select('section_id').where('user_id', '=', userId).execute()).map((r) => r.section_id);
}
