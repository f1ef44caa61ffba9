/**
 * Shapes of the Tuijin API as the web app reads them. Mirrors the server's response schemas
 * (src/server/…/…schema.ts); keep the two in step until the client is generated from OpenAPI.
 */
import type { Role } from '../../core/auth/policy.ts';
import type { DraftTask } from '../../core/draft/types.ts';
import type { DraftWarning } from '../../core/draft/warnings.ts';
import type { TaskSpans } from '../../core/parse/types.ts';
import type { PlanLevel } from '../../core/plans/types.ts';
import type { WorkStatus } from '../../core/status/status.ts';

export type { DraftTask, DraftWarning, PlanLevel, Role, WorkStatus };

/** The signed-in user (`POST /api/auth/login`, `GET /api/auth/me`). */
export interface Me {
  id: number;
  username: string;
  displayName: string;
  unitId: number | null;
  unitName: string | null;
  roles: Role[];
  leaderSectionIds: number[];
  mustChangePassword: boolean;
  /** The password outlived the office's expiry setting: it must be changed like a temporary one. */
  passwordExpired: boolean;
  /**
   * What the session must do before the app opens: 'code' (the second-factor code after the password),
   * 'enrol' (set up the second factor the user's roles require), 'password' (change a temporary or
   * expired password); null when signed in fully. The server refuses other requests until then.
   */
  gate: SessionGate | null;
  csrfToken: string;
}

export type SessionGate = 'code' | 'enrol' | 'password';

/** `POST /api/auth/totp/setup`: the secret shown once, as text and as a QR code. */
export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  /** An SVG data URL. */
  qrCode: string;
}

export type Span = [number, number];

export interface Deadline {
  /** The phrase as written, e.g. "6月底前". */
  text: string;
  /** YYYY-MM-DD, or null for open-ended phrases. */
  date: string | null;
}

export interface UnitRef {
  id: number;
  name: string;
  /** The name as the document wrote it, when it is an alias of `name`. */
  asWritten: string;
}

export interface ListResult<T> {
  data: T[];
  total: number;
}

export interface PlanSummary {
  id: number;
  number: string | null;
  title: string;
  issuer: string | null;
  date: string | null;
  year: number | null;
  level: PlanLevel | null;
  taskCount: number;
  sectionCount: number;
}

export interface Section {
  id: number;
  ordinal: number;
  heading: string;
  title: string;
  indicator: { code: string; name: string } | null;
  taskCount: number;
}

export interface Goal {
  id: number;
  text: string;
  date: string | null;
  span: Span | null;
}

export interface PlanDetail {
  id: number;
  number: string | null;
  issuer: string | null;
  date: string | null;
  title: string;
  year: number | null;
  level: PlanLevel | null;
  fileName?: string | null;
  parentPlanId: number | null;
  parentPlan: { id: number; number: string | null; title: string } | null;
  goals: Goal[];
  sections: Section[];
  taskCount: number;
  deadlineCount: number;
  unitCount: number;
}

export type PlanUpdate = Partial<Pick<PlanDetail, 'number' | 'issuer' | 'date' | 'title' | 'year' | 'level' | 'parentPlanId'>>;

export type UnitRole = 'lead' | 'responsible';

export interface TaskSummary {
  id: number;
  sectionId: number | null;
  sectionTitle: string | null;
  path: string[];
  number: string;
  title: string;
  deadlines: Deadline[];
  lead: UnitRef[];
  responsible: UnitRef[];
}

/** Where the reader found each field of a task: the reader's own type, so the two cannot drift. */
export type { TaskSpans };

export interface Milestone {
  id: number;
  text: string;
  /** The clause the date governs (server extension of the contract). */
  clause?: string;
  date: string | null;
  /** The day it was closed (销号) on its own or with its task; null while open. */
  completedOn: string | null;
  span: Span | null;
}

export interface TaskDetail {
  id: number;
  planId: number;
  plan: { id: number; number: string | null; title: string };
  sectionId: number | null;
  path: string[];
  number: string;
  title: string;
  text: string;
  deadlines: Deadline[];
  lead: UnitRef[];
  responsible: UnitRef[];
  milestones: Milestone[];
  spans: TaskSpans | null;
  /** The task's paragraph(s) and where they start in the plan source; spans minus offset index it. */
  source: { text: string; offset: number } | null;
  /** Leaders' instructions (批示), oldest first. */
  instructions?: Instruction[];
  /** Whether the signed-in user may write an instruction here (a leader of the task's section). */
  canInstruct?: boolean;
  /** The signed-in user's units (or units under them) named on the task. */
  myUnitIds?: number[];
  /** Each named unit's contact for the task. */
  contacts?: TaskContact[];
  /** The task's status today (computed by the server from dates and reports). */
  status?: WorkStatus;
  /** The day the coordinator closed the task (销号), YYYY-MM-DD; null while open. */
  closedOn?: string | null;
  /** Reports, reviews, instructions, closure and reopening; newest first. */
  timeline?: TimelineEntry[];
}

/** Progress of a unit's part or of the whole task, as a unit reports it. */
export type ReportStage = 'not_started' | 'in_progress' | 'basically_done' | 'done';

export type ReportKind = 'part' | 'consolidated';

export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';

/** `plan`: the implementation plan and ledger (落实方案、工作台账) submitted, approved or returned. */
export type TimelineKind = 'report' | 'review' | 'instruction' | 'close' | 'reopen' | 'plan';

export interface TimelineEntry {
  /** ISO UTC. */
  at: string;
  kind: TimelineKind;
  unitName: string | null;
  userName: string | null;
  text: string;
  stage?: ReportStage | null;
  /** For a review; when absent, read from the text (审核通过… / 退回…). */
  decision?: ReviewDecision | null;
}

/** An evidence file (佐证材料) of a report. */
export interface Attachment {
  id: number;
  fileName: string;
  size: number;
  mime: string;
  sha256: string;
}

export interface Report {
  id: number;
  taskId: number;
  unitId: number;
  unitName: string;
  kind: ReportKind;
  stage: ReportStage;
  narrative: string;
  status: ReportStatus;
  reviewComment: string | null;
  /** ISO UTC. */
  submittedAt: string | null;
  reviewedAt: string | null;
  /** The milestone this consolidated report asks to close; null for the whole task. */
  milestoneId?: number | null;
  attachments: Attachment[];
}

export interface ReportCreate {
  unitId: number;
  kind: ReportKind;
  stage: ReportStage;
  narrative: string;
  milestoneId?: number | null;
}

export type ReportUpdate = Partial<Pick<Report, 'stage' | 'narrative' | 'milestoneId'>>;

export type ReviewDecision = 'accept' | 'return';

/** A submitted consolidated report awaiting the coordinator (`GET /api/reviews`). */
export interface ReviewItem {
  reportId: number;
  taskId: number;
  taskNumber: string;
  taskTitle: string;
  planNumber: string | null;
  unitName: string;
  stage: ReportStage;
  narrative: string;
  submittedAt: string | null;
  attachmentCount: number;
}

/** A unit's task with its status, as the workbench lists it. */
export interface WorkbenchTask extends MyTask {
  status: WorkStatus;
}

/** `GET /api/me/workbench`. */
export interface Workbench {
  unit: { id: number; name: string } | null;
  counts: { dueSoon: number; overdue: number; returned: number; toConsolidate: number };
  dueSoon: WorkbenchTask[];
  overdue: WorkbenchTask[];
  returned: { reportId: number; taskId: number; taskTitle: string; comment: string | null }[];
  toConsolidate: { taskId: number; taskTitle: string; partReports: number }[];
}

export interface Instruction {
  id: number;
  text: string;
  userName: string;
  /** ISO UTC. */
  createdAt: string;
}

export interface TaskContact {
  unitId: number;
  role: UnitRole;
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
}

export interface ContactUpdate {
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
}

export interface UnitTask {
  id: number;
  planId: number;
  planNumber: string | null;
  number: string;
  title: string;
  role: UnitRole;
  deadlines: Deadline[];
  nextDue: string | null;
}

/** A task of the signed-in user's unit (`GET /api/me/tasks`). */
export interface MyTask extends UnitTask {
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
  /** The unit named on the task, when it is a unit under the user's own (not in the contract yet). */
  unitId?: number;
  /** The task's status today. */
  status?: WorkStatus;
}

export interface MyTasks {
  unit: { id: number; name: string } | null;
  data: MyTask[];
  total: number;
}

export interface CalendarItem {
  taskId: number;
  number: string;
  title: string;
  sectionTitle: string | null;
  date: string;
  text: string;
  clause?: string;
  units: UnitRef[];
}

export interface PlanCalendar {
  months: { month: string; items: CalendarItem[] }[];
  undated: number;
}

export interface Indicator {
  code: string;
  name: string;
  nameEn: string;
}

export interface UnitSummary {
  id: number;
  name: string;
  isCollective: boolean;
  aliases: string[];
  leadCount: number;
  responsibleCount: number;
  /** The unit it belongs to (a town's office under the town), if any. */
  parentId?: number | null;
  parentName?: string | null;
}


export interface UnitDetail {
  id: number;
  name: string;
  isCollective: boolean;
  aliases: string[];
  tasks: UnitTask[];
  parentId?: number | null;
  parentName?: string | null;
  /** Units directly under this one. */
  children?: { id: number; name: string }[];
}

export interface UnitUpdate {
  name?: string;
  isCollective?: boolean;
  parentId?: number | null;
}

/** An account as the admin sees it (`GET /api/users`). */
export interface User {
  id: number;
  username: string;
  displayName: string;
  unitId: number | null;
  unitName: string | null;
  roles: Role[];
  isActive: boolean;
  /** ISO UTC; the account is locked while this is in the future. */
  lockedUntil: string | null;
  failedLogins: number;
  leaderSectionIds: number[];
  createdAt: string;
}

export interface UserQuery {
  q?: string | null;
  unitId?: number | null;
  role?: Role | null;
  page: number;
  pageSize: number;
}

export interface UserCreate {
  username: string;
  displayName: string;
  unitId: number | null;
  roles: Role[];
  leaderSectionIds: number[];
}

export type UserUpdate = Partial<Pick<User, 'displayName' | 'unitId' | 'roles' | 'isActive' | 'leaderSectionIds'>>;

/** One row of a refused bulk account import (`error.details` of the 400). */
export interface SheetRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportedAccounts {
  created: number;
  accounts: { username: string; password: string }[];
}

/** 'read': a successful read of sensitive data (lists of accounts, exports, downloads). */
export type AuditOutcome = 'ok' | 'denied' | 'read';

export interface AuditEvent {
  id: number;
  /** ISO UTC. */
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorUnitId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  clientIp: string | null;
  outcome: AuditOutcome;
}

/** An archive of purged audit rows (GET /api/audit/retention). */
export interface AuditArchive {
  id: number;
  fromSeq: number;
  toSeq: number;
  rows: number;
  firstAt: string;
  lastAt: string;
  file: string;
  sha256: string;
  bytes: number;
  createdAt: string;
}

export interface AuditRetentionInfo {
  /** Days the trail is kept in the database (at least 180). */
  days: number;
  archiveDir: string;
  oldestAt: string | null;
  archives: AuditArchive[];
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  lastSeq: number;
  pending: number;
  anchor: { seq: number; hash: string; archiveId: number | null };
  firstBroken: { seq: number; id: number | null; reason: 'missing' | 'link' | 'hash'; message: string } | null;
  checkedAt: string;
  /** When the archives were checked too. */
  archives: {
    ok: boolean;
    archives: number;
    rows: number;
    firstBroken: { archiveId: number; file: string; seq: number | null; reason: string; message: string } | null;
  } | null;
}

export interface AuditQuery {
  actor?: string | null;
  action?: string | null;
  entityType?: string | null;
  outcome?: AuditOutcome | null;
  /** YYYY-MM-DD, Asia/Shanghai days. */
  from?: string | null;
  to?: string | null;
}

export type AliasReason = 'abbreviation' | 'containment' | 'suffix';

export interface AliasSuggestion {
  unitId: number;
  unitName: string;
  targetId: number;
  targetName: string;
  reason: AliasReason;
}

export interface DraftDocument {
  number: string | null;
  issuer: string | null;
  date: string | null;
  title: string | null;
  plan_year: number | null;
  level: PlanLevel | null;
  parentPlanId?: number | null;
}

export interface DraftGoal {
  text: string;
  date: string | null;
  span?: Span | null;
}

/** One level of the document's numbering as the reader detected it. */
export interface DraftReadingLevel {
  /** The marker form's id, e.g. "cn-paren" for （一）; what "tasks are at this level" sends. */
  form: string;
  /** The first marker of this form as written. */
  example: string;
  depth: number;
  count: number;
  isTaskLevel: boolean;
}

/** The coordinator's structure choice the draft was last read with; a field left out is the reader's own choice. */
export interface DraftReadOptions {
  taskLevel?: string;
  /** Offsets into `source`, each the start of a line that starts a task. */
  taskStarts?: number[];
}

export interface ImportDraft {
  id: number;
  fileName: string;
  status: 'draft' | 'committed' | 'discarded';
  planId?: number | null;
  document: DraftDocument;
  goals: DraftGoal[];
  tasks: DraftTask[];
  /** The normalised document text all spans point into. */
  source: string;
  structure: { levels: DraftReadingLevel[] };
  /** What the reader and the unit check are unsure of, still open. */
  warnings: DraftWarning[];
  readOptions: DraftReadOptions;
}

/** What a re-read did (`POST /api/imports/:id/reread`). */
export interface RereadSummary {
  tasks: number;
  region: Span[];
  reread: number;
  keptEdits: number;
  keptAdded: number;
  droppedEdits: number;
}

export interface DraftContent {
  document: DraftDocument;
  goals: DraftGoal[];
  tasks: DraftTask[];
}

/** The error body every API failure carries. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The status of a task's implementation plan (落实方案). */
export type LedgerPlanStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface LedgerPlan {
  status: LedgerPlanStatus;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
}

/** One action (具体举措) of a unit's ledger (台账) on a task. */
export interface LedgerEntry {
  id: number;
  unitId: number;
  unitName: string;
  milestoneId: number | null;
  action: string;
  owner: string | null;
  startDate: string | null;
  dueDate: string | null;
  deliverable: string | null;
}

export interface Ledger {
  plan: LedgerPlan | null;
  entries: LedgerEntry[];
}

export type LedgerEntryInput = Omit<LedgerEntry, 'id' | 'unitId' | 'unitName'>;

export type NotificationKind = 'remind' | 'urge' | 'supervise' | 'interview' | 'round' | 'backup';

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  taskId: number | null;
  unitId: number | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList extends ListResult<AppNotification> {
  unread: number;
}

export interface InterviewSuggestion {
  id: number;
  taskId: number | null;
  taskNumber: string | null;
  taskTitle: string | null;
  unitId: number | null;
  unitName: string | null;
  dueDate: string | null;
  body: string;
  createdAt: string;
}

export type CheckpointStateName = 'pending' | 'met' | 'missed';

export interface CheckpointRow {
  text: string;
  date: string;
  due: number;
  doneByCheckpoint: number;
  doneLate: number;
  overdue: number;
  state: CheckpointStateName;
}

export interface PlanCheckpoints {
  today: string;
  goals: { text: string; date: string }[];
  bySection: { sectionId: number; title: string; checkpoints: CheckpointRow[] }[];
  byUnit: { unitId: number; name: string; checkpoints: CheckpointRow[] }[];
}
