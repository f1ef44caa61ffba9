import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Every stored setting, raw JSON by key. */
export async function allSettings(db: Q): Promise<Map<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export async function putSetting(trx: Q, key: string, value: unknown, userId: number | null, at: string): Promise<void> {
  const row = { key, value: JSON.stringify(value), updated_at: at, updated_by: userId };
  await trx
    .insertInto('settings')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: at, updated_by: userId }))
    .execute();
}

export async function deleteSetting(trx: Q, key: string): Promise<number> {
  const r = await trx.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows);
}
