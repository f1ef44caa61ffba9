import { chinaDay } from '#core/calendar/dates.ts';
import type { WorkCalendar } from '#core/calendar/index.ts';
import { noticesDue, type MilestoneInput, type Notice, type ReminderSettings } from '#core/reminders/index.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { Deps } from '../context.ts';
import type { DeliveryChannel, DeliveryStatus } from '../db/schema.ts';
import { noticeText } from '../notifications/notice-text.ts';
import * as repo from '../notifications/notifications.repo.ts';
import { sendMail } from '../notifications/smtp.ts';
import { dingtalkPayload, postWebhook, wecomPayload } from '../notifications/webhooks.ts';
import { runtimeSettings } from '../settings/settings.service.ts';
import { acquireJobLock, releaseJobLock } from './job-locks.repo.ts';
import { writeLadderNotice } from '../notifications/ladder-notice.ts';
import { runRectificationEscalations } from '../rectifications/rectification-reminders.ts';

export const REMINDERS_LOCK = 'reminders';
/** Longer than a run can take (each delivery times out after 15 s). */
const LOCK_TTL_MS = 15 * 60_000;
/** A failed external delivery is retried on later runs up to this many attempts. */
export const MAX_DELIVERY_ATTEMPTS = 5;

export interface ReminderRunOptions {
  /** The clock; tests inject it. */
  now?: Date;
  calendar?: WorkCalendar;
  settings?: ReminderSettings;
  /** SMTP relay; defaults to env SMTP_URL. Unset: e-mail deliveries are recorded as skipped. */
  smtpUrl?: string | undefined;
}

export interface ReminderRunResult {
  /** False when another run (on this or another node) holds the lock. */
  ran: boolean;
  today: string;
  /** Notices written this run (each to all accounts of its unit). */
  created: number;
  delivered: Record<DeliveryStatus, number>;
  /** Milestones skipped because their year is not in the working-day calendar. */
  uncovered: number;
}

/**
 * The reminders job: computes the notices due today for open tasks, writes each one with its key in
 * the ledger (one transaction: a key already there means sent before, so the notice is skipped), then
 * delivers pending e-mail and robot messages. Safe to run any number of times, on any number of nodes.
 */
export async function runReminders(deps: Deps, opts: ReminderRunOptions = {}): Promise<ReminderRunResult> {
  const now = opts.now ?? deps.clock.now();
  const today = chinaDay(now);
  const result: ReminderRunResult = { ran: false, today, created: 0, delivered: { pending: 0, sent: 0, failed: 0, skipped: 0 }, uncovered: 0 };
  const holder = await acquireJobLock(deps.db, REMINDERS_LOCK, now, LOCK_TTL_MS);
  if (!holder) return result;
  result.ran = true;
  try {
    // The admin's rules and calendar years as stored now (tests may pass their own).
    const stored = await runtimeSettings(deps);
    const { notices, uncovered, context } = await computeNotices(deps, today, opts.calendar ?? stored.calendar, opts.settings ?? stored.reminders);
    result.uncovered = uncovered;
    const done = await repo.sentKeys(
      deps.db,
      notices.map((n) => n.key),
    );
    const at = now.toISOString();
    for (const notice of notices) {
      if (done.has(notice.key)) continue;
      if (await writeNotice(deps, notice, context, at)) result.created += 1;
    }
    // Overdue rectifications climb the same ladder with the same steps (催办 → 督办 → 约谈建议).
    const rect = await runRectificationEscalations(deps, today, opts.calendar ?? stored.calendar, opts.settings ?? stored.reminders, at);
    result.created += rect.created;
    result.uncovered += rect.uncovered;
    if (result.created > 0) {
      await recordAudit(deps.db, {
        action: 'notifications.remind',
        entityType: 'job',
        entityId: REMINDERS_LOCK,
        after: { today, created: result.created },
        actorName: 'system',
      });
    }
    const smtpUrl = 'smtpUrl' in opts ? opts.smtpUrl : process.env.SMTP_URL || undefined;
    result.delivered = await deliverPending(deps, smtpUrl, now);
  } finally {
    await releaseJobLock(deps.db, REMINDERS_LOCK, holder);
  }
  return result;
}

interface NoticeContext {
  milestones: Map<number, { text: string; number: string; title: string }>;
  units: Map<number, string>;
}

async function computeNotices(deps: Deps, today: string, calendar: WorkCalendar, settings: ReminderSettings) {
  const rows = await repo.openMilestones(deps.db);
  const taskUnits = await repo.unitsOfTasks(deps.db, [...new Set(rows.map((r) => r.task_id))]);
  const unitsByTask = new Map<number, number[]>();
  for (const tu of taskUnits) unitsByTask.set(tu.task_id, [...(unitsByTask.get(tu.task_id) ?? []), tu.unit_id]);
  // Closed tasks are left out by the query; milestones have no completion of their own yet.
  const inputs: MilestoneInput[] = rows.map((r) => ({
    milestoneId: r.id,
    taskId: r.task_id,
    unitIds: unitsByTask.get(r.task_id) ?? [],
    dueDate: r.due_date,
    isDone: false,
  }));
  const { notices, uncovered } = noticesDue(inputs, today, calendar, settings);
  const context: NoticeContext = {
    milestones: new Map(rows.map((r) => [r.id, { text: r.text, number: r.number, title: r.title }])),
    units: await repo.unitNames(deps.db, [...new Set(notices.map((n) => n.unitId))]),
  };
  return { notices, uncovered: uncovered.length, context };
}

async function writeNotice(deps: Deps, n: Notice, ctx: NoticeContext, at: string): Promise<boolean> {
  const m = ctx.milestones.get(n.milestoneId);
  if (!m) return false;
  const { title, body } = noticeText(n, { number: m.number, title: m.title, text: m.text }, ctx.units.get(n.unitId) ?? `单位 ${n.unitId}`);
  return writeLadderNotice(deps, { key: n.key, kind: n.kind, unitId: n.unitId, taskId: n.taskId, milestoneId: n.milestoneId, title, body }, at);
}

async function deliverPending(deps: Deps, smtpUrl: string | undefined, now: Date): Promise<Record<DeliveryStatus, number>> {
  const counts: Record<DeliveryStatus, number> = { pending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const d of await repo.deliveriesToSend(deps.db, MAX_DELIVERY_ATTEMPTS)) {
    const channels = d.unit_id === null ? undefined : await repo.getUnitChannels(deps.db, d.unit_id);
    let status: DeliveryStatus = 'sent';
    let error: string | null = null;
    try {
      const skip = await deliverOne(d.channel, channels, smtpUrl, { title: d.title, body: d.body });
      if (skip) [status, error] = ['skipped', skip];
    } catch (e) {
      [status, error] = ['failed', e instanceof Error ? e.message : String(e)];
    }
    counts[status] += 1;
    await repo.updateDelivery(deps.db, d.id, {
      status,
      attempts: d.attempts + (status === 'skipped' ? 0 : 1),
      last_error: error,
      sent_at: status === 'sent' ? now.toISOString() : null,
    });
  }
  return counts;
}

/** Sends on one channel; returns a reason when the channel cannot be used (skipped), throws on failure. */
async function deliverOne(
  channel: DeliveryChannel,
  ch: Awaited<ReturnType<typeof repo.getUnitChannels>>,
  smtpUrl: string | undefined,
  msg: { title: string; body: string },
): Promise<string | null> {
  switch (channel) {
    case 'in_app':
      return null;
    case 'email':
      if (!smtpUrl) return 'SMTP_URL 未配置，未发送邮件';
      if (!ch?.email) return '单位未设置邮箱';
      await sendMail(smtpUrl, { to: ch.email, subject: msg.title, text: msg.body });
      return null;
    case 'dingtalk':
      if (!ch?.dingtalk_webhook) return '单位未设置钉钉机器人';
      await postWebhook(ch.dingtalk_webhook, dingtalkPayload(msg));
      return null;
    case 'wecom':
      if (!ch?.wecom_webhook) return '单位未设置企业微信机器人';
      await postWebhook(ch.wecom_webhook, wecomPayload(msg));
      return null;
  }
}
