import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, SessionTable } from '../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function findUserByUsername(db: Q, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Q, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Counts one wrong password (or second-factor code) in a single atomic UPDATE, so parallel guesses
 * each count: there is no read-modify-write for them to race on. The guess that reaches `lockAfter`
 * locks the account until `lockUntil` and starts the count again. An account locked already is left
 * as it is (the lock is not extended). Returns the count after this guess and whether it locked the
 * account, or undefined when the account was locked at the time.
 */
export async function registerFailedLogin(
  db: Q,
  id: number,
  now: string,
  lockAfter: number,
  lockUntil: string,
): Promise<{ failed: number; lockedNow: boolean } | undefined> {
  const reaches = sql<boolean>`failed_logins + 1 >= ${lockAfter}`;
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: sql<number>`case when ${reaches} then 0 else failed_logins + 1 end`,
      locked_until: sql<string | null>`case when ${reaches} then ${lockUntil} else locked_until end`,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
  if (!row) return undefined;
  const lockedNow = row.locked_until === lockUntil;
  return { failed: lockedNow ? lockAfter : row.failed_logins, lockedNow };
}

/** Clears the failure count after a successful sign-in, unless the account got locked meanwhile (then false). */
export async function clearFailedLoginsUnlessLocked(db: Q, id: number, now: string): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertSession(db: Q, s: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

/** The session of a token hash with its user (live or not: the caller applies the timeouts), or nothing. */
export async function findSession(db: Q, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      's.second_factor_ok',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.unit_id',
      'u.roles',
      'u.is_active',
      'u.must_change_password',
      'u.password_changed_at',
      'u.created_at as user_created_at',
      'u.totp_enabled_at',
      // Read with the session (one round trip): tells whether this node's unit tree is still current.
      (eb) => eb.selectFrom('units_version').select('version').where('id', '=', 1).as('units_version'),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Q, id: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

/** Marks a session as having passed the second factor. */
export async function markSecondFactorOk(db: Q, id: string): Promise<void> {
  await db.updateTable('sessions').set({ second_factor_ok: 1 }).where('id', '=', id).execute();
}

export async function deleteSession(db: Q, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Q, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Ends every session of a user but one (the one that asked, e.g. for a password change). */
export async function deleteOtherSessions(db: Q, userId: number, keepId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * A user's sessions past their end (expires_at is kept at the earlier of the idle and absolute ends),
 * removed at each sign-in so abandoned sessions do not pile up (by user: the index on user_id).
 */
export async function deleteExpiredSessions(db: Q, userId: number, now: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Sets a password chosen by its owner: no change is due any more, and the expiry counts from now. */
export async function updatePasswordHash(db: Q, userId: number, hash: string, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: hash, must_change_password: 0, password_changed_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function setPendingTotpSecret(db: Q, userId: number, sealed: string, now: string): Promise<void> {
  await db.updateTable('users').set({ totp_pending_secret: sealed, updated_at: now }).where('id', '=', userId).execute();
}

/** Makes the pending secret the user's second factor, if it is still the one the code was checked against. */
export async function confirmTotpSecret(db: Q, userId: number, sealed: string, step: number, now: string): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ totp_secret: sealed, totp_pending_secret: null, totp_enabled_at: now, totp_last_step: step, updated_at: now })
    .where('id', '=', userId)
    .where('totp_pending_secret', '=', sealed)
    .where('totp_secret', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes a user's second factor and recovery codes (an admin's reset for a lost phone). */
export async function clearTotp(db: Q, userId: number, now: string): Promise<boolean> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const r = await db
    .updateTable('users')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now })
    .where('id', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Takes a time step as used, atomically: of two requests with the same code (or a replay), exactly
 * one gets true. A step at or before the last one taken is refused.
 */
export async function takeTotpStep(db: Q, userId: number, step: number): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceRecoveryCodes(db: Q, userId: number, hashes: string[], now: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now, used_at: null })))
    .execute();
}

/** Uses a recovery code once, atomically; false when it is unknown or used. */
export async function useRecoveryCode(db: Q, userId: number, hash: string, now: string): Promise<boolean> {
  const row = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function countUnusedRecoveryCodes(db: Q, userId: number): Promise<number> {
  const r = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Which unit is under which: every unit with a parent, by parent. */
export async function unitChildren(db: Q): Promise<Map<number, number[]>> {
  const all = await db.selectFrom('units').select(['id', 'parent_id']).where('parent_id', 'is not', null).orderBy('id').execute();
  const children = new Map<number, number[]>();
  for (const u of all) {
    const list = children.get(u.parent_id!);
    if (list) list.push(u.id);
    else children.set(u.parent_id!, [u.id]);
  }
  return children;
}

export async function leaderSectionIds(db: Q, userId: number): Promise<number[]> {
  return (await db.selectFrom('leader_sections').select('section_id').where('user_id', '=', userId).execute()).map((r) => r.section_id);
}
