import { describe, expect, it } from 'vitest';
import { addDays, defaultCalendar } from '../calendar/index.ts';
import { DEFAULT_REMINDER_SETTINGS, noticesDue, type MilestoneInput } from './reminders.ts';

// 国庆 2021: 10-01..10-07 off; Sunday 09-26 and Saturday 10-09 are make-up workdays.
const m = (over: Partial<MilestoneInput> = {}): MilestoneInput => ({
  milestoneId: 7,
  taskId: 3,
  unitIds: [11, 12],
  dueDate: '2021-10-08',
  isDone: false,
  ...over,
});
const keysOn = (today: string, ms: MilestoneInput[] = [m()]) => noticesDue(ms, today, defaultCalendar).notices.map((n) => n.key);

/** Simulates a daily job with a ledger of sent keys; returns the day each key was first sent. */
function simulate(from: string, to: string, ms: MilestoneInput[], skip: (day: string) => boolean = () => false) {
  const sent = new Map<string, string>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (skip(day)) continue;
    for (const n of noticesDue(ms, day, defaultCalendar).notices) if (!sent.has(n.key)) sent.set(n.key, day);
  }
  return Object.fromEntries(sent);
}

describe('reminders across 国庆 2021 (due 2021-10-08)', () => {
  it('fire 5, 2 and 1 working days before the due date, counting make-up workdays', () => {
    expect(defaultCalendar.addWorkdays('2021-10-08', -5)).toBe('2021-09-26');
    const sent = simulate('2021-09-20', '2021-10-08', [m({ unitIds: [11] })]);
    expect(sent).toEqual({ 'remind:7:11:5': '2021-09-26', 'remind:7:11:2': '2021-09-29', 'remind:7:11:1': '2021-09-30' });
  });

  it('sends nothing on the due date itself or during the holiday', () => {
    expect(keysOn('2021-10-08')).toEqual([]);
    expect(keysOn('2021-09-25')).toEqual([]);
  });

  it('addresses every unit named on the task', () => {
    expect(keysOn('2021-09-26')).toEqual(['remind:7:11:5', 'remind:7:12:5']);
  });

  it('catches a missed reminder up once, and only the nearest one after a long outage', () => {
    const downSept26 = simulate('2021-09-20', '2021-10-08', [m({ unitIds: [11] })], (d) => d === '2021-09-26');
    expect(downSept26['remind:7:11:5']).toBe('2021-09-27');
    const longOutage = simulate('2021-09-20', '2021-10-08', [m({ unitIds: [11] })], (d) => d >= '2021-09-24' && d <= '2021-09-29');
    expect(longOutage).toEqual({ 'remind:7:11:1': '2021-09-30' });
  });

  it('ignores done milestones and undated ones', () => {
    expect(keysOn('2021-09-26', [m({ isDone: true }), m({ dueDate: null })])).toEqual([]);
  });
});

describe('escalation after the due date', () => {
  it('催办 at 1, 督办 at 5, 约谈建议 at 10 working days overdue, across the make-up Saturday', () => {
    const sent = simulate('2021-10-08', '2021-11-30', [m({ unitIds: [11] })]);
    expect(sent).toEqual({ 'escalate:urge:3:11': '2021-10-09', 'escalate:supervise:3:11': '2021-10-14', 'escalate:interview:3:11': '2021-10-21' });
  });

  it('reports how overdue the work is', () => {
    const [n] = noticesDue([m({ unitIds: [11] })], '2021-10-14', defaultCalendar).notices;
    expect(n).toMatchObject({ kind: 'supervise', workdaysOverdue: 5, dueDate: '2021-10-08' });
  });

  it('escalates a task once, from its earliest overdue milestone', () => {
    const ms = [m({ milestoneId: 1, dueDate: '2021-09-30', unitIds: [11] }), m({ milestoneId: 2, dueDate: '2021-10-08', unitIds: [11] })];
    const notices = noticesDue(ms, '2021-10-09', defaultCalendar).notices;
    expect(notices.map((n) => [n.key, n.milestoneId, n.workdaysOverdue])).toEqual([['escalate:urge:3:11', 1, 2]]);
  });

  it('skips to the highest level reached after an outage', () => {
    expect(keysOn('2021-10-25', [m({ unitIds: [11] })])).toEqual(['escalate:interview:3:11']);
  });

  it('honours custom settings', () => {
    const settings = { ...DEFAULT_REMINDER_SETTINGS, reminderOffsets: [3] };
    expect(noticesDue([m({ unitIds: [11] })], '2021-09-28', defaultCalendar, settings).notices.map((n) => n.key)).toEqual(['remind:7:11:3']);
  });

  it('skips, rather than guesses, dates in years the calendar does not cover', () => {
    const r = noticesDue([m({ dueDate: '2031-06-30' })], '2031-06-01', defaultCalendar);
    expect(r).toEqual({ notices: [], uncovered: [{ milestoneId: 7, year: 2031 }] });
  });
});
