import type { Kysely, Transaction } from 'kysely';
import type { DB, DeliveryChannel, DeliveryStatus, NotificationTable } from '../db/schema.ts';
import { num } from '../db/util.ts';
import { enabledChannels } from './notice-text.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Dated milestones of open (not closed) tasks, with the task and milestone wording for the notice text. */
export async function openMilestones(db: Q) {
  return db
    .selectFrom('milestones as m')
    .innerJoin('tasks as t', 't.id', 'm.task_id')
    .select(['m.id', 'm.task_id', 'm.due_date', 'm.text', 't.number', 't.title'])
    .where('t.closed_on', 'is', null)
    .where('m.due_date', 'is not', null)
    .orderBy('m.task_id')
    .orderBy('m.ordinal')
    .execute();
}

/** Units named on the given tasks (lead and responsible). */
export async function unitsOfTasks(db: Q, taskIds: number[]) {
  if (!taskIds.length) return [];
  const out: { task_id: number; unit_id: number }[] = [];
  for (const chunk of chunks(taskIds)) {
    out.push(
      ...(await db
        .selectFrom('task_units')
        .select(['task_id', 'unit_id'])
        .distinct()
        .where('task_id', 'in', chunk)
        .orderBy('task_id')
        .orderBy('unit_id')
        .execute()),
    );
  }
  return out;
}

export async function unitNames(db: Q, unitIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const chunk of chunks(unitIds))
    for (const u of await db.selectFrom('units').select(['id', 'name']).where('id', 'in', chunk).execute()) out.set(u.id, u.name);
  return out;
}

/** The keys of `keys` already in the ledger. */
export async function sentKeys(db: Q, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of chunks(keys)) for (const r of await db.selectFrom('notice_keys').select('key').where('key', 'in', chunk).execute()) out.add(r.key);
  return out;
}

/** Claims a key in the ledger; false when it is already there (sent before, or by a concurrent run). */
export async function claimKey(trx: Q, key: string, at: string): Promise<boolean> {
  const r = await trx
    .insertInto('notice_keys')
    .values({ key, created_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return num(r.numInsertedOrUpdatedRows) > 0;
}

export async function activeUsersOfUnit(db: Q, unitId: number) {
  return db.selectFrom('users').select('id').where('unit_id', '=', unitId).where('is_active', '=', 1).orderBy('id').execute();
}

export type NotificationInsert = Omit<NotificationTable, 'id' | 'read_at'>;

/** Active accounts of many units at once (a round notifies hundreds of units). */
export async function activeUsersOfUnits(db: Q, unitIds: number[]) {
  const out: { id: number; unit_id: number }[] = [];
  for (const chunk of chunks(unitIds)) {
    const rows = await db.selectFrom('users').select(['id', 'unit_id']).where('unit_id', 'in', chunk).where('is_active', '=', 1).orderBy('id').execute();
    for (const r of rows) if (r.unit_id !== null) out.push({ id: r.id, unit_id: r.unit_id });
  }
  return out;
}

/** In-app notifications to many accounts in one go, each with its (sent) in-app delivery. */
/** Inserts in-app notifications (delivered at once) and returns each new row's id and unit. */
export async function insertInAppNotifications(trx: Q, rows: (NotificationInsert & { user_id: number })[]): Promise<{ id: number; unit_id: number | null }[]> {
  const out: { id: number; unit_id: number | null }[] = [];
  for (const chunk of chunks(rows, 200)) {
    // RETURNING order is not promised by SQLite, so each delivery is keyed by the row's own id.
    const ids = await trx.insertInto('notifications').values(chunk).returning(['id', 'unit_id', 'created_at']).execute();
    await trx
      .insertInto('notification_deliveries')
      .values(
        ids.map((r) => ({ notification_id: r.id, channel: 'in_app' as const, status: 'sent' as const, attempts: 1, last_error: null, sent_at: r.created_at })),
      )
      .execute();
    out.push(...ids.map((r) => ({ id: r.id, unit_id: r.unit_id })));
  }
  return out;
}

/**
 * The unit's external channels (e-mail, DingTalk, WeCom robots) reach it once per notice: a pending
 * delivery hung on one of its notifications, sent by the reminder job's delivery pass.
 */
export async function queueExternalDeliveries(trx: Q, notifications: readonly { id: number; unit_id: number | null }[]): Promise<number> {
  const firstOfUnit = new Map<number, number>();
  for (const n of notifications) if (n.unit_id !== null && !firstOfUnit.has(n.unit_id)) firstOfUnit.set(n.unit_id, n.id);
  let queued = 0;
  for (const [unitId, notificationId] of firstOfUnit) {
    for (const channel of enabledChannels(await getUnitChannels(trx, unitId))) {
      if (channel === 'in_app') continue;
      await insertDelivery(trx, { notification_id: notificationId, channel, status: 'pending', sent_at: null });
      queued += 1;
    }
  }
  return queued;
}

export async function insertNotification(trx: Q, n: NotificationInsert): Promise<number> {
  const row = await trx.insertInto('notifications').values(n).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertDelivery(trx: Q, d: { notification_id: number; channel: DeliveryChannel; status: DeliveryStatus; sent_at: string | null }) {
  await trx
    .insertInto('notification_deliveries')
    .values({ ...d, attempts: d.status === 'sent' ? 1 : 0, last_error: null })
    .execute();
}

/** External deliveries still to make: pending ones and failed ones with attempts left. */
export async function deliveriesToSend(db: Q, maxAttempts: number) {
  return db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select(['d.id', 'd.channel', 'd.attempts', 'n.unit_id', 'n.title', 'n.body'])
    .where((eb) => eb.or([eb('d.status', '=', 'pending'), eb.and([eb('d.status', '=', 'failed'), eb('d.attempts', '<', maxAttempts)])]))
    .where('d.channel', '!=', 'in_app')
    .orderBy('d.id')
    .execute();
}

export async function updateDelivery(
  db: Q,
  id: number,
  patch: { status: DeliveryStatus; attempts: number; last_error: string | null; sent_at: string | null },
) {
  await db.updateTable('notification_deliveries').set(patch).where('id', '=', id).execute();
}

export async function getUnitChannels(db: Q, unitId: number) {
  return db.selectFrom('unit_channels').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
}

export async function upsertUnitChannels(
  db: Q,
  row: { unit_id: number; email: string | null; dingtalk_webhook: string | null; wecom_webhook: string | null; channels: string; updated_at: string },
) {
  const { unit_id: _, ...rest } = row;
  await db
    .insertInto('unit_channels')
    .values(row)
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(rest))
    .execute();
}

export async function unitExists(db: Q, unitId: number): Promise<boolean> {
  return (await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst()) !== undefined;
}

/** A user's notifications, newest first, with the total and the unread count. */
export async function findUserNotifications(db: Q, userId: number, opts: { unreadOnly: boolean; limit: number; offset: number }) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, total, unread] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: num(total.n), unread: num(unread.n) };
}

export async function getUserNotification(db: Q, id: number, userId: number) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function markRead(db: Q, userId: number, at: string, id?: number): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return num(r.numUpdatedRows);
}

/** 约谈建议 for the coordinator, newest first. */
export async function findInterviewSuggestions(db: Q) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('tasks as t', 't.id', 'n.task_id')
    .leftJoin('units as u', 'u.id', 'n.unit_id')
    .leftJoin('milestones as m', 'm.id', 'n.milestone_id')
    .select([
      'n.id',
      'n.task_id',
      'n.unit_id',
      'n.title',
      'n.body',
      'n.created_at',
      't.number as task_number',
      't.title as task_title',
      'u.name as unit_name',
      'm.due_date',
    ])
    .where('n.kind', '=', 'interview')
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
}

/** A task with its dated milestones and named units, for the 督办 notice. */
export async function taskForNotice(db: Q, taskId: number) {
  const task = await db
    .selectFrom('tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.number', 't.title', 't.closed_on', 'p.number as plan_number', 'p.title as plan_title'])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!task) return undefined;
  const [milestones, units] = await Promise.all([
    db.selectFrom('milestones').select(['id', 'text', 'due_date']).where('task_id', '=', taskId).orderBy('ordinal').execute(),
    db
      .selectFrom('task_units as tu')
      .innerJoin('units as u', 'u.id', 'tu.unit_id')
      .select(['u.id', 'u.name', 'tu.role'])
      .where('tu.task_id', '=', taskId)
      .orderBy('tu.role')
      .orderBy('tu.ordinal')
      .execute(),
  ]);
  return { ...task, milestones, units };
}

function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
