import { describe, expect, it } from 'vitest';
import { CHECKPOINT_STATE_LABELS, checkpointState, summariseCheckpoints, type Checkpoint, type CheckpointTask } from './checkpoints.ts';
import type { MilestoneFacts } from './status.ts';

// The seed plan's goals (山政发〔2021〕7号).
const goals: Checkpoint[] = [
  { text: '6月5日前制定具体落实方案、建立工作台账', date: '2021-06-05' },
  { text: '6月底前取得实质性进展', date: '2021-06-30' },
  { text: '9月底前基本完成改革任务', date: '2021-09-30' },
  { text: '年底前实现重大突破', date: '2021-12-31' },
  { text: '持续优化', date: null },
];
const [june5, june30, sept30] = goals.map((g) => ({ text: g.text, date: g.date ?? '' }));

const m = (dueDate: string | null, completedOn: string | null = null): MilestoneFacts => ({ dueDate, completedOn, hasProgress: completedOn !== null });

describe('checkpointState', () => {
  const tasks = [
    { milestones: [m('2021-06-30', '2021-06-29'), m('2021-08-31', '2021-09-03')] },
    { milestones: [m('2021-09-30'), m(null)] },
    { milestones: [m('2021-09-15')], closedOn: '2021-09-10' },
  ];

  it('is 未到期 until the checkpoint day has passed, with counts so far', () => {
    const s = checkpointState(sept30!, tasks, '2021-09-30');
    expect(s.state).toBe('pending');
    expect(CHECKPOINT_STATE_LABELS[s.state]).toBe('未到期');
    expect(s.counts).toEqual({ due: 4, doneByCheckpoint: 3, doneLate: 1, overdue: 0 });
  });

  it('is 未达标 the day after, across 国庆, when a due milestone is still open', () => {
    const s = checkpointState(sept30!, tasks, '2021-10-05');
    expect(s.state).toBe('missed');
    expect(CHECKPOINT_STATE_LABELS[s.state]).toBe('未达标');
    expect(s.counts).toEqual({ due: 4, doneByCheckpoint: 3, doneLate: 1, overdue: 1 });
  });

  it('is 达标 when everything due was done by the date, late or not', () => {
    const s = checkpointState(june30!, tasks, '2021-07-01');
    expect(s).toEqual({ checkpoint: june30, counts: { due: 1, doneByCheckpoint: 1, doneLate: 0, overdue: 0 }, state: 'met' });
    expect(checkpointState(sept30!, [tasks[0]!, tasks[2]!], '2021-10-08').state).toBe('met');
  });

  it('work done after the checkpoint does not make it 达标 afterwards', () => {
    const late = [{ milestones: [m('2021-09-30', '2021-10-08')] }];
    const s = checkpointState(sept30!, late, '2021-10-20');
    expect(s.state).toBe('missed');
    expect(s.counts).toEqual({ due: 1, doneByCheckpoint: 0, doneLate: 1, overdue: 0 });
  });

  it('completions after today are ignored', () => {
    const s = checkpointState(sept30!, [{ milestones: [m('2021-09-30', '2021-09-29')] }], '2021-09-20');
    expect(s.counts).toEqual({ due: 1, doneByCheckpoint: 0, doneLate: 0, overdue: 0 });
  });

  it('with nothing due it is 达标 vacuously and the counts say so', () => {
    expect(checkpointState(june5!, tasks, '2021-06-07')).toMatchObject({ counts: { due: 0 }, state: 'met' });
  });
});

describe('summariseCheckpoints', () => {
  const tasks: CheckpointTask[] = [
    { sectionId: 's1', unitIds: ['审批局', '市场监管局'], milestones: [m('2021-06-30', '2021-06-20'), m('2021-09-30', '2021-09-28')] },
    { sectionId: 's1', unitIds: ['审批局', '审批局'], milestones: [m('2021-09-30')] },
    { sectionId: 's2', unitIds: ['税务局'], milestones: [m('2021-12-31')] },
  ];
  const today = '2021-10-08'; // first working day after 国庆

  it('gives one state per dated goal for every unit and section', () => {
    const { byUnit, bySection } = summariseCheckpoints(goals, tasks, today);
    expect([...byUnit.keys()]).toEqual(['审批局', '市场监管局', '税务局']);
    expect([...bySection.keys()]).toEqual(['s1', 's2']);
    const states = (list: { state: string }[] | undefined) => list?.map((s) => s.state);
    expect(states(byUnit.get('审批局'))).toEqual(['met', 'met', 'missed', 'pending']);
    expect(states(byUnit.get('市场监管局'))).toEqual(['met', 'met', 'met', 'pending']);
    expect(states(byUnit.get('税务局'))).toEqual(['met', 'met', 'met', 'pending']);
    expect(states(bySection.get('s1'))).toEqual(['met', 'met', 'missed', 'pending']);
  });

  it('counts a task once per unit even when the unit is named twice', () => {
    const { byUnit, bySection } = summariseCheckpoints(goals, tasks, today);
    expect(byUnit.get('审批局')?.[2]?.counts).toEqual({ due: 3, doneByCheckpoint: 2, doneLate: 0, overdue: 1 });
    expect(bySection.get('s1')?.[2]?.counts).toEqual({ due: 3, doneByCheckpoint: 2, doneLate: 0, overdue: 1 });
    expect(bySection.get('s2')?.[3]?.counts).toEqual({ due: 1, doneByCheckpoint: 0, doneLate: 0, overdue: 0 });
  });

  it('accepts numeric ids', () => {
    const { byUnit } = summariseCheckpoints(goals, [{ sectionId: 1, unitIds: [7], milestones: [m('2021-06-30')] }], '2021-07-01');
    expect(byUnit.get(7)?.[1]?.state).toBe('missed');
  });
});
