import type { RoundSnapshot, StatusCounts } from '../rounds/types.ts';
import type { CircularBlocks } from './types.ts';

/**
 * The first draft of a circular (通报), written from a closed round's snapshot. Every figure in the
 * prose comes from the snapshot, so the coordinator only polishes wording before issuing.
 */
export interface CircularDraft {
  title: string;
  docNumber: string | null;
  blocks: CircularBlocks;
}

export interface DraftOptions {
  /** 发文机关: signs the circular and runs the round (e.g. "山亭区人民政府办公室"). */
  issuer: string;
  /** The issue number (期号); without it the number in the round title ("第3期调度") is used. */
  seq?: number;
}

/** A date as official documents write it: 2021年6月30日 (Arabic numerals, no zero padding). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A rate 0–1 as a percentage with one decimal, without a trailing ".0": 0.8593 → "85.9%", 1 → "100%". */
export function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一 … 10 → 十, 11 → 十一 … 99; the ordinals of （一） headings. */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : NUMERALS[tens - 1]}十${ones ? NUMERALS[ones - 1] : ''}`;
}

/**
 * The plan's own name: an imported plan may carry the title of the notice that issued it
 * ("山亭区人民政府关于印发山亭区优化营商环境创新突破行动落实方案的通知" → "山亭区优化营商环境创新突破行动落实方案").
 */
export function planName(title: string): string {
  const t = title.replace(/[《》]/g, '').trim();
  return /关于印发(.+?)的通知$/.exec(t)?.[1] ?? t;
}

/** "山亭区优化营商环境创新突破行动落实方案" → "山亭区优化营商环境创新突破行动": titles read "关于…推进情况的通报". */
function planSubject(title: string): string {
  const name = planName(title);
  return name.replace(/(的)?(落实|实施|工作|行动)?方案$/, (_m, _de, kind) => (kind === '行动' ? '行动' : '')) || name;
}

const done = (c: StatusCounts) => c.done + c.doneLate;
/** Trims a narrative to its first sentences, at most `max` characters, for the 好的做法 summaries. */
function summarize(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, '');
  if (flat.length <= max) return /[。！？]$/.test(flat) ? flat : `${flat}。`;
  const cut = flat.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'));
  return end > max / 3 ? `${cut.slice(0, end)}。` : `${cut}……`;
}

function joinNames(names: string[]): string {
  return names.join('、');
}

/** Writes the title, the issue number and every prose block of a circular from the snapshot. */
export function draftCircular(s: RoundSnapshot, opts: DraftOptions): CircularDraft {
  const subject =
    s.plans.length === 1 ? planSubject(s.plans[0]!.title) : s.plans.length > 1 ? `${planSubject(s.plans[0]!.title)}等${s.plans.length}项方案` : '各项重点任务';
  const planNames = s.plans.map((p) => `《${planName(p.title)}》`).join('');
  const seq = opts.seq ?? Number(/第(\d+)期/.exec(s.round.title)?.[1] ?? NaN);
  const docNumber = Number.isInteger(seq) && seq > 0 ? `第${seq}期` : null;
  const asOf = chineseDate(s.asOf);
  const o = s.overall;

  const period = s.round.periodStart && s.round.periodEnd ? `（调度期间为${chineseDate(s.round.periodStart)}至${chineseDate(s.round.periodEnd)}）` : '';
  const r = s.reporting;
  const intro =
    `为推动${planNames || '各项重点任务'}各项任务落地见效，按照定期调度通报工作安排，${opts.issuer}组织开展了${s.round.title}${period}。` +
    `本期应报送进展的责任单位${r.expected}个，按时报送${r.onTime}个，逾期报送${r.late}个，未报送${r.missing.length}个。现将有关情况通报如下：`;

  const overallLines = [
    `截至${asOf}，${s.plans.length === 1 ? '方案' : `${s.plans.length}项方案`}共${o.total}项任务，已完成${done(o)}项（其中逾期完成${o.doneLate}项），完成率${percent(o.completionRate)}；` +
      `推进中${o.inProgress + o.dueSoon}项（其中临期${o.dueSoon}项）；逾期未完成${o.overdue}项；未启动${o.notStarted}项。`,
  ];
  const passed = s.checkpoints.filter((c) => c.date <= s.asOf && c.due > 0);
  const next = s.checkpoints.find((c) => c.date > s.asOf);
  if (passed.length) {
    overallLines.push(
      `对照方案确定的时间节点，${passed.map((c) => `“${c.text}”应完成任务${c.due}项，按期完成${c.doneByCheckpoint}项，逾期未完成${c.overdue}项`).join('；')}。`,
    );
  }
  if (next)
    overallLines.push(
      `距“${next.text}”（${chineseDate(next.date)}）还有${next.due - next.doneByCheckpoint > 0 ? `${next.due - next.doneByCheckpoint}项任务需要完成` : '一段时间，相关任务已全部完成'}。`,
    );

  const sections = s.bySection.filter((x) => x.counts.total > 0);
  let sectionsText: string;
  if (sections.length < 2) {
    sectionsText = sections.length
      ? `“${sections[0]!.title}”共${sections[0]!.counts.total}项任务，完成率${percent(sections[0]!.counts.completionRate)}。各领域推进情况见下表。`
      : '本期无分领域任务。';
  } else if (sections.every((x) => x.counts.completionRate === 0)) {
    const lagging = [...sections]
      .filter((x) => x.counts.overdue > 0)
      .sort((a, b) => b.counts.overdue - a.counts.overdue)
      .slice(0, 3);
    sectionsText =
      '从各领域（指标）看，各领域均尚无完成的任务。' +
      (lagging.length
        ? `逾期未完成任务较多的是${lagging.map((x) => `“${x.title}”`).join('')}等领域，分别为${lagging.map((x) => `${x.counts.overdue}项`).join('、')}。`
        : '') +
      '各领域推进情况见下表。';
  } else {
    // Faster: the highest completion rates (above zero); slower: the lowest, most overdue first among equals.
    const n = Math.min(3, Math.floor(sections.length / 2));
    const best = sections
      .filter((x) => x.counts.completionRate > 0)
      .sort((a, b) => b.counts.completionRate - a.counts.completionRate || a.counts.overdue - b.counts.overdue || b.counts.total - a.counts.total)
      .slice(0, n);
    const weakest = sections
      .filter((x) => !best.includes(x))
      .sort((a, b) => a.counts.completionRate - b.counts.completionRate || b.counts.overdue - a.counts.overdue || b.counts.total - a.counts.total)
      .slice(0, n);
    const name = (x: (typeof sections)[number]) => `“${x.title}”`;
    sectionsText =
      // GB/T 15834: no 顿号 between items that are each in quotation marks.
      `从各领域（指标）看，${best.map(name).join('')}等领域推进较快，完成率分别为${best.map((x) => percent(x.counts.completionRate)).join('、')}；` +
      `${weakest.map(name).join('')}等领域推进相对滞后，完成率分别为${weakest.map((x) => percent(x.counts.completionRate)).join('、')}，逾期未完成任务分别为${weakest.map((x) => `${x.counts.overdue}项`).join('、')}。各领域推进情况见下表。`;
  }

  let overdueText: string;
  if (s.overdue.length === 0) {
    overdueText = `截至${asOf}，无逾期未完成任务。`;
  } else {
    const byUnit = new Map<string, number>();
    for (const t of s.overdue) for (const u of t.leadUnits) byUnit.set(u, (byUnit.get(u) ?? 0) + 1);
    const most = [...byUnit].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh')).slice(0, 3);
    const top = s.overdue[0]!;
    overdueText =
      `截至${asOf}，共有${s.overdue.length}项任务逾期未完成，涉及牵头单位${byUnit.size}个。` +
      `其中逾期时间最长的是${joinNames(top.leadUnits) || '有关单位'}牵头的“${top.title}”，已逾期${top.workdaysOverdue}个工作日。` +
      `逾期任务较多的牵头单位是${most.map(([u, n]) => `${u}（${n}项）`).join('、')}。请相关单位认真分析原因，倒排工期，限期完成。逾期任务清单见下表。`;
  }

  const units = s.units;
  let rankingText: string;
  if (units.length === 0) {
    rankingText = '本期无参与排名的单位。';
  } else {
    const n = Math.min(3, Math.ceil(units.length / 2));
    const top = units.slice(0, n);
    const bottom = units.length > n ? units.slice(-Math.min(3, units.length - n)) : [];
    const score = (u: (typeof units)[number]) => `${u.name}（${u.score}分）`;
    rankingText =
      `按照任务完成率、按时完成率和进展报送及时性综合评分，排名前三位的单位是：${top.map(score).join('、')}` +
      (bottom.length ? `；排名后三位的单位是：${bottom.map(score).join('、')}。` : '。') +
      (r.missing.length === 0
        ? '各单位均已报送本期进展。'
        : r.missing.length <= 10
          ? `${joinNames(r.missing.map((m) => m.name))}未按要求报送本期进展。`
          : `${joinNames(r.missing.slice(0, 10).map((m) => m.name))}等${r.missing.length}个单位未按要求报送本期进展。`) +
      '单位排名见下表。';
  }

  const practices = s.goodPractices.slice(0, 5);
  const goodPractices = practices.length
    ? [
        '各单位在推进中形成了一批好的经验做法，现摘要如下：',
        ...practices.map((p, i) => `（${chineseOrdinal(i + 1)}）${p.unitName}：${p.title.replace(/[。；]$/, '')}。${summarize(p.narrative)}`),
      ].join('\n')
    : '本期暂无报送的典型经验做法，请各单位注重总结提炼，及时报送。';

  const nextSteps = [
    `（一）加快推进逾期任务。${s.overdue.length ? `对${s.overdue.length}项逾期任务，` : ''}各牵头单位要对照时间节点逐项梳理，倒排工期、挂图作战，确保尽快完成；各责任单位要主动配合，形成工作合力。`,
    `（二）紧盯时间节点。${next ? `对照“${next.text}”的目标，` : ''}各单位要聚焦未完成任务，细化具体举措，按时在推进平台报送进展情况和佐证材料。`,
    `（三）强化调度督导。${opts.issuer}将持续开展定期调度，对进展缓慢、逾期未完成的任务按规定予以催办、督办，对工作推进不力的单位提出约谈建议。`,
  ].join('\n');

  return {
    title: `关于${subject}推进情况的通报`,
    docNumber,
    blocks: {
      addressee: '各镇（街），区政府各部门，各有关单位：',
      intro,
      overall: overallLines.join('\n'),
      sections: sectionsText,
      overdue: overdueText,
      ranking: rankingText,
      goodPractices,
      nextSteps,
    },
  };
}
