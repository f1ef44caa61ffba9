import type { WorkStatus } from '../status/status.ts';
import type { RoundSnapshot, SnapshotTask, StatusCounts, UnitStanding } from './types.ts';

/**
 * A realistic RoundSnapshot built by hand (no database, no snapshot code), for the circular tests and
 * the bench: a 营商环境 plan of `tasks` tasks over 18 indicators and 24 units, closed on 2021-07-06.
 * Deterministic: the same arguments always give the same snapshot, and every count agrees with the
 * task list, so tests can check the documents' figures against the snapshot.
 */
const SECTIONS = [
  '开办企业', '办理建筑许可', '获得电力', '获得用水用气', '登记财产', '纳税', '跨境贸易', '办理破产', '获得信贷',
  '保护中小投资者', '执行合同', '劳动力市场监管', '政府采购', '招标投标', '政务服务', '知识产权创造保护运用', '市场监管', '包容普惠创新',
];
const UNITS = [
  '区审批服务局', '区市场监管局', '区住房城乡建设局', '区自然资源局', '区税务局', '区商务局', '区人民法院', '区人力资源社会保障局',
  '区财政局', '区公共资源交易中心', '区大数据中心', '区发展改革局', '区司法局', '区科技局', '国网山亭供电公司', '区水务局',
  '区综合行政执法局', '区教育和体育局', '区卫生健康局', '区交通运输局', '区地方金融监管局', '人行山亭支行', '山城街道办事处', '山亭经济开发区管委会',
];
const TITLES = [
  '按照省市部署全面应用电子证照', '同步发放电子印章与电子营业执照', '优化企业开办流程', '提升市场主体登记智能化办理水平', '试行企业开办“掌上办”',
  '提升企业注销便利度', '扩大“一业一证”改革覆盖范围', '优化工程建设项目招投标事项办理', '推动水电气热信联合报装', '优化联合竣工验收流程',
  '合并用地核准类审批事项', '简化低压工程行政审批', '推行用电业务告知承诺制', '降低企业接电成本', '推行园区快捷接电模式',
  '压减不动产登记办理时间', '推行“交房即办证”', '拓展“不见面”办税服务', '压缩出口退税办理时间', '提高破产案件处置效率',
  '健全多元纠纷化解机制', '优化就业服务', '保障公平竞争', '推行“全省通办”“跨省通办”', '加强知识产权保护',
  '普遍推行“双随机、一公开”监管', '完善信用监管', '加快数字政府建设', '推进政府采购全流程电子化', '规范招标投标市场秩序',
];
const NARRATIVES = [
  '依托全省企业开办“一窗通”系统，实现营业执照、印章刻制、涉税办理、社保登记等事项一次提交、并联办理，企业开办时间压缩至0.5个工作日以内，6月份共为312户新开办企业免费发放印章。',
  '在全市率先推行水电气热信联合报装，工程建设项目市政公用报装纳入“一张表单”，联合踏勘一次完成，平均接入时间由15个工作日压减至5个工作日。',
  '建立不动产登记与水电气热过户联动机制，实现“一窗受理、并行办理”，办理时限压缩至1个工作日，累计为群众办理联动过户业务846件。',
  '推出“非接触式”办税清单，217项涉税事项实现网上办、掌上办，出口退税平均办理时间压缩至3个工作日以内。',
  '设立破产审判专业团队，建立府院联动机制，简易破产案件平均审理周期缩短至120天，盘活闲置土地厂房156亩。',
  '组建“企业服务专员”队伍，为重点项目提供全程帮办代办服务，本期累计帮办事项98件，企业满意率100%。',
];
const DEADLINES: { text: string; date: string | null }[] = [
  { text: '2021年5月底前', date: '2021-05-31' },
  { text: '2021年6月底前', date: '2021-06-30' },
  { text: '2021年7月底前', date: '2021-07-31' },
  { text: '2021年8月底前', date: '2021-08-31' },
  { text: '2021年9月底前', date: '2021-09-30' },
  { text: '2021年10月底前', date: '2021-10-31' },
  { text: '2021年12月底前', date: '2021-12-31' },
  { text: '持续推进', date: null },
];

/** A small linear congruential generator: deterministic and good enough to spread statuses. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Weekdays after `from` up to and including `to` (the sample ignores holidays). */
function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d < end) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n++;
  }
  return n;
}

export function countOf(statuses: WorkStatus[]): StatusCounts {
  const c = { total: statuses.length, notStarted: 0, inProgress: 0, dueSoon: 0, overdue: 0, done: 0, doneLate: 0, completionRate: 0 };
  for (const s of statuses) {
    if (s === 'not_started') c.notStarted++;
    else if (s === 'in_progress') c.inProgress++;
    else if (s === 'due_soon') c.dueSoon++;
    else if (s === 'overdue') c.overdue++;
    else if (s === 'done') c.done++;
    else c.doneLate++;
  }
  c.completionRate = c.total ? Math.round(((c.done + c.doneLate) / c.total) * 10000) / 10000 : 0;
  return c;
}

export interface SampleOptions {
  tasks?: number;
  seed?: number;
  roundId?: number;
  planId?: number;
}

export function sampleSnapshot(opts: SampleOptions = {}): RoundSnapshot {
  const n = opts.tasks ?? 199;
  const rnd = random(opts.seed ?? 7);
  const planId = opts.planId ?? 1;
  const asOf = '2021-07-06';
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

  const tasks: SnapshotTask[] = [];
  const perSection = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    // Front-load the first indicators, as real plans do (开办企业 and 建筑许可 carry most tasks).
    const section = Math.min(SECTIONS.length - 1, Math.floor((i / n) ** 1.3 * SECTIONS.length));
    const number = (perSection.get(section) ?? 0) + 1;
    perSection.set(section, number);
    const lead = [pick(UNITS)];
    if (rnd() < 0.15) lead.push(pick(UNITS.filter((u) => u !== lead[0])));
    const responsible = UNITS.filter((u) => !lead.includes(u) && rnd() < 0.08).slice(0, 3);
    const deadline = pick(DEADLINES);
    const deadlines = rnd() < 0.2 && deadline.date && deadline.date < '2021-12-31' ? [deadline, DEADLINES[6]!] : [deadline];
    const first = deadlines[0]!.date;
    const x = rnd();
    let status: WorkStatus;
    if (first !== null && first < asOf) status = x < 0.5 ? 'done' : x < 0.65 ? 'done_late' : 'overdue';
    else if (first !== null && first <= '2021-07-12') status = x < 0.3 ? 'done' : 'due_soon';
    else status = x < 0.12 ? 'done' : x < 0.8 ? 'in_progress' : 'not_started';
    tasks.push({
      taskId: 1000 + i,
      planId,
      number: String(number),
      title: `${TITLES[i % TITLES.length]}${i >= TITLES.length ? `（${SECTIONS[section]}）` : ''}`,
      sectionTitle: SECTIONS[section]!,
      leadUnits: lead,
      responsibleUnits: responsible,
      deadlines,
      actions: status === 'not_started' ? [] : [`${chineseMonth(first)}完成工作方案制定`, '建立工作台账，每周调度推进'],
      status,
      latestProgress: status === 'not_started' ? null : status === 'done' || status === 'done_late' ? pick(NARRATIVES) : '已制定工作方案，正在按计划推进。',
      evidenceCount: status === 'done' || status === 'done_late' ? 1 + Math.floor(rnd() * 3) : 0,
    });
  }

  const sectionIds = SECTIONS.map((_, i) => 100 + i);
  const bySection = SECTIONS.map((title, i) => ({
    planId,
    sectionId: sectionIds[i]!,
    title,
    indicatorCode: `YS${String(i + 1).padStart(2, '0')}`,
    counts: countOf(tasks.filter((t) => t.sectionTitle === title).map((t) => t.status)),
  })).filter((s) => s.counts.total > 0);

  const overdue = tasks
    .filter((t) => t.status === 'overdue')
    .map((t) => ({ taskId: t.taskId, planId, number: t.number, title: t.title, leadUnits: t.leadUnits, responsibleUnits: t.responsibleUnits, dueDate: t.deadlines[0]!.date!, workdaysOverdue: weekdaysBetween(t.deadlines[0]!.date!, asOf) }))
    .sort((a, b) => b.workdaysOverdue - a.workdaysOverdue || a.taskId - b.taskId);

  const named = UNITS.map((name, i) => ({ unitId: 500 + i, name, mine: tasks.filter((t) => t.leadUnits.includes(name) || t.responsibleUnits.includes(name)) })).filter((u) => u.mine.length > 0);
  const reportingScores = named.map((_, i) => (i % 9 === 4 ? 0 : i % 5 === 2 ? 0.5 : 1));
  const standings = named.map((u, i) => {
    const doneCount = u.mine.filter((t) => t.status === 'done' || t.status === 'done_late').length;
    const passed = u.mine.filter((t) => t.deadlines[0]!.date !== null && t.deadlines[0]!.date! < asOf);
    const completionRate = Math.round((doneCount / u.mine.length) * 10000) / 10000;
    const timelinessRate = passed.length ? Math.round((passed.filter((t) => t.status === 'done').length / passed.length) * 10000) / 10000 : 1;
    const reportingScore = reportingScores[i]!;
    return {
      unitId: u.unitId, name: u.name, tasks: u.mine.length, done: doneCount, overdue: u.mine.filter((t) => t.status === 'overdue').length,
      completionRate, timelinessRate, reportingScore, score: Math.round((50 * completionRate + 30 * timelinessRate + 20 * reportingScore) * 10) / 10, rank: 0,
    };
  });
  const units: UnitStanding[] = standings.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh')).map((u, i) => ({ ...u, rank: i + 1 }));

  const goals = [
    { text: '6月底前取得实质性进展', date: '2021-06-30' },
    { text: '9月底前基本完成改革任务', date: '2021-09-30' },
    { text: '年底前实现重大突破', date: '2021-12-31' },
  ];
  const checkpoints = goals.map((g) => {
    const due = tasks.filter((t) => t.deadlines[0]!.date !== null && t.deadlines[0]!.date! <= g.date);
    const doneBy = due.filter((t) => t.status === 'done' || (t.status === 'done_late' && g.date < asOf)).length;
    const over = g.date < asOf ? due.filter((t) => t.status === 'overdue').length : 0;
    return { text: g.text, date: g.date, due: due.length, doneByCheckpoint: doneBy, overdue: over, state: (g.date >= asOf ? 'pending' : over === 0 ? 'met' : 'missed') as 'pending' | 'met' | 'missed' };
  });

  const goodPractices = tasks
    .filter((t) => t.status === 'done')
    .slice(0, 6)
    .map((t, i) => ({ taskId: t.taskId, number: t.number, title: t.title, unitName: t.leadUnits[0]!, narrative: NARRATIVES[i % NARRATIVES.length]! }));

  return {
    version: 1,
    round: { id: opts.roundId ?? 1, title: '第3期调度', periodStart: '2021-06-01', periodEnd: '2021-06-30', dueDate: '2021-07-05' },
    takenAt: '2021-07-06T02:00:00.000Z',
    asOf,
    plans: [{ id: planId, number: '山政发〔2021〕7号', title: '山亭区优化营商环境创新突破行动落实方案' }],
    overall: countOf(tasks.map((t) => t.status)),
    bySection,
    checkpoints,
    overdue,
    units,
    reporting: {
      expected: units.length,
      onTime: units.filter((u) => u.reportingScore === 1).length,
      late: units.filter((u) => u.reportingScore === 0.5).length,
      missing: units.filter((u) => u.reportingScore === 0).map((u) => ({ unitId: u.unitId, name: u.name })),
    },
    goodPractices,
    tasks,
  };
}

function chineseMonth(date: string | null): string {
  return date ? `${Number(date.slice(5, 7))}月底前` : '按计划';
}
