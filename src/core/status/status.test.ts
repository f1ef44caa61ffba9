import { describe, expect, it } from 'vitest';
import { createCalendar, UncoveredYearError } from '../calendar/index.ts';
import { milestoneStatus, taskStatus, WORK_STATUS_LABELS, WORK_STATUSES, type MilestoneFacts } from './status.ts';

const calendar = createCalendar();
const open = (dueDate: string | null, hasProgress = false): MilestoneFacts => ({ dueDate, completedOn: null, hasProgress });
const doneOn = (dueDate: string | null, completedOn: string): MilestoneFacts => ({ dueDate, completedOn, hasProgress: true });

it('labels every status in Chinese', () => {
  expect(WORK_STATUSES.map((s) => WORK_STATUS_LABELS[s])).toEqual(['未启动', '推进中', '临期', '逾期', '已完成', '逾期完成']);
});

describe('milestoneStatus', () => {
  const today = '2021-06-15'; // a Tuesday

  it('未启动 / 推进中 far from the due date', () => {
    expect(milestoneStatus(open('2021-08-31'), today, calendar)).toBe('not_started');
    expect(milestoneStatus(open('2021-08-31', true), today, calendar)).toBe('in_progress');
  });

  it('临期 within 5 working days, including the due day itself', () => {
    expect(milestoneStatus(open('2021-06-22'), today, calendar)).toBe('due_soon'); // 5 working days left
    expect(milestoneStatus(open('2021-06-23'), today, calendar)).toBe('not_started'); // 6 left
    expect(milestoneStatus(open('2021-06-15', true), today, calendar)).toBe('due_soon'); // due today
  });

  it('N is configurable', () => {
    expect(milestoneStatus(open('2021-06-17'), today, calendar, { dueSoonWorkdays: 1 })).toBe('not_started');
    expect(milestoneStatus(open('2021-06-16'), today, calendar, { dueSoonWorkdays: 1 })).toBe('due_soon');
    expect(milestoneStatus(open('2021-06-16'), today, calendar, { dueSoonWorkdays: 0 })).toBe('not_started');
    expect(milestoneStatus(open('2021-06-15'), today, calendar, { dueSoonWorkdays: 0 })).toBe('due_soon');
    expect(() => milestoneStatus(open('2021-06-16'), today, calendar, { dueSoonWorkdays: -1 })).toThrow(RangeError);
  });

  it('临期 counts working days across 国庆 2021', () => {
    // From 09-30, the five working days are 10-08, 10-09 (make-up Sat), 10-11, 10-12, 10-13.
    expect(milestoneStatus(open('2021-10-13'), '2021-09-30', calendar)).toBe('due_soon');
    expect(milestoneStatus(open('2021-10-14'), '2021-09-30', calendar)).toBe('not_started');
    // The same calendar distance outside a holiday is not 临期.
    expect(milestoneStatus(open('2021-11-26'), '2021-11-12', calendar)).toBe('not_started');
  });

  it('逾期 the day after the due date, even during a holiday', () => {
    expect(milestoneStatus(open('2021-09-30', true), '2021-10-01', calendar)).toBe('overdue');
    expect(milestoneStatus(open('2021-09-30'), '2021-09-30', calendar)).toBe('due_soon');
  });

  it('已完成 on or before the due date, 逾期完成 after it', () => {
    expect(milestoneStatus(doneOn('2021-06-30', '2021-06-30'), '2021-07-10', calendar)).toBe('done');
    expect(milestoneStatus(doneOn('2021-06-30', '2021-07-01'), '2021-07-10', calendar)).toBe('done_late');
    expect(milestoneStatus(doneOn(null, '2021-07-01'), '2021-07-10', calendar)).toBe('done');
  });

  it('ignores a completion after today (status as of a past day)', () => {
    expect(milestoneStatus(doneOn('2021-06-30', '2021-07-05'), '2021-07-01', calendar)).toBe('overdue');
  });

  it('a milestone without a due date is never 临期 or 逾期', () => {
    expect(milestoneStatus(open(null), '2030-01-01', calendar)).toBe('not_started');
    expect(milestoneStatus(open(null, true), '2030-01-01', calendar)).toBe('in_progress');
  });

  it('refuses only when the 临期 window needs an uncovered year', () => {
    expect(milestoneStatus(open('2027-06-30'), '2026-06-15', calendar)).toBe('not_started');
    expect(() => milestoneStatus(open('2027-01-08'), '2026-12-28', calendar)).toThrow(UncoveredYearError);
  });
});

describe('taskStatus', () => {
  const today = '2021-09-15';

  it('已完成 when every dated milestone is done; undated ones do not hold it open', () => {
    const ms = [doneOn('2021-06-30', '2021-06-28'), doneOn('2021-08-31', '2021-08-31'), open(null)];
    expect(taskStatus({ milestones: ms }, today, calendar)).toBe('done');
  });

  it('逾期完成 when every dated milestone is done and one was late', () => {
    const ms = [doneOn('2021-06-30', '2021-07-02'), doneOn('2021-08-31', '2021-08-30')];
    expect(taskStatus({ milestones: ms }, today, calendar)).toBe('done_late');
  });

  it('closure finishes the task; late when it closed a milestone after its due date', () => {
    expect(taskStatus({ milestones: [open('2021-12-31')], closedOn: '2021-09-01' }, today, calendar)).toBe('done');
    expect(taskStatus({ milestones: [open('2021-08-31')], closedOn: '2021-09-01' }, today, calendar)).toBe('done_late');
    expect(taskStatus({ milestones: [], closedOn: '2021-09-01' }, today, calendar)).toBe('done');
    // a closure recorded after today is not yet in effect
    expect(taskStatus({ milestones: [open('2021-12-31')], closedOn: '2021-09-20' }, today, calendar)).toBe('not_started');
  });

  it('a task with no dated milestone is finished only by closure', () => {
    expect(taskStatus({ milestones: [doneOn(null, '2021-08-01')] }, today, calendar)).toBe('in_progress');
    expect(taskStatus({ milestones: [] }, today, calendar)).toBe('not_started');
  });

  it('逾期 when any open milestone is overdue, before 临期', () => {
    const ms = [open('2021-08-31', true), open('2021-09-17'), doneOn('2021-06-30', '2021-06-30')];
    expect(taskStatus({ milestones: ms }, today, calendar)).toBe('overdue');
  });

  it('临期 when an open milestone is due soon', () => {
    const ms = [doneOn('2021-06-30', '2021-06-30'), open('2021-09-17'), open('2021-12-31')];
    expect(taskStatus({ milestones: ms }, today, calendar)).toBe('due_soon');
  });

  it('临期 across 国庆 with a fixed today', () => {
    // From 09-29 the working days are 09-30, 10-08, 10-09 (make-up Sat), 10-11, 10-12, 10-13 …
    expect(taskStatus({ milestones: [open('2021-10-12'), open('2021-12-31')] }, '2021-09-29', calendar)).toBe('due_soon');
    expect(taskStatus({ milestones: [open('2021-10-13', true)] }, '2021-09-29', calendar)).toBe('in_progress');
    // During the break, a milestone due on the first working day after it is 临期.
    expect(taskStatus({ milestones: [open('2021-10-08')] }, '2021-10-04', calendar)).toBe('due_soon');
    // and one due inside the break is overdue once the break moves past it.
    expect(taskStatus({ milestones: [open('2021-10-01')] }, '2021-10-04', calendar)).toBe('overdue');
  });

  it('推进中 from any progress or a completed milestone, else 未启动', () => {
    expect(taskStatus({ milestones: [open('2021-12-31')], hasProgress: true }, today, calendar)).toBe('in_progress');
    expect(taskStatus({ milestones: [open('2021-12-31', true)] }, today, calendar)).toBe('in_progress');
    expect(taskStatus({ milestones: [doneOn('2021-06-30', '2021-06-30'), open('2021-12-31')] }, today, calendar)).toBe('in_progress');
    expect(taskStatus({ milestones: [open('2021-12-31')] }, today, calendar)).toBe('not_started');
  });
});
