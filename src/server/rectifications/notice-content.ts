import { chineseDate } from '#core/circulars/draft.ts';
import { closingElements, type DocElement, headElements, prose } from '../circulars/circular-content.ts';

/**
 * A rectification notice (整改通知书) as document elements, drawn by the circulars' .docx and .pdf
 * renderers in the same GB/T 9704 layout. No standard form of the notice was found (domain-rules §7.3),
 * so its parts follow the 公文 通知 pattern: head, addressee, why, the findings as a table, the deadline
 * with the rule it comes from, what to send back, signature and date.
 */
export interface NoticeContent {
  title: string;
  docNumber: string | null;
  issuer: string;
  unitName: string;
  planTitle: string;
  /** 成文日期 'YYYY-MM-DD' (day 0 of the deadline). */
  date: string;
  dueDate: string;
  limitText: string;
  basis: string;
  /** The office's extra requirements (prose, paragraphs per line); may be empty. */
  requirements: string;
  findings: { id: number; description: string; category: string | null; severity: string | null; location: string | null; foundOn: string | null }[];
}

export function noticeElements(c: NoticeContent): DocElement[] {
  const out = headElements(c.title, c.docNumber, `${c.unitName}：`);
  out.push({
    kind: 'paragraph',
    text: `${c.issuer}在${c.planTitle}中发现你单位存在${c.findings.length}个问题（见下表）。根据有关规定，现通知你单位限期整改。`,
  });
  out.push({ kind: 'heading1', text: '一、存在的问题' });
  out.push({
    kind: 'table',
    columns: [
      { title: '序号', width: 0.08, align: 'center' },
      { title: '问题描述', width: 0.38, align: 'left' },
      { title: '类别', width: 0.14, align: 'center' },
      { title: '程度', width: 0.1, align: 'center' },
      { title: '地点', width: 0.14, align: 'left' },
      { title: '发现时间', width: 0.16, align: 'center' },
    ],
    rows: c.findings.map((f, i) => [
      String(i + 1),
      f.description,
      f.category ?? '',
      f.severity ?? '',
      f.location ?? '',
      f.foundOn ? chineseDate(f.foundOn).slice(5) : '',
    ]),
  });
  out.push({ kind: 'heading1', text: '二、整改要求' });
  // Run-in 楷体 headings, as the circulars' （一） paragraphs.
  out.push(
    { kind: 'heading2', text: '（一）整改时限。', body: `请于${chineseDate(c.dueDate)}前完成整改（${c.limitText}，依据${c.basis}）。` },
    {
      kind: 'heading2',
      text: '（二）报送要求。',
      body: '请逐项在推进平台报送整改措施和佐证材料（照片、文件等），督查人员将逐项复查，复查通过后销号；复查未通过的，退回继续整改。',
    },
    { kind: 'heading2', text: '（三）逾期处理。', body: '逾期未完成整改的，将按规定予以催办、督办，并提出约谈建议。' },
  );
  const extra = prose(c.requirements);
  if (extra.length) out.push({ kind: 'heading1', text: '三、其他要求' }, ...extra);
  out.push(...closingElements(c.issuer, c.date));
  return out;
}
