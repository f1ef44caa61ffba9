import type { LedgerEntryInput, LedgerReview } from '#core/api/ledger.ts';
import { can } from '#core/auth/policy.ts';
import type { LedgerPlanStatus } from '#core/ledger/rules.ts';
import { mayEditLedger, mayReviewLedger, maySubmitLedger, reopensOnChange, SUBMITTABLE_PLAN_STATUSES } from '#core/ledger/rules.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { insertEvent } from '../reports/reports.repo.ts';
import { findTaskScope, milestonesOfTasks } from '../tasks/tasks.repo.ts';
import type { DB } from '../db/schema.ts';
import * as repo from './ledger.repo.ts';
import type { Transaction } from 'kysely';

/** The fields of a ledger entry its unit writes: the contract's. */
export type EntryInput = LedgerEntryInput;

const toRow = (e: Partial<EntryInput>) => ({
  ...(e.milestoneId !== undefined && { milestone_id: e.milestoneId }),
  ...(e.action !== undefined && { action: e.action }),
  ...(e.owner !== undefined && { owner: e.owner || null }),
  ...(e.startDate !== undefined && { start_date: e.startDate }),
  ...(e.dueDate !== undefined && { due_date: e.dueDate }),
  ...(e.deliverable !== undefined && { deliverable: e.deliverable || null }),
});

/** The actor may write `unitId`'s ledger on the task: the unit is named on it and in the actor's scope. */
async function assertMayWrite(deps: Deps, actor: Actor, taskId: number, unitId: number) {
  const scope = await findTaskScope(deps.db, taskId);
  if (!scope) throw notFound('任务');
  const p = actor.principal!;
  if (!can(p, 'task.unit.write') || !p.unitScope.includes(unitId) || ![...scope.leadUnitIds, ...scope.responsibleUnitIds].includes(unitId)) {
    await recordAudit(deps.db, { ...auditOf(actor), action: 'ledger.write', entityType: 'task', entityId: taskId, outcome: 'denied' });
    throw new AppError('FORBIDDEN', '只能编制本单位牵头或负责任务的台账');
  }
  return scope;
}

const FROZEN = '落实方案已报送，等待审核；审核完成前不能修改台账';

/**
 * The ledger may change while the plan is being drafted or was returned. While it awaits review it is
 * frozen, so the coordinator approves what they read. Changing an approved plan is allowed, but the
 * plan goes back to draft and must be submitted and approved again (`reopenApproved`).
 * Checked in the write's transaction with the task locked, so a concurrent submit waits for the write
 * (or the write sees the submit) instead of freezing a ledger that is still changing.
 */
async function lockEditablePlan(deps: Deps, trx: Transaction<DB>, taskId: number) {
  await repo.lockTask(trx, deps.dialect, taskId);
  const plan = await repo.findPlanOfTask(trx, taskId);
  if (!mayEditLedger(plan?.status)) throw new AppError('CONFLICT', FROZEN);
  return plan;
}

/** In the write's transaction: an approved plan whose ledger changes returns to draft, on record. */
export async function reopenApproved(trx: Parameters<typeof recordAudit>[0], actor: Actor, taskId: number, plan: { status: LedgerPlanStatus } | null | undefined) {
  if (!reopensOnChange(plan?.status)) return;
  await repo.upsertPlan(trx, taskId, { status: 'draft' });
  await recordAudit(trx, { ...auditOf(actor), action: 'ledger.reopen', entityType: 'task', entityId: taskId, before: { status: 'approved' }, after: { status: 'draft', reason: '已通过的落实方案被修改，需重新报送审核' } });
}

async function assertMilestone(deps: Deps, taskId: number, milestoneId: number | null | undefined) {
  if (milestoneId == null) return;
  const ms = await milestonesOfTasks(deps.db, [taskId]);
  if (!ms.some((m) => m.id === milestoneId)) throw new AppError('INVALID_INPUT', '所选时间节点不属于该任务', { field: 'milestoneId' });
}

/** A task's implementation plan: its status and every unit's ledger entries. */
export async function getLedger(deps: Deps, taskId: number) {
  if (!(await findTaskScope(deps.db, taskId))) throw notFound('任务');
  const [plan, entries] = await Promise.all([repo.findPlanOfTask(deps.db, taskId), repo.entriesOfTasks(deps.db, [taskId])]);
  return {
    plan: plan ? { status: plan.status, submittedAt: plan.submitted_at, reviewedAt: plan.reviewed_at, reviewComment: plan.review_comment } : null,
    entries: entries.map((e) => ({ id: e.id, unitId: e.unit_id, unitName: e.unit_name, milestoneId: e.milestone_id, action: e.action, owner: e.owner, startDate: e.start_date, dueDate: e.due_date, deliverable: e.deliverable })),
  };
}

export async function addEntry(deps: Deps, actor: Actor, taskId: number, unitId: number, input: EntryInput) {
  await assertMayWrite(deps, actor, taskId, unitId);
  await assertMilestone(deps, taskId, input.milestoneId);
  await deps.db.transaction().execute(async (trx) => {
    await reopenApproved(trx, actor, taskId, await lockEditablePlan(deps, trx, taskId));
    const id = await repo.insertEntry(trx, { task_id: taskId, unit_id: unitId, milestone_id: input.milestoneId, action: input.action, owner: input.owner || null, start_date: input.startDate, due_date: input.dueDate, deliverable: input.deliverable || null, created_by: actor.userId, now: deps.clock.iso() });
    await recordAudit(trx, { ...auditOf(actor), action: 'ledger.add', entityType: 'ledger_entry', entityId: id, after: { taskId, unitId, ...input } });
  });
  return getLedger(deps, taskId);
}

export async function updateEntry(deps: Deps, actor: Actor, id: number, patch: Partial<EntryInput>) {
  const before = await repo.findEntry(deps.db, id);
  if (!before) throw notFound('台账条目');
  await assertMayWrite(deps, actor, before.task_id, before.unit_id);
  await assertMilestone(deps, before.task_id, patch.milestoneId);
  await deps.db.transaction().execute(async (trx) => {
    await reopenApproved(trx, actor, before.task_id, await lockEditablePlan(deps, trx, before.task_id));
    await repo.updateEntry(trx, id, { ...toRow(patch), updated_at: deps.clock.iso() });
    await recordAudit(trx, { ...auditOf(actor), action: 'ledger.update', entityType: 'ledger_entry', entityId: id, before, after: patch });
  });
  return getLedger(deps, before.task_id);
}

export async function removeEntry(deps: Deps, actor: Actor, id: number) {
  const before = await repo.findEntry(deps.db, id);
  if (!before) throw notFound('台账条目');
  await assertMayWrite(deps, actor, before.task_id, before.unit_id);
  await deps.db.transaction().execute(async (trx) => {
    await reopenApproved(trx, actor, before.task_id, await lockEditablePlan(deps, trx, before.task_id));
    await repo.deleteEntry(trx, id);
    await recordAudit(trx, { ...auditOf(actor), action: 'ledger.remove', entityType: 'ledger_entry', entityId: id, before });
  });
  return getLedger(deps, before.task_id);
}

/** The lead unit submits the task's implementation plan (its ledger, with at least one action) for approval. */
export async function submitPlan(deps: Deps, actor: Actor, taskId: number) {
  const scope = await findTaskScope(deps.db, taskId);
  if (!scope) throw notFound('任务');
  const p = actor.principal!;
  if (!can(p, 'task.unit.write') || !scope.leadUnitIds.some((u) => p.unitScope.includes(u))) {
    await recordAudit(deps.db, { ...auditOf(actor), action: 'ledger.submit', entityType: 'task', entityId: taskId, outcome: 'denied' });
    throw new AppError('FORBIDDEN', '只有牵头单位可以报送落实方案');
  }
  const plan = await repo.findPlanOfTask(deps.db, taskId);
  if (plan && !maySubmitLedger(plan.status)) throw new AppError('CONFLICT', plan.status === 'submitted' ? '落实方案已报送，等待审核' : '落实方案已通过审核');
  await deps.db.transaction().execute(async (trx) => {
    // With the task locked no entry can be removed between this count and the submit.
    await repo.lockTask(trx, deps.dialect, taskId);
    if ((await repo.entriesOfTasks(trx, [taskId])).length === 0) throw new AppError('INVALID_INPUT', '请先填写具体举措再报送落实方案');
    const now = deps.clock.iso();
    // Conditional on the plan still being a draft or returned: of concurrent submits exactly one moves it.
    if (!(await repo.transitionPlan(trx, taskId, SUBMITTABLE_PLAN_STATUSES, { status: 'submitted', submitted_at: now, submitted_by: actor.userId, review_comment: null }))) {
      const current = await repo.findPlanOfTask(trx, taskId);
      throw new AppError('CONFLICT', current?.status === 'approved' ? '落实方案已通过审核' : '落实方案已报送，等待审核');
    }
    await insertEvent(trx, { task_id: taskId, kind: 'plan', user_id: actor.userId, unit_id: p.unitId, report_id: null, text: '报送落实方案与工作台账', at: now });
    await recordAudit(trx, { ...auditOf(actor), action: 'ledger.submit', entityType: 'task', entityId: taskId, before: plan ?? null, after: { status: 'submitted' } });
  });
  return getLedger(deps, taskId);
}

/** The coordinator approves or returns (with comments) a submitted implementation plan. */
export async function reviewPlan(deps: Deps, actor: Actor, taskId: number, input: LedgerReview) {
  const plan = await repo.findPlanOfTask(deps.db, taskId);
  if (!plan || !mayReviewLedger(plan.status)) throw new AppError('CONFLICT', '该任务没有待审核的落实方案');
  if (input.decision === 'return' && !input.comment?.trim()) throw new AppError('INVALID_INPUT', '退回时请填写意见', { field: 'comment' });
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.iso();
    const status = input.decision === 'approve' ? 'approved' : 'returned';
    // Conditional on the plan still awaiting review: of concurrent decisions exactly one is recorded.
    if (!(await repo.transitionPlan(trx, taskId, ['submitted'], { status, reviewed_at: now, reviewed_by: actor.userId, review_comment: input.comment?.trim() || null }))) {
      throw new AppError('CONFLICT', '该任务没有待审核的落实方案');
    }
    await insertEvent(trx, { task_id: taskId, kind: 'plan', user_id: actor.userId, unit_id: null, report_id: null, text: `落实方案${input.decision === 'approve' ? '审核通过' : '退回'}${input.comment ? `：${input.comment}` : ''}`, at: now });
    await recordAudit(trx, { ...auditOf(actor), action: `ledger.${input.decision}`, entityType: 'task', entityId: taskId, before: { status: 'submitted' }, after: { status, comment: input.comment } });
  });
  return getLedger(deps, taskId);
}
