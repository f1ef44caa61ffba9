import type { WorkCalendar } from '#core/calendar/index.ts';
import { chineseDate } from '#core/circulars/draft.ts';
import { type RectificationEscalation, rectificationEscalations } from '#core/inspections/rectification-reminders.ts';
import { NOTICE_KIND_LABELS, type ReminderSettings } from '#core/reminders/index.ts';
import type { Deps } from '../context.ts';
import { writeLadderNotice } from '../notifications/ladder-notice.ts';
import * as notifications from '../notifications/notifications.repo.ts';
import * as repo from './rectifications.repo.ts';

/**
 * The reminders job's rectification step: every notice with findings still waiting for the unit past
 * its deadline climbs 催办 → 督办 → 约谈建议 with the admin's steps, each step once (the key ledger),
 * as notifications to the unit's accounts (约谈建议 to the coordinator's list).
 */
export function rectificationNoticeText(e: RectificationEscalation, noticeTitle: string, unitName: string): { title: string; body: string } {
  const due = chineseDate(e.dueDate);
  const what = `整改通知“${noticeTitle}”`;
  switch (e.level) {
    case 'urge':
      return {
        title: `【${NOTICE_KIND_LABELS.urge}】${noticeTitle}`,
        body: `${unitName}：${what}的整改期限为${due}，现已逾期 ${e.workdaysOverdue} 个工作日，仍有 ${e.openFindings} 个问题未报送整改情况，请立即整改并报送。`,
      };
    case 'supervise':
      return {
        title: `【${NOTICE_KIND_LABELS.supervise}】${noticeTitle}`,
        body: `${unitName}：${what}（${due}到期）已逾期 ${e.workdaysOverdue} 个工作日，仍有 ${e.openFindings} 个问题未整改到位，现予督办。请于 3 个工作日内书面报告整改进展、原因及措施。`,
      };
    case 'interview':
      return {
        title: `【${NOTICE_KIND_LABELS.interview}】${unitName} · ${noticeTitle}`,
        body: `${what}（${due}到期）已逾期 ${e.workdaysOverdue} 个工作日，经催办、督办仍有 ${e.openFindings} 个问题未整改到位，建议约谈${unitName}主要负责人。`,
      };
  }
}

export async function runRectificationEscalations(
  deps: Pick<Deps, 'db'>,
  today: string,
  calendar: WorkCalendar,
  settings: ReminderSettings,
  at: string,
): Promise<{ created: number; uncovered: number }> {
  const rows = await repo.noticesForEscalation(deps.db);
  const byNotice = new Map<number, { unitId: number; dueDate: string; title: string; statuses: (typeof rows)[number]['status'][] }>();
  for (const r of rows) {
    const n = byNotice.get(r.id) ?? { unitId: r.unit_id, dueDate: r.due_date, title: r.title, statuses: [] };
    n.statuses.push(r.status);
    byNotice.set(r.id, n);
  }
  const { escalations, uncovered } = rectificationEscalations(
    [...byNotice].map(([noticeId, n]) => ({ noticeId, unitId: n.unitId, dueDate: n.dueDate, statuses: n.statuses })),
    today,
    calendar,
    settings,
  );
  const done = await notifications.sentKeys(
    deps.db,
    escalations.map((e) => e.key),
  );
  const units = await notifications.unitNames(deps.db, [...new Set(escalations.map((e) => e.unitId))]);
  let created = 0;
  for (const e of escalations) {
    if (done.has(e.key)) continue;
    const { title, body } = rectificationNoticeText(e, byNotice.get(e.noticeId)!.title, units.get(e.unitId) ?? `单位 ${e.unitId}`);
    if (await writeLadderNotice(deps, { key: e.key, kind: e.level, unitId: e.unitId, taskId: null, milestoneId: null, title, body }, at)) created += 1;
  }
  return { created, uncovered: uncovered.length };
}
