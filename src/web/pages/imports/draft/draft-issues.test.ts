import { describe, expect, it } from 'vitest';
import { describeDraftError, readDraftErrors } from './draft-issues.ts';

describe('readDraftErrors', () => {
  it('points at task rows and fields', () => {
    const targets = readDraftErrors([
      { field: 'body.tasks.3.title', message: '任务标题不能为空' },
      { field: 'tasks.10.lead.0', message: '单位名称至少 2 个字' },
      { field: 'document.title', message: '方案标题不能为空' },
      'junk',
      { message: 'no field' },
    ]);
    expect(targets).toEqual([
      { taskIndex: 3, field: 'title', message: '任务标题不能为空' },
      { taskIndex: 10, field: 'lead.0', message: '单位名称至少 2 个字' },
      { taskIndex: null, field: 'document.title', message: '方案标题不能为空' },
    ]);
    expect(readDraftErrors(undefined)).toEqual([]);
  });

  it('describes them in Chinese, counting rows from 1', () => {
    expect(describeDraftError({ taskIndex: 3, field: 'title', message: '任务标题不能为空' })).toBe('第 4 项任务 标题：任务标题不能为空');
    expect(describeDraftError({ taskIndex: null, field: 'document.title', message: '方案标题不能为空' })).toBe('方案信息：方案标题不能为空');
  });
});
