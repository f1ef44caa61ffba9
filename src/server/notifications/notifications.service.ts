import { chinaDay } from '#core/calendar/dates.ts';
import { UncoveredYearError } from '#core/calendar/index.ts';
import { runtimeSettings } from '../settings/settings.service.ts';
import { recordAudit, auditOf } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import type { DeliveryChannel } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { enabledChannels } from './notice-text.ts';
import * as repo from './notifications.repo.ts';
import { buildSupervisionNotice } from './supervision-notice.ts';

const toNotification = (r: Awaited<ReturnType<typeof repo.findUserNotifications>>['rows'][number]) => ({
  id: r.id,
  kind: r.kind,
  taskId: r.task_id,
  unitId: r.unit_id,
  title: r.title,
  body: r.body,
  createdAt: r.created_at,
  readAt: r.read_at,
});

function requireUser(actor: Actor): number {
  if (actor.userId === null) throw new AppError('UNAUTHENTICATED', '请先登录');
  return actor.userId;
}

/** The actor's own notifications, newest first. */
export async function findMyNotifications(deps: Deps, actor: Actor, q: { unread: boolean; limit: number; offset: number }) {
  const { rows, total, unread } = await repo.findUserNotifications(deps.db, requireUser(actor), { unreadOnly: q.unread, limit: q.limit, offset: q.offset });
  return { data: rows.map(toNotification), total, unread };
}

/** Marks one of the actor's notifications read; someone else's is not found. */
export async function readNotification(deps: Deps, actor: Actor, id: number, now = deps.clock.now()) {
  const userId = requireUser(actor);
  if (!(await repo.getUserNotification(deps.db, id, userId))) throw notFound('通知');
  await markReadAudited(deps, actor, userId, now, id);
  return toNotification((await repo.getUserNotification(deps.db, id, userId))!);
}

export async function readAllNotifications(deps: Deps, actor: Actor, now = deps.clock.now()) {
  return { updated: await markReadAudited(deps, actor, requireUser(actor), now) };
}

/** Marks read and audits it in the same transaction; a mark that changes nothing (already read) records nothing. */
async function markReadAudited(deps: Deps, actor: Actor, userId: number, now: Date, id?: number): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const updated = await repo.markRead(trx, userId, now.toISOString(), id);
    if (updated > 0) await recordAudit(trx, { ...auditOf(actor), action: id === undefined ? 'notification.read_all' : 'notification.read', entityType: 'notification', entityId: id ?? null, after: { updated } });
    return updated;
  });
}

/** 约谈建议 for the coordinator. */
export async function findInterviewSuggestions(deps: Deps) {
  const rows = await repo.findInterviewSuggestions(deps.db);
  const data = rows.map((r) => ({ id: r.id, taskId: r.task_id, taskNumber: r.task_number, taskTitle: r.task_title, unitId: r.unit_id, unitName: r.unit_name, dueDate: r.due_date, body: r.body, createdAt: r.created_at }));
  return { data, total: data.length };
}

export interface UnitChannels {
  unitId: number;
  email: string | null;
  dingtalkWebhook: string | null;
  wecomWebhook: string | null;
  channels: DeliveryChannel[];
}

export async function getUnitChannels(deps: Deps, unitId: number): Promise<UnitChannels> {
  if (!(await repo.unitExists(deps.db, unitId))) throw notFound('单位');
  const row = await repo.getUnitChannels(deps.db, unitId);
  return { unitId, email: row?.email ?? null, dingtalkWebhook: row?.dingtalk_webhook ?? null, wecomWebhook: row?.wecom_webhook ?? null, channels: enabledChannels(row) };
}

/** Sets a unit's channels; an enabled external channel needs its address. Audited. */
export async function setUnitChannels(deps: Deps, actor: Actor, unitId: number, input: Omit<UnitChannels, 'unitId'>): Promise<UnitChannels> {
  const need: [DeliveryChannel, string | null, string][] = [
    ['email', input.email, '请填写邮箱'],
    ['dingtalk', input.dingtalkWebhook, '请填写钉钉机器人地址'],
    ['wecom', input.wecomWebhook, '请填写企业微信机器人地址'],
  ];
  for (const [channel, value, message] of need) if (input.channels.includes(channel) && !value) throw new AppError('INVALID_INPUT', message, { field: channel });
  const before = await getUnitChannels(deps, unitId);
  const external = [...new Set(input.channels.filter((c) => c !== 'in_app'))];
  await deps.db.transaction().execute(async (trx) => {
    await repo.upsertUnitChannels(trx, { unit_id: unitId, email: input.email, dingtalk_webhook: input.dingtalkWebhook, wecom_webhook: input.wecomWebhook, channels: JSON.stringify(external), updated_at: deps.clock.iso() });
    // Webhook URLs carry the robot's access token: the audit trail keeps only whether one is set.
    const redact = (c: UnitChannels) => ({ ...c, dingtalkWebhook: c.dingtalkWebhook ? '(set)' : null, wecomWebhook: c.wecomWebhook ? '(set)' : null });
    await recordAudit(trx, { ...auditOf(actor), action: 'unit.channels.update', entityType: 'unit', entityId: unitId, before: redact(before), after: redact({ unitId, ...input, channels: ['in_app', ...external] }) });
  });
  return getUnitChannels(deps, unitId);
}

/** The 督办通知 .docx of a task, from its earliest open overdue deadline. */
export async function supervisionNotice(deps: Deps, taskId: number, now = deps.clock.now()): Promise<{ fileName: string; bytes: Buffer }> {
  const task = await repo.taskForNotice(deps.db, taskId);
  if (!task) throw notFound('任务');
  if (task.closed_on) throw new AppError('CONFLICT', '任务已销号，无需督办');
  const today = chinaDay(now);
  const overdue = task.milestones.filter((m) => m.due_date !== null && m.due_date < today).sort((a, b) => (a.due_date! < b.due_date! ? -1 : 1))[0];
  if (!overdue) throw new AppError('CONFLICT', '任务尚未逾期，无需督办');
  let workdaysOverdue: number;
  try {
    workdaysOverdue = (await runtimeSettings(deps)).calendar.workdaysBetween(overdue.due_date!, today);
  } catch (e) {
    if (e instanceof UncoveredYearError) throw new AppError('CONFLICT', e.message);
    throw e;
  }
  const bytes = await buildSupervisionNotice({
    planTitle: task.plan_title,
    planNumber: task.plan_number,
    taskNumber: task.number,
    taskTitle: task.title,
    leadUnits: task.units.filter((u) => u.role === 'lead').map((u) => u.name),
    responsibleUnits: task.units.filter((u) => u.role === 'responsible').map((u) => u.name),
    milestoneText: overdue.text,
    dueDate: overdue.due_date!,
    workdaysOverdue,
    today,
    issuer: '区推进工作领导小组办公室',
  });
  return { fileName: `督办通知-${task.number || task.id}.docx`, bytes };
}
