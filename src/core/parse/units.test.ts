import { describe, expect, it } from 'vitest';
import { foldString } from './normalize.ts';
import { findBrackets, findCarryUnits, findInlineLabel, isContactLine, isLabelLine, readUnitClauses, type Range } from './units.ts';
import { looksLikeUnit, splitUnitList } from './unit-names.ts';

/** Reads an annotation written as in a document; names come back as written. */
function read(written: string) {
  const t = foldString(written);
  const r = readUnitClauses(t, 0, t.length);
  const names = (rs: Range[]) => rs.map((x) => written.slice(x.start, x.end));
  return { lead: names(r.lead), responsible: names(r.responsible), times: names(r.times), firstIsLead: r.firstIsLead, roles: r.hasRoleWords };
}

describe('readUnitClauses', () => {
  it.each([
    ['牵头部门：区审批服务局、区市场监管局；责任部门：区医保局', ['区审批服务局', '区市场监管局'], ['区医保局']],
    ['牵头单位:市经贸委;配合单位:市发改委、国土房管局', ['市经贸委'], ['市发改委', '国土房管局']],
    ['牵头单位:镇卫生院,责任单位:各村委会', ['镇卫生院'], ['各村委会']],
    ['牽頭單位：市經貿委；配合單位：市發改委', ['市經貿委'], ['市發改委']],
    ['责任部门：区公安分局、区审批服务局', [], ['区公安分局', '区审批服务局']],
    ['市发改委、市财政局牵头，各区县政府按职责分工负责', ['市发改委', '市财政局'], ['各区县政府']],
    ['省发展改革委牵头负责', ['省发展改革委'], []],
    ['省生长改造委牵头卖力', ['省生长改造委'], []],
    ['镇教育办牵头，镇财政所配合', ['镇教育办'], ['镇财政所']],
    ['市教育局、市民政局、市殘聯等按職責分工負責', [], ['市教育局', '市民政局', '市殘聯等']],
    ['市商务局，市经信委按职责分工负责', [], ['市商务局', '市经信委']],
    ['由市住建局牵头', ['市住建局'], []],
    ['责任单位：市发改委（牵头）、市财政局', ['市发改委'], ['市财政局']],
    ['牵头部门：区审批服务局；责任部门：区直相关部门、各镇（街）政府（办事处）', ['区审批服务局'], ['区直相关部门', '各镇（街）政府（办事处）']],
    ['配合单位：县直有关部门、单位', [], ['县直有关部门、单位']],
    ['能源局等省有关部门和各地级以上市人民政府按职责分工负责', [], ['能源局等省有关部门', '各地级以上市人民政府']],
    ['责任部门：区自然资源局等相关部门和专营单位', [], ['区自然资源局等相关部门和专营单位']],
    ['住房和城乡建设局、市人力资源和社会保障局负责', [], ['住房和城乡建设局', '市人力资源和社会保障局']],
    ['镇交通办及镇财政所和镇建设办', [], ['镇交通办', '镇财政所', '镇建设办']],
  ])('%s', (s, lead, responsible) => {
    const r = read(s);
    expect(r.lead).toEqual(lead);
    expect(r.responsible).toEqual(responsible);
  });

  it('notes the first-listed-leads rule and leaves applying it to the caller', () => {
    const r = read('市发展改革委、市财政局、市统计局等负责，列第一位者为牵头单位，下同');
    expect(r.firstIsLead).toBe(true);
    expect(r.responsible).toEqual(['市发展改革委', '市财政局', '市统计局等']);
  });

  it('separates a time clause from the units', () => {
    expect(read('镇民政办负责，12月底完成')).toMatchObject({ responsible: ['镇民政办'], times: ['12月底完成'] });
    expect(read('牵头单位：市发改委；完成时限：2021年6月底前')).toMatchObject({ lead: ['市发改委'], times: ['2021年6月底前'] });
  });

  it('finds no role words in qualifiers and document numbers', () => {
    for (const s of ['社区', '江府函〔2017〕200号', '居民身份证电子信息、电子营业执照', '以下简称在线平台']) {
      expect(read(s).roles).toBe(false);
    }
  });

  it('reads labels written in lenticular brackets', () => {
    expect(read('【牵头单位】市发改委【责任单位】市财政局、市统计局【完成时限】2021年底')).toMatchObject({
      lead: ['市发改委'],
      responsible: ['市财政局', '市统计局'],
      times: ['2021年底'],
    });
  });

  it('ignores 牵头领导 (a person)', () => {
    expect(read('牵头领导：张三；牵头单位：市发改委')).toMatchObject({ lead: ['市发改委'], responsible: [] });
  });
});

describe('unit names', () => {
  it('keeps 、 inside a name when a generic word follows alone', () => {
    const s = '市直有关部门、单位、各县区政府';
    expect(splitUnitList(s, 0, s.length).map((r) => s.slice(r.start, r.end))).toEqual(['市直有关部门、单位', '各县区政府']);
  });

  it('tells unit names from qualifiers', () => {
    expect(['市发改委', '各镇（街）政府（办事处）', '区政府办公室', '国网临江供电公司'].every(looksLikeUnit)).toBe(true);
    expect(['社区', '街道', '电子营业执照', '2021年'].some(looksLikeUnit)).toBe(false);
  });
});

describe('brackets, labels and rules', () => {
  it('finds top-level brackets of every shape, nested ones inside', () => {
    const s = foldString('甲（乙（丙）丁）戊〔2021〕[己]【庚】');
    expect(findBrackets(s, 0, s.length).map((r) => s.slice(r.start, r.end))).toEqual(['(乙(丙)丁)', '〔2021〕', '[己]', '【庚】']);
  });

  it('recognises label and contact lines', () => {
    const yes = ['牵头部门:市发改委', '配合单位：市财政局', '责任单位:市市场监督管理局', '完成时限：2021年6月底', '时限要求：持续推进'];
    for (const s of yes) expect(isLabelLine(foldString(s), 0, s.length)).toBe(true);
    expect(isLabelLine('联 系 人:孙学明', 0, 9)).toBe(false);
    expect(isContactLine('联 系 人:孙学明', 0, 9)).toBe(true);
    expect(isContactLine('联系电话:3236601', 0, 12)).toBe(true);
  });

  it('finds labels written inline after the text', () => {
    const s = foldString('加强组织领导。牵头单位：市发改委；责任单位：市财政局');
    expect(findInlineLabel(s, 0, s.length, [])).toBe(7);
  });

  it('reads a rule that names units for every later task', () => {
    const s = '以下任务各村（社区）均需落实，不再一一列出。';
    const t = foldString(s);
    expect(findCarryUnits(t, 0, t.length).map((r) => s.slice(r.start, r.end))).toEqual(['各村（社区）']);
  });
});
