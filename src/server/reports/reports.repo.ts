import type { Kysely, Transaction } from 'kysely';
import type { DB, ReportKind, ReportStage, ReportStatus, TaskEventKind } from '../db/schema.ts';
import { num } from '../db/util.ts';

type Q = Kysely<DB> | Transaction<DB>;

const REPORT_COLUMNS = [
  'r.id', 'r.task_id', 'r.unit_id', 'u.name as unit_name', 'r.kind', 'r.stage', 'r.narrative', 'r.status', 'r.created_by',
  'r.submitted_at', 'r.reviewed_at', 'r.review_comment', 'r.created_at', 'r.round_id', 'r.milestone_id',
] as const;

export async function findReport(db: Q, id: number) {
  return db.selectFrom('progress_reports as r').innerJoin('units as u', 'u.id', 'r.unit_id').select(REPORT_COLUMNS).where('r.id', '=', id).executeTakeFirst();
}

export async function findReportsOfTask(db: Q, taskId: number) {
  return db.selectFrom('progress_reports as r').innerJoin('units as u', 'u.id', 'r.unit_id').select(REPORT_COLUMNS).where('r.task_id', '=', taskId).orderBy('r.id', 'desc').execute();
}

export async function attachmentsOf(db: Q, reportIds: number[]) {
  if (!reportIds.length) return [];
  return db.selectFrom('attachments').selectAll().where('report_id', 'in', reportIds).orderBy('id').execute();
}

export async function findAttachment(db: Q, id: number) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An attachment with the status and unit of its report (who may see it depends on both). */
export async function findAttachmentWithReport(db: Q, id: number) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('progress_reports as r', 'r.id', 'a.report_id')
    .select(['a.id', 'a.report_id', 'a.sha256', 'a.file_name', 'a.mime', 'a.size', 'r.status', 'r.unit_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function insertReport(db: Q, r: { task_id: number; unit_id: number; kind: ReportKind; stage: ReportStage; narrative: string; created_by: number; now: string; round_id?: number | null; milestone_id?: number | null }) {
  const { now, ...rest } = r;
  return (await db.insertInto('progress_reports').values({ ...rest, status: 'draft', created_at: now, updated_at: now, submitted_at: null, reviewed_by: null, reviewed_at: null, review_comment: null }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateReportRow(db: Q, id: number, patch: Partial<{ stage: ReportStage; narrative: string; milestone_id: number | null; status: ReportStatus; submitted_at: string; reviewed_by: number; reviewed_at: string; review_comment: string | null; updated_at: string }>) {
  await db.updateTable('progress_reports').set(patch).where('id', '=', id).execute();
}

/**
 * Writes `patch` only if the report is now in one of `from`: true when it was written, false when a
 * concurrent request changed the status first. On PostgreSQL the second writer waits for the first's
 * row lock and then re-reads the status, so of two racing transitions exactly one applies.
 */
export async function transitionReport(db: Q, id: number, from: ReportStatus[], patch: Parameters<typeof updateReportRow>[2]): Promise<boolean> {
  const r = await db.updateTable('progress_reports').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return num(r.numUpdatedRows) > 0;
}

export async function insertAttachment(db: Q, a: { report_id: number; sha256: string; file_name: string; mime: string; size: number; created_at: string }) {
  return (await db.insertInto('attachments').values(a).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteAttachmentRow(db: Q, id: number) {
  await db.deleteFrom('attachments').where('id', '=', id).execute();
}

export async function insertEvent(db: Q, e: { task_id: number; kind: TaskEventKind; user_id: number | null; unit_id: number | null; report_id: number | null; text: string; at: string }) {
  await db.insertInto('task_events').values(e).execute();
}

export async function eventsOf(db: Q, taskId: number) {
  return db
    .selectFrom('task_events as e')
    .leftJoin('users as us', 'us.id', 'e.user_id')
    .leftJoin('units as un', 'un.id', 'e.unit_id')
    .leftJoin('progress_reports as r', 'r.id', 'e.report_id')
    .select(['e.id', 'e.kind', 'e.text', 'e.at', 'us.display_name as user_name', 'un.name as unit_name', 'r.stage'])
    .where('e.task_id', '=', taskId)
    .orderBy('e.id', 'desc')
    .execute();
}

/**
 * Closes (a date) or reopens (null) a task, only if it is now open (closing) or closed (reopening);
 * false when a concurrent request did it first.
 */
export async function setTaskClosed(db: Q, taskId: number, closedOn: string | null, closedBy: number | null): Promise<boolean> {
  const r = await db.updateTable('tasks').set({ closed_on: closedOn, closed_by: closedBy }).where('id', '=', taskId).where('closed_on', closedOn === null ? 'is not' : 'is', null).executeTakeFirst();
  return num(r.numUpdatedRows) > 0;
}

/** Closes (a date) or reopens (null) one milestone, only if it is now open (closing) or closed (reopening). */
export async function setMilestoneCompleted(db: Q, milestoneId: number, completedOn: string | null, completedBy: number | null): Promise<boolean> {
  const r = await db.updateTable('milestones').set({ completed_on: completedOn, completed_by: completedBy }).where('id', '=', milestoneId).where('completed_on', completedOn === null ? 'is not' : 'is', null).executeTakeFirst();
  return num(r.numUpdatedRows) > 0;
}

export async function milestonesOfTask(db: Q, taskId: number) {
  return db.selectFrom('milestones').select(['id', 'task_id', 'text', 'due_date', 'completed_on']).where('task_id', '=', taskId).orderBy('ordinal').execute();
}

export async function findMilestone(db: Q, id: number) {
  return db.selectFrom('milestones').select(['id', 'task_id', 'text', 'due_date', 'completed_on']).where('id', '=', id).executeTakeFirst();
}

export async function taskClosure(db: Q, taskId: number) {
  return db.selectFrom('tasks').select(['id', 'closed_on', 'plan_id']).where('id', '=', taskId).executeTakeFirst();
}

/** Submitted consolidated reports waiting for the coordinator, oldest first. */
export async function reviewQueue(db: Q) {
  return db
    .selectFrom('progress_reports as r')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select((eb) => [
      'r.id as report_id', 't.id as task_id', 't.number as task_number', 't.title as task_title', 'p.number as plan_number', 'u.name as unit_name',
      'r.stage', 'r.narrative', 'r.submitted_at',
      eb.selectFrom('attachments as a').whereRef('a.report_id', '=', 'r.id').select((e) => e.fn.countAll().as('c')).as('attachment_count'),
    ])
    .where('r.kind', '=', 'consolidated')
    .where('r.status', '=', 'submitted')
    .orderBy('r.submitted_at')
    .execute();
}

/** Whether any report (any unit, submitted or later) exists per task: "progress reported". */
export async function tasksWithProgress(db: Q, taskIds: number[]): Promise<Set<number>> {
  if (!taskIds.length) return new Set();
  const rows = await db.selectFrom('progress_reports').select('task_id').distinct().where('task_id', 'in', taskIds).where('status', '!=', 'draft').execute();
  return new Set(rows.map((r) => r.task_id));
}

/** Every report on the tasks, oldest first (the ledger export takes each unit's latest). */
export async function reportsOfTasks(db: Q, taskIds: number[]) {
  if (taskIds.length === 0) return [];
  return db.selectFrom('progress_reports').select(['id', 'task_id', 'unit_id', 'kind', 'narrative', 'status']).where('task_id', 'in', taskIds).orderBy('id').execute();
}

/** The units' reports the coordinator returned, newest review first. */
export async function returnedReports(db: Q, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('progress_reports as r')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .select(['r.id as report_id', 't.id as task_id', 't.title as task_title', 'r.review_comment'])
    .where('r.status', '=', 'returned')
    .where('r.unit_id', 'in', unitIds)
    .orderBy('r.reviewed_at', 'desc')
    .execute();
}

/** The sent (not draft) reports on the tasks, for what a lead unit has to consolidate. */
export async function sentReportsOfTasks(db: Q, taskIds: number[]) {
  if (taskIds.length === 0) return [];
  return db.selectFrom('progress_reports').select(['task_id', 'kind', 'status', 'submitted_at']).where('task_id', 'in', taskIds).where('status', '!=', 'draft').execute();
}
