import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CircularStatus } from '../../core/api/circulars.ts';
import type { UnitRole } from '../../core/api/common.ts';
import type { DeliveryChannel, NotificationKind } from '../../core/api/notifications.ts';
import type { ReportKind, ReportStage, ReportStatus } from '../../core/api/reports.ts';
import type { RoundStatus } from '../../core/api/rounds.ts';
import type { BackupRunStatus } from '../../core/api/settings.ts';
import type { TimelineKind } from '../../core/api/tasks.ts';
import type { LedgerPlanStatus } from '../../core/ledger/rules.ts';
import type { PlanLevel } from '../../core/plans/types.ts';

// The enums are defined once, in core, beside the contracts that send them; the tables use them from there.
export type { BackupRunStatus, CircularStatus, DeliveryChannel, NotificationKind, PlanLevel, ReportKind, ReportStage, ReportStatus, RoundStatus };

/** Kysely's view of the database. Dates are 'YYYY-MM-DD' text, instants ISO-8601 UTC text, JSON is text. */
export interface DB {
  plans: PlanTable;
  plan_goals: PlanGoalTable;
  sections: SectionTable;
  tasks: TaskTable;
  milestones: MilestoneTable;
  units: UnitTable;
  unit_aliases: UnitAliasTable;
  /** One row; moves forward with every write to units (triggers), so app nodes know when to reload the unit tree. */
  units_version: UnitsVersionTable;
  task_units: TaskUnitTable;
  import_drafts: ImportDraftTable;
  indicators: IndicatorTable;
  audit_events: AuditEventTable;
  audit_archives: AuditArchiveTable;
  /** SQLite only: the purge's in-transaction permit the delete trigger checks. */
  audit_purge_permits: AuditPurgePermitTable;
  users: UserTable;
  leader_sections: LeaderSectionTable;
  sessions: SessionTable;
  recovery_codes: RecoveryCodeTable;
  instructions: InstructionTable;
  progress_reports: ProgressReportTable;
  attachments: AttachmentTable;
  task_events: TaskEventTable;
  ledger_entries: LedgerEntryTable;
  task_plans: TaskPlanTable;
  // notifications (issue 4 item 4)
  notifications: NotificationTable;
  notification_deliveries: NotificationDeliveryTable;
  notice_keys: NoticeKeyTable;
  unit_channels: UnitChannelTable;
  job_locks: JobLockTable;
  settings: SettingTable;
  rounds: RoundTable;
  round_plans: RoundPlanTable;
  round_units: RoundUnitTable;
  round_snapshots: RoundSnapshotTable;
  circulars: CircularTable;
  backup_runs: BackupRunTable;
}

/** A run-time setting (reminders, calendar years, the public page switch), JSON in `value`. */
export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}


/** A dispatch round (调度): units report for it until it closes; closing freezes its snapshot. */
export interface RoundTable {
  id: Generated<number>;
  title: string;
  period_start: string | null;
  period_end: string | null;
  due_date: string;
  status: RoundStatus;
  note: string | null;
  created_by: number | null;
  created_at: string;
  closed_by: number | null;
  closed_at: string | null;
}

export interface RoundPlanTable {
  round_id: number;
  plan_id: number;
}

export interface RoundUnitTable {
  round_id: number;
  unit_id: number;
}

export interface RoundSnapshotTable {
  round_id: number;
  taken_at: string;
  content: string; // JSON RoundSnapshot
  /** Units expected to report and units that had reported at the close. */
  expected: Generated<number>;
  reported: Generated<number>;
}


/** A circular (通报) written from a closed round's snapshot; once issued its files are archived. */
export interface CircularTable {
  id: Generated<number>;
  round_id: number;
  title: string;
  doc_number: string | null;
  issuer: string;
  status: CircularStatus;
  blocks: string; // JSON CircularBlocks
  created_by: number | null;
  created_at: string;
  updated_at: string;
  issued_by: number | null;
  issued_at: string | null;
  docx_sha256: string | null;
  pdf_sha256: string | null;
  xlsx_sha256: string | null;
}


export interface ProgressReportTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number;
  /** A responsible unit's own part, or the lead unit's consolidated report for the task. */
  kind: ReportKind;
  stage: ReportStage;
  narrative: string;
  status: ReportStatus;
  created_by: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  review_comment: string | null;
  /** The dispatch round the report was made for, if one was open for its plan and unit. */
  round_id: Generated<number | null>;
  /** The milestone a consolidated report closes when accepted at 已完成; null for the whole task. */
  milestone_id: Generated<number | null>;
}

export interface AttachmentTable {
  id: Generated<number>;
  report_id: number;
  /** Files live under DATA_DIR/files by this hash. */
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  created_at: string;
}

export interface LedgerEntryTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number;
  /** The task milestone this action serves, if any. */
  milestone_id: number | null;
  action: string;
  owner: string | null;
  start_date: string | null;
  due_date: string | null;
  deliverable: string | null;
  ordinal: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type TaskPlanStatus = LedgerPlanStatus;

/** The lead unit's implementation plan for a task: its ledger as a whole, submitted for approval. */
export interface TaskPlanTable {
  task_id: number;
  status: TaskPlanStatus;
  submitted_at: string | null;
  submitted_by: number | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  review_comment: string | null;
}

/** What a task's history records; instructions (批示) are kept in their own table. */
export type TaskEventKind = Exclude<TimelineKind, 'instruction'>;

export interface TaskEventTable {
  id: Generated<number>;
  task_id: number;
  kind: TaskEventKind;
  user_id: number | null;
  unit_id: number | null;
  report_id: number | null;
  text: string;
  at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number | null;
  /** argon2id, PHC string format. */
  password_hash: string;
  roles: string; // JSON Role[]
  is_active: number;
  failed_logins: number;
  locked_until: string | null;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  /** When the password was last set by its owner (null: never since the account was made; see created_at). */
  password_changed_at: string | null;
  /** The confirmed TOTP secret, sealed (src/server/auth/totp-secret.ts); null without a second factor. */
  totp_secret: string | null;
  /** A secret handed out for enrolment and not yet confirmed with a code, sealed. */
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  /** The last RFC 6238 time step accepted: a code of that step or an earlier one is refused (no replay). */
  totp_last_step: number | null;
}

export interface RecoveryCodeTable {
  user_id: number;
  /** SHA-256 of the code (the codes are random, 50 bits and more, so a fast hash suffices). */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface LeaderSectionTable {
  user_id: number;
  section_id: number;
}

export interface SessionTable {
  /** SHA-256 of the session token: a stolen database does not yield live cookies. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  /** 1 once the session passed the second factor, or when its user had none to pass at sign-in. */
  second_factor_ok: Generated<number>;
}

export interface InstructionTable {
  id: Generated<number>;
  task_id: number;
  user_id: number;
  text: string;
  created_at: string;
}


export interface PlanTable {
  id: Generated<number>;
  number: string | null;
  issuer: string | null;
  issue_date: string | null;
  title: string;
  year: number | null;
  level: PlanLevel | null;
  parent_plan_id: number | null;
  file_name: string | null;
  /** SHA-256 of the normalised source text: the same document imported twice is refused. */
  source_hash: string;
  source_text: string;
  created_at: string;
}

export interface PlanGoalTable {
  id: Generated<number>;
  plan_id: number;
  ordinal: number;
  text: string;
  due_date: string | null;
  span_start: number | null;
  span_end: number | null;
}

export interface SectionTable {
  id: Generated<number>;
  plan_id: number;
  ordinal: number;
  heading: string;
  title: string;
  indicator_code: string | null;
}

export interface TaskTable {
  id: Generated<number>;
  plan_id: number;
  section_id: number | null;
  ordinal: number;
  number: string;
  path: string; // JSON string[]
  title: string;
  text: string;
  /** Plain-text search key: title + text folded to simplified script. */
  search_text: string;
  span_start: number | null;
  span_end: number | null;
  spans: string | null; // JSON TaskSpans
  /** The day the coordinator accepted the task as done (销号); null while open. */
  closed_on: Generated<string | null>;
  closed_by: Generated<number | null>;
}

export interface MilestoneTable {
  id: Generated<number>;
  task_id: number;
  plan_id: number;
  ordinal: number;
  /** The deadline phrase as written, e.g. "8月底前". */
  text: string;
  /** The clause the deadline governs, from the phrase to the end of its sentence. */
  clause: string;
  due_date: string | null;
  span_start: number | null;
  span_end: number | null;
  /** Closed on its own (销号) by an accepted consolidated report; the task's closure also completes it. */
  completed_on: Generated<string | null>;
  completed_by: Generated<number | null>;
}

export interface UnitTable {
  id: Generated<number>;
  name: string;
  is_collective: number;
  parent_id: number | null;
  created_at: string;
}

export interface UnitsVersionTable {
  id: number;
  version: number;
}

export interface UnitAliasTable {
  id: Generated<number>;
  unit_id: number;
  alias: string;
}

export type TaskUnitRole = UnitRole;

export interface TaskUnitTable {
  id: Generated<number>;
  task_id: number;
  plan_id: number;
  unit_id: number;
  role: TaskUnitRole;
  ordinal: number;
  /** The name exactly as the document wrote it. */
  name_as_written: string;
  /** The unit's contact for this task, written by the unit itself. */
  contact_name: Generated<string | null>;
  contact_phone: Generated<string | null>;
  note: Generated<string | null>;
}

export type ImportDraftStatus = 'draft' | 'committed' | 'discarded';

export interface ImportDraftTable {
  id: Generated<number>;
  file_name: string;
  source_hash: string;
  source_text: string;
  content: string; // JSON DraftContent
  status: ImportDraftStatus;
  plan_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface IndicatorTable {
  code: string;
  ordinal: number;
  name: string;
  name_en: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_unit_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  client_ip: string | null;
  /** 'ok' for a write that happened, 'denied' for a refused attempt. */
  outcome: Generated<string>;
  actor_name: string | null;
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

export type Plan = Selectable<PlanTable>;
export type NewPlan = Insertable<PlanTable>;
export type PlanUpdate = Updateable<PlanTable>;
export type Task = Selectable<TaskTable>;
export type Unit = Selectable<UnitTable>;
export type Section = Selectable<SectionTable>;
export type ImportDraft = Selectable<ImportDraftTable>;

// ── Notifications: reminders and escalation (issue 4 item 4) ──────────────────────────────────────
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

// ── Backups (issue 9 §1) ───────────────────────────────────────────────────────────────────────────
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
