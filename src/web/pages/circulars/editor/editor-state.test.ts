import { describe, expect, it } from 'vitest';
import type { CircularBlocks } from '#web/api/circulars.ts';
import { changesOf, fieldsProblem, type CircularFields } from './editor-state.ts';

const blocks: CircularBlocks = {
  addressee: '各单位：',
  intro: '现将第1期调度情况通报如下。',
  overall: '总体进展。',
  sections: '各领域。',
  overdue: '逾期。',
  ranking: '排名。',
  goodPractices: '做法。',
  nextSteps: '下一步。',
};
const saved: CircularFields = { title: '第1期调度通报', docNumber: '第1期', issuer: '区营商办', blocks };

describe('changesOf', () => {
  it('is null when nothing changed, whitespace around the head aside', () => {
    expect(changesOf(saved, { ...saved, blocks: { ...blocks } })).toBeNull();
    expect(changesOf(saved, { ...saved, title: ' 第1期调度通报 ' })).toBeNull();
  });
  it('sends only the changed blocks and head fields', () => {
    const edited = { ...saved, title: '第1期调度情况通报', blocks: { ...blocks, nextSteps: '下一步：加快推进。' } };
    expect(changesOf(saved, edited)).toEqual({ title: '第1期调度情况通报', blocks: { nextSteps: '下一步：加快推进。' } });
  });
  it('sends an emptied 文号 as null', () => {
    expect(changesOf(saved, { ...saved, docNumber: '  ' })).toEqual({ docNumber: null });
  });
});

describe('fieldsProblem', () => {
  it('asks for a title and an issuer', () => {
    expect(fieldsProblem(saved)).toBeNull();
    expect(fieldsProblem({ ...saved, title: ' ' })).toBe('请填写通报标题');
    expect(fieldsProblem({ ...saved, issuer: '' })).toBe('请填写发文机关');
  });
});
