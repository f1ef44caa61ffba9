import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/index.ts';
import { chinaDay } from '../calendar/dates.ts';
import { countStatuses } from '../status/counts.ts';
import { rankUnits, takeSnapshot, unitReporting, unitScore, type SnapshotFacts, type SnapshotTaskFacts } from './snapshot.ts';

const calendar = createCalendar();
const [A, B, C, D] = [
  { id: 1, name: '区审批服务局' },
  { id: 2, name: '区市场监管局' },
  { id: 3, name: '区税务局' },
  { id: 4, name: '区住建局' },
] as const;

const task = (id: number, sectionId: number, deadlines: [string, string | null][], units: [{ id: number; name: string }, 'lead' | 'responsible'][], extra: Partial<SnapshotTaskFacts> = {}): SnapshotTaskFacts => ({
  id,
  planId: 1,
  sectionId,
  number: String(id),
  title: `任务${id}`,
  milestones: deadlines.map(([text, dueDate]) => ({ text, dueDate })),
  closedOn: null,
  units: units.map(([u, role]) => ({ unitId: u.id, name: u.name, role })),
  actions: [],
  hasProgress: false,
  latestProgress: null,
  evidenceCount: 0,
  ...extra,
});

// asOf 2021-10-08 is the first working day after 国庆 (10-01…10-07 off, 10-09 a make-up Saturday).
const asOf = '2021-10-08';
const facts: SnapshotFacts = {
  round: { id: 7, title: '第3期调度', periodStart: '2021-09-01', periodEnd: '2021-09-30', dueDate: '2021-09-30' },
  takenAt: '2021-10-08T02:00:00.000Z',
  plans: [{ id: 1, number: '测政发〔2021〕1号', title: '测试方案' }],
  sections: [
    { id: 10, planId: 1, title: '一、开办企业', indicatorCode: 'starting_business' },
    { id: 20, planId: 1, title: '二、办理建筑许可', indicatorCode: 'construction_permits' },
    { id: 30, planId: 1, title: '三、无任务的章节', indicatorCode: null },
  ],
  goals: [
    { planId: 1, text: '9月底前基本完成改革任务', date: '2021-09-30' },
    { planId: 1, text: '6月底前取得实质性进展', date: '2021-06-30' },
    { planId: 1, text: '持续优化', date: null },
  ],
  tasks: [
    task(1, 10, [['6月底前', '2021-06-30']], [[A, 'lead'], [B, 'responsible']], { closedOn: '2021-06-28', actions: ['推行一窗受理'], latestProgress: '区审批服务局：已全面推行', evidenceCount: 2 }),
    task(2, 10, [['8月底前', '2021-08-31']], [[A, 'lead']], { closedOn: '2021-09-03' }), // closed after its deadline: 逾期完成
    task(3, 20, [['9月底前', '2021-09-30']], [[B, 'lead'], [C, 'responsible']], { hasProgress: true }),
    task(4, 20, [['年底前', '2021-12-31']], [[C, 'lead']]),
    task(5, 20, [['10月12日前', '2021-10-12']], [[D, 'lead']]), // 3 working days left: 临期
    task(6, 20, [['6月底前', '2021-06-30'], ['持续推进', null]], [[D, 'lead'], [A, 'responsible']]),
    task(7, 10, [['年底前', '2021-12-31']], [[C, 'lead']], { hasProgress: true }),
  ],
  units: [A, B, C, D],
  reports: [
    // 23:00 in Beijing on the due date: on time.
    { taskId: 1, unitId: A.id, status: 'accepted', submittedAt: '2021-09-30T15:00:00.000Z', stage: 'done', narrative: '一窗受理全面推行。' },
    { taskId: 6, unitId: A.id, status: 'submitted', submittedAt: '2021-10-02T01:00:00.000Z', stage: 'in_progress', narrative: '配合推进。' },
    // 00:30 in Beijing the day after the due date: late.
    { taskId: 3, unitId: B.id, status: 'submitted', submittedAt: '2021-09-30T16:30:00.000Z', stage: 'basically_done', narrative: '审批时限压减至5个工作日。' },
    { taskId: 1, unitId: B.id, status: 'draft', submittedAt: null, stage: 'in_progress', narrative: '草稿' },
    { taskId: 4, unitId: C.id, status: 'draft', submittedAt: null, stage: 'done', narrative: '未报送的草稿' },
    // Returned for revision, but reported on time; its content is not a good practice.
    { taskId: 5, unitId: D.id, status: 'returned', submittedAt: '2021-09-29T02:00:00.000Z', stage: 'done', narrative: '被退回的报告' },
  ],
};

describe('takeSnapshot', () => {
  const s = takeSnapshot(facts, asOf, calendar);

  it('counts statuses overall and per section, in section order, skipping sections without tasks', () => {
    expect(s.overall).toEqual({ total: 7, notStarted: 1, inProgress: 1, dueSoon: 1, overdue: 2, done: 1, doneLate: 1, completionRate: 0.2857 });
    expect(s.bySection).toEqual([
      { planId: 1, sectionId: 10, title: '一、开办企业', indicatorCode: 'starting_business', counts: { total: 3, notStarted: 0, inProgress: 1, dueSoon: 0, overdue: 0, done: 1, doneLate: 1, completionRate: 0.6667 } },
      { planId: 1, sectionId: 20, title: '二、办理建筑许可', indicatorCode: 'construction_permits', counts: { total: 4, notStarted: 1, inProgress: 0, dueSoon: 1, overdue: 2, done: 0, doneLate: 0, completionRate: 0 } },
    ]);
  });

  it('measures the dated goals in date order', () => {
    expect(s.checkpoints).toEqual([
      { text: '6月底前取得实质性进展', date: '2021-06-30', due: 2, doneByCheckpoint: 1, overdue: 1, state: 'missed' },
      { text: '9月底前基本完成改革任务', date: '2021-09-30', due: 4, doneByCheckpoint: 2, overdue: 2, state: 'missed' },
    ]);
  });

  it('lists overdue tasks most overdue first, counting working days across 国庆', () => {
    expect(s.overdue).toEqual([
      // July 22 + August 22 + September 22 (中秋 off, 9-18 and 9-26 worked) + October 8.
      { taskId: 6, planId: 1, number: '6', title: '任务6', leadUnits: ['区住建局'], responsibleUnits: ['区审批服务局'], dueDate: '2021-06-30', workdaysOverdue: 67 },
      // Seven calendar days after 9-30, but only 10-08 is a working day.
      { taskId: 3, planId: 1, number: '3', title: '任务3', leadUnits: ['区市场监管局'], responsibleUnits: ['区税务局'], dueDate: '2021-09-30', workdaysOverdue: 1 },
    ]);
  });

  it('tells on-time, late and missing reports apart by the China date of the first submission', () => {
    expect(s.reporting).toMatchObject({ expected: 4, onTime: 2, late: 1, missing: [{ unitId: C.id, name: '区税务局' }] });
    expect(s.reporting.units).toEqual([
      { unitId: A.id, name: A.name, reported: true, reportedAt: '2021-09-30T15:00:00.000Z', late: false, reports: 2 },
      { unitId: B.id, name: B.name, reported: true, reportedAt: '2021-09-30T16:30:00.000Z', late: true, reports: 1 },
      { unitId: C.id, name: C.name, reported: false, reportedAt: null, late: false, reports: 0 },
      { unitId: D.id, name: D.name, reported: true, reportedAt: '2021-09-29T02:00:00.000Z', late: false, reports: 1 },
    ]);
  });

  it('ranks units by completion, timeliness and reporting', () => {
    expect(s.units).toEqual([
      // 3 tasks, 2 done (one late); of 3 passed deadlines only task 1 was met; reported on time.
      { unitId: A.id, name: A.name, tasks: 3, done: 2, overdue: 1, completionRate: 0.6667, timelinessRate: 0.3333, reportingScore: 1, score: 63.3, rank: 1 },
      { unitId: B.id, name: B.name, tasks: 2, done: 1, overdue: 1, completionRate: 0.5, timelinessRate: 0.5, reportingScore: 0.5, score: 50, rank: 2 },
      { unitId: D.id, name: D.name, tasks: 2, done: 0, overdue: 1, completionRate: 0, timelinessRate: 0, reportingScore: 1, score: 20, rank: 3 },
      { unitId: C.id, name: C.name, tasks: 3, done: 0, overdue: 1, completionRate: 0, timelinessRate: 0, reportingScore: 0, score: 0, rank: 4 },
    ]);
  });

  it('takes good practices from submitted or accepted reports that completed work, in task order', () => {
    expect(s.goodPractices).toEqual([
      { taskId: 1, number: '1', title: '任务1', unitName: '区审批服务局', narrative: '一窗受理全面推行。' },
      { taskId: 3, number: '3', title: '任务3', unitName: '区市场监管局', narrative: '审批时限压减至5个工作日。' },
    ]);
  });

  it('keeps the whole ledger with statuses', () => {
    expect(s.tasks.map((t) => t.status)).toEqual(['done', 'done_late', 'overdue', 'not_started', 'due_soon', 'overdue', 'in_progress']);
    expect(s.tasks[0]).toEqual({
      taskId: 1, planId: 1, number: '1', title: '任务1', sectionTitle: '一、开办企业', leadUnits: ['区审批服务局'], responsibleUnits: ['区市场监管局'],
      deadlines: [{ text: '6月底前', date: '2021-06-30' }], actions: ['推行一窗受理'], status: 'done', latestProgress: '区审批服务局：已全面推行', evidenceCount: 2,
    });
    expect(s.tasks[5]!.deadlines).toEqual([{ text: '6月底前', date: '2021-06-30' }, { text: '持续推进', date: null }]);
    expect(s).toMatchObject({ version: 1, round: facts.round, takenAt: facts.takenAt, asOf, plans: facts.plans });
  });

  it('is plain JSON: a stored snapshot reads back equal', () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('measures a goal shared by two plans once, over both plans’ tasks', () => {
    const two: SnapshotFacts = {
      ...facts,
      plans: [...facts.plans, { id: 2, number: null, title: '第二个方案' }],
      goals: [...facts.goals, { planId: 2, text: '9月底前基本完成改革任务', date: '2021-09-30' }],
      tasks: [...facts.tasks, { ...task(8, 10, [['9月底前', '2021-09-30']], [[A, 'lead']]), planId: 2, closedOn: '2021-09-01' }],
    };
    expect(takeSnapshot(two, asOf, calendar).checkpoints.map((c) => [c.date, c.due, c.doneByCheckpoint])).toEqual([['2021-06-30', 2, 1], ['2021-09-30', 5, 3]]);
  });

  it('counts a milestone closed on its own: on time keeps the unit timely, the task stays open', () => {
    const own: SnapshotFacts = {
      ...facts,
      tasks: [{ ...task(9, 10, [['6月底前', '2021-06-30'], ['年底前', '2021-12-31']], [[A, 'lead']]), milestones: [{ text: '6月底前', dueDate: '2021-06-30', completedOn: '2021-06-29' }, { text: '年底前', dueDate: '2021-12-31' }] }],
      units: [A],
      reports: [],
    };
    const s = takeSnapshot(own, asOf, calendar);
    expect(s.tasks[0]!.status).toBe('in_progress');
    expect(s.units[0]).toMatchObject({ tasks: 1, done: 0, overdue: 0, completionRate: 0, timelinessRate: 1 });
    expect(s.checkpoints[0]).toMatchObject({ date: '2021-06-30', due: 1, doneByCheckpoint: 1, state: 'met' });
  });

  it('counts Monday to Friday past the calendar’s years instead of failing a close', () => {
    const late: SnapshotFacts = { ...facts, tasks: [task(1, 10, [['年底前', '2026-12-31']], [[A, 'lead']])], reports: [] };
    // 2027 is not in the calendar: 1-1 (Fri) and 1-4…1-8 are counted.
    expect(takeSnapshot(late, '2027-01-08', calendar).overdue[0]).toMatchObject({ dueDate: '2026-12-31', workdaysOverdue: 6 });
  });
});

describe('rankUnits', () => {
  it('breaks equal scores by name in pinyin order and still numbers ranks 1, 2, 3', () => {
    const units = [
      { name: '区税务局', completionRate: 0.5, timelinessRate: 0.5, reportingScore: 1 },
      { name: '区审批服务局', completionRate: 0.5, timelinessRate: 0.5, reportingScore: 1 },
      { name: '区住建局', completionRate: 1, timelinessRate: 1, reportingScore: 1 },
    ];
    const ranked = rankUnits(units);
    expect(ranked.map((u) => [u.name, u.score, u.rank])).toEqual([['区住建局', 100, 1], ['区审批服务局', 60, 2], ['区税务局', 60, 3]]);
    expect(rankUnits([...units].reverse()).map((u) => u.name)).toEqual(['区住建局', '区审批服务局', '区税务局']);
  });

  it('weighs completion 50%, timeliness 30%, reporting 20%, to one decimal', () => {
    expect(unitScore({ completionRate: 1, timelinessRate: 0, reportingScore: 0 })).toBe(50);
    expect(unitScore({ completionRate: 0, timelinessRate: 1, reportingScore: 0 })).toBe(30);
    expect(unitScore({ completionRate: 0, timelinessRate: 0, reportingScore: 0.5 })).toBe(10);
    expect(unitScore({ completionRate: 0.6667, timelinessRate: 0.3333, reportingScore: 1 })).toBe(63.3);
  });

  it('leaves timeliness out when no deadline has passed: a unit is not rewarded for deadlines it never had', () => {
    // Before: 30 points for nothing, ranking a silent unit above one that reported on time.
    expect(unitScore({ completionRate: 0, timelinessRate: 1, reportingScore: 0, deadlinesPassed: 0 })).toBe(0);
    expect(unitScore({ completionRate: 0, timelinessRate: 1, reportingScore: 1, deadlinesPassed: 0 })).toBe(28.6);
    expect(unitScore({ completionRate: 1, timelinessRate: 1, reportingScore: 1, deadlinesPassed: 0 })).toBe(100);
    expect(unitScore({ completionRate: 0, timelinessRate: 1, reportingScore: 0, deadlinesPassed: 2 })).toBe(30);
  });
});

describe('helpers', () => {
  it('chinaDay shifts an instant to Beijing time', () => {
    expect(chinaDay('2021-09-30T15:59:59.999Z')).toBe('2021-09-30');
    expect(chinaDay('2021-09-30T16:00:00.000Z')).toBe('2021-10-01');
  });

  it('countStatuses gives 0 completion for no task', () => {
    expect(countStatuses([])).toEqual({ total: 0, notStarted: 0, inProgress: 0, dueSoon: 0, overdue: 0, done: 0, doneLate: 0, completionRate: 0 });
  });

  it('unitReporting ignores drafts and units outside the list', () => {
    const r = unitReporting([A], [{ taskId: 1, unitId: A.id, status: 'draft', submittedAt: null, stage: 'done', narrative: '' }, { taskId: 1, unitId: B.id, status: 'submitted', submittedAt: '2021-09-01T00:00:00Z', stage: 'done', narrative: '' }], '2021-09-30');
    expect(r).toEqual([{ unitId: A.id, name: A.name, reported: false, reportedAt: null, late: false, reports: 0 }]);
  });
});
