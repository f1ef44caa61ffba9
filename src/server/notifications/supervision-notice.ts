import JSZip from 'jszip';
import { chineseDate } from './notice-text.ts';

/**
 * The 督办通知 as a one-page .docx in the GB/T 9704-2012 layout (see shared/data/gbt9704.md): A4,
 * margins 37/28/26/35 mm, a 22 × 28 grid, title in 2号小标宋, everything else in 3号仿宋. Written as
 * raw OOXML so every value of the standard's mapping is set exactly.
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

const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const LINE = 579; // twips: 22 lines in the 225 mm text block
// 28 characters a line come from −0.25 pt run spacing (28 × 315 ≤ 8845 twips), not from a character grid:
// LibreOffice gives a 16 pt glyph two cells of a 15.79 pt grid, halving the line (GB/T 9704 mapping, method 2).

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function run(text: string, font: string, halfPoints: number): string {
  return `<w:r><w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}" w:hint="eastAsia"/><w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function para(text: string, opts: { font?: string; size?: number; jc?: 'left' | 'center' | 'right' | 'both'; indent?: boolean; rightChars?: number } = {}): string {
  const ppr = [
    `<w:spacing w:before="0" w:after="0" w:line="${LINE}" w:lineRule="exact"/>`,
    opts.indent ? '<w:ind w:firstLineChars="200" w:firstLine="632"/>' : opts.rightChars ? `<w:ind w:rightChars="${opts.rightChars}" w:right="${opts.rightChars * 3.16}"/>` : '',
    `<w:jc w:val="${opts.jc ?? 'both'}"/>`,
  ].join('');
  return `<w:p><w:pPr>${ppr}</w:pPr>${text ? run(text, opts.font ?? BODY_FONT, opts.size ?? 32) : ''}</w:p>`;
}

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
    para(''),
    para('督办通知', { font: TITLE_FONT, size: 44, jc: 'center' }),
    para(''),
    para(salutation!, { jc: 'left' }),
    ...body.map((p) => para(p, { indent: true })),
    para(''),
    para(''),
    para(n.issuer, { jc: 'right', rightChars: 400 }),
    para(chineseDate(n.today), { jc: 'right', rightChars: 400 }),
  ];
  const sectPr =
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1418" w:gutter="0"/>' +
    `<w:docGrid w:type="lines" w:linePitch="${LINE}"/></w:sectPr>`;
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<w:body>${paragraphs.join('')}${sectPr}</w:body></w:document>`;

  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
      '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
  );
  zip.file('word/document.xml', document);
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/></Relationships>',
  );
  zip.file(
    'word/styles.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${BODY_FONT}" w:hAnsi="${BODY_FONT}" w:eastAsia="${BODY_FONT}" w:cs="${BODY_FONT}"/><w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
      `<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="${LINE}" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>` +
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="32"/></w:rPr></w:style></w:styles>',
  );
  // Requests with fallbacks: Word substitutes by altName and charset when a font is missing.
  const font = (name: string, alt: string, family: string) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`;
  zip.file(
    'word/fontTable.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      font(TITLE_FONT, '华文中宋', 'roman') +
      font(BODY_FONT, '仿宋', 'modern') +
      font('仿宋', 'FangSong', 'modern') +
      '</w:fonts>',
  );
  zip.file(
    'docProps/core.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      `<dc:title>${esc(`督办通知：${n.taskTitle}`)}</dc:title><dc:creator>推进平台</dc:creator></cp:coreProperties>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
