import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index.ts';
import type { ParsedPlan, ParsedTask } from './types.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../test/fixtures/plans/${name}`, import.meta.url)), 'utf8');

/** The fields a reviewer checks, without spans. */
const brief = (t: ParsedTask) => ({ path: t.path, number: t.number, title: t.title, deadlines: t.deadlines, lead: t.lead, responsible: t.responsible });
const tasks = (text: string) => parsePlan(text).tasks.map(brief);

function expectSpansToMatch(plan: ParsedPlan): void {
  for (const t of plan.tasks) {
    expect(plan.source.slice(...t.spans.title)).toBe(t.title);
    t.deadlines.forEach((d, i) => expect(plan.source.slice(...(t.spans.deadlines[i] ?? [0, 0]))).toBe(d.text));
    t.lead.forEach((u, i) => expect(plan.source.slice(...(t.spans.lead[i] ?? [0, 0]))).toBe(u));
    t.responsible.forEach((u, i) => expect(plan.source.slice(...(t.spans.responsible[i] ?? [0, 0]))).toBe(u));
  }
}

describe('numbering and structure', () => {
  it('nests four levels and takes the leaves as tasks', () => {
    const got = tasks(
      [
        '一、优化营商环境',
        '（一）深化商事制度改革',
        '1.压缩开办时间',
        '（1）推行一网通办。6月底前上线。（牵头单位：市市场监管局）',
        '(2)推行电子执照。（牵头单位：市市场监管局）',
        '2．推进证照分离。（牵头单位：市审批局）',
      ].join('\n'),
    );
    expect(got.map((t) => [t.path.join('/'), t.number, t.title])).toEqual([
      ['一、优化营商环境/（一）深化商事制度改革/1.压缩开办时间', '1', '推行一网通办'],
      ['一、优化营商环境/（一）深化商事制度改革/1.压缩开办时间', '2', '推行电子执照'],
      ['一、优化营商环境/（一）深化商事制度改革', '2', '推进证照分离'],
    ]);
  });

  it('reads 1、 and full-width （一） in a document that starts at the second level', () => {
    const got = tasks('（一）加强调度。定期调度。\n1、建立台账。（责任单位：县政府办）\n2、定期通报。（责任单位：县政府办）');
    expect(got.map((t) => [t.number, t.responsible])).toEqual([
      ['1', ['县政府办']],
      ['2', ['县政府办']],
    ]);
  });

  it('reads 一是…二是… enumerations that start mid-paragraph', () => {
    const got = tasks('区委区政府研究，拟从以下方面开展工作：一是加快教育提质。建成学校3所。\n二是提高医疗水平。建成医院1所。\n三是改善交通。');
    expect(got.map((t) => [t.path, t.number, t.title])).toEqual([
      [[], '一', '加快教育提质'],
      [[], '二', '提高医疗水平'],
      [[], '三', '改善交通'],
    ]);
  });

  it('uses 【标签】 lines as sections and skips the unnumbered target paragraph', () => {
    const got = tasks(
      '【目标任务】\n培育放心消费单位40个。\n【推进措施】\n1.开展培育活动。\n2.纳入考核。\n责任单位:市市场监督管理局\n联 系 人:孙学明\n联系电话:3236601',
    );
    expect(got).toEqual([
      { path: ['【推进措施】'], number: '1', title: '开展培育活动', deadlines: [], lead: [], responsible: ['市市场监督管理局'] },
      { path: ['【推进措施】'], number: '2', title: '纳入考核', deadlines: [], lead: [], responsible: ['市市场监督管理局'] },
    ]);
  });

  it('splits sibling items written inline, but keeps deeper sub-items in the text', () => {
    const plan = parsePlan('一、政务服务\n1．建设综合窗口。9月底前实现一窗受理。2．开展培训。内容包括：（1）业务；（2）礼仪。\n责任单位：县政务服务中心');
    expect(plan.tasks.map((t) => [t.number, t.title, t.responsible])).toEqual([
      ['1', '建设综合窗口', ['县政务服务中心']],
      ['2', '开展培训', ['县政务服务中心']],
    ]);
    expect(plan.tasks[1]?.text).toBe('开展培训。内容包括：（1）业务；（2）礼仪。');
  });

  it('joins hard line wraps mid-sentence into one item', () => {
    const plan = parsePlan('一、就业\n(一)建立联动机制。纳入规划及年度\n计划。优先安排项目。(责任单位:市发改委、市统计局)\n(二)发挥小微企业作用。');
    expect(plan.tasks[0]?.text).toBe('建立联动机制。纳入规划及年度\n计划。优先安排项目。');
    expect(plan.tasks[0]?.responsible).toEqual(['市发改委', '市统计局']);
    expect(plan.tasks).toHaveLength(2);
  });

  it('treats an item with units and unannotated sub-items as one task', () => {
    const got = tasks(
      '一、监管\n1.推行信用监管，重点做好以下工作。（牵头单位：市市场监管局）\n（1）建立信用档案；\n（2）实施分级分类。\n2.推行柔性执法。（牵头单位：市司法局）',
    );
    expect(got.map((t) => [t.number, t.lead])).toEqual([
      ['1', ['市市场监管局']],
      ['2', ['市司法局']],
    ]);
  });

  it("passes a heading's units down to items that name none", () => {
    const got = tasks('一、开办企业（牵头单位：区市场监管局）\n1.压缩时间。\n2.降低成本。（牵头单位：区税务局）');
    expect(got.map((t) => t.lead)).toEqual([['区市场监管局'], ['区税务局']]);
  });

  it('does not take goals, principles or safeguards as tasks', () => {
    const plan = parsePlan(
      '一、工作目标\n3月底前完成梳理，年底前全面推开。\n二、基本原则\n（一）坚持问题导向。\n三、重点任务\n（一）优化流程。（牵头单位：市审批局）\n四、保障措施\n（一）加强组织领导。\n（二）强化考核。（牵头单位：市督查室）',
      { fileName: '2022-plan.txt' },
    );
    expect(plan.tasks.map((t) => t.title)).toEqual(['优化流程', '强化考核']);
    expect(plan.goals).toEqual([
      { text: '3月底前完成梳理', date: '2022-03-31' },
      { text: '年底前全面推开', date: '2022-12-31' },
    ]);
    expect(plan.body).toEqual({ principles: ['坚持问题导向'], key_tasks: ['优化流程'], safeguards: ['加强组织领导', '强化考核'] });
  });

  it('takes a short title line and the paragraph under it as one item, titled by the line', () => {
    const plan = parsePlan(
      '（一）提升政务服务效能\n1．推进“一网通办”\n依托平台，实现高频事项全程网办。\n（责任单位：市政务服务数据管理局）\n2．深化“一窗受理”\n年底前实现“一窗通办”。\n责任单位：市政务服务中心',
      { fileName: 'plan-2022.txt' },
    );
    expect(plan.tasks.map((t) => [t.title, t.deadlines.map((d) => d.date), t.responsible])).toEqual([
      ['推进“一网通办”', [], ['市政务服务数据管理局']],
      ['深化“一窗受理”', ['2022-12-31'], ['市政务服务中心']],
    ]);
    expect(plan.tasks[0]?.text).toBe('推进“一网通办”\n依托平台，实现高频事项全程网办。');
  });

  it('reads a line starting with a number after a hard wrap as the rest of the sentence', () => {
    const got = tasks('一、教育\n（一）完成楼宇改造，全面提升校园环境质量，切实改善师生学习生活条件，涉及\n1、2号楼和3号楼。\n（二）建设食堂。');
    expect(got.map((t) => [t.number, t.title])).toEqual([
      ['一', '完成楼宇改造，全面提升校园环境质量，切实改善师生学习生活条件，涉及\n1、2号楼和3号楼'],
      ['二', '建设食堂'],
    ]);
  });

  it('skips PDF page numbers between the halves of a sentence', () => {
    const plan = parsePlan('一、教育\n（一）完成楼宇改造，全面提升校园环境质量，切实改善师生学习生活\n— 3 —\n条件。（牵头单位：区教育局）');
    expect(plan.tasks[0]?.text).toBe('完成楼宇改造，全面提升校园环境质量，切实改善师生学习生活\n— 3 —\n条件。');
    expect(plan.tasks[0]?.lead).toEqual(['区教育局']);
  });

  it('infers a numeral lost to encoding errors from the sequence', () => {
    expect(tasks('（一）新建学校。\n（?）改造操场。\n（三）建设食堂。').map((t) => t.number)).toEqual(['一', '二', '三']);
  });

  it('keeps items that name units even under a target heading', () => {
    const got = tasks(
      '一、主要预期目标\n\n1.地区生产总值增长6%左右。\n\n牵头单位:区发改局\n\n责任单位:立山经济开发区,全区经济运行各专班\n\n2.固定资产投资增长15%左右。\n\n牵头单位:区发改局',
    );
    expect(got.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['区发改局'], ['立山经济开发区', '全区经济运行各专班']],
      ['2', ['区发改局'], []],
    ]);
  });

  it("drops the notice's own numbered paragraphs when the tasks below them name units", () => {
    const plan = parsePlan(
      '菏政办字 〔2023〕1号\n一、高度重视，认真研究政策。各部门要强化组织领导。\n二、压实责任，推动工作落实。各牵头单位要统筹落实。\n1.推进产业转型升级。（牵头单位：市工业和信息化局）\n2.培育新兴产业。（牵头单位：市发展改革委）',
    );
    expect(plan.document.number).toBe('菏政办字 〔2023〕1号');
    expect(plan.tasks.map((t) => t.title)).toEqual(['推进产业转型升级', '培育新兴产业']);
  });

  it('keeps body tasks when an attachment only lists file names', () => {
    const got = tasks('一、重点任务\n（一）优化流程。（牵头单位：市审批局）\n（二）压缩时限。（牵头单位：市审批局）\n附件：1.任务分工表\n2.联系人名单');
    expect(got.map((t) => t.title)).toEqual(['优化流程', '压缩时限']);
  });
});

describe('units', () => {
  it('reads label lines, including 配合单位 and a shared 完成时限, and keeps the text free of them', () => {
    const plan = parsePlan(fixture('county-2022-labels.txt'));
    expect(plan.tasks.map(brief)).toEqual([
      {
        path: ['二、重点任务', '（一）优化审批流程'],
        number: '1',
        title: '压缩办理时限',
        deadlines: [{ text: '5月底前', date: '2022-05-31' }],
        lead: ['县行政审批局'],
        responsible: ['县市场监管局', '县税务局'],
      },
      {
        path: ['二、重点任务', '（一）优化审批流程'],
        number: '2',
        title: '推行告知承诺制',
        deadlines: [{ text: '持续推进', date: null }],
        lead: ['县司法局'],
        responsible: ['县直有关部门、单位'],
      },
      {
        path: ['二、重点任务', '（二）提升服务能力'],
        number: '1',
        title: '建设综合窗口',
        deadlines: [{ text: '9月底前', date: '2022-09-30' }],
        lead: [],
        responsible: ['县政务服务中心'],
      },
      { path: ['二、重点任务', '（二）提升服务能力'], number: '2', title: '开展窗口培训', deadlines: [], lead: [], responsible: ['县政务服务中心'] },
    ]);
    expect(plan.tasks[0]?.text).toBe('压缩办理时限。对企业开办事项实行并联审批，5月底前将办理时间压缩至1个工作日，每季度通报一次进展。');
    expectSpansToMatch(plan);
  });

  it('applies "排在第一位的为牵头单位" in traditional script, keeping names and glosses as written', () => {
    const plan = parsePlan(fixture('city-2019-firstlead.txt'));
    expect(plan.tasks.map(brief)).toEqual([
      {
        path: ['一、降低企業成本'],
        number: '1',
        title: '落實減稅降費政策',
        deadlines: [{ text: '下半年', date: '2019-12-31' }],
        lead: ['市稅務局'],
        responsible: ['市財政局', '市發(fā)展改革委'],
      },
      {
        path: ['一、降低企業成本'],
        number: '2',
        title: '降低用電成本',
        deadlines: [{ text: '第三季度末前', date: '2019-09-30' }],
        lead: ['市發(fā)展改革委'],
        responsible: ['國網臨江供電公司'],
      },
      {
        path: ['二、優化政務服務'],
        number: '1',
        title: '推進一網通辦',
        deadlines: [{ text: '次年3月底前', date: '2020-03-31' }],
        lead: ['市政務服務中心'],
        responsible: ['市大數據局', '各區(市)縣政府'],
      },
      { path: ['二、優化政務服務'], number: '2', title: '規範中介服務', deadlines: [], lead: ['市政務服務中心'], responsible: [] },
    ]);
    expectSpansToMatch(plan);
  });

  it('reads every bracket shape, several brackets per item, and a rule that adds units to later tasks', () => {
    const plan = parsePlan(fixture('town-2021-brackets.txt'));
    expect(plan.tasks.map((t) => [t.path[0], t.number, t.lead, t.responsible, t.deadlines.map((d) => d.date)])).toEqual([
      ['一、教育', '1', ['镇教育办'], ['镇财政所', '各村（社区）'], ['2021-09-01']],
      ['一、教育', '2', [], ['镇教育办', '镇建设办', '各村（社区）'], []],
      ['二、医疗', '1', ['镇卫生院'], ['各村委会', '各村（社区）'], []],
      ['二、医疗', '2', ['镇卫生院'], ['镇民政办', '各村（社区）'], ['2021-12-31']],
      ['三、道路', '1', [], ['各镇（街）政府（办事处）', '镇交通办', '镇财政所', '镇建设办', '各村（社区）'], []],
    ]);
    // The qualifier （社区） stays in the text; the unit brackets go.
    expect(plan.tasks[0]?.text).toBe('新建幼儿园1所，9月1日前投入使用，覆盖全部村（社区）。');
    expectSpansToMatch(plan);
  });

  it('reads a table whose rows are tasks', () => {
    const plan = parsePlan(fixture('district-2023-table.txt'));
    expect(plan.tasks.map(brief)).toEqual([
      {
        path: ['开办企业'],
        number: '1',
        title: '推行企业开办“一网通办”，实现全程网上办理',
        deadlines: [{ text: '2023年6月底前', date: '2023-06-30' }],
        lead: ['区市场监管局'],
        responsible: ['区税务局', '区人社局'],
      },
      {
        path: ['开办企业'],
        number: '2',
        title: '压缩企业注销时间，简易注销公告时间压缩至20天',
        deadlines: [{ text: '2023年9月', date: '2023-09-30' }],
        lead: ['区市场监管局'],
        responsible: ['区税务局'],
      },
      {
        path: ['办理建筑许可'],
        number: '3',
        title: '推行工程建设项目分级分类审批',
        deadlines: [{ text: '长期坚持', date: null }],
        lead: ['区住建局'],
        responsible: ['区自然资源局', '区审批局'],
      },
    ]);
    expectSpansToMatch(plan);
  });

  it('reads a |-separated table', () => {
    const got = tasks('| 序号 | 任务 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n| 1 | 建设数据平台 | 市大数据局 | 2021年12月底前 |');
    expect(got).toEqual([
      { path: [], number: '1', title: '建设数据平台', deadlines: [{ text: '2021年12月底前', date: '2021-12-31' }], lead: ['市大数据局'], responsible: [] },
    ]);
  });

  it('reads inline labels, ASCII punctuation and full-width digits', () => {
    const got = tasks('1.加强组织领导。１０月底前建立机制。牵头单位:市发改委;责任单位:市财政局,市统计局');
    expect(got).toEqual([
      {
        path: [],
        number: '1',
        title: '加强组织领导',
        deadlines: [{ text: '１０月底前', date: null }],
        lead: ['市发改委'],
        responsible: ['市财政局', '市统计局'],
      },
    ]);
  });

  it('reads pinyin glosses inside label words', () => {
    const got = tasks('成辦函〔2017〕222號\n一、放寬準入\n(一)研究制定方案。(市教育局、市衛(wèi)計委、市殘聯(lián)等按職責(zé)分工負(fù)責(zé))');
    expect(got[0]?.responsible).toEqual(['市教育局', '市衛(wèi)計委', '市殘聯(lián)等']);
  });

  it('does not read 联系人 lines or document numbers as units', () => {
    const got = tasks('1.落实文件要求（江府函〔2017〕200号）。\n联系人：张三\n联系电话：12345678');
    expect(got).toEqual([{ path: [], number: '1', title: '落实文件要求（江府函〔2017〕200号）', deadlines: [], lead: [], responsible: [] }]);
  });
});

describe('document metadata', () => {
  it('reads number, issuer, date, title and plan year', () => {
    expect(parsePlan(fixture('county-2022-labels.txt')).document).toEqual({
      number: '青政办发〔2022〕15号',
      issuer: '青河县人民政府办公室',
      date: '2022-03-08',
      title: '青河县人民政府办公室关于印发青河县2022年政务服务提质增效工作方案的通知',
      plan_year: 2022,
    });
    expect(parsePlan(fixture('city-2019-firstlead.txt')).document).toMatchObject({ number: '臨府發〔2019〕8號', date: '2019-04-12', plan_year: 2019 });
  });

  it('takes the plan year from the title over the issue date', () => {
    const plan = parsePlan('某市2022年重点工作安排\n某市人民政府\n2021年12月20日\n1.完成改造。3月底前完工。');
    expect(plan.document.plan_year).toBe(2022);
    expect(plan.tasks[0]?.deadlines).toEqual([{ text: '3月底前', date: '2022-03-31' }]);
  });

  it('reads a Chinese-numeral date line and ignores a bare ISO posting date', () => {
    expect(parsePlan('广州市人民政府办公厅\n二○○六年四月二十八日\n').document).toMatchObject({
      date: '2006-04-28',
      issuer: '广州市人民政府办公厅',
      plan_year: 2006,
    });
    expect(parsePlan('海盐县人民政府关于支持创业的意见\n2019-03-04\n').document.date).toBeNull();
  });
});
