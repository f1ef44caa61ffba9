/** Settings, notifications and their deliveries, job locks and backup runs. */
import type { Generated } from 'kysely';
import type { DeliveryChannel, NotificationKind } from '#core/api/notifications.ts';
import type { BackupRunStatus } from '#core/api/settings.ts';

/** A run-time setting (reminders, calendar years, the public page switch), JSON in `value`. */
export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface NotificationTable {
  id: Generated<number>;
  /** The account it is addressed to; null for a unit without accounts and for 约谈建议. */
  user_id: number | null;
  unit_id: number | null;
  kind: NotificationKind;
  task_id: number | null;
  milestone_id: number | null;
  /** The idempotency key of the notice it belongs to (see notice_keys). */
  notice_key: string | null;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationDeliveryTable {
  id: Generated<number>;
  notification_id: number;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: string | null;
}

/** The ledger of notices sent: a key is inserted in the same transaction as its notifications. */
export interface NoticeKeyTable {
  key: string;
  created_at: string;
}

export interface UnitChannelTable {
  unit_id: number;
  email: string | null;
  dingtalk_webhook: string | null;
  wecom_webhook: string | null;
  channels: string; // JSON DeliveryChannel[] (external channels enabled; in-app is always on)
  updated_at: string;
}

/** "One node runs it": a named lock with an expiry, taken by a conditional upsert. */
export interface JobLockTable {
  name: string;
  holder: string;
  expires_at: string;
}

export type BackupTrigger = 'schedule';

/** One backup run of the scheduled job: what it wrote and verified, what retention removed, or why it failed. */
export interface BackupRunTable {
  id: Generated<number>;
  trigger: BackupTrigger;
  status: BackupRunStatus;
  started_at: string;
  finished_at: string | null;
  /** Absolute path of the archive written. */
  file: string | null;
  size: number | null;
  sha256: string | null;
  /** Rows and data files in the archive, from its manifest. */
  rows: number | null;
  files: number | null;
  /** JSON array of the archive names retention removed after this run. */
  removed: string | null;
  error: string | null;
}
