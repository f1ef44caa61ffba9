/**
 * One focused test per convention of Chinese government plans the reader handles (issue 10), each on
 * a short text written for the test. conventions.test.ts holds the older ones.
 */
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index.ts';
import type { ParsedPlan, ParsedTask } from './types.ts';

const row = (t: ParsedTask) => [t.path.join('/'), t.number, t.title, t.lead, t.responsible, t.deadlines.map((d) => `${d.text}=${d.date ?? ''}`)];
const read = (text: string) => parsePlan(text, { fileName: 'plan-2024.txt' });
const rows = (text: string) => read(text).tasks.map(row);

/** Every field's span covers exactly the field, so the reviewer's highlight is right. */
function expectSpans(plan: ParsedPlan): void {
  for (const t of plan.tasks) {
    expect(plan.source.slice(...t.spans.title)).toBe(t.title);
    t.lead.forEach((u, i) => expect(plan.source.slice(...(t.spans.lead[i] ?? [0, 0]))).toBe(u));
    t.responsible.forEach((u, i) => expect(plan.source.slice(...(t.spans.responsible[i] ?? [0, 0]))).toBe(u));
    t.deadlines.forEach((d, i) => expect(plan.source.slice(...(t.spans.deadlines[i] ?? [0, 0]))).toBe(d.text));
  }
}

const TWO_TASKS = [
  ['一、改善营商环境', '1', '精简审批材料', ['区审批局'], [], []],
  ['一、改善营商环境', '2', '推行容缺受理', ['区政务中心'], [], []],
];

describe('numbering grammar', () => {
  it.each([
    ['1 .', '1 .精简审批材料。（牵头单位：区审批局）\n2 .推行容缺受理。（牵头单位：区政务中心）'],
    ['1* .', '1* .精简审批材料。（牵头单位：区审批局）\n2* .推行容缺受理。（牵头单位：区政务中心）'],
    ['1 、', '1 、精简审批材料。（牵头单位：区审批局）\n2 、推行容缺受理。（牵头单位：区政务中心）'],
    ['①', '①精简审批材料。（牵头单位：区审批局）\n②推行容缺受理。（牵头单位：区政务中心）'],
    ['（1）', '（1）精简审批材料。（牵头单位：区审批局）\n（2）推行容缺受理。（牵头单位：区政务中心）'],
  ])('reads items marked %s', (_, items) => {
    expect(rows(`一、改善营商环境\n${items}`)).toEqual(TWO_TASKS);
  });

  it('reads 第一条 with or without a space after it', () => {
    const got = rows('一、改善营商环境\n第一条精简审批材料。（牵头单位：区审批局）\n第二条 推行容缺受理。（牵头单位：区政务中心）');
    expect(got.map((r) => r[1])).toEqual(['一', '二']);
    expect(read('第一条精简材料。').structure.levels[0]?.form).toBe('article');
  });

  it('reads headings with a bare numeral glued to their words, but not a word that starts with one', () => {
    const plan = read('一养老服务方面\n1.新建日间照料中心。（牵头单位：区民政局）\n二托育服务方面\n1.新增托位。（牵头单位：区卫健局）\n一网通办事项\n2.推进材料减免。（牵头单位：区审批局）');
    expect(plan.tasks.map((t) => t.path)).toEqual([['一养老服务方面'], ['二托育服务方面'], ['二托育服务方面']]);
    expect(plan.structure.levels[0]).toMatchObject({ form: 'cn-bare', example: '一', count: 2 });
  });

  it('keeps a number running across sections under the right heading', () => {
    const got = rows('（一）养老\n1.新建照料中心。（牵头单位：区民政局）\n（二）托育\n2.新增托位。（牵头单位：区卫健局）\n3.培训保育人员。（牵头单位：区人社局）');
    expect(got.map((r) => [r[0], r[1]])).toEqual([['（一）养老', '1'], ['（二）托育', '2'], ['（二）托育', '3']]);
  });
});

describe('broken copies', () => {
  it('reads ?? left by full-width spaces as spaces', () => {
    expect(rows('??一、改善营商环境\n??1．精简审批材料。（牵头单位：区审批局）\n??2．推行容缺受理。（牵头单位：??区政务中心）')).toEqual(TWO_TASKS);
  });

  it('skips web-page chrome: breadcrumb, metadata block, buttons and footer', () => {
    const plan = read([
      '首页 > 政务公开 > 政策文件',
      '索引号：001/2024-01 | 发布机构：某区人民政府办公室',
      '【字体：大 中 小】【打印】',
      '一、改善营商环境',
      '1．精简审批材料。（牵头单位：区审批局）',
      '2．推行容缺受理。（牵头单位：区政务中心）',
      '【打印本页】【关闭窗口】',
      '主办单位：某区人民政府办公室  网站标识码：1234567890',
    ].join('\n'));
    expect(plan.tasks.map(row)).toEqual(TWO_TASKS);
    expect(plan.tasks[1]?.text).toBe('推行容缺受理。');
  });

  it('reads a plan whose line breaks were all lost, with spans into the text as received', () => {
    const flat = '某区2024年工作方案一、改善营商环境1．精简审批材料。（牵头单位：区审批局）2．推行容缺受理。（牵头单位：区政务中心）二、降低要素成本1．落实减税降费。（牵头单位：区税务局）';
    const plan = read(flat);
    expect(plan.source).toBe(flat);
    expect(plan.tasks.map(row)).toEqual([...TWO_TASKS, ['二、降低要素成本', '1', '落实减税降费', ['区税务局'], [], []]]);
    expectSpans(plan);
  });

  it('does not break a sentence at a word that merely starts with a numeral', () => {
    const got = rows('一、改善营商环境\n1．推行统一、规范的办事指南，实现标准一致。（牵头单位：区审批局）');
    expect(got.map((r) => r[2])).toEqual(['推行统一、规范的办事指南，实现标准一致']);
  });

  it('reads traditional script with half-width punctuation', () => {
    expect(rows('一、改善營商環境\n1.精簡審批材料。(牽頭單位:區審批局)').map((r) => [r[2], r[3]])).toEqual([['精簡審批材料', ['區審批局']]]);
  });
});

describe('inline enumerations', () => {
  it.each([
    ['一是', '一是精简审批材料。（牵头单位：区审批局）二是推行容缺受理。（牵头单位：区政务中心）', ['一', '二']],
    ['（1）', '（1）精简审批材料。（牵头单位：区审批局）（2）推行容缺受理。（牵头单位：区政务中心）', ['1', '2']],
  ])('splits %s items written in one paragraph after their unit brackets', (_, para, numbers) => {
    const got = rows(`一、改善营商环境\n${para}`);
    expect(got.map((r) => [r[1], r[3]])).toEqual([[numbers[0], ['区审批局']], [numbers[1], ['区政务中心']]]);
  });
});

describe('flattened tables', () => {
  it('reads a table separated by runs of spaces, placing cells when an empty one vanished', () => {
    const plan = read('序号  重点任务  具体措施  牵头单位  责任单位  完成时限\n1  审批改革  精简审批材料  区审批局  区住建局、区自然资源局  2024年6月底前\n2  推行容缺受理  区政务中心  长期坚持');
    expect(plan.tasks.map(row)).toEqual([
      ['审批改革', '1', '精简审批材料', ['区审批局'], ['区住建局', '区自然资源局'], ['2024年6月底前=2024-06-30']],
      ['审批改革', '2', '推行容缺受理', ['区政务中心'], [], ['长期坚持=']],
    ]);
    expectSpans(plan);
  });

  it('reads a table flattened to one cell per line, a blank line being an empty merged cell', () => {
    const plan = read(['序号', '重点任务', '具体措施', '牵头单位', '完成时限', '1', '审批改革', '精简审批材料', '区审批局', '9月底前', '2', '', '推行容缺受理', '区政务中心', '年内'].join('\n'));
    expect(plan.tasks.map(row)).toEqual([
      ['审批改革', '1', '精简审批材料', ['区审批局'], [], ['9月底前=2024-09-30']],
      ['审批改革', '2', '推行容缺受理', ['区政务中心'], [], ['年内=2024-12-31']],
    ]);
    expectSpans(plan);
  });
});

describe('units', () => {
  it('reads 由X牵头，Y配合 and X负责 written as the item\'s last clauses, and cuts them from the text', () => {
    const plan = read('一、改善营商环境\n1．精简审批材料，由区审批局牵头，区住建局配合。\n2．推行容缺受理，区政务中心负责。');
    expect(plan.tasks.map((t) => [t.title, t.lead, t.responsible])).toEqual([
      ['精简审批材料', ['区审批局'], ['区住建局']],
      ['推行容缺受理', [], ['区政务中心']],
    ]);
    expect(plan.tasks[0]?.text).toBe('精简审批材料');
    expectSpans(plan);
  });

  it('keeps a last clause that has a role verb but names no unit', () => {
    expect(read('一、改善营商环境\n1．各地要抓好落实。').tasks[0]?.responsible).toEqual([]);
  });

  it.each(['（排在第一位的为牵头单位）', '第一责任单位为牵头单位。', '（各项任务中，列首位的为牵头单位，其余为责任单位）'])(
    'applies the first-unit-leads rule %s to lists without a lead label',
    (rule) => {
      const plan = read(`${rule}\n一、改善营商环境\n1．精简审批材料。（责任单位：区审批局、区住建局）`);
      expect(plan.tasks.map((t) => [t.title, t.lead, t.responsible])).toEqual([['精简审批材料', ['区审批局'], ['区住建局']]]);
    },
  );

  it('reads a bare unit list followed by a time bracket', () => {
    const plan = read('排在第一位的为牵头单位。\n一、改善营商环境\n1．精简审批材料。（区审批局、区住建局）（完成时限：9月底前）');
    expect(plan.tasks.map(row)).toEqual([['一、改善营商环境', '1', '精简审批材料', ['区审批局'], ['区住建局'], ['9月底前=2024-09-30']]]);
  });

  it('keeps items that name units under a section whose name has 保障 in it', () => {
    const got = rows('一、强化要素保障\n（一）保障项目用地。（牵头单位：区自然资源局）\n1．推行标准地出让。\n2．盘活闲置土地。\n二、保障措施\n（一）加强组织领导。');
    expect(got.map((r) => [r[2], r[3]])).toEqual([['推行标准地出让', ['区自然资源局']], ['盘活闲置土地', ['区自然资源局']]]);
  });
});

describe('deadlines', () => {
  it.each([
    ['年内完成', '年内', '2024-12-31'],
    ['今年内完成', '今年内', '2024-12-31'],
    ['2023—2025年分步实施', '2023—2025年', '2025-12-31'],
    ['2024年6月底前完成', '2024年6月底前', '2024-06-30'],
  ])('reads %s', (phrase, text, date) => {
    expect(read(`1．精简审批材料，${phrase}。`).tasks[0]?.deadlines).toEqual([{ text, date }]);
  });

  it.each(['三年内完成', '1年内完成', '全年完成'])('takes no deadline from the duration or span %s', (phrase) => {
    expect(read(`1．精简审批材料，${phrase}。`).tasks[0]?.deadlines).toEqual([]);
  });

  it('reads a trailing 完成时限 bracket, open-ended values included', () => {
    const got = rows('一、改善营商环境\n1．精简审批材料。（牵头单位：区审批局）（完成时限：长期坚持）\n2．推行容缺受理。（牵头单位：区政务中心；完成时限：2024年9月底前）');
    expect(got.map((r) => r[5])).toEqual([['长期坚持='], ['2024年9月底前=2024-09-30']]);
  });
});
