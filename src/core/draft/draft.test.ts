import { describe, expect, it } from 'vitest';
import {
  addTask,
  canMerge,
  canSplit,
  deleteTask,
  deriveTitle,
  findDraftIssues,
  mergeWithNext,
  moveTask,
  renumberTasks,
  splitTask,
  uniqueKey,
  updateTask,
} from './draft.ts';
import type { DraftTask } from './types.ts';

const SECTION_1 = ['一、开办企业'];
const SECTION_2 = ['二、办理建筑许可'];

function task(key: string, over: Partial<DraftTask> = {}): DraftTask {
  return {
    key,
    path: SECTION_1,
    number: key,
    title: `标题${key}`,
    text: `标题${key}。正文${key}。`,
    deadlines: [],
    lead: [],
    responsible: [],
    spans: null,
    ...over,
  };
}

const spansA = {
  task: [0, 20] as [number, number],
  title: [2, 6] as [number, number],
  text: [2, 15] as [number, number],
  deadlines: [[8, 12] as [number, number]],
  lead: [[16, 19] as [number, number]],
  responsible: [],
};
const spansB = {
  task: [20, 40] as [number, number],
  title: [22, 26] as [number, number],
  text: [22, 35] as [number, number],
  deadlines: [],
  lead: [[36, 39] as [number, number]],
  responsible: [[30, 33] as [number, number]],
};

describe('deriveTitle', () => {
  it('takes the text up to the first full stop', () => {
    expect(deriveTitle('  按照省市部署全面应用电子证照。推进电子证照互认。')).toBe('按照省市部署全面应用电子证照');
    expect(deriveTitle('没有句号的任务')).toBe('没有句号的任务');
  });
});

describe('mergeWithNext', () => {
  it('joins text, keeps deadlines in order and unites units', () => {
    const tasks = [
      task('1', { deadlines: [{ text: '6月底前', date: '2021-06-30' }], lead: ['区审批服务局'], responsible: ['区医保局'] }),
      task('2', {
        deadlines: [
          { text: '6月底前', date: '2021-06-30' },
          { text: '年底前', date: '2021-12-31' },
        ],
        lead: ['区审批服务局', '区税务局'],
        responsible: [],
      }),
      task('3'),
    ];
    const out = mergeWithNext(tasks, 0);
    expect(out.map((t) => t.key)).toEqual(['1', '3']);
    const m = out[0]!;
    expect(m.title).toBe('标题1');
    expect(m.text).toBe('标题1。正文1。标题2。正文2。');
    expect(m.deadlines.map((d) => d.text)).toEqual(['6月底前', '6月底前', '年底前']);
    expect(m.lead).toEqual(['区审批服务局', '区税务局']);
    expect(m.responsible).toEqual(['区医保局']);
    expect(tasks).toHaveLength(3); // input untouched
  });

  it('keeps provenance when both halves have spans', () => {
    const out = mergeWithNext([task('1', { spans: spansA }), task('2', { spans: spansB })], 0);
    expect(out[0]!.spans).toEqual({
      task: [0, 40],
      title: [2, 6],
      text: [2, 35],
      deadlines: [[8, 12]],
      lead: [
        [16, 19],
        [36, 39],
      ],
      responsible: [[30, 33]],
    });
    expect(mergeWithNext([task('1', { spans: spansA }), task('2')], 0)[0]!.spans).toBeNull();
  });

  it('refuses the last task', () => {
    const tasks = [task('1'), task('2')];
    expect(canMerge(tasks, 0)).toBe(true);
    expect(canMerge(tasks, 1)).toBe(false);
    expect(() => mergeWithNext(tasks, 1)).toThrow(RangeError);
  });
});

describe('splitTask', () => {
  const glued = task('5', {
    title: '推行企业开办一网通办',
    text: '推行企业开办一网通办。6月底前实现全程网办。6.压缩注销时间。9月底前，简易注销公告时间压缩至20天。',
    deadlines: [
      { text: '6月底前', date: '2021-06-30' },
      { text: '9月底前', date: '2021-09-30' },
    ],
    lead: ['区审批服务局'],
    responsible: ['区税务局'],
    spans: spansA,
  });
  const cut = glued.text.indexOf('6.');

  it('cuts at the offset, moving deadlines with their phrase and reading a missed marker', () => {
    const out = splitTask([task('4'), glued, task('7')], 1, cut);
    expect(out.map((t) => t.number)).toEqual(['4', '5', '6', '7']);
    const [, head, tail] = out;
    expect(head!.key).toBe('5');
    expect(head!.title).toBe('推行企业开办一网通办');
    expect(head!.text).toBe('推行企业开办一网通办。6月底前实现全程网办。');
    expect(head!.deadlines.map((d) => d.text)).toEqual(['6月底前']);
    expect(tail!.text).toBe('压缩注销时间。9月底前，简易注销公告时间压缩至20天。');
    expect(tail!.title).toBe('压缩注销时间');
    expect(tail!.deadlines.map((d) => d.text)).toEqual(['9月底前']);
    expect(tail!.lead).toEqual(['区审批服务局']);
    expect(tail!.responsible).toEqual(['区税务局']);
    expect(tail!.key).toBe('new-1');
    expect(head!.spans).toBeNull();
    expect(tail!.spans).toBeNull();
  });

  it('numbers the second half after the first when no marker is written', () => {
    const out = splitTask([task('八', { text: '甲事项。乙事项。', title: '甲事项' })], 0, 4, 'k');
    expect(out.map((t) => [t.key, t.number, t.title])).toEqual([
      ['八', '八', '甲事项'],
      ['k', '九', '乙事项'],
    ]);
  });

  it('retitles the first half when the cut falls inside the title', () => {
    const out = splitTask([task('1', { title: '甲事项乙事项', text: '甲事项乙事项。其他。' })], 0, 3);
    expect(out[0]!.title).toBe('甲事项');
    expect(out[1]!.title).toBe('乙事项');
  });

  it('refuses a cut that leaves one side empty', () => {
    const t = task('1', { text: '  只有一句。' });
    expect(canSplit(t, 0)).toBe(false);
    expect(canSplit(t, 2)).toBe(false);
    expect(canSplit(t, t.text.length)).toBe(false);
    expect(canSplit(t, 4)).toBe(true);
    expect(() => splitTask([t], 0, 0)).toThrow(RangeError);
  });
});

describe('add, delete, move, update', () => {
  it('adds an empty task after a row with its path and the next number', () => {
    const out = addTask([task('1'), task('2', { path: SECTION_2 })], 0);
    expect(out.map((t) => t.key)).toEqual(['1', 'new-1', '2']);
    expect(out[1]).toMatchObject({ path: SECTION_1, number: '2', title: '', spans: null });
    expect(addTask([], -1)[0]).toMatchObject({ key: 'new-1', number: '1', path: [] });
    expect(addTask([task('1')], -1).map((t) => t.key)).toEqual(['new-1', '1']);
  });

  it('deletes and moves', () => {
    const tasks = [task('1'), task('2'), task('3')];
    expect(deleteTask(tasks, 1).map((t) => t.key)).toEqual(['1', '3']);
    expect(moveTask(tasks, 0, 2).map((t) => t.key)).toEqual(['2', '3', '1']);
    expect(moveTask(tasks, 2, 0).map((t) => t.key)).toEqual(['3', '1', '2']);
    expect(() => deleteTask(tasks, 3)).toThrow(RangeError);
    expect(() => moveTask(tasks, 0, 3)).toThrow(RangeError);
  });

  it('drops spans only when something read from the source changes', () => {
    const tasks = [task('1', { spans: spansA, lead: ['区审批服务局'] })];
    expect(updateTask(tasks, 0, { number: '9' })[0]!.spans).toEqual(spansA);
    expect(updateTask(tasks, 0, { lead: ['区审批服务局'] })[0]!.spans).toEqual(spansA);
    expect(updateTask(tasks, 0, { lead: ['区行政审批服务局'] })[0]!.spans).toBeNull();
    expect(updateTask(tasks, 0, { title: '新标题' })[0]).toMatchObject({ title: '新标题', spans: null });
  });

  it('makes unique keys', () => {
    expect(uniqueKey([task('new-1'), task('new-3')])).toBe('new-2');
  });
});

describe('renumberTasks', () => {
  it("restarts under each heading and keeps each run's style", () => {
    const tasks = [
      task('a', { number: '1' }),
      task('b', { number: '3' }),
      task('c', { number: '3' }),
      task('d', { path: SECTION_2, number: '一' }),
      task('e', { path: SECTION_2, number: '' }),
    ];
    expect(renumberTasks(tasks).map((t) => t.number)).toEqual(['1', '2', '3', '一', '二']);
    expect(renumberTasks(tasks, 'plan').map((t) => t.number)).toEqual(['1', '2', '3', '4', '5']);
    // Unchanged tasks keep their identity so that memoised rows do not re-render.
    expect(renumberTasks(tasks)[0]).toBe(tasks[0]);
  });
});

describe('findDraftIssues', () => {
  it('points at rows the server would refuse', () => {
    const issues = findDraftIssues([task('1'), task('2', { title: ' ', lead: ['区'] }), task('3', { deadlines: [{ text: '6月底前', date: '2021/06/30' }] })]);
    expect(issues).toEqual([
      { index: 1, field: 'title', message: '任务标题不能为空' },
      { index: 1, field: 'lead', message: '单位名称至少 2 个字' },
      { index: 2, field: 'deadlines', message: '截止时间需填写原文，日期格式为 YYYY-MM-DD' },
    ]);
  });
});
