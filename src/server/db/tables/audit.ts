/** The audit trail, its archives and the purge permit. */
import type { Generated } from 'kysely';
import type { ChainRow } from '#core/audit/chain.ts';

/**
 * An audit row: the fields the hash chain covers (core's ChainRow, one definition for both), with the
 * database's defaults and the chain columns the sealing pass fills in.
 */
export interface AuditEventTable extends Omit<ChainRow, 'id' | 'outcome' | 'seq'> {
  id: Generated<number>;
  /** 'ok' for a write that happened, 'denied' for a refused attempt. */
  outcome: Generated<string>;
  /** Place in the hash chain; null until the sealing pass reaches the row. */
  seq: number | null;
  prev_hash: string | null;
  /** sha256(prev_hash + canonical row), hex. */
  hash: string | null;
}

/** One purged range of the audit trail, archived to a file; the anchor of the chain that remains. */
export interface AuditArchiveTable {
  id: Generated<number>;
  from_seq: number;
  to_seq: number;
  rows: number;
  first_at: string;
  last_at: string;
  /** Hash of the row at to_seq: the next row's prev_hash. */
  last_hash: string;
  /** File name under DATA_DIR/audit-archive. */
  file: string;
  sha256: string;
  bytes: number;
  created_at: string;
}

export interface AuditPurgePermitTable {
  token: string;
}
