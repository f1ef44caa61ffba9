import { chineseDate, chineseOrdinal } from './draft.ts';

/**
 * Typical-case circulars (典型案例通报): a circular not tied to a dispatch round, drafted from findings the
 * coordinator picks, each as a positive model (通报表扬) or a negative case (反面典型). The draft is prose
 * the coordinator edits before issuing, as with round circulars; the files link back to the findings
 * through the circular's case list.
 */

export const CASE_POLARITIES = ['positive', 'negative'] as const;
export type CasePolarity = (typeof CASE_POLARITIES)[number];
export const CASE_POLARITY_LABELS: Record<CasePolarity, string> = { positive: '正面典型', negative: '反面典型' };

/** The editable prose of a typical-case circular. */
export interface CaseCircularBlocks {
  /** 主送机关 */
  addressee: string;
  intro: string;
  /** 一、正面典型: one paragraph per case, each opening with （一）… */
  positive: string;
  /** 二、反面典型 */
  negative: string;
  /** 三、有关要求 */
  requirements: string;
}

export const CASE_BLOCK_KEYS = ['addressee', 'intro', 'positive', 'negative', 'requirements'] as const satisfies readonly (keyof CaseCircularBlocks)[];

export const CASE_BLOCK_LABELS: Record<keyof CaseCircularBlocks, string> = {
  addressee: '主送机关',
  intro: '开头',
  positive: '一、正面典型',
  negative: '二、反面典型',
  requirements: '三、有关要求',
};

/** One picked finding as the draft tells it. */
export interface CaseInput {
  findingId: number;
  polarity: CasePolarity;
  unitName: string;
  description: string;
  /** The inspection it was found in. */
  planTitle: string;
  /** 'YYYY-MM-DD' of the visit, when known. */
  foundOn: string | null;
  location: string | null;
  /** Whether it has been 销号 (a negative case then reports the rectification too). */
  closed: boolean;
}

export interface CaseCircularDraft {
  title: string;
  blocks: CaseCircularBlocks;
}

const sentence = (s: string) => {
  const t = s.trim().replace(/[。；;，,\s]+$/u, '');
  return t ? `${t}。` : '';
};

function caseLine(c: CaseInput, i: number): string {
  const when = c.foundOn ? `${chineseDate(c.foundOn)}，` : '';
  const where = c.location ? `在${c.location.trim()}` : '';
  const lead = `（${chineseOrdinal(i + 1)}）${c.unitName}。`;
  if (c.polarity === 'positive') return `${lead}${when}${c.planTitle}中${where}发现：${sentence(c.description)}`;
  const after = c.closed ? '目前该问题已整改到位并销号。' : '目前该问题正在整改中。';
  return `${lead}${when}${c.planTitle}中${where}发现：${sentence(c.description)}${after}`;
}

/** The title, the addressee and every block of a typical-case circular, from the picked cases. */
export function draftCaseCircular(cases: readonly CaseInput[], opts: { issuer: string }): CaseCircularDraft {
  const positive = cases.filter((c) => c.polarity === 'positive');
  const negative = cases.filter((c) => c.polarity === 'negative');
  const kinds = positive.length && negative.length ? '正反面' : positive.length ? '正面' : '反面';
  const title = `关于${cases.length}起营商环境${kinds}典型案例的通报`;
  const intro =
    `为进一步压实工作责任、推动问题整改，${opts.issuer}在明察暗访和专项督查中发现了一批典型案例` +
    `${positive.length ? `，其中正面典型${positive.length}起` : ''}${negative.length ? `${positive.length ? '，' : '，其中'}反面典型${negative.length}起` : ''}。现将有关情况通报如下：`;
  const requirements = [
    negative.length
      ? '（一）举一反三抓整改。被通报单位要深刻反思、认真剖析原因，逐项整改到位，并将整改情况按时报送；各单位要对照典型案例开展自查，防止同类问题再次发生。'
      : '（一）学习借鉴好做法。各单位要对照典型经验，结合实际学习借鉴，推动工作提质增效。',
    `（二）持续强化督查。${opts.issuer}将继续采取明察暗访等方式跟踪问效，对整改不力、问题反复出现的单位按规定予以督办，并提出约谈建议。`,
  ].join('\n');
  return {
    title,
    blocks: {
      addressee: '各镇（街），区政府各部门，各有关单位：',
      intro,
      positive: positive.map(caseLine).join('\n'),
      negative: negative.map(caseLine).join('\n'),
      requirements,
    },
  };
}
