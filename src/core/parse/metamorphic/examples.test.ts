import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.ts';
import { PLAIN } from './arbitraries.ts';
import { DISTRICT_2024 } from './plans.ts';
import { renderPlan } from './render.ts';
import { readBack } from './run.ts';
import type { RenderOptions } from './types.ts';

/**
 * One plain example per convention, on the three tasks of DISTRICT_2024: what the rendering looks
 * like (a line it must hold) and that the reader reads it as the gold. The plain rendering is
 *   一、优化政务服务
 *   1．推行一网通办。6月底前实现高频事项网上办理。（牵头单位：区政务服务中心；责任单位：区大数据局、各街道办事处）
 *   2．压缩审批时限。对社会投资项目实行并联审批。（牵头单位：区审批局）（完成时限：9月底前）
 *   二、降低企业成本
 *   1．落实减税政策。确保政策应享尽享。（责任单位：区税务局、区财政局）（完成时限：长期坚持）
 */
const EXAMPLES: [convention: string, change: Partial<RenderOptions>, shows: string][] = [
  ['the plain rendering', {}, '　　1．推行一网通办。6月底前实现高频事项网上办理。（牵头单位：区政务服务中心；责任单位：区大数据局、各街道办事处）'],
  ['一． headings over 1. items', { forms: ['cn-dot', 'ar-dot'] }, '一．优化政务服务\n　　1.推行一网通办'],
  ['（一） headings over 1、 items', { forms: ['cn-paren', 'ar-dun'] }, '（二）降低企业成本\n　　1、落实减税政策'],
  ['(一) headings over "1 ." items', { forms: ['cn-halfparen', 'ar-spacedot'] }, '(一)优化政务服务\n　　1 .推行一网通办'],
  ['"1* ." items, a flag before the dot', { forms: ['cn-dun', 'ar-flagdot'] }, '2* .压缩审批时限'],
  ['a bare numeral glued to the heading', { forms: ['cn-glued', 'ar-dot'] }, '二降低企业成本\n　　1.落实减税政策'],
  ['（1） items', { forms: ['cn-dun', 'ar-fparen'] }, '（2）压缩审批时限'],
  ['(1) items', { forms: ['cn-dun', 'ar-paren'] }, '(2)压缩审批时限'],
  ['① items', { forms: ['cn-dun', 'circled'] }, '②压缩审批时限'],
  ['第一条 items', { forms: ['cn-dun', 'article'] }, '第二条压缩审批时限'],
  ['一是 items on their own lines', { forms: ['cn-dun', 'cn-shi'] }, '二是压缩审批时限'],
  ['1. headings over （1） items', { forms: ['ar-dot', 'ar-fparen'] }, '2.降低企业成本\n　　（1）落实减税政策'],
  ['numbers running across sections', { running: true }, '二、降低企业成本\n　　3．落实减税政策'],
  ['a space after each marker', { gaps: [' ', ' '] }, '一、 优化政务服务\n　　1． 推行一网通办'],
  ['a full-width space after each marker', { gaps: ['　', '　'] }, '一、　优化政务服务'],
  ['traditional script (Taiwan)', { script: 'tw' }, '（牽頭單位：區政務服務中心；責任單位：區大數據局、各街道辦事處）'],
  ['traditional script (Hong Kong)', { script: 'hk' }, '落實減税政策'],
  ['half-width punctuation', { halfWidth: true }, '(牵头单位:区政务服务中心;责任单位:区大数据局、各街道办事处)'],
  ['full-width spaces turned into ??', { spaces: 'question' }, '????1．推行一网通办'],
  ['full-width spaces lost', { spaces: 'drop' }, '\n1．推行一网通办'],
  ['web chrome around the body', { chrome: true }, '【打印本页】【关闭窗口】【返回顶部】'],
  ['a metadata block above the notice', { metadata: true }, '发布机构：东湖区人民政府\t成文日期：2024-01-15'],
  ['a paragraph mangled by an encoding error', { mojibake: true }, '涓烘繁鍏ヨ疮褰昏惤瀹炰笂绾у喅绛栭儴缃'],
  ['no line breaks at all', { breaks: 'none' }, '各街道办事处）　　2．压缩审批时限'],
  ['blank lines between paragraphs', { breaks: 'blank-lines' }, '一、优化政务服务\n\n　　1．推行一网通办'],
  ['hard line breaks mid-sentence', { breaks: 'wrap', wrapWidth: 12 }, '1．推行一网通办。6月底前实\n现高频事项网上办理。'],
  ['an inline 一是……二是…… enumeration', { layout: 'inline' }, '各街道办事处）二是压缩审批时限'],
  ['an inline enumeration separated by ；', { layout: 'inline', inlineSep: '；' }, '各街道办事处）；二是压缩审批时限'],
  ['an inline enumeration after a lead-in', { layout: 'inline', leadIn: true }, '主要做好以下工作：一是推行一网通办'],
  ['an inline （1）……（2）…… enumeration', { layout: 'inline', forms: ['cn-dun', 'ar-fparen'] }, '各街道办事处）（2）压缩审批时限'],
  ['an inline ①……②…… enumeration', { layout: 'inline', forms: ['cn-dun', 'circled'] }, '各街道办事处）②压缩审批时限'],
  ['a table with tabs, merged cells blank', { layout: 'table' }, '2\t\t压缩审批时限。对社会投资项目实行并联审批。\t区审批局\t\t9月底前'],
  ['a table with tabs, merged cells repeated', { layout: 'table', table: { sep: 'tab', merged: 'repeat' } }, '2\t优化政务服务\t压缩审批时限'],
  [
    'a table with runs of spaces',
    { layout: 'table', table: { sep: 'spaces', merged: 'repeat' } },
    '序号   工作任务   具体措施   牵头单位   责任单位   完成时限',
  ],
  [
    'a table with | cells',
    { layout: 'table', table: { sep: 'pipe', merged: 'blank' } },
    '| 3 | 降低企业成本 | 落实减税政策。确保政策应享尽享。 |  | 区税务局、区财政局 | 长期坚持 |',
  ],
  [
    'a table one cell per line',
    { layout: 'table', table: { sep: 'cell-lines', merged: 'blank' } },
    '序号\n工作任务\n具体措施\n牵头单位\n责任单位\n完成时限\n1\n优化政务服务',
  ],
  ['a table with one unit column and the first-lead rule', { layout: 'table', units: 'first-lead' }, '区政务服务中心、区大数据局、各街道办事处\t'],
  ['units as label lines', { units: 'lines' }, '网上办理。\n牵头单位：区政务服务中心\n责任单位：区大数据局、各街道办事处'],
  ['units and deadline as label lines', { units: 'lines', due: 'line' }, '牵头单位：区审批局\n完成时限：9月底前'],
  ['牵头部门 / 责任部门 labels', { labels: { lead: '牵头部门', responsible: '责任部门' } }, '（牵头部门：区政务服务中心；责任部门：区大数据局、各街道办事处）'],
  ['配合单位 labels', { labels: { lead: '牵头单位', responsible: '配合单位' } }, '（牵头单位：区政务服务中心；配合单位：区大数据局、各街道办事处）'],
  ['牵头： / 配合：', { units: 'short' }, '（牵头：区政务服务中心；配合：区大数据局、各街道办事处）'],
  ['由X牵头，Y配合 and X负责', { units: 'verb' }, '（由区政务服务中心牵头，区大数据局、各街道办事处配合）'],
  ['X牵头，Y参与', { units: 'verb', labels: { lead: '牵头部门', responsible: '责任单位' } }, '（区政务服务中心牵头，区大数据局、各街道办事处参与）'],
  ['one responsible list whose first unit leads', { units: 'first-lead' }, '（各项任务中，排在第一位的为牵头单位，其余为责任单位）'],
  ['one 责任单位： line whose first unit leads', { units: 'first-lead-line' }, '网上办理。\n责任单位：区政务服务中心、区大数据局、各街道办事处'],
  ['the first-lead rule as a note below the tasks', { units: 'first-lead', rulePlace: 'bottom', ruleForm: 1 }, '注：列第一位者为牵头单位，其他为责任单位。'],
  [
    '第一责任单位为牵头单位 over bare unit lists',
    { units: 'first-lead', ruleForm: 2, labels: { lead: '牵头单位', responsible: '责任部门' } },
    '（区税务局、区财政局）',
  ],
  ['a deadline as a closing sentence', { due: 'sentence' }, '对社会投资项目实行并联审批。9月底前完成。（牵头单位：区审批局）'],
  ['goal and safeguard sections around the tasks', { frame: true }, '三、降低企业成本'],
];

describe('each convention on a small plan reads as the gold', () => {
  for (const [convention, change, shows] of EXAMPLES) {
    it(convention, () => {
      const { text, got, want } = readBack(DISTRICT_2024, { ...PLAIN, ...change });
      expect(text).toContain(shows);
      expect(got).toEqual(want);
    });
  }
});

describe('the hierarchy the reader reports for a rendering', () => {
  it('lists each level with its first marker and count, the task level last', () => {
    const r = renderPlan(DISTRICT_2024, { ...PLAIN, forms: ['cn-glued', 'ar-paren'] });
    expect(r.levels).toEqual([
      { example: '一', count: 2, isTaskLevel: false },
      { example: '(1)', count: 3, isTaskLevel: true },
    ]);
    const levels = parsePlan(r.text).structure.levels.map((l) => ({ example: l.example.trim(), count: l.count, isTaskLevel: l.isTaskLevel }));
    expect(levels).toEqual([
      { example: '一', count: 2, isTaskLevel: false },
      { example: '(1)', count: 3, isTaskLevel: true },
    ]);
  });
});
