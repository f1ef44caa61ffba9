import { CASE_BLOCK_LABELS, type CaseCircularBlocks } from '#core/circulars/cases.ts';
import { chineseOrdinal } from '#core/circulars/draft.ts';
import { closingElements, type DocElement, headElements, prose } from './circular-content.ts';

/**
 * A typical-case circular (典型案例通报) as document elements: the same head, prose and closing as a
 * round circular, so the one .docx and the one .pdf renderer draw it in the same GB/T 9704 layout.
 * The case list follows as a table so a reader can find each finding again (its number in Tuijin).
 */
export interface CaseCircularContent {
  title: string;
  docNumber: string | null;
  issuer: string;
  blocks: CaseCircularBlocks;
  /** 成文日期 'YYYY-MM-DD'. */
  date: string;
  cases: { findingId: number; polarity: 'positive' | 'negative'; unitName: string; planTitle: string }[];
}

export function caseCircularElements(c: CaseCircularContent): DocElement[] {
  const out = headElements(c.title, c.docNumber, c.blocks.addressee);
  out.push(...prose(c.blocks.intro));
  // Headings are numbered as they appear: a circular with only negative cases opens with 一、反面典型.
  let n = 0;
  for (const key of ['positive', 'negative', 'requirements'] as const) {
    const body = prose(c.blocks[key]);
    if (!body.length) continue;
    n++;
    out.push({ kind: 'heading1', text: `${chineseOrdinal(n)}、${CASE_BLOCK_LABELS[key].replace(/^[一二三四五六七八九十]+、/, '')}` }, ...body);
  }
  if (c.cases.length) {
    out.push({ kind: 'blank' }, { kind: 'paragraph', text: '附：典型案例清单' });
    out.push({
      kind: 'table',
      columns: [
        { title: '序号', width: 0.08, align: 'center' },
        { title: '类型', width: 0.14, align: 'center' },
        { title: '单位', width: 0.28, align: 'left' },
        { title: '督查', width: 0.34, align: 'left' },
        { title: '问题编号', width: 0.16, align: 'center' },
      ],
      rows: c.cases.map((x, i) => [String(i + 1), x.polarity === 'positive' ? '正面' : '反面', x.unitName, x.planTitle, `WT-${x.findingId}`]),
    });
  }
  out.push(...closingElements(c.issuer, c.date));
  return out;
}
