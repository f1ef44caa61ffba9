import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { num } from '../db/util.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from './reports.repo.ts';

/** Evidence archives are never inflated beyond their content types, but their directory is held to the import limits all the same. */
import { reportDto } from './reports.service.ts';

/**
 * The coordinator accepts or returns a consolidated report. Accepting one at stage 已完成 closes the
 * task (销号), which needs evidence; a return needs a comment.
 */
export async function reviewReport(deps: Deps, actor: Actor, id: number, input: { decision: 'accept' | 'return'; comment: string | null }) {
  const r = await repo.findReport(deps.db, id);
  if (!r) throw notFound('进展报告');
  if (r.kind !== 'consolidated') throw new AppError('INVALID_INPUT', '只审核牵头单位汇总报送的进展');
  if (r.status !== 'submitted') throw new AppError('CONFLICT', '该报告不在待审核状态');
  if (input.decision === 'return' && !input.comment?.trim()) throw new AppError('INVALID_INPUT', '退回时请填写意见', { field: 'comment' });
  const closes = input.decision === 'accept' && r.stage === 'done';
  if (closes && (await repo.attachmentsOf(deps.db, [id])).length === 0) throw new AppError('INVALID_INPUT', '销号须有佐证材料：请退回并要求上传佐证');
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.iso();
    // Conditional on the report still awaiting review: of concurrent decisions exactly one is recorded.
    const decided = await repo.transitionReport(trx, id, ['submitted'], {
      status: input.decision === 'accept' ? 'accepted' : 'returned',
      reviewed_by: actor.userId!,
      reviewed_at: now,
      review_comment: input.comment?.trim() || null,
      updated_at: now,
    });
    if (!decided) throw new AppError('CONFLICT', '该报告不在待审核状态');
    // Again under the row lock: evidence removed before the report was submitted again is not there.
    if (closes && (await repo.attachmentsOf(trx, [id])).length === 0) throw new AppError('INVALID_INPUT', '销号须有佐证材料：请退回并要求上传佐证');
    await repo.insertEvent(trx, {
      task_id: r.task_id,
      kind: 'review',
      user_id: actor.userId,
      unit_id: r.unit_id,
      report_id: id,
      text: `${input.decision === 'accept' ? '审核通过' : '退回'}${input.comment ? `：${input.comment}` : ''}`,
      at: now,
    });
    let closesTask = closes;
    if (closes && r.milestone_id != null) {
      // One milestone closes; the task closes with its last open milestone.
      const milestones = await repo.milestonesOfTask(trx, r.task_id);
      const m = milestones.find((x) => x.id === r.milestone_id);
      // Conditional on the milestone still being open, so two accepted reports close it once.
      if (m && (await repo.setMilestoneCompleted(trx, m.id, deps.clock.today(), actor.userId))) {
        await repo.insertEvent(trx, {
          task_id: r.task_id,
          kind: 'close',
          user_id: actor.userId,
          unit_id: null,
          report_id: id,
          text: `时间节点销号：${m.text}`,
          at: now,
        });
      }
      closesTask = milestones.every((x) => x.id === r.milestone_id || x.completed_on !== null);
    }
    if (closesTask) closesTask = await repo.setTaskClosed(trx, r.task_id, deps.clock.today(), actor.userId);
    if (closesTask) {
      await repo.insertEvent(trx, { task_id: r.task_id, kind: 'close', user_id: actor.userId, unit_id: null, report_id: id, text: '任务销号', at: now });
    }
    await recordAudit(trx, {
      ...auditOf(actor),
      action: `report.${input.decision}`,
      entityType: 'report',
      entityId: id,
      before: { status: r.status },
      after: {
        status: input.decision === 'accept' ? 'accepted' : 'returned',
        comment: input.comment,
        closesMilestone: closes ? r.milestone_id : null,
        closesTask,
      },
    });
  });
  return reportDto(deps, id);
}

/** Reopens a closed task, with the reason on record. */
export async function reopenTask(deps: Deps, actor: Actor, taskId: number, reason: string) {
  const t = await repo.taskClosure(deps.db, taskId);
  if (!t) throw notFound('任务');
  if (!t.closed_on) throw new AppError('CONFLICT', '任务尚未销号');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.setTaskClosed(trx, taskId, null, null))) throw new AppError('CONFLICT', '任务尚未销号');
    await repo.insertEvent(trx, {
      task_id: taskId,
      kind: 'reopen',
      user_id: actor.userId,
      unit_id: null,
      report_id: null,
      text: `重新打开：${reason}`,
      at: deps.clock.iso(),
    });
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'task.reopen',
      entityType: 'task',
      entityId: taskId,
      before: { closedOn: t.closed_on },
      after: { closedOn: null, reason },
    });
  });
  return { ok: true as const };
}

/** Reopens a closed milestone (and its task, if that was closed), with the reason on record. */
export async function reopenMilestone(deps: Deps, actor: Actor, milestoneId: number, reason: string) {
  const m = await repo.findMilestone(deps.db, milestoneId);
  if (!m) throw notFound('时间节点');
  if (!m.completed_on) throw new AppError('CONFLICT', '该时间节点尚未销号');
  const task = await repo.taskClosure(deps.db, m.task_id);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.setMilestoneCompleted(trx, milestoneId, null, null))) throw new AppError('CONFLICT', '该时间节点尚未销号');
    if (task?.closed_on) await repo.setTaskClosed(trx, m.task_id, null, null);
    await repo.insertEvent(trx, {
      task_id: m.task_id,
      kind: 'reopen',
      user_id: actor.userId,
      unit_id: null,
      report_id: null,
      text: `时间节点“${m.text}”重新打开：${reason}`,
      at: deps.clock.iso(),
    });
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'milestone.reopen',
      entityType: 'milestone',
      entityId: milestoneId,
      before: { completedOn: m.completed_on, taskClosedOn: task?.closed_on ?? null },
      after: { completedOn: null, taskClosedOn: null, reason },
    });
  });
  return { ok: true as const };
}

export async function findReviewQueue(deps: Deps) {
  const rows = await repo.reviewQueue(deps.db);
  return {
    data: rows.map((r) => ({
      reportId: r.report_id,
      taskId: r.task_id,
      taskNumber: r.task_number,
      taskTitle: r.task_title,
      planNumber: r.plan_number,
      unitName: r.unit_name,
      stage: r.stage,
      narrative: r.narrative,
      submittedAt: r.submitted_at,
      attachmentCount: num(r.attachment_count),
    })),
    total: rows.length,
  };
}
