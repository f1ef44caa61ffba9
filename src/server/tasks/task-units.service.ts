import { canInstructTask, canWriteTask } from '#core/auth/policy.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { bySoonestDue, deadlinesByTask, nextDue } from './deadlines.ts';
import * as repo from './tasks.repo.ts';
import { findUnitName } from '../units/units.repo.ts';
import { findDisplayName } from '../users/users.repo.ts';
import { statusesOf } from './task-status.ts';

/** Refuses, and records the refusal in the audit trail in its own write. */
async function deny(deps: Deps, actor: Actor, action: string, taskId: number, message: string): Promise<never> {
  await recordAudit(deps.db, { ...auditOf(actor), action, entityType: 'task', entityId: taskId, outcome: 'denied' });
  throw new AppError('FORBIDDEN', message);
}

/**
 * A unit writes its own contact and note on a task. Only a unit named on the task (or a unit above
 * it) may write, and only its own line.
 */
export async function updateTaskContact(deps: Deps, actor: Actor, taskId: number, unitId: number, input: { contactName: string | null; contactPhone: string | null; note: string | null }) {
  const scope = await repo.findTaskScope(deps.db, taskId);
  if (!scope) throw notFound('任务');
  const p = actor.principal!;
  const named = [...scope.leadUnitIds, ...scope.responsibleUnitIds];
  if (!canWriteTask(p, scope) || !p.unitScope.includes(unitId) || !named.includes(unitId)) {
    await deny(deps, actor, 'task.contact', taskId, '只能填报本单位牵头或负责的任务');
  }
  await deps.db.transaction().execute(async (trx) => {
    const before = (await repo.findContacts(trx, taskId)).find((c) => c.unit_id === unitId);
    const after = { contact_name: input.contactName || null, contact_phone: input.contactPhone || null, note: input.note || null };
    await repo.updateContact(trx, taskId, unitId, after);
    await recordAudit(trx, { ...auditOf(actor), action: 'task.contact', entityType: 'task', entityId: taskId, before: before && { unitId, contact_name: before.contact_name, contact_phone: before.contact_phone, note: before.note }, after: { unitId, ...after } });
  });
  return { ok: true as const };
}

/** A leader's instruction (批示) on a task of a section they command. */
export async function addInstruction(deps: Deps, actor: Actor, taskId: number, text: string) {
  const scope = await repo.findTaskScope(deps.db, taskId);
  if (!scope) throw notFound('任务');
  if (!canInstructTask(actor.principal!, scope)) await deny(deps, actor, 'task.instruct', taskId, '只能对本人分管章节的任务作出批示');
  const createdAt = deps.clock.iso();
  const id = await deps.db.transaction().execute(async (trx) => {
    const newId = await repo.insertInstruction(trx, { task_id: taskId, user_id: actor.userId!, text, created_at: createdAt });
    await recordAudit(trx, { ...auditOf(actor), action: 'task.instruct', entityType: 'task', entityId: taskId, after: { instructionId: newId, text } });
    return newId;
  });
  const userName = (await findDisplayName(deps.db, actor.userId!)) ?? '';
  return { id, text, userName, createdAt };
}

/** What a task page shows about the viewer: their units on it, and whether they may instruct. */
export async function viewerOfTask(deps: Deps, actor: Actor, taskId: number) {
  const scope = await repo.findTaskScope(deps.db, taskId);
  const p = actor.principal;
  if (!scope || !p) return { myUnitIds: [], canInstruct: false, canWrite: false };
  const named = [...scope.leadUnitIds, ...scope.responsibleUnitIds];
  return { myUnitIds: named.filter((id) => p.unitScope.includes(id)), canInstruct: canInstructTask(p, scope), canWrite: canWriteTask(p, scope) };
}

/** "My unit": the tasks the user's unit (and units under it) lead or share, soonest deadline first. */
export async function myTasks(deps: Deps, actor: Actor) {
  const p = actor.principal!;
  if (!p.unitId) return { unit: null, data: [], total: 0 };
  const unitName = await findUnitName(deps.db, p.unitId);
  const unit = unitName === undefined ? undefined : { id: p.unitId, name: unitName };
  const rows = await repo.tasksOfUnits(deps.db, [...p.unitScope]);
  const statuses = await statusesOf(deps, rows);
  const deadlines = await deadlinesByTask(deps, rows.map((r) => r.id));
  const data = rows
    .map((r) => {
      const d = deadlines.get(r.id) ?? [];
      const next = nextDue(d);
      return { id: r.id, planId: r.plan_id, planNumber: r.plan_number, number: r.number, title: r.title, role: r.role, unitId: r.unit_id, deadlines: d, nextDue: next, contactName: r.contact_name, contactPhone: r.contact_phone, note: r.note, status: statuses.get(r.id)! };
    })
    .sort((a, b) => bySoonestDue(a, b) || a.planId - b.planId);
  return { unit: unit ?? null, data, total: data.length };
}

