import { describe, expect, it } from 'vitest';
import { addDays, defaultCalendar } from '../calendar/index.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../reminders/reminders.ts';
import { rectificationEscalations, type NoticeOverdueInput } from './rectification-reminders.ts';

// Due Tuesday 2026-10-13 (5 working days after 2026-09-30, across 国庆).
const notice = (over: Partial<NoticeOverdueInput> = {}): NoticeOverdueInput => ({
  noticeId: 4,
  unitId: 9,
  dueDate: '2026-10-13',
  statuses: ['noticed', 'closed'],
  ...over,
});

/** A daily job with a ledger of sent keys: the day each key was first sent. */
function simulate(from: string, to: string, n: NoticeOverdueInput) {
  const sent = new Map<string, string>();
  for (let day = from; day <= to; day = addDays(day, 1))
    for (const e of rectificationEscalations([n], day, defaultCalendar).escalations) if (!sent.has(e.key)) sent.set(e.key, day);
  return Object.fromEntries(sent);
}

describe('overdue rectifications on the 催办 → 督办 → 约谈建议 ladder', () => {
  it('climbs 1, 5 and 10 working days after the deadline, skipping weekends', () => {
    expect(simulate('2026-10-01', '2026-11-30', notice())).toEqual({
      'rectify:urge:4:9': '2026-10-14',
      'rectify:supervise:4:9': '2026-10-20',
      'rectify:interview:4:9': '2026-10-27',
    });
  });

  it('is silent on the deadline day and once every finding is answered or closed', () => {
    expect(rectificationEscalations([notice()], '2026-10-13', defaultCalendar).escalations).toEqual([]);
    expect(rectificationEscalations([notice({ statuses: ['answered', 'closed'] })], '2026-11-30', defaultCalendar).escalations).toEqual([]);
  });

  it('counts a finding returned by a failed re-check as waiting for the unit', () => {
    const [e] = rectificationEscalations([notice({ statuses: ['returned', 'answered'] })], '2026-10-20', defaultCalendar).escalations;
    expect(e).toMatchObject({ level: 'supervise', workdaysOverdue: 5, openFindings: 1 });
  });

  it('follows the admin’s steps and reports years the calendar lacks', () => {
    const settings = { ...DEFAULT_REMINDER_SETTINGS, escalation: [{ level: 'urge' as const, afterWorkdays: 3 }] };
    expect(rectificationEscalations([notice()], '2026-10-15', defaultCalendar, settings).escalations).toEqual([]);
    expect(rectificationEscalations([notice()], '2026-10-16', defaultCalendar, settings).escalations.map((e) => e.level)).toEqual(['urge']);
    expect(rectificationEscalations([notice({ dueDate: '2027-01-05' })], '2027-01-20', defaultCalendar).uncovered).toEqual([{ noticeId: 4, year: 2027 }]);
  });
});
