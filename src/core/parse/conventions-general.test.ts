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
    const plan = read(
      '一养老服务方面\n1.新建日间照料中心。（牵头单位：区民政局）\n二托育服务方面\n1.新增托位。（牵头单位：区卫健局）\n一网通办事项\n2.推进材料减免。（牵头单位：区审批局）',
    );
    expect(plan.tasks.map((t) => t.path)).toEqual([['一养老服务方面'], ['二托育服务方面'], ['二托育服务方面']]);
    expect(plan.structure.levels[0]).toMatchObject({ form: 'cn-bare', example: '一', count: 2 });
  });

  it('keeps a number running across sections under the right heading', () => {
    const got = rows(
      '（一）养老\n1.新建照料中心。（牵头单位：区民政局）\n（二）托育\n2.新增托位。（牵头单位：区卫健局）\n3.培训保育人员。（牵头单位：区人社局）',
    );
    expect(got.map((r) => [r[0], r[1]])).toEqual([
      ['（一）养老', '1'],
      ['（二）托育', '2'],
      ['（二）托育', '3'],
    ]);
  });
});

describe('broken copies', () => {
  it('reads ?? left by full-width spaces as spaces', () => {
    expect(rows('??一、改善营商环境\n??1．精简审批材料。（牵头单位：区审批局）\n??2．推行容缺受理。（牵头单位：??区政务中心）')).toEqual(TWO_TASKS);
  });

  it('skips web-page chrome: breadcrumb, metadata block, buttons and footer', () => {
    const plan = read(
      [
        '首页 > 政务公开 > 政策文件',
        '索引号：001/2024-01 | 发布机构：某区人民政府办公室',
        '【字体：大 中 小】【打印】',
        '一、改善营商环境',
        '1．精简审批材料。（牵头单位：区审批局）',
        '2．推行容缺受理。（牵头单位：区政务中心）',
        '【打印本页】【关闭窗口】',
        '主办单位：某区人民政府办公室  网站标识码：1234567890',
      ].join('\n'),
    );
    expect(plan.tasks.map(row)).toEqual(TWO_TASKS);
    expect(plan.tasks[1]?.text).toBe('推行容缺受理。');
  });

  it('reads a plan whose line breaks were all lost, with spans into the text as received', () => {
    const flat =
      '某区2024年工作方案一、改善营商环境1．精简审批材料。（牵头单位：区审批局）2．推行容缺受理。（牵头单位：区政务中心）二、降低要素成本1．落实减税降费。（牵头单位：区税务局）';
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
    expect(got.map((r) => [r[1], r[3]])).toEqual([
      [numbers[0], ['区审批局']],
      [numbers[1], ['区政务中心']],
    ]);
  });
});

describe('flattened tables', () => {
  it('reads a table separated by runs of spaces, placing cells when an empty one vanished', () => {
    const plan = read(
      '序号  重点任务  具体措施  牵头单位  责任单位  完成时限\n1  审批改革  精简审批材料  区审批局  区住建局、区自然资源局  2024年6月底前\n2  推行容缺受理  区政务中心  长期坚持',
    );
    expect(plan.tasks.map(row)).toEqual([
      ['审批改革', '1', '精简审批材料', ['区审批局'], ['区住建局', '区自然资源局'], ['2024年6月底前=2024-06-30']],
      ['审批改革', '2', '推行容缺受理', ['区政务中心'], [], ['长期坚持=']],
    ]);
    expectSpans(plan);
  });

  it('reads a table flattened to one cell per line, a blank line being an empty merged cell', () => {
    const plan = read(
      [
        '序号',
        '重点任务',
        '具体措施',
        '牵头单位',
        '完成时限',
        '1',
        '审批改革',
        '精简审批材料',
        '区审批局',
        '9月底前',
        '2',
        '',
        '推行容缺受理',
        '区政务中心',
        '年内',
      ].join('\n'),
    );
    expect(plan.tasks.map(row)).toEqual([
      ['审批改革', '1', '精简审批材料', ['区审批局'], [], ['9月底前=2024-09-30']],
      ['审批改革', '2', '推行容缺受理', ['区政务中心'], [], ['年内=2024-12-31']],
    ]);
    expectSpans(plan);
  });
});

describe('units', () => {
  it("reads 由X牵头，Y配合 and X负责 written as the item's last clauses, and cuts them from the text", () => {
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
    const got = rows(
      '一、强化要素保障\n（一）保障项目用地。（牵头单位：区自然资源局）\n1．推行标准地出让。\n2．盘活闲置土地。\n二、保障措施\n（一）加强组织领导。',
    );
    expect(got.map((r) => [r[2], r[3]])).toEqual([
      ['推行标准地出让', ['区自然资源局']],
      ['盘活闲置土地', ['区自然资源局']],
    ]);
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
    const got = rows(
      '一、改善营商环境\n1．精简审批材料。（牵头单位：区审批局）（完成时限：长期坚持）\n2．推行容缺受理。（牵头单位：区政务中心；完成时限：2024年9月底前）',
    );
    expect(got.map((r) => r[5])).toEqual([['长期坚持='], ['2024年9月底前=2024-09-30']]);
  });
});

describe('hard line breaks', () => {
  it('joins a unit bracket and a deadline split by fixed-width wraps', () => {
    const plan = read(
      '　　一、强化隐患整治。各街道开展排查，202\n4年9月底前完成。（牵头单位：区住\n建局；责任单位：区消防救援大队、各街道办\n事处）\n　　二、加强宣传培训。开展进社区活动。（区委宣传部、区教育局负责，排在第\n一位的为牵头单位）\n　　三、落实值守制度。严格执行值班制度。（区应急管理局负责）',
    );
    const squash = (s: string) => s.replace(/\s/g, '');
    expect(plan.tasks.map((t) => [t.number, t.lead.map(squash), t.responsible.map(squash), t.deadlines.map((d) => d.date)])).toEqual([
      ['一', ['区住建局'], ['区消防救援大队', '各街道办事处'], ['2024-09-30']],
      ['二', ['区委宣传部'], ['区教育局'], []],
      // The rule stated inside task 二's bracket is that task's alone.
      ['三', [], ['区应急管理局'], []],
    ]);
    expectSpans(plan);
  });

  it('tells a wrapped first line from a title line by the indent of the line after it', () => {
    const wrapped = read('一、优化服务\n　　1．推行一网通办与数\n据共享。完成建设。（牵头单位：区政务中心）');
    expect(wrapped.tasks[0]?.title).toBe('推行一网通办与数\n据共享');
    const titled = read('一、优化服务\n　　1．推行一网通办\n　　依托平台实现数据共享。（牵头单位：区政务中心）');
    expect(titled.tasks[0]?.title).toBe('推行一网通办');
  });

  it('goes on with an indented item after a full stop when the next line has no indent', () => {
    const plan = read('一、市场监管\n　　1．推进监管。对照清单核查数据，提高录入质量。\n协调推进线索的接收、推\n送。（牵头单位：区政府办公室）');
    expect(plan.tasks.map((t) => t.lead)).toEqual([['区政府办公室']]);
  });
});

describe('more inline enumerations and tables', () => {
  it('reads 一是…二是… after a lead-in under a heading, and in a wrapped paragraph', () => {
    const lead = rows('一、改善营商环境\n　　重点做好以下工作：一是精简审批材料。（牵头单位：区审批局）二是推行容缺受理。（牵头单位：区政务中心）');
    expect(lead.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['一、改善营商环境', '一', ['区审批局']],
      ['一、改善营商环境', '二', ['区政务中心']],
    ]);
    const wrapped = rows('一、改善营商环境\n　　一是精简审批材料。完成系统\n建设。（牵头单位：区审批局）二是推行容缺受理。（牵头单位：区政务中心）');
    expect(wrapped.map((r) => r[3])).toEqual([['区审批局'], ['区政务中心']]);
  });

  it('ends a table row at its line: a note after the table is not its text', () => {
    const plan = read('序号\t工作任务\t具体措施\t牵头单位\n1\t审批改革\t精简审批材料。\t区审批局\n注：排在第一位的为牵头单位。');
    expect(plan.tasks[0]?.text).toBe('精简审批材料。');
  });

  it('reads a traditional header, a recurring schedule in the time column and a deadline in both cells', () => {
    const plan = read(
      '序號  工作任務  具體舉措  牽頭單位  配合單位  完成時限\n1  夜間經濟  舉辦夜市，年內辦10場。  市商務局  各區人民政府  每季度\n2  夜間經濟  延長開放時間，年內完成。  市文旅局  市公安局  2024年12月底前',
    );
    expect(plan.tasks.map((t) => t.deadlines)).toEqual([
      [
        { text: '年內', date: '2024-12-31' },
        { text: '每季度', date: null },
      ],
      [
        { text: '年內', date: '2024-12-31' },
        { text: '2024年12月底前', date: '2024-12-31' },
      ],
    ]);
    expect(plan.tasks.map((t) => [t.lead, t.responsible])).toEqual([
      [['市商務局'], ['各區人民政府']],
      [['市文旅局'], ['市公安局']],
    ]);
  });

  it('reads an open-ended last clause as the schedule', () => {
    expect(read('1．推动两网融合，持续推进。（牵头单位：市商务局）').tasks[0]?.deadlines).toEqual([{ text: '持续推进', date: null }]);
    expect(read('1．持续推进两网融合。（牵头单位：市商务局）').tasks[0]?.deadlines).toEqual([]);
  });

  it('skips a page footer whose keys lost the spaces between them', () => {
    const plan = read(
      '一、优化服务\n1．推行网办。（牵头单位：区政务中心）\n二、保障措施\n1．加强组织领导。各单位要高度重视。\n主办单位：区人民政府办公室网站标识码：3704060001',
    );
    expect(plan.tasks.map((t) => t.title)).toEqual(['推行网办']);
  });
});

describe('lists after lead-ins, notes and footers', () => {
  it('reads a ① list after a lead-in under a title line, each item with its units', () => {
    const got = rows(
      '一、改善营商环境\n　　1.推进审批提速\n　　主要做好以下工作：①精简审批材料。（牵头单位：区审批局）②推行容缺受理。（牵头单位：区政务中心）',
    );
    expect(got.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['一、改善营商环境/1.推进审批提速', '1', ['区审批局']],
      ['一、改善营商环境/1.推进审批提速', '2', ['区政务中心']],
    ]);
  });

  it('keeps an item whole when it holds its own （1）（2）（3） list', () => {
    const plan = read(
      '一、重点任务\n（1）完善体系。（牵头单位：区民政局）\n（2）提升服务。重点做好以下工作：（1）建设服务站；（2）推行一窗通办；（3）开展培训。（牵头单位：区民政局）\n（3）推进养老。（牵头单位：区卫健局）',
    );
    expect(plan.tasks.map((t) => [t.number, t.lead])).toEqual([
      ['1', ['区民政局']],
      ['2', ['区民政局']],
      ['3', ['区卫健局']],
    ]);
    expect(plan.tasks[1]?.text).toContain('（3）开展培训。');
  });

  it('ends a task at a note or a page footer line', () => {
    const plan = read(
      '一、改善营商环境\n　　1．精简审批材料。（牵头单位：区审批局）\n注：列第一位者为牵头单位。\n　　2．推行容缺受理。（牵头单位：区政务中心）\n【打印本页】【关闭窗口】\n上一篇：关于做好安全生产工作的通知\n地址：人民路1号　　电话：0000-1234567',
    );
    expect(plan.tasks.map((t) => t.text)).toEqual(['精简审批材料。', '推行容缺受理。']);
  });

  it('reads labels glued to the names before them and after a time bracket', () => {
    const plan = read('1．精简审批材料。牵头单位：区审批局责任单位：区住建局、区自然资源局\n2．推行容缺受理。（完成时限：9月底前）牵头单位：区政务中心');
    expect(plan.tasks.map((t) => [t.text, t.lead, t.responsible])).toEqual([
      ['精简审批材料。', ['区审批局'], ['区住建局', '区自然资源局']],
      ['推行容缺受理。', ['区政务中心'], []],
    ]);
  });

  it('reads "1 .9月底前…" as item 1 that starts with a date', () => {
    expect(rows('一、改善营商环境\n1 .9月底前精简审批材料。（牵头单位：区审批局）').map((r) => [r[1], r[5]])).toEqual([['1', ['9月底前=2024-09-30']]]);
  });

  it('takes the notice number from a page metadata block run into one line', () => {
    const plan = read(
      '索引号：001/2024-01\t发布机构：某区人民政府\t文号：某政发〔2024〕3号标题：某区人民政府关于印发工作方案的通知一、改善营商环境1．精简审批材料。（牵头单位：区审批局）2．推行容缺受理。（牵头单位：区政务中心）',
    );
    expect(plan.document.number).toBe('某政发〔2024〕3号');
    expect(plan.tasks.map((t) => t.lead)).toEqual([['区审批局'], ['区政务中心']]);
  });

  it('breaks a copy without line breaks before a heading glued to its first detail item', () => {
    const plan = read(
      '某区2024年工作方案（一）审批改革（1）精简审批材料。（牵头单位：区审批局）（2）推行容缺受理。（牵头单位：区政务中心）（二）降低成本（1）落实减税降费。（牵头单位：区税务局）',
    );
    expect(plan.tasks.map(row)).toEqual([
      ['（一）审批改革', '1', '精简审批材料', ['区审批局'], [], []],
      ['（一）审批改革', '2', '推行容缺受理', ['区政务中心'], [], []],
      ['（二）降低成本', '1', '落实减税降费', ['区税务局'], [], []],
    ]);
    expectSpans(plan);
  });
});

describe('task level by evidence', () => {
  it('keeps details announced by a lead-in in their item when the label lines follow them', () => {
    const plan = read(
      '一、改善营商环境\n1．深化一件事改革。重点推进以下事项：\n（1）企业开办一件事；\n（2）不动产登记一件事；\n2024年9月底前全部实现网办。\n牵头单位：区审批局\n责任单位：区住建局\n2．推行免证办。\n牵头单位：区大数据中心',
    );
    expect(plan.tasks.map(row)).toEqual([
      ['一、改善营商环境', '1', '深化一件事改革', ['区审批局'], ['区住建局'], ['2024年9月底前=2024-09-30']],
      ['一、改善营商环境', '2', '推行免证办', ['区大数据中心'], [], []],
    ]);
    expect(plan.tasks[0]?.text).toContain('（2）不动产登记一件事；');
  });
});

describe('copies without line breaks, notes and tables', () => {
  it.each([
    ['a page footer', '【打印本页】【关闭窗口】上一篇：关于做好安全生产工作的通知'],
    ['a note', '注：列第一位者为牵头单位。'],
  ])('ends the last task before %s glued to it', (_, tail) => {
    const plan = read(`某区2024年工作方案一、改善营商环境　　1．精简审批材料。建立清单。（牵头单位：区审批局）${tail}`);
    expect(plan.tasks.map((t) => t.text)).toEqual(['精简审批材料。建立清单。']);
  });

  it('ends a space-separated table at numbered paragraphs that have single spaces in them', () => {
    const plan = read(
      '二、重点任务\n序号   工作任务   具体措施   牵头单位\n1   审批改革   精简审批材料。   区审批局\n　　三、保障措施\n　　（一） 加强组织领导。各单位要高度重视。',
    );
    expect(plan.tasks.map((t) => t.title)).toEqual(['精简审批材料']);
  });
});

describe('wrapped table cells and glued headings', () => {
  it('reads a task cell wrapped onto a line of its own as the rest of that cell', () => {
    const plan = read(
      '序号\t任务\t具体内容\t牵头单位\t完成时限\n1\t大气治理\t开展炉窑治理，完成\t县生态环境局\t2024年10月底前\n10家企业深度治理。\n2\t\t推进扬尘管控。\t县住建局\t长期坚持',
    );
    expect(plan.tasks.map((t) => [t.title, t.lead, t.deadlines.map((d) => d.text)])).toEqual([
      ['开展炉窑治理，完成10家企业深度治理', ['县生态环境局'], ['2024年10月底前']],
      ['推进扬尘管控', ['县住建局'], ['长期坚持']],
    ]);
  });

  it('breaks a copy without line breaks at a chain of glued headings down to a 一是 item', () => {
    const got = rows(
      '某区2024年工作方案一、重点任务（一）压减作业一是健全管理机制。建立公示制度。（牵头：市教育局；配合：区教育局）二是明确作业总量。（牵头：市教育局）',
    );
    expect(got.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['一、重点任务/（一）压减作业', '一', ['市教育局'], ['区教育局']],
      ['一、重点任务/（一）压减作业', '二', ['市教育局'], []],
    ]);
  });
});

describe('paragraphs under a heading that names its own units', () => {
  it('keeps unnumbered paragraph lines under the heading as its task text, at either level', () => {
    const text =
      '一、优化市场环境\n（一）规范涉企收费。（牵头单位：县发改局）\n1．公开收费目录。\n（二）加强信用监管。（牵头单位：县市场监管局）\n建立企业信用档案。\n推行信用修复，8月底前出台办法。\n二、优化要素供给\n（一）保障项目用地。（牵头单位：县自然资源局）';
    for (const plan of [read(text), parsePlan(text, { taskLevel: 'cn-paren' })]) {
      const credit = plan.tasks.find((t) => t.title === '加强信用监管');
      expect(credit?.text).toBe('加强信用监管。\n建立企业信用档案。\n推行信用修复，8月底前出台办法。');
      expect(credit?.deadlines.map((d) => d.text)).toEqual(['8月底前']);
      expect(plan.source.slice(...(credit?.spans.task ?? [0, 0]))).toContain('推行信用修复');
    }
  });
});

describe('long circled lists and glued notes', () => {
  it('goes on with a circled list past ⑳ written as （21）', () => {
    const items = Array.from({ length: 21 }, (_, i) => `${i < 20 ? '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'[i] : '（21）'}推进第${i + 1}项工作。（牵头单位：区审批局）`);
    for (const text of [`一、改善营商环境\n${items.join('\n')}`, `一、改善营商环境\n${items.join('')}`]) {
      const plan = read(text);
      expect(plan.tasks).toHaveLength(21);
      expect(plan.tasks[20]?.title).toBe('推进第21项工作');
      expect(plan.tasks[19]?.text).toBe('推进第20项工作。');
    }
  });

  it('ends a label unit where a note is glued to it in a copy without breaks', () => {
    const plan = read('某区2024年工作方案一、改善营商环境　　1．精简审批材料。建立清单。责任单位：区审批局、区政务服务中心注：排在第一位的为牵头单位。');
    expect(plan.tasks.map((t) => [t.lead, t.responsible])).toEqual([[['区审批局'], ['区政务服务中心']]]);
  });
});
