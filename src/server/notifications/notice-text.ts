import { NOTICE_KIND_LABELS, type Notice } from '#core/reminders/index.ts';
import type { DeliveryChannel } from '../db/schema.ts';

import { DELIVERY_CHANNELS } from '#core/api/notifications.ts';

export const CHANNELS = DELIVERY_CHANNELS;

/** The channels a unit receives on: in-app always, plus the external ones it enabled. */
export function enabledChannels(row: { channels: string } | undefined): DeliveryChannel[] {
  const external = row ? (JSON.parse(row.channels) as DeliveryChannel[]).filter((c) => c !== 'in_app' && CHANNELS.includes(c)) : [];
  return ['in_app', ...external];
}

/** A date as official documents write it: 2021年10月8日 (no zero padding). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The wording of a notice. */
export function noticeText(n: Notice, task: { number: string; title: string; text: string }, unitName: string): { title: string; body: string } {
  const due = chineseDate(n.dueDate);
  const name = `${task.number ? `${task.number}. ` : ''}${task.title}`;
  const title = `【${NOTICE_KIND_LABELS[n.kind]}】${name}`;
  switch (n.kind) {
    case 'remind':
      return { title, body: `${unitName}：任务“${name}”的时间节点“${task.text}”将于${due}到期，还剩 ${n.workdaysLeft} 个工作日，请抓紧推进并按时报送进展和佐证材料。` };
    case 'urge':
      return { title, body: `${unitName}：任务“${name}”的时间节点“${task.text}”已于${due}到期，现已逾期 ${n.workdaysOverdue} 个工作日，请立即推进并报送进展。` };
    case 'supervise':
      return { title, body: `${unitName}：任务“${name}”的时间节点“${task.text}”（${due}到期）已逾期 ${n.workdaysOverdue} 个工作日，现予督办。请于 3 个工作日内书面报告进展、原因及整改措施。` };
    case 'interview':
      return { title: `【约谈建议】${unitName} · ${name}`, body: `任务“${name}”的时间节点“${task.text}”（${due}到期）已逾期 ${n.workdaysOverdue} 个工作日，经催办、督办仍未完成，建议约谈${unitName}主要负责人。` };
  }
}
