import type { Notice } from '#core/reminders/index.ts';
import type { Deps } from '../context.ts';
import { enabledChannels } from './notice-text.ts';
import * as repo from './notifications.repo.ts';

/** A notice as written to the ledger and the notification centre, whatever deadline it is about. */
export interface LadderNotice {
  key: string;
  kind: Notice['kind'];
  unitId: number;
  taskId: number | null;
  milestoneId: number | null;
  title: string;
  body: string;
}

/**
 * One notice in one transaction: the ledger key, a notification per account of the unit (or one for
 * the unit when it has none yet), the in-app deliveries and pending external ones. 约谈建议 is a
 * single row for the coordinator's list and is not pushed to the unit. Task deadlines and overdue
 * rectification notices (src/server/rectifications) both climb the ladder through it.
 */
export async function writeLadderNotice(deps: Pick<Deps, 'db'>, n: LadderNotice, at: string): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.claimKey(trx, n.key, at))) return false;
    const base = {
      unit_id: n.unitId,
      kind: n.kind,
      task_id: n.taskId,
      milestone_id: n.milestoneId,
      notice_key: n.key,
      title: n.title,
      body: n.body,
      created_at: at,
    };
    if (n.kind === 'interview') {
      await repo.insertNotification(trx, { ...base, user_id: null });
      return true;
    }
    const users = await repo.activeUsersOfUnit(trx, n.unitId);
    const ids: number[] = [];
    for (const u of users.length ? users : [{ id: null }]) {
      const id = await repo.insertNotification(trx, { ...base, user_id: u.id });
      ids.push(id);
      if (u.id !== null) await repo.insertDelivery(trx, { notification_id: id, channel: 'in_app', status: 'sent', sent_at: at });
    }
    // External channels reach the unit once, hung on its first notification.
    const channels = await repo.getUnitChannels(trx, n.unitId);
    for (const channel of enabledChannels(channels)) {
      if (channel !== 'in_app') await repo.insertDelivery(trx, { notification_id: ids[0]!, channel, status: 'pending', sent_at: null });
    }
    return true;
  });
}
