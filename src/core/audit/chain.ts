/**
 * The audit hash chain, pure: what exactly is hashed. Each sealed row stores
 * `hash = sha256(prev_hash + "\n" + canonicalAuditRow(row))`, so changing, removing or reordering any
 * sealed row breaks every link after it. The server computes the SHA-256 (node:crypto).
 */

/** Why the database's chain is broken at a row: a gap in `seq`, a wrong `prev_hash`, or a wrong `hash`. */
export const CHAIN_BREAKS = ['missing', 'link', 'hash'] as const;
export type ChainBreak = (typeof CHAIN_BREAKS)[number];

/** Why an archive breaks the chain: its file, its SHA-256, or the chain inside it or at its ends. */
export const ARCHIVE_BREAKS = ['file', 'sha256', 'missing', 'link', 'hash', 'anchor'] as const;
export type ArchiveBreak = (typeof ARCHIVE_BREAKS)[number];

/** prev_hash of the first row ever sealed (no archive anchor yet). */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields of one audit row that the chain covers: all of them but the hashes themselves. */
export interface ChainRow {
  seq: number;
  id: number;
  at: string;
  actor_id: number | null;
  actor_unit_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  client_ip: string | null;
  outcome: string;
  actor_name: string | null;
}

/**
 * One fixed-order JSON array: no key order to depend on, nulls kept distinct from empty strings, and
 * numbers read back the same from SQLite and PostgreSQL (pg returns INTEGER columns as numbers).
 */
export function canonicalAuditRow(r: ChainRow): string {
  return JSON.stringify([r.seq, r.id, r.at, r.actor_id, r.actor_unit_id, r.action, r.entity_type, r.entity_id, r.before, r.after, r.client_ip, r.outcome, r.actor_name]);
}

/** The text whose SHA-256 is the row's hash. */
export function chainInput(prevHash: string, r: ChainRow): string {
  return `${prevHash}\n${canonicalAuditRow(r)}`;
}
