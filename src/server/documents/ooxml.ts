import JSZip from 'jszip';

/**
 * One writer for the official documents Tuijin prints as .docx (督办通知, 通报), in the GB/T 9704-2012
 * layout (see shared/data/gbt9704.md): A4, margins 37/28/26/35 mm, a 22 × 28 grid, 3号仿宋 by default.
 * Raw OOXML rather than a library, so every value of the standard's mapping is set exactly and one
 * place writes the package parts, styles, font table, settings and section properties.
 */

/** Page geometry in twips (1 mm = 56.693 twips). */
export const PAGE = {
  width: 11906,
  height: 16838,
  top: 2098, // 37 mm 天头
  right: 1474, // 26 mm
  bottom: 1984, // 35 mm
  left: 1587, // 28 mm 订口
  header: 851,
  /** 25 mm: puts the "— 1 —" line about 7 mm below the text block. */
  footer: 1418,
  /** The text block: 156 mm. */
  textWidth: 8845,
} as const;

/** 579 twips = 28.95 pt: 22 lines fill the 225 mm text block (580 would give only 21). */
export const LINE = 579;

/** The fonts the standard asks for, as Chinese government PCs name them. */
export const FONTS = {
  /** 小标宋: title. */
  title: '方正小标宋简体',
  /** 仿宋: body, 发文字号, 主送, signature, date. */
  body: '仿宋_GB2312',
  /** 黑体: headings of level 1. */
  hei: '黑体',
  /** 楷体: headings of level 2. */
  kai: '楷体_GB2312',
  /** 宋体: page numbers. */
  song: '宋体',
} as const;

/** Font sizes in half-points (`w:sz`): 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24 } as const;

/**
 * Requested fonts with their fallbacks: Word and WPS substitute by altName and charset 86 (GB2312)
 * when a font is missing, so a PC without 方正小标宋 shows 华文中宋 rather than a Latin font.
 */
const FONT_TABLE: { name: string; alt: string; family: 'roman' | 'modern' | 'swiss' }[] = [
  { name: FONTS.title, alt: '华文中宋', family: 'roman' },
  { name: '华文中宋', alt: 'STZhongsong', family: 'roman' },
  { name: FONTS.body, alt: '仿宋', family: 'modern' },
  { name: '仿宋', alt: 'FangSong', family: 'modern' },
  { name: FONTS.hei, alt: 'SimHei', family: 'swiss' },
  { name: FONTS.kai, alt: '楷体', family: 'modern' },
  { name: '楷体', alt: 'KaiTi', family: 'modern' },
  { name: FONTS.song, alt: 'SimSun', family: 'roman' },
];

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface RunOptions {
  font?: string;
  /** Half-points; default 3号 (32). */
  size?: number;
}

/** A run of text. CJK fonts are named in w:eastAsia with the eastAsia hint, Latin and digits in the same font. */
export function run(text: string, opts: RunOptions = {}): string {
  const font = opts.font ?? FONTS.body;
  const size = opts.size ?? SIZE.san;
  return `<w:r><w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}" w:hint="eastAsia"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

export interface ParagraphOptions {
  jc?: 'left' | 'center' | 'right' | 'both';
  /** First-line indent in hundredths of a character (200 = 左空二字). */
  firstLineChars?: number;
  /** Right indent in hundredths of a character (400 = 右空四字). */
  rightChars?: number;
  /** Keep with the next paragraph (headings). */
  keepNext?: boolean;
  /** Exact line height in twips; default the grid's 579. */
  line?: number;
  /** Off the line grid (table cells, footers), so a smaller exact line is honoured as is. */
  offGrid?: boolean;
}

/** A 3号 character with −0.25 pt run spacing is 315 twips wide; indents in twips for readers ignoring *Chars. */
const CHAR_TWIPS = 316;

/** A paragraph of ready-made runs (a string of run XML, or text for one run in the default font). */
export function paragraph(runs: string, opts: ParagraphOptions = {}): string {
  const ind: string[] = [];
  if (opts.firstLineChars) ind.push(`w:firstLineChars="${opts.firstLineChars}" w:firstLine="${Math.round((opts.firstLineChars / 100) * CHAR_TWIPS)}"`);
  if (opts.rightChars) ind.push(`w:rightChars="${opts.rightChars}" w:right="${Math.round((opts.rightChars / 100) * CHAR_TWIPS)}"`);
  const ppr =
    (opts.keepNext ? '<w:keepNext/>' : '') +
    (opts.offGrid ? '<w:snapToGrid w:val="0"/>' : '') +
    `<w:spacing w:before="0" w:after="0" w:line="${opts.line ?? LINE}" w:lineRule="exact"/>` +
    (ind.length ? `<w:ind ${ind.join(' ')}/>` : '') +
    `<w:jc w:val="${opts.jc ?? 'both'}"/>`;
  return `<w:p><w:pPr>${ppr}</w:pPr>${runs}</w:p>`;
}

export interface TableColumn {
  /** Share of the text block width; the shares of a table sum to 1. */
  width: number;
  align: 'left' | 'center';
}

export interface TableOptions {
  /** Half-points of the cells; default 小四 (24). */
  size?: number;
  /** Exact line height of the cells in twips; default 360 (18 pt) for 小四. */
  line?: number;
}

/**
 * A full-width bordered table: a header row in 黑体 repeated on every page, body rows in 仿宋 that are
 * never split across pages. Fixed layout, so Word and WPS keep the column widths as written.
 */
export function table(columns: TableColumn[], header: string[], rows: string[][], opts: TableOptions = {}): string {
  const size = opts.size ?? SIZE.xiaosi;
  const line = opts.line ?? 360;
  const widths = columns.map((c) => Math.floor(c.width * PAGE.textWidth));
  widths[widths.length - 1] = PAGE.textWidth - widths.slice(0, -1).reduce((a, b) => a + b, 0);
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const cell = (text: string, i: number, font: string, align: 'left' | 'center') =>
    `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>` +
    text
      .split('\n')
      .map((l) => paragraph(l ? run(l, { font, size }) : '', { jc: align, line, offGrid: true }))
      .join('') +
    '</w:tc>';
  const tr = (cells: string[], isHeader: boolean) =>
    `<w:tr><w:trPr><w:cantSplit/>${isHeader ? '<w:tblHeader/>' : ''}</w:trPr>${cells.map((c, i) => cell(c, i, isHeader ? FONTS.hei : FONTS.body, isHeader ? 'center' : columns[i]!.align)).join('')}</w:tr>`;
  return (
    '<w:tbl><w:tblPr>' +
    `<w:tblW w:w="${PAGE.textWidth}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>' +
    '</w:tblPr>' +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    tr(header, true) +
    rows.map((r) => tr(r, false)).join('') +
    '</w:tbl>'
  );
}

/**
 * The page-number footer: "— n —" in 4号宋体, the number a PAGE field. Odd pages right-aligned and
 * even pages left-aligned, each one 4号 character (280 twips) in from the edge of the text block.
 */
function pageNumberFooter(parity: 'odd' | 'even'): string {
  const font = { font: FONTS.song, size: SIZE.si };
  const ind = parity === 'odd' ? '<w:ind w:right="280"/>' : '<w:ind w:left="280"/>';
  const field =
    '<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:hint="eastAsia"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>' +
    '<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:hint="eastAsia"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
    '<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:hint="eastAsia"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>' +
    run('1', font) +
    '<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:hint="eastAsia"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="400" w:lineRule="exact"/>${ind}<w:jc w:val="${parity === 'odd' ? 'right' : 'left'}"/></w:pPr>` +
    run('— ', font) +
    field +
    run(' —', font) +
    '</w:p></w:ftr>'
  );
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

export interface DocxInput {
  /** The body: paragraphs and tables, in order. */
  body: string;
  /** The document title in the file properties. */
  title: string;
  /** "— n —" footers, odd pages right and even pages left; off for one-page notices. */
  pageNumbers?: boolean;
}

/** The section: A4, the GB/T 9704 margins, the 579-twip line grid, and the footers when asked for. */
function sectionProperties(pageNumbers: boolean): string {
  return (
    '<w:sectPr>' +
    (pageNumbers ? '<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>' : '') +
    `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
    `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="${PAGE.header}" w:footer="${PAGE.footer}" w:gutter="0"/>` +
    '<w:cols w:space="425"/>' +
    // 28 characters a line come from −0.25 pt run spacing (28 × 315 ≤ 8845 twips), not from a character
    // grid: LibreOffice gives a 16 pt glyph two cells of a 15.79 pt grid, halving the line (mapping, method 2).
    `<w:docGrid w:type="lines" w:linePitch="${LINE}"/>` +
    '</w:sectPr>'
  );
}

/** Packages a body into a .docx: content types, relationships, styles, font table, settings, footers, properties. */
export async function buildDocx(input: DocxInput): Promise<Buffer> {
  const pageNumbers = input.pageNumbers ?? false;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/word/document.xml" ContentType="${CT}.document.main+xml"/>` +
      `<Override PartName="/word/styles.xml" ContentType="${CT}.styles+xml"/>` +
      `<Override PartName="/word/fontTable.xml" ContentType="${CT}.fontTable+xml"/>` +
      `<Override PartName="/word/settings.xml" ContentType="${CT}.settings+xml"/>` +
      (pageNumbers
        ? `<Override PartName="/word/footer1.xml" ContentType="${CT}.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="${CT}.footer+xml"/>`
        : '') +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `${XML}<w:document xmlns:w="${W}" xmlns:r="${REL}"><w:body>${input.body}${sectionProperties(pageNumbers)}</w:body></w:document>`,
  );
  zip.file(
    'word/_rels/document.xml.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/fontTable" Target="fontTable.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/settings" Target="settings.xml"/>` +
      (pageNumbers
        ? `<Relationship Id="rIdFooterOdd" Type="${REL}/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="${REL}/footer" Target="footer2.xml"/>`
        : '') +
      '</Relationships>',
  );
  zip.file(
    'word/styles.xml',
    `${XML}<w:styles xmlns:w="${W}">` +
      `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${FONTS.body}" w:hAnsi="${FONTS.body}" w:eastAsia="${FONTS.body}" w:cs="${FONTS.body}"/><w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
      `<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="${LINE}" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>` +
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="32"/></w:rPr></w:style>' +
      '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
      '</w:styles>',
  );
  zip.file(
    'word/fontTable.xml',
    `${XML}<w:fonts xmlns:w="${W}">` +
      FONT_TABLE.map(
        (f) =>
          `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
      ).join('') +
      '</w:fonts>',
  );
  zip.file(
    'word/settings.xml',
    `${XML}<w:settings xmlns:w="${W}">` +
      '<w:defaultTabStop w:val="420"/>' +
      (pageNumbers ? '<w:evenAndOddHeaders/>' : '') +
      // Full-width punctuation keeps its full width, so the 28-character grid holds.
      '<w:characterSpacingControl w:val="doNotCompress"/>' +
      '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
      '</w:settings>',
  );
  if (pageNumbers) {
    zip.file('word/footer1.xml', pageNumberFooter('odd'));
    zip.file('word/footer2.xml', pageNumberFooter('even'));
  }
  zip.file(
    'docProps/core.xml',
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
      `<dc:title>${esc(input.title)}</dc:title><dc:creator>推进平台</dc:creator></cp:coreProperties>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
