import type { ParsedDeadline } from '../types.ts';
import type { PlanPick } from './run.ts';
import type { RenderOptions } from './types.ts';

/** A rendering the property tests found the reader got wrong: a plan pick and options over PLAIN. */
export interface RenderCase {
  id: string;
  note: string;
  pick: PlanPick;
  change: Partial<RenderOptions>;
}

/** The fields of a task a minimal case checks; `number` compares by value. */
export interface WantTask {
  path?: string[];
  number?: number;
  title?: string;
  text?: string;
  deadlines?: ParsedDeadline[];
  lead?: string[];
  responsible?: string[];
}

/** A failure cut down by hand to its smallest text (also in /work/notes/reader-failures.md). */
export interface TextCase {
  id: string;
  note: string;
  text: string;
  want: WantTask[];
}

const Y = '2024年工作方案\n';

export const TEXT_CASES: TextCase[] = [
  {
    id: 'M1',
    note: '"1 ." markers, a space before the dot',
    text: `${Y}一、优化服务\n1 .推行网办。（牵头单位：区政务中心）\n2 .压缩时限。（牵头单位：区审批局）`,
    want: [
      { path: ['一、优化服务'], number: 1, lead: ['区政务中心'] },
      { path: ['一、优化服务'], number: 2, lead: ['区审批局'] },
    ],
  },
  {
    id: 'M2',
    note: '第一条 markers with no space after them',
    text: `${Y}一、优化服务\n第一条推行网办。（牵头单位：区政务中心）\n第二条压缩时限。（牵头单位：区审批局）`,
    want: [
      { number: 1, title: '推行网办', lead: ['区政务中心'] },
      { number: 2, title: '压缩时限', lead: ['区审批局'] },
    ],
  },
  {
    id: 'M3',
    note: 'task numbers running across sections',
    text: `${Y}一、优化服务\n1．推行网办。（牵头单位：区政务中心）\n2．压缩时限。（牵头单位：区审批局）\n二、降低成本\n3．落实减税。（牵头单位：区税务局）`,
    want: [{ number: 1 }, { number: 2 }, { path: ['二、降低成本'], number: 3, title: '落实减税', lead: ['区税务局'] }],
  },
  {
    id: 'M4',
    note: 'full-width indentation that arrived as ??',
    text: `${Y}??一、优化服务\n??1．推行网办。（牵头单位：区政务中心）\n??2．压缩时限。（牵头单位：区审批局）`,
    want: [
      { number: 1, title: '推行网办', lead: ['区政务中心'] },
      { number: 2, title: '压缩时限', lead: ['区审批局'] },
    ],
  },
  {
    id: 'M5',
    note: 'a web page footer after the last task',
    text: `${Y}一、优化服务\n1．推行网办。（牵头单位：区政务中心）\n【打印本页】【关闭窗口】\n主办单位：区人民政府办公室　　网站标识码：3704060001`,
    want: [{ text: '推行网办。', lead: ['区政务中心'], responsible: [] }],
  },
  {
    id: 'M6',
    note: 'a plan whose line breaks were all lost',
    text: '2024年工作方案一、优化服务1．推行网办。（牵头单位：区政务中心）2．压缩时限。（牵头单位：区审批局）二、降低成本1．落实减税。（牵头单位：区税务局）',
    want: [
      { path: ['一、优化服务'], number: 1, title: '推行网办', lead: ['区政务中心'] },
      { path: ['一、优化服务'], number: 2, title: '压缩时限', lead: ['区审批局'] },
      { path: ['二、降低成本'], number: 1, title: '落实减税', lead: ['区税务局'] },
    ],
  },
  {
    id: 'M7',
    note: '年内 in a trailing （完成时限：…）',
    text: `${Y}一、优化服务\n1．推行网办。（牵头单位：区政务中心）（完成时限：年内）`,
    want: [{ deadlines: [{ text: '年内', date: '2024-12-31' }] }],
  },
  {
    id: 'M8',
    note: 'a bare first-lead unit list followed by a deadline bracket',
    text: `${Y}（排在第一位的为牵头单位）\n一、优化服务\n1．推行网办。（区政务中心、区大数据局）（完成时限：9月底前）`,
    want: [{ text: '推行网办。', lead: ['区政务中心'], responsible: ['区大数据局'] }],
  },
  {
    id: 'M9',
    note: 'an inline 一是……二是…… enumeration with a unit bracket per item',
    text: `${Y}一、优化服务\n一是推行网办。（牵头单位：区政务中心）二是压缩时限。（牵头单位：区审批局）`,
    want: [
      { number: 1, title: '推行网办', lead: ['区政务中心'] },
      { number: 2, title: '压缩时限', lead: ['区审批局'] },
    ],
  },
  {
    id: 'M10',
    note: 'a table whose cells are separated by runs of spaces',
    text: `${Y}序号   工作任务   具体措施   牵头单位   责任单位   完成时限\n1   优化服务   推行网办。   区政务中心   区大数据局   6月底前`,
    want: [
      {
        path: ['优化服务'],
        number: 1,
        title: '推行网办',
        lead: ['区政务中心'],
        responsible: ['区大数据局'],
        deadlines: [{ text: '6月底前', date: '2024-06-30' }],
      },
    ],
  },
  {
    id: 'M11',
    note: 'a table flattened to one cell per line, a merged cell left empty',
    text: `${Y}序号\n工作任务\n具体措施\n牵头单位\n责任单位\n完成时限\n1\n优化服务\n推行网办。\n区政务中心\n区大数据局\n6月底前\n2\n\n压缩时限。\n区审批局\n\n9月底前`,
    want: [
      { path: ['优化服务'], number: 1, lead: ['区政务中心'], responsible: ['区大数据局'] },
      { path: ['优化服务'], number: 2, lead: ['区审批局'], responsible: [], deadlines: [{ text: '9月底前', date: '2024-09-30' }] },
    ],
  },
  {
    id: 'M12',
    note: 'a title broken by a hard line wrap',
    text: `${Y}一、优化服务\n　　1．推行一网通办与数\n据共享。完成建设。（牵头单位：区政务中心）`,
    want: [{ title: '推行一网通办与数\n据共享', lead: ['区政务中心'] }],
  },
  {
    id: 'M13',
    note: 'an inline 一是 enumeration in a hard-wrapped paragraph',
    text: `${Y}一、优化服务\n　　一是推行网办。完成系统\n建设。（牵头单位：区政务中心）二是压缩时限。（牵头单位：区审批局）`,
    want: [
      { number: 1, lead: ['区政务中心'] },
      { number: 2, title: '压缩时限', lead: ['区审批局'] },
    ],
  },
  {
    id: 'M14',
    note: 'an inline 一是 enumeration after a lead-in clause',
    text: `${Y}一、优化服务\n　　主要做好以下工作：一是推行网办。（牵头单位：区政务中心）二是压缩时限。（牵头单位：区审批局）`,
    want: [
      { path: ['一、优化服务'], number: 1, title: '推行网办', lead: ['区政务中心'] },
      { path: ['一、优化服务'], number: 2, title: '压缩时限', lead: ['区审批局'] },
    ],
  },
  {
    id: 'M15',
    note: 'a note line after a tab table',
    text: `${Y}序号\t工作任务\t具体措施\t牵头单位\t责任单位\n1\t优化服务\t推行网办。\t区政务中心\t区大数据局\n2\t降低成本\t落实减税。\t区税务局\t区财政局\n注：各项任务中，排在第一位的为牵头单位。`,
    want: [{ text: '推行网办。' }, { text: '落实减税。', lead: ['区税务局'], responsible: ['区财政局'] }],
  },
  {
    id: 'M16',
    note: 'a hard-wrapped line ending in 。 inside an indented paragraph',
    text: `${Y}一、市场监管\n　　1．推进监管。对照清单核查数据，提高录入质量。\n协调推进线索的接收、推\n送。（牵头单位：区政府办公室）`,
    want: [{ text: '推进监管。对照清单核查数据，提高录入质量。\n协调推进线索的接收、推\n送。', lead: ['区政府办公室'] }],
  },
  {
    id: 'M17',
    note: 'a web footer line after the safeguard section',
    text: `${Y}一、优化服务\n1．推行网办。（牵头单位：区政务中心）\n二、保障措施\n1．加强组织领导。各单位要高度重视。\n【打印本页】【关闭窗口】\n主办单位：区人民政府办公室网站标识码：3704060001`,
    want: [{ title: '推行网办', lead: ['区政务中心'] }],
  },
  {
    id: 'M18',
    note: 'web footer lines after the last unit bracket',
    text: `${Y}一、知识产权\n　　1．建立纠纷化解机制。（牵头单位：区市场监管局）\n【打印本页】【关闭窗口】\n上一篇：关于做好安全生产工作的通知`,
    want: [{ text: '建立纠纷化解机制。', lead: ['区市场监管局'] }],
  },
  {
    id: 'M19',
    note: 'a "1 ." mark followed by a digit',
    text: `${Y}一、市场监管\n　　1 .9月底前上传失信信息。（牵头单位：区发改局）\n　　2 .推广信用核查。（牵头单位：区发改局）`,
    want: [
      { number: 1, title: '9月底前上传失信信息', deadlines: [{ text: '9月底前', date: '2024-09-30' }] },
      { number: 2, title: '推广信用核查' },
    ],
  },
  {
    id: 'M20',
    note: 'a 注： note after the last task',
    text: `${Y}一、优化服务\n1．推行网办。（责任单位：区政务中心、区大数据局）\n注：列第一位者为牵头单位，其他为责任单位。`,
    want: [{ text: '推行网办。', lead: ['区政务中心'], responsible: ['区大数据局'] }],
  },
  {
    id: 'M21',
    note: 'label units in a text with no line breaks',
    text: '2024年工作方案一、优化服务　　1．推行网办。牵头单位：区政务中心责任单位：区大数据局、各街道办　　2．压缩时限。牵头单位：区审批局',
    want: [
      { title: '推行网办', lead: ['区政务中心'], responsible: ['区大数据局', '各街道办'] },
      { title: '压缩时限', lead: ['区审批局'], responsible: [] },
    ],
  },
  {
    id: 'M22',
    note: 'a hard wrap right after an inline （1）',
    text: `${Y}一、重点任务\n　　1．提升社区服务能力。推动设施升级，重点做好以下工作：（1）\n建设社区综合服务站；（2）\n推行“一窗通办”，6月底前全覆盖。（牵头单位：区民政局）`,
    want: [
      {
        text: '提升社区服务能力。推动设施升级，重点做好以下工作：（1）\n建设社区综合服务站；（2）\n推行“一窗通办”，6月底前全覆盖。',
        deadlines: [{ text: '6月底前', date: '2024-06-30' }],
        lead: ['区民政局'],
      },
    ],
  },
  {
    id: 'M23',
    note: 'a bare numeral heading with a space after it',
    text: `${Y}一　教育方面\n1.新建幼儿园。（县教育局负责）\n二　医疗方面\n1.建设医共体。（县卫健局负责）`,
    want: [
      { path: ['一　教育方面'], number: 1, responsible: ['县教育局'] },
      { path: ['二　医疗方面'], number: 1, responsible: ['县卫健局'] },
    ],
  },
  {
    id: 'M25',
    note: 'a bare first-lead list whose first unit has no 区/市/县 prefix',
    text: `${Y}（排在第一位的为牵头单位）\n一、重点任务\n1．拓展服务渠道。引进资源进校园。（团市委、市科协、市体育局）`,
    want: [{ text: '拓展服务渠道。引进资源进校园。', lead: ['团市委'], responsible: ['市科协', '市体育局'] }],
  },
  {
    id: 'M26',
    note: 'an inline 一是 enumeration in a text with no line breaks',
    text: '2024年工作方案一、重点任务（一）全面压减作业一是健全作业管理机制。建立公示制度。（牵头：市教育局；配合：各县区教育局）二是明确作业总量。（牵头：市教育局）',
    want: [
      { path: ['一、重点任务', '（一）全面压减作业'], number: 1, title: '健全作业管理机制', lead: ['市教育局'], responsible: ['各县区教育局'] },
      { path: ['一、重点任务', '（一）全面压减作业'], number: 2, title: '明确作业总量', lead: ['市教育局'], responsible: [] },
    ],
  },
  {
    id: 'M27',
    note: 'a table after an indented paragraph (regression of reader c967605)',
    text: '某区2024年工作方案\n　　为推进工作，制定本方案。\n序号\t工作任务\t具体措施\t牵头单位\t责任单位\t完成时限\n1\t优化服务\t推行网办。\t区政务中心\t区大数据局\t6月底前\n2\t\t压缩时限。\t区审批局\t区财政局\t9月底前',
    want: [
      {
        path: ['优化服务'],
        number: 1,
        title: '推行网办',
        lead: ['区政务中心'],
        responsible: ['区大数据局'],
        deadlines: [{ text: '6月底前', date: '2024-06-30' }],
      },
      { path: ['优化服务'], number: 2, title: '压缩时限', lead: ['区审批局'], responsible: ['区财政局'], deadlines: [{ text: '9月底前', date: '2024-09-30' }] },
    ],
  },
  {
    id: 'M28',
    note: 'no line breaks, （1） headings over ① items',
    text: '2024年工作方案　　一．深化改革　　（1）推进审批　　①压缩时间。（牵头单位：县审批局）②推行承诺制。（牵头单位：县司法局）',
    want: [
      { path: ['一．深化改革', '（1）推进审批'], number: 1, title: '压缩时间', lead: ['县审批局'] },
      { path: ['一．深化改革', '（1）推进审批'], number: 2, title: '推行承诺制', lead: ['县司法局'] },
    ],
  },
  {
    id: 'M29',
    note: 'web footer lines after a long last task',
    text: '2021年工作方案\n　　四、政府采购\n　　1．健全政府采购诚信体系。7月底前，完善政府采购信用评价指标体系，健全守信践诺机制和失信惩戒制度，将拖欠供应商账款列入不良信用行为，实施联合惩戒。（牵头单位：区财政局；责任单位：区公共资源交易中心）\n【打印本页】【关闭窗口】\n地址：人民路1号　　电话：0632-1234567',
    want: [
      {
        text: '健全政府采购诚信体系。7月底前，完善政府采购信用评价指标体系，健全守信践诺机制和失信惩戒制度，将拖欠供应商账款列入不良信用行为，实施联合惩戒。',
        lead: ['区财政局'],
        responsible: ['区公共资源交易中心'],
      },
    ],
  },
  {
    id: 'M30',
    note: 'an inline 二是 after a unit bracket in a hard-wrapped, unindented paragraph',
    text: `${Y}一、获得电力\n一是优化备案方式。6月底前，符合条件的短距离高\n压电力接入工程实行备案。（牵头单位：区发改局）二是提升作业能力。推广不停电作业项目，７月底前，全区配网不\n停电作业化率达到92％。（牵头单位：区供电部）`,
    want: [
      { number: 1, lead: ['区发改局'] },
      { number: 2, title: '提升作业能力', lead: ['区供电部'] },
    ],
  },
  {
    id: 'M31',
    note: 'no line breaks, a web footer after the last unit bracket',
    text: '2024年工作方案一、重点任务　　1．健全作业管理机制。建立公示制度。（牵头单位：市教育局）【打印本页】【关闭窗口】上一篇：关于做好安全生产工作的通知',
    want: [{ text: '健全作业管理机制。建立公示制度。', lead: ['市教育局'] }],
  },
  {
    id: 'M32',
    note: 'no line breaks, a 注： note after the last unit bracket',
    text: '2024年工作方案一、获得电力　　1．融合办电渠道。6月底前实现掌上办。（责任单位：区供电部、区大数据局）注：列第一位者为牵头单位。',
    want: [
      { text: '融合办电渠道。6月底前实现掌上办。', deadlines: [{ text: '6月底前', date: '2024-06-30' }], lead: ['区供电部'], responsible: ['区大数据局'] },
    ],
  },
  {
    id: 'M33',
    note: 'safeguard items after a space-separated table',
    text: `${Y}　　一、工作目标\n　　到年底，改革任务全面完成。\n二、重点任务\n序号   工作任务   具体措施   牵头单位   责任单位\n1   压减作业   健全作业管理机制。建立公示制度。   市教育局   各县区教育局\n　　三、保障措施\n　　（一） 加强组织领导。各单位要高度重视。\n　　（二） 强化督导考核。定期调度通报。`,
    want: [{ path: ['二、重点任务', '压减作业'], number: 1, title: '健全作业管理机制', lead: ['市教育局'], responsible: ['各县区教育局'] }],
  },
  {
    id: 'M34',
    note: 'no line breaks, label units then a web footer',
    text: '2024年工作方案一、工程审批　　1．优化竣工验收。推行联合验收。牵头单位：区住建局责任单位：区自然资源局、区审批局等相关部门【打印本页】【关闭窗口】上一篇：关于做好安全生产工作的通知',
    want: [{ text: '优化竣工验收。推行联合验收。', lead: ['区住建局'], responsible: ['区自然资源局', '区审批局等相关部门'] }],
  },
  {
    id: 'M35',
    note: 'no line breaks, a 责任单位： list then the 注： first-lead note',
    text: '2024年工作方案一、优化服务　　1．推行网办。6月底前上线。责任单位：区政务中心、区大数据局、各街道办事处注：列第一位者为牵头单位，其他为责任单位。',
    want: [{ text: '推行网办。6月底前上线。', lead: ['区政务中心'], responsible: ['区大数据局', '各街道办事处'] }],
  },
];

/** Renderings found failing by the property tests, kept as they were found (before any fix). */
export const RENDER_CASES: RenderCase[] = [
  { id: 'P1', note: 'city plan: （完成时限：年内） read with no deadline', pick: { plan: 'city-2022', keep: [3] }, change: {} },
  {
    id: 'P2',
    note: 'first-lead rule with a bare list, then a deadline bracket',
    pick: { plan: 'district-2024', keep: null },
    change: { units: 'first-lead', ruleForm: 2, labels: { lead: '牵头单位', responsible: '责任部门' } },
  },
  { id: 'P3', note: 'web chrome: 主办单位 of the footer taken as a lead unit', pick: { plan: 'district-2024', keep: null }, change: { chrome: true } },
  {
    id: 'P4',
    note: 'web chrome after a table: the footer glued to the last row',
    pick: { plan: 'district-2024', keep: null },
    change: { chrome: true, layout: 'table' },
  },
  {
    id: 'P5',
    note: 'lost full-width spaces and a footer: safeguard items read as tasks',
    pick: { plan: 'district-2024', keep: null },
    change: { spaces: 'drop', chrome: true, frame: true },
  },
  {
    id: 'P6',
    note: 'a seed task hard-wrapped at 25 characters loses its last sentence and units',
    pick: { plan: 'seed', keep: [171] },
    change: { breaks: 'wrap', wrapWidth: 25 },
  },
  {
    id: 'P7',
    note: 'a seed task hard-wrapped at 18 characters, a quote broken across lines',
    pick: { plan: 'seed', keep: [2] },
    change: { breaks: 'wrap', wrapWidth: 18 },
  },
  { id: 'P8', note: 'an inline enumeration after a lead-in clause', pick: { plan: 'district-2024', keep: null }, change: { layout: 'inline', leadIn: true } },
  { id: 'P9', note: 'the seed with no line breaks', pick: { plan: 'seed', keep: [0, 1, 2] }, change: { breaks: 'none' } },
  {
    id: 'P10',
    note: 'a table one cell per line',
    pick: { plan: 'district-2024', keep: null },
    change: { layout: 'table', table: { sep: 'cell-lines', merged: 'repeat' } },
  },
  { id: 'P12', note: 'label units with no line breaks', pick: { plan: 'district-2024', keep: null }, change: { breaks: 'none', units: 'lines' } },
  {
    id: 'P13',
    note: 'twelve seed tasks as an inline 一是 enumeration: 单一、 in a text read as a 一、 heading',
    pick: { plan: 'seed', keep: [19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30] },
    change: { layout: 'inline', forms: ['cn-paren', 'cn-shi'] },
  },
  {
    id: 'P14',
    note: 'a hard wrap right after an inline （1） cuts the task',
    pick: { plan: '12-hubin-2022-shequzhili-inline', keep: null },
    change: { breaks: 'wrap', wrapWidth: 16 },
  },
  {
    id: 'P15',
    note: 'no line breaks and a metadata block: tasks read, and (the number and plan year property) document.number lost',
    pick: { plan: 'district-2024', keep: null },
    change: { breaks: 'none', metadata: true },
  },
  {
    id: 'P16',
    note: 'one seed task as a one-row table with runs of spaces, after the notice',
    pick: { plan: 'seed', keep: [4] },
    change: { layout: 'table', table: { sep: 'spaces', merged: 'blank' } },
  },
  {
    id: 'P17',
    note: 'a one-row space-separated table followed by web chrome',
    pick: { plan: 'district-2024', keep: [0] },
    change: { chrome: true, layout: 'table', table: { sep: 'spaces', merged: 'repeat' } },
  },
  {
    id: 'P18',
    note: 'hard wraps with no indentation: a full-width line ending in 。 ends the task too early',
    pick: { plan: 'seed', keep: [130] },
    change: { spaces: 'drop', breaks: 'wrap', wrapWidth: 19 },
  },
  {
    id: 'P19',
    note: 'web chrome and no line breaks: document.number lost (M24)',
    pick: { plan: 'district-2024', keep: null },
    change: { chrome: true, breaks: 'none' },
  },
  {
    id: 'P20',
    note: 'a one-cell-per-line table with empty cells, full-width spaces dropped: a lead cell read as text',
    pick: { plan: 'county-2023', keep: null },
    change: { spaces: 'drop', layout: 'table', table: { sep: 'cell-lines', merged: 'blank' } },
  },
  {
    id: 'P11',
    note: 'a table with runs of spaces',
    pick: { plan: 'county-2023', keep: null },
    change: { layout: 'table', table: { sep: 'spaces', merged: 'repeat' } },
  },
];
