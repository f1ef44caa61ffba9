import { describe, expect, it } from 'vitest';
import { highlight, locateTask, occurrences, taskMarks, type Mark } from './highlight.ts';

const join = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

describe('highlight', () => {
  it('returns the whole text unmarked when there are no marks', () => {
    expect(highlight('全面应用电子证照', [])).toEqual([{ text: '全面应用电子证照', start: 0, end: 8, kinds: [] }]);
    expect(highlight('', [])).toEqual([]);
  });

  it('cuts at mark boundaries and keeps the text intact', () => {
    const text = '8月底前，实现电子证照互认。（牵头部门：区审批服务局）';
    const marks: Mark[] = [
      { start: 0, end: 4, kind: 'deadline' },
      { start: 20, end: 26, kind: 'lead' },
    ];
    const segments = highlight(text, marks);
    expect(join(segments)).toBe(text);
    expect(segments.map((s) => [s.text, s.kinds])).toEqual([
      ['8月底前', ['deadline']],
      ['，实现电子证照互认。（牵头部门：', []],
      ['区审批服务局', ['lead']],
      ['）', []],
    ]);
  });

  it('carries every kind over overlapping marks, in mark order', () => {
    const segments = highlight('按照省市部署，6月底前完成', [
      { start: 7, end: 11, kind: 'deadline' },
      { start: 0, end: 13, kind: 'title' },
    ]);
    expect(segments.map((s) => [s.text, s.kinds])).toEqual([
      ['按照省市部署，', ['title']],
      ['6月底前', ['deadline', 'title']],
      ['完成', ['title']],
    ]);
  });

  it('clamps marks to the text, drops empty ones and merges equal neighbours', () => {
    const segments = highlight('abcdef', [
      { start: -5, end: 2, kind: 'a' },
      { start: 2, end: 4, kind: 'a' },
      { start: 4, end: 4, kind: 'b' },
      { start: 5, end: 99, kind: 'c' },
      { start: 3, end: 1, kind: 'd' },
    ]);
    expect(segments.map((s) => [s.text, s.kinds, s.start, s.end])).toEqual([
      ['abcd', ['a'], 0, 4],
      ['e', [], 4, 5],
      ['f', ['c'], 5, 6],
    ]);
  });

  it('never loses or duplicates characters on random marks', () => {
    const text = '一二三四五六七八九十甲乙丙丁';
    for (let round = 0; round < 200; round++) {
      const marks: Mark[] = Array.from({ length: 4 }, (_, i) => {
        const a = Math.floor(Math.random() * 20) - 3;
        return { start: a, end: a + Math.floor(Math.random() * 8), kind: `k${i % 2}` };
      });
      const segments = highlight(text, marks);
      expect(join(segments)).toBe(text);
      segments.forEach((s, i) => i > 0 && expect(s.start).toBe(segments[i - 1]!.end));
    }
  });
});

describe('taskMarks', () => {
  it('shifts spans into the shown paragraph', () => {
    const marks = taskMarks({ task: [100, 140], title: [102, 110], deadlines: [[112, 116]], lead: [[130, 136]], responsible: [] }, 100);
    expect(marks).toEqual([
      { start: 12, end: 16, kind: 'deadline' },
      { start: 30, end: 36, kind: 'lead' },
      { start: 2, end: 10, kind: 'title' },
    ]);
  });
});

describe('locateTask', () => {
  const source = '一、开办企业\n1.推行一网通办。6月底前实现全程网办。（牵头部门：区审批服务局；责任部门：区税务局）\n2.下一项。\n';
  it('finds a hand-edited task by its title and marks its phrases', () => {
    const marks = locateTask(source, {
      title: '推行一网通办',
      text: '推行一网通办。6月底前实现全程网办。',
      deadlines: [{ text: '6月底前' }],
      lead: ['区审批服务局'],
      responsible: ['区税务局'],
    });
    expect(marks).not.toBeNull();
    const byKind = Object.fromEntries(marks!.map((m) => [m.kind, source.slice(m.start, m.end)]));
    expect(byKind).toEqual({
      deadline: '6月底前',
      lead: '区审批服务局',
      responsible: '区税务局',
      title: '推行一网通办',
      task: '推行一网通办。6月底前实现全程网办。（牵头部门：区审批服务局；责任部门：区税务局）',
    });
  });

  it('gives up when the title is not in the source', () => {
    expect(locateTask(source, { title: '全新任务标题', text: '', deadlines: [], lead: [], responsible: [] })).toBeNull();
    expect(locateTask(source, { title: '', text: '', deadlines: [], lead: [], responsible: [] })).toBeNull();
  });
});

describe('occurrences', () => {
  it('marks every hit of a search term', () => {
    expect(occurrences('证照互认，证照共享', '证照', 'hit')).toEqual([
      { start: 0, end: 2, kind: 'hit' },
      { start: 5, end: 7, kind: 'hit' },
    ]);
    expect(occurrences('aaa', 'aa', 'hit')).toHaveLength(1);
    expect(occurrences('abc', ' ', 'hit')).toEqual([]);
  });
});
