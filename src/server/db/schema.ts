import type { CircularStatus } from '#core/api/circulars.ts';
import type { DeliveryChannel, NotificationKind } from '#core/api/notifications.ts';
import type { ReportKind, ReportStage, ReportStatus } from '#core/api/reports.ts';
import type { RoundStatus } from '#core/api/rounds.ts';
import type { BackupRunStatus } from '#core/api/settings.ts';
import type { PlanLevel } from '#core/plans/types.ts';
import type { ImportDraftTable, IndicatorTable, MilestoneTable, PlanGoalTable, PlanTable, SectionTable, TaskTable } from './tables/plans.ts';
import type { TaskUnitTable, UnitAliasTable, UnitTable, UnitsVersionTable } from './tables/units.ts';
import type { LeaderSectionTable, RecoveryCodeTable, SessionTable, UserTable } from './tables/users.ts';
import type { AttachmentTable, InstructionTable, ProgressReportTable, TaskEventTable } from './tables/reports.ts';
import type { LedgerEntryTable, TaskPlanTable } from './tables/ledger.ts';
import type { CircularTable, RoundPlanTable, RoundSnapshotTable, RoundTable, RoundUnitTable } from './tables/rounds.ts';
import type {
  InspectionDrawTable,
  InspectionEvidenceTable,
  InspectionFindingTable,
  InspectionFindingTaskTable,
  InspectionInspectorTable,
  InspectionPlanTable,
  InspectionScopeTable,
  InspectionScopeUnitTable,
  InspectionTargetTable,
  InspectionVisitInspectorTable,
  InspectionVisitTable,
} from './tables/inspections.ts';
import type {
  CaseCircularFindingTable,
  CaseCircularTable,
  RectificationAnswerTable,
  RectificationEvidenceTable,
  RectificationNoticeFindingTable,
  RectificationNoticeTable,
  RectificationRecheckTable,
} from './tables/rectifications.ts';
import type { AuditArchiveTable, AuditEventTable, AuditPurgePermitTable } from './tables/audit.ts';
import type {
  BackupRunTable,
  JobLockTable,
  NoticeKeyTable,
  NotificationDeliveryTable,
  NotificationTable,
  SettingTable,
  UnitChannelTable,
} from './tables/system.ts';

// The enums are defined once, in core, beside the contracts that send them; the tables use them from there.
export type { BackupRunStatus, CircularStatus, DeliveryChannel, NotificationKind, PlanLevel, ReportKind, ReportStage, ReportStatus, RoundStatus };
// The tables, one file per domain (db/tables/), all reachable from here as before.
export type * from './tables/plans.ts';
export type * from './tables/units.ts';
export type * from './tables/users.ts';
export type * from './tables/reports.ts';
export type * from './tables/ledger.ts';
export type * from './tables/rounds.ts';
export type * from './tables/audit.ts';
export type * from './tables/system.ts';
export type * from './tables/inspections.ts';
export type * from './tables/rectifications.ts';

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
  // inspections (issue 12)
  inspection_plans: InspectionPlanTable;
  inspection_scope: InspectionScopeTable;
  inspection_scope_units: InspectionScopeUnitTable;
  inspection_targets: InspectionTargetTable;
  inspection_inspectors: InspectionInspectorTable;
  inspection_draws: InspectionDrawTable;
  inspection_visits: InspectionVisitTable;
  inspection_visit_inspectors: InspectionVisitInspectorTable;
  inspection_findings: InspectionFindingTable;
  inspection_finding_tasks: InspectionFindingTaskTable;
  inspection_evidence: InspectionEvidenceTable;
  // rectification (issue 12)
  rectification_notices: RectificationNoticeTable;
  rectification_notice_findings: RectificationNoticeFindingTable;
  rectification_answers: RectificationAnswerTable;
  rectification_evidence: RectificationEvidenceTable;
  rectification_rechecks: RectificationRecheckTable;
  case_circulars: CaseCircularTable;
  case_circular_findings: CaseCircularFindingTable;
}
