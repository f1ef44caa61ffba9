import { describe, expect, it } from 'vitest';
import { aliasReason, isCollectiveName, suggestAliases } from './aliases.ts';

describe('aliasReason', () => {
  it.each([
    ['区审批服务局', '区行政审批服务局', 'abbreviation'],
    ['区交运局', '区交通运输局', 'abbreviation'],
    ['区文旅局', '区文化和旅游局', 'abbreviation'],
    ['区国资中心', '区国资服务中心', 'abbreviation'],
    ['区直相关部门', '区直各相关部门', 'abbreviation'],
    ['区住房公积金管理部', '区住房公积金管理中心', 'suffix'],
  ])('%s ~ %s', (a, b, reason) => {
    expect(aliasReason(a, b)).toBe(reason);
  });

  it.each([
    ['区医保局', '市医保局'],
    ['区税务局', '区财政局'],
    ['区公安分局', '区司法局'],
    ['区法院', '区检察院'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(aliasReason(a, b)).toBeNull();
  });
});

describe('isCollectiveName', () => {
  it.each(['区直各相关部门', '各镇（街）政府（办事处）', '区直有关部门', '市直有关部门、单位', '各镇街'])('%s is collective', (n) => {
    expect(isCollectiveName(n)).toBe(true);
  });
  it.each(['区审批服务局', '区人力资源社会保障局', '区法院'])('%s is one unit', (n) => {
    expect(isCollectiveName(n)).toBe(false);
  });
});

describe('suggestAliases', () => {
  it('points each variant at the longer name and compares collective names only with each other', () => {
    const units = ['区行政审批服务局', '区审批服务局', '区直相关部门', '区直各相关部门', '区医保局', '区税务局'].map((name, id) => ({ id, name }));
    const s = suggestAliases(units).map((x) => `${x.unitName}→${x.targetName}`);
    expect(s).toEqual(expect.arrayContaining(['区审批服务局→区行政审批服务局', '区直相关部门→区直各相关部门']));
    expect(s).toHaveLength(2);
  });
});
