import { describe, expect, it } from 'vitest';
import type { DraftTask } from '#web/api/types.ts';
import { describeReread, formName, hasChoice, lineAt, taskToShow, withoutTaskStart, withTaskLevel, withTaskStart } from './reading.ts';

describe('lineAt', () => {
  const source = '一、总体\n（一）建设平台\n1．推行网办';
  it('finds the line that holds an offset, with its number', () => {
    expect(lineAt(source, 0)).toEqual({ start: 0, end: 4, number: 1 });
    expect(lineAt(source, source.indexOf('平台'))).toEqual({ start: 5, end: 12, number: 2 });
    // On the line break itself: the line it ends.
    expect(lineAt(source, 4)).toEqual({ start: 0, end: 4, number: 1 });
    expect(lineAt(source, source.length)).toEqual({ start: 13, end: source.length, number: 3 });
    expect(source.slice(13, source.length)).toBe('1．推行网办');
  });
});

describe('the structure choice', () => {
  it('adds and removes marked lines, each once and in order, keeping the level', () => {
    const a = withTaskStart(withTaskStart(withTaskLevel({}, 'cn-paren'), 40), 12);
    expect(a).toEqual({ taskLevel: 'cn-paren', taskStarts: [12, 40] });
    expect(withTaskStart(a, 12)).toEqual(a);
    expect(withoutTaskStart(a, 12)).toEqual({ taskLevel: 'cn-paren', taskStarts: [40] });
    expect(withoutTaskStart(withoutTaskStart(a, 12), 40)).toEqual({ taskLevel: 'cn-paren' });
    expect(hasChoice({})).toBe(false);
    expect(hasChoice({ taskStarts: [] })).toBe(false);
    expect(hasChoice(a)).toBe(true);
  });

  it('names forms as plans write them, and falls back to the document\'s own marker', () => {
    expect(formName({ form: 'cn-paren', example: '(一)', depth: 1, count: 3, isTaskLevel: true })).toBe('（一）');
    expect(formName({ form: 'roman', example: 'Ⅱ.', depth: 1, count: 3, isTaskLevel: false })).toBe('Ⅱ.');
  });
});

describe('describeReread', () => {
  it('says what was re-read and kept, and warns when hand edits were replaced', () => {
    expect(describeReread({ tasks: 12, region: [[0, 9]], reread: 4, keptEdits: 2, keptAdded: 1, droppedEdits: 0 })).toEqual({
      text: '已重新识别：共 12 项任务，其中 4 项按新结构读出；保留手工修改 2 项，保留手工新增 1 项',
      isWarning: false,
    });
    expect(describeReread({ tasks: 3, region: [], reread: 0, keptEdits: 0, keptAdded: 0, droppedEdits: 0 }).text).toBe('已重新识别：共 3 项任务，任务划分未变');
    const d = describeReread({ tasks: 5, region: [[3, 9]], reread: 2, keptEdits: 0, keptAdded: 0, droppedEdits: 1 });
    expect(d.isWarning).toBe(true);
    expect(d.text).toContain('1 项手工修改位于重新识别的范围内');
  });
});

describe('taskToShow', () => {
  const task = (key: string, span: [number, number] | null): DraftTask => ({
    key, path: [], number: '', title: key, text: '', deadlines: [], lead: [], responsible: [],
    spans: span && { task: span, title: span, text: span, deadlines: [], lead: [], responsible: [] },
  });
  const tasks = [task('a', [0, 10]), task('added', null), task('b', [10, 20]), task('c', [20, 30])];
  it('shows the task of the marked line, else the first one read anew', () => {
    expect(taskToShow(tasks, [[10, 30]], 22)).toBe('c');
    expect(taskToShow(tasks, [[10, 30]])).toBe('b');
    expect(taskToShow(tasks, [])).toBeNull();
  });
});
