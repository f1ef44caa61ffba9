import { describe, expect, it } from 'vitest';
import { parsePlan } from './index.ts';
import type { ParsedPlan } from './types.ts';
import { LONG_TITLE_CHARS, UNREAD_BODY_CHARS } from './warnings.ts';

/** A plan in three levels; the reader takes the 1．items, the leaves, as tasks. */
const threeLevels = [
  '一、优化政务服务',
  '（一）提升办事效率',
  '1．推行一网通办。6月底前上线。（牵头单位：区数据局）',
  '2．压缩审批时限。（牵头单位：区审批局；责任单位：区住建局）',
  '（二）规范中介服务',
  '1．清理中介事项。（牵头单位：区发改局）',
  '二、改善市场环境',
  '（一）加强信用监管。（牵头单位：区市场监管局）',
].join('\n');

const summary = (p: ParsedPlan) => p.structure.levels.map((l) => [l.form, l.example, l.depth, l.count, l.isTaskLevel]);
const titles = (p: ParsedPlan) => p.tasks.map((t) => t.title);

describe('the detected hierarchy', () => {
  it('lists each level with its form, first marker as written, depth, count and whether it holds the tasks', () => {
    const plan = parsePlan(threeLevels);
    expect(summary(plan)).toEqual([
      ['cn-dun', '一、', 0, 2, false],
      ['cn-paren', '（一）', 1, 3, true],
      ['ar-dot', '1．', 2, 3, true],
    ]);
    expect(titles(plan)).toEqual(['推行一网通办', '压缩审批时限', '清理中介事项', '加强信用监管']);
  });

  it('tells 1、 from 1. and names the other marker forms', () => {
    const plan = parsePlan('一．总体安排\n1、建立台账。（责任单位：县政府办）\n（1）按月更新。\n①按周调度。\n2、定期通报。（责任单位：县政府办）');
    expect(plan.structure.levels.map((l) => [l.form, l.example])).toEqual([
      ['cn-dot', '一．'],
      ['ar-dun', '1、'],
      ['ar-paren', '（1）'],
      ['circled', '①'],
    ]);
  });

  it('reports the levels of the attachment when the tasks come from there', () => {
    const plan = parsePlan(
      '关于印发实施方案的通知\n一、高度重视。\n二、狠抓落实。\n附件\n重点任务分工\n（一）建设数据平台。（牵头单位：区数据局）\n（二）开展业务培训。（牵头单位：区人社局）',
    );
    expect(summary(plan)).toEqual([['cn-paren', '（一）', 0, 2, true]]);
  });
});

describe('warnings', () => {
  it('says when no task level is found and no task is read', () => {
    const plan = parsePlan('关于做好年度工作的通知\n各单位要高度重视，认真抓好落实，确保各项工作取得实效。');
    expect(plan.tasks).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['no_task_level']);
    expect(plan.warnings[0]?.message).toMatch(/层级/);
  });

  it('flags each task without a unit when others have units, with its index and span', () => {
    const plan = parsePlan('一、重点任务\n1．建设数据平台。（牵头单位：区数据局）\n2．开展业务培训。\n3．完善考核办法。（牵头单位：区委组织部）');
    const w = plan.warnings.filter((x) => x.code === 'task_without_unit');
    expect(w.map((x) => x.taskIndex)).toEqual([1]);
    expect(w[0]?.span).toEqual(plan.tasks[1]?.spans.task);
    expect(w[0]?.message).toContain('开展业务培训');
  });

  it('gives one warning, not one per task, when no task names a unit', () => {
    const plan = parsePlan('一、重点任务\n1．建设数据平台。\n2．开展业务培训。\n3．完善考核办法。');
    expect(plan.warnings.map((x) => [x.code, x.taskIndex])).toEqual([['task_without_unit', undefined]]);
    expect(plan.warnings[0]?.message).toContain('3项');
  });

  it('flags a suspiciously long title with its span', () => {
    const long = '围绕重点产业链条'.repeat(Math.ceil((LONG_TITLE_CHARS + 10) / 8));
    const plan = parsePlan(`一、重点任务\n1．${long}。（牵头单位：区发改局）\n2．开展业务培训。（牵头单位：区人社局）`);
    const w = plan.warnings.filter((x) => x.code === 'long_title');
    expect(w.map((x) => x.taskIndex)).toEqual([0]);
    expect(plan.source.slice(...(w[0]?.span ?? [0, 0]))).toBe(long);
  });

  it('flags a long stretch of the task body that yielded no task', () => {
    const prose = '各街道要结合实际制定具体办法，明确工作专班和联络人员，建立周调度、月通报制度，对进度滞后的事项及时督促整改。'.repeat(2);
    expect(prose.replace(/\s/g, '').length).toBeGreaterThanOrEqual(UNREAD_BODY_CHARS);
    // The task before it is a full sentence, so the paragraph is not the body of a title line.
    const plan = parsePlan(`一、重点任务\n1．建设数据平台。9月底前完成数据归集。（牵头单位：区数据局）\n\n${prose}\n\n2．开展业务培训。（牵头单位：区人社局）`);
    const w = plan.warnings.filter((x) => x.code === 'unread_body');
    expect(w).toHaveLength(1);
    expect(plan.source.slice(...(w[0]?.span ?? [0, 0]))).toBe(prose);
  });

  it('does not flag goals, principles or safeguards, which are meant to yield no task', () => {
    const prose = '各街道要结合实际制定具体办法，明确工作专班和联络人员，建立周调度、月通报制度，对进度滞后的事项及时督促整改。'.repeat(2);
    const plan = parsePlan(`一、工作目标\n${prose}\n二、重点任务\n1．建设数据平台。（牵头单位：区数据局）\n三、保障措施\n（一）加强组织领导。${prose}`);
    expect(plan.warnings).toEqual([]);
  });
});

describe('the coordinator\'s "tasks are at this level"', () => {
  it("takes the chosen level's items as tasks, each with its sub-items' words and units", () => {
    const plan = parsePlan(threeLevels, { taskLevel: 'cn-paren' });
    expect(titles(plan)).toEqual(['提升办事效率', '规范中介服务', '加强信用监管']);
    expect(plan.tasks[0]?.lead).toEqual(['区数据局', '区审批局']);
    expect(plan.tasks[0]?.responsible).toEqual(['区住建局']);
    expect(plan.tasks[0]?.deadlines.map((d) => d.text)).toEqual(['6月底前']);
    expect(plan.tasks[0]?.path).toEqual(['一、优化政务服务']);
    expect(plan.source.slice(...(plan.tasks[0]?.spans.task ?? [0, 0]))).toBe(threeLevels.split('\n').slice(1, 4).join('\n'));
    expect(summary(plan).map((l) => l[4])).toEqual([false, true, false]);
  });

  it('can make the top level the tasks', () => {
    const plan = parsePlan(threeLevels, { taskLevel: 'cn-dun' });
    expect(titles(plan)).toEqual(['优化政务服务', '改善市场环境']);
    expect(plan.tasks[1]?.lead).toEqual(['区市场监管局']);
  });

  it("splits sub-items the reader had folded into their item, which pass the item's units down", () => {
    const text =
      '一、监管\n1.推行信用监管，重点做好以下工作。（牵头单位：市市场监管局）\n（1）建立信用档案；\n（2）实施分级分类。\n2.推行柔性执法。（牵头单位：市司法局）';
    expect(titles(parsePlan(text))).toEqual(['推行信用监管，重点做好以下工作', '推行柔性执法']);
    const plan = parsePlan(text, { taskLevel: 'ar-paren' });
    expect(plan.tasks.map((t) => [t.title, t.lead])).toEqual([
      ['建立信用档案', ['市市场监管局']],
      ['实施分级分类', ['市市场监管局']],
    ]);
  });

  it('reads the same source again, so the spans of both readings point into one text', () => {
    const first = parsePlan(`\ufeff${threeLevels.replace(/\n/g, '\r\n')}`);
    const again = parsePlan(first.source, { taskLevel: 'cn-paren' });
    expect(again.source).toBe(first.source);
  });

  it('keeps the automatic reading, with a warning, for a level the document does not have', () => {
    const plan = parsePlan(threeLevels, { taskLevel: 'circled' });
    expect(titles(plan)).toEqual(titles(parsePlan(threeLevels)));
    expect(plan.warnings[0]?.code).toBe('no_task_level');
  });
});

describe('the coordinator\'s "this line starts a task"', () => {
  const text = '一、重点任务\n1．建设数据平台。（牵头单位：区数据局）\n建立全区统一的数据共享机制，9月底前完成。\n2．开展业务培训。（牵头单位：区人社局）';
  const lineStart = (s: string) => text.indexOf(s);

  it('makes an unnumbered line a task of its own', () => {
    const plain = parsePlan(text);
    expect(titles(plain)).toEqual(['建设数据平台', '开展业务培训']);
    const plan = parsePlan(text, { taskStarts: [lineStart('建立全区')] });
    expect(titles(plan)).toEqual(['建设数据平台', '建立全区统一的数据共享机制，9月底前完成', '开展业务培训']);
    expect(plan.tasks[1]?.path).toEqual(['一、重点任务']);
    expect(plan.tasks[1]?.deadlines.map((d) => d.text)).toEqual(['9月底前']);
    // The document's own numbering goes on after the marked line.
    expect(plan.tasks[2]?.number).toBe('2');
    expect(plan.structure.levels.find((l) => l.form === 'line')).toMatchObject({ count: 1, isTaskLevel: true });
  });

  it('takes an offset anywhere in the line as that line', () => {
    const plan = parsePlan(text, { taskStarts: [lineStart('数据共享')] });
    expect(plan.tasks).toHaveLength(3);
  });

  it('takes a numbered line the reader read as a wrapped sentence as a task', () => {
    const wrapped = '一、教育\n（一）完成楼宇改造，全面提升校园环境质量，切实改善师生学习生活条件，涉及\n1、2号楼和3号楼。\n（二）建设食堂。';
    expect(parsePlan(wrapped).tasks).toHaveLength(2);
    const plan = parsePlan(wrapped, { taskStarts: [wrapped.indexOf('1、2号楼')] });
    expect(plan.tasks.map((t) => t.number)).toEqual(['1', '二']);
  });

  it('makes a task of a line in a section whose items are no tasks', () => {
    const doc = '一、工作目标\n年底前建成数据平台。\n二、重点任务\n（一）开展业务培训。（牵头单位：区人社局）';
    const plan = parsePlan(doc, { taskStarts: [doc.indexOf('年底前')] });
    expect(titles(plan)).toEqual(['年底前建成数据平台', '开展业务培训']);
  });
});
