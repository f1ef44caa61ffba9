import { buildDocx, FONTS, paragraph, run, SIZE, type ParagraphOptions } from '../documents/ooxml.ts';
import { chineseDate } from './notice-text.ts';

/**
 * The 督办通知 as a one-page .docx in the GB/T 9704-2012 layout (see shared/data/gbt9704.md): A4,
 * margins 37/28/26/35 mm, a 22 × 28 grid, title in 2号小标宋, everything else in 3号仿宋 (written by the
 * shared OOXML writer, src/server/documents/ooxml.ts).
 */
export interface SupervisionNoticeInput {
  planTitle: string;
  planNumber: string | null;
  taskNumber: string;
  taskTitle: string;
  leadUnits: string[];
  responsibleUnits: string[];
  /** The overdue deadline: its wording and date. */
  milestoneText: string;
  dueDate: string;
  workdaysOverdue: number;
  /** The day of issue, 'YYYY-MM-DD'. */
  today: string;
  issuer: string;
}

const text = (t: string, opts: ParagraphOptions & { font?: string; size?: number } = {}) =>
  paragraph(t ? run(t, { font: opts.font ?? FONTS.body, size: opts.size ?? SIZE.san }) : '', opts);

/** The paragraphs of the notice, in order (exported for tests and previews). */
export function noticeParagraphs(n: SupervisionNoticeInput): string[] {
  const task = `${n.taskNumber ? `第${n.taskNumber}项` : ''}任务“${n.taskTitle}”`;
  const plan = `${n.planNumber ? `《${n.planTitle}》（${n.planNumber}）` : `《${n.planTitle}》`}`;
  const units = n.responsibleUnits.length ? `，责任单位为${n.responsibleUnits.join('、')}` : '';
  return [
    `${n.leadUnits.join('、') || '有关单位'}：`,
    `根据${plan}，由你单位牵头的${task}${units}，时间节点为“${n.milestoneText}”，应于${chineseDate(n.dueDate)}前完成。截至${chineseDate(n.today)}，该任务已逾期${n.workdaysOverdue}个工作日，经催办仍未完成。`,
    '现予以督办。请你单位高度重视，会同各责任单位分析原因、落实责任，倒排工期、加快推进，并于3个工作日内将进展情况、逾期原因、整改措施及完成时限书面报送，同时在推进平台上报送进展及佐证材料。逾期仍未完成的，将按规定提出约谈建议。',
    '特此通知。',
  ];
}

/** Builds the .docx. */
export async function buildSupervisionNotice(n: SupervisionNoticeInput): Promise<Buffer> {
  const [salutation, ...body] = noticeParagraphs(n);
  const paragraphs = [
    text(''),
    text('督办通知', { font: FONTS.title, size: SIZE.er, jc: 'center' }),
    text(''),
    text(salutation!, { jc: 'left' }),
    ...body.map((p) => text(p, { firstLineChars: 200 })),
    text(''),
    text(''),
    text(n.issuer, { jc: 'right', rightChars: 400 }),
    text(chineseDate(n.today), { jc: 'right', rightChars: 400 }),
  ];
  return buildDocx({ body: paragraphs.join(''), title: `督办通知：${n.taskTitle}` });
}
