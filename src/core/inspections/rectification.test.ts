import { describe, expect, it } from 'vitest';
import { createCalendar, defaultCalendar } from '../calendar/index.ts';
import {
  addMonths,
  needsEscalation,
  noticeDueDate,
  RectificationProfileInputSchema,
  reviseProfile,
  XUCHANG_2025_PROFILE,
  type RectificationProfile,
} from './rectification-profile.ts';
import {
  figuresByUnit,
  isOverdue,
  RECTIFICATION_EVENTS,
  recheckProblem,
  rectificationFigures,
  transition,
  type RectificationEvent,
  type RectificationStatus,
} from './rectification.ts';

const STATUSES: RectificationStatus[] = ['found', 'noticed', 'answered', 'closed', 'returned'];

function run(events: RectificationEvent[], from: RectificationStatus = 'found'): RectificationStatus {
  let s = from;
  for (const e of events) {
    const r = transition(s, e);
    if (!r.ok) throw new Error(r.message);
    s = r.status;
  }
  return s;
}

describe('the finding state machine after found', () => {
  it('walks notice → answer → failed re-check → answer → passed re-check to 销号', () => {
    expect(run(['notice'])).toBe('noticed');
    expect(run(['notice', 'answer'])).toBe('answered');
    expect(run(['notice', 'answer', 'recheckFail'])).toBe('returned');
    expect(run(['notice', 'answer', 'recheckFail', 'answer'])).toBe('answered');
    expect(run(['notice', 'answer', 'recheckFail', 'answer', 'recheckPass'])).toBe('closed');
  });

  it('reaches closed only through a passed re-check of an answered finding', () => {
    for (const from of STATUSES)
      for (const e of RECTIFICATION_EVENTS) {
        const r = transition(from, e);
        if (r.ok && r.status === 'closed') expect([from, e]).toEqual(['answered', 'recheckPass']);
      }
  });

  it('refuses out-of-order events with a Chinese reason', () => {
    expect(transition('found', 'answer')).toEqual({ ok: false, message: '该问题尚未下发整改通知，不能报送整改情况' });
    expect(transition('noticed', 'recheckPass')).toMatchObject({ ok: false, message: expect.stringContaining('单位报送整改情况后才能复查') });
    expect(transition('closed', 'notice')).toEqual({ ok: false, message: '该问题已销号，不能再下发整改通知' });
    expect(transition('answered', 'answer')).toMatchObject({ ok: false, message: expect.stringContaining('等待复查') });
    expect(transition('closed', 'recheckFail').ok).toBe(false);
  });

  it('allows a second 交办 only for a finding still waiting for the unit', () => {
    expect(transition('noticed', 'renotice')).toEqual({ ok: true, status: 'noticed' });
    expect(transition('returned', 'renotice')).toEqual({ ok: true, status: 'noticed' });
    expect(transition('answered', 'renotice').ok).toBe(false);
    expect(transition('found', 'renotice').ok).toBe(false);
  });

  it('asks for reasons when a re-check fails', () => {
    expect(recheckProblem({ passed: false, reasons: '  ' })).toBe('复查未通过时请填写退回理由');
    expect(recheckProblem({ passed: false, reasons: '窗口仍未公示收费标准' })).toBeNull();
    expect(recheckProblem({ passed: true, reasons: '' })).toBeNull();
  });
});

describe('the deadline from the 许昌 profile', () => {
  const p = XUCHANG_2025_PROFILE;

  it('a C-class finding noticed on day 0 is due after 5 working days, across 国庆 2026 and its make-up Saturday', () => {
    // Day 0 is Wednesday 2026-09-30; 10-01..10-07 are off, Saturday 10-10 is a make-up workday.
    const due = noticeDueDate(p, defaultCalendar, '2026-09-30', 'C');
    expect(due.dueDate).toBe('2026-10-13');
    expect(defaultCalendar.workdaysBetween('2026-09-30', due.dueDate)).toBe(5);
    expect(due.limitText).toBe('5个工作日');
    expect(due.basis).toBe('《许昌市营商环境问题线索案件调查处理办法》C类（简单问题）时限');
  });

  it('class B is 15 working days and class A one calendar month', () => {
    expect(defaultCalendar.workdaysBetween('2026-09-30', noticeDueDate(p, defaultCalendar, '2026-09-30', 'b').dueDate)).toBe(15);
    expect(noticeDueDate(p, defaultCalendar, '2026-01-31', 'A')).toMatchObject({ dueDate: '2026-02-28', limitText: '1个月' });
  });

  it('a per-notice override in working days wins over the class', () => {
    expect(noticeDueDate(p, defaultCalendar, '2026-09-30', 'A', 3)).toEqual({ dueDate: '2026-10-10', limitText: '3个工作日', basis: '本通知指定时限' });
  });

  it('counts an admin-added calendar year, and refuses a year the calendar does not cover', () => {
    expect(() => noticeDueDate(p, defaultCalendar, '2027-03-01', 'C')).toThrow(/2027/);
    const cal = createCalendar([{ year: 2027, holidays: ['2027-03-02'], workdays: [] }]);
    expect(noticeDueDate(p, cal, '2027-03-01', 'C').dueDate).toBe('2027-03-09');
  });

  it('names its source and ships the 提级 rule switched off', () => {
    expect(p.source.url).toMatch(/^https:\/\/sfgw\.xuchang\.gov\.cn\//);
    expect(p.classes.map((c) => [c.code, c.limit.unit, c.limit.count])).toEqual([
      ['C', 'workdays', 5],
      ['B', 'workdays', 15],
      ['A', 'months', 1],
    ]);
    expect(p.escalation).toMatchObject({ enabled: false, afterNotices: 2 });
  });

  it('adds months at month ends and across years', () => {
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
  });
});

describe('editing the profile', () => {
  const input = () => {
    const { id: _id, version: _v, ...rest } = XUCHANG_2025_PROFILE;
    return structuredClone(rest);
  };

  it('moves the version forward and keeps the preset id', () => {
    const edited = { ...input(), editedNote: '区营商办决定 C 类按 3 个工作日办理' };
    edited.classes[0]!.limit.count = 3;
    const next = reviseProfile(XUCHANG_2025_PROFILE, RectificationProfileInputSchema.parse(edited));
    expect(next).toMatchObject({ id: 'xuchang-2025', version: 2, editedNote: '区营商办决定 C 类按 3 个工作日办理' });
    expect(noticeDueDate(next, defaultCalendar, '2026-09-30', 'C')).toMatchObject({ dueDate: '2026-10-10', basis: expect.stringContaining('本单位已调整') });
  });

  it('refuses a profile without a source, with duplicate classes or an unknown default class', () => {
    const noSource = input();
    noSource.source.title = ' ';
    expect(RectificationProfileInputSchema.safeParse(noSource).error?.issues[0]?.message).toBe('请填写依据文件名称');
    const dup = input();
    dup.classes[1]!.code = 'c';
    expect(RectificationProfileInputSchema.safeParse(dup).error?.issues.map((i) => i.message)).toContain('问题类别代码不能重复');
    const badDefault = { ...input(), defaultClass: 'D' };
    expect(RectificationProfileInputSchema.safeParse(badDefault).error?.issues.map((i) => i.message)).toContain('默认类别应为已设置的类别之一');
    const zero = input();
    zero.classes[0]!.limit.count = 0;
    expect(RectificationProfileInputSchema.safeParse(zero).success).toBe(false);
  });
});

describe('the 提级 flag (亳州: not solved after 2 交办)', () => {
  const on: RectificationProfile = { ...XUCHANG_2025_PROFILE, escalation: { ...XUCHANG_2025_PROFILE.escalation, enabled: true } };

  it('is raised once the second notice is past due with the finding open', () => {
    expect(needsEscalation(on, { noticeCount: 2, status: 'noticed', dueDate: '2026-10-13' }, '2026-10-14')).toBe(true);
    expect(needsEscalation(on, { noticeCount: 2, status: 'returned', dueDate: '2026-10-13' }, '2026-10-14')).toBe(true);
  });

  it('is not raised before the deadline, after one notice, once closed, or with the rule off', () => {
    expect(needsEscalation(on, { noticeCount: 2, status: 'noticed', dueDate: '2026-10-13' }, '2026-10-13')).toBe(false);
    expect(needsEscalation(on, { noticeCount: 1, status: 'noticed', dueDate: '2026-10-13' }, '2026-11-01')).toBe(false);
    expect(needsEscalation(on, { noticeCount: 3, status: 'closed', dueDate: '2026-10-13' }, '2026-11-01')).toBe(false);
    expect(needsEscalation(XUCHANG_2025_PROFILE, { noticeCount: 2, status: 'noticed', dueDate: '2026-10-13' }, '2026-11-01')).toBe(false);
  });
});

describe('rectification figures', () => {
  const facts = [
    { unitId: 1, status: 'closed' as const, dueDate: '2026-10-13' },
    { unitId: 1, status: 'noticed' as const, dueDate: '2026-10-13' },
    { unitId: 2, status: 'returned' as const, dueDate: '2026-10-13' },
    { unitId: 2, status: 'answered' as const, dueDate: '2026-10-13' },
    { unitId: 2, status: 'noticed' as const, dueDate: '2026-10-20' },
    { unitId: 3, status: 'found' as const, dueDate: null },
  ];

  it('counts the rate over noticed findings and overdue only while the unit owes an answer', () => {
    expect(rectificationFigures(facts, '2026-10-14')).toEqual({ noticed: 5, closed: 1, overdue: 2, awaitingRecheck: 1, rate: 0.2 });
    expect(isOverdue({ status: 'noticed', dueDate: '2026-10-13' }, '2026-10-13')).toBe(false);
    expect(isOverdue({ status: 'answered', dueDate: '2026-10-13' }, '2026-12-01')).toBe(false);
  });

  it('has no rate with nothing noticed, and lists units by overdue count', () => {
    expect(rectificationFigures([facts[5]!], '2026-10-14').rate).toBeNull();
    expect(figuresByUnit(facts, '2026-10-14').map((u) => [u.unitId, u.figures.overdue, u.figures.rate])).toEqual([
      [2, 1, 0],
      [1, 1, 0.5],
    ]);
  });
});
