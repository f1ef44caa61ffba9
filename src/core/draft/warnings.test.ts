import { describe, expect, it } from 'vitest';
import type { DraftTask } from './types.ts';
import { countWarnings, liveWarnings, unitDirectoryWarnings, type DraftWarning } from './warnings.ts';

function task(key: string, lead: string[], responsible: string[] = [], withSpans = false): DraftTask {
  const spans = withSpans ? { task: [0, 40] as [number, number], title: [2, 6] as [number, number], text: [2, 30] as [number, number], deadlines: [], lead: lead.map((_, i) => [30 + i * 5, 34 + i * 5] as [number, number]), responsible: [] } : null;
  return { key, path: [], number: key, title: `任务${key}`, text: '', deadlines: [], lead, responsible, spans };
}

const directory = { names: ['区行政审批服务局', '区教育和体育局', '区财政局'], aliases: ['区审批局'] };

describe('unitDirectoryWarnings', () => {
  it('warns of each name neither a unit nor an alias, suggesting the variant it resembles, with the span of the name', () => {
    const warnings = unitDirectoryWarnings([task('1', ['区审批局', '区行政审批局'], ['区财政局', '区人社局'], true)], directory);
    expect(warnings).toEqual([
      { code: 'unit_not_in_directory', message: '单位“区行政审批局”不在单位名录中，提交后将新建该单位；是否应为“区行政审批服务局”？', taskKey: '1', unit: '区行政审批局', span: [35, 39] },
      { code: 'unit_not_in_directory', message: '单位“区人社局”不在单位名录中，提交后将新建该单位', taskKey: '1', unit: '区人社局' },
    ]);
  });

  it('leaves collective names alone, and says nothing while the directory is empty', () => {
    expect(unitDirectoryWarnings([task('1', ['各镇街', '区直有关部门'])], directory)).toEqual([]);
    expect(unitDirectoryWarnings([task('1', ['区人社局'])], { names: [], aliases: [] })).toEqual([]);
  });
});

describe('liveWarnings', () => {
  const warnings: DraftWarning[] = [
    { code: 'no_task_level', message: '未能判断任务所在层级' },
    { code: 'task_without_unit', message: '第1项任务未写明责任单位', taskKey: '1' },
    { code: 'unit_not_in_directory', message: '…', taskKey: '2', unit: '区人社局' },
    { code: 'long_title', message: '标题过长', taskKey: '3' },
  ];

  it('drops warnings the coordinator has since dealt with', () => {
    expect(liveWarnings(warnings, [task('1', []), task('2', ['区人社局']), task('3', [])])).toEqual(warnings);
    // Task 1 got a unit, task 2's name was corrected, task 3 was deleted.
    expect(liveWarnings(warnings, [task('1', ['区财政局']), task('2', ['区人力资源社会保障局'])]).map((w) => w.code)).toEqual(['no_task_level']);
  });

  it('counts by kind in a fixed order', () => {
    expect(countWarnings([...warnings, warnings[1]!])).toEqual([
      { code: 'no_task_level', label: '未识别出任务层级', count: 1 },
      { code: 'task_without_unit', label: '任务无责任单位', count: 2 },
      { code: 'long_title', label: '标题过长', count: 1 },
      { code: 'unit_not_in_directory', label: '单位不在名录中', count: 1 },
    ]);
  });
});
