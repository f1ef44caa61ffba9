import { buildDocx, FONTS, paragraph, run, SIZE, table } from '../documents/ooxml.ts';
import type { DocElement } from './circular-content.ts';

/**
 * The circular as a .docx in the GB/T 9704-2012 layout: title 2号小标宋, body 3号仿宋 indented two
 * characters, level-1 headings 黑体 and level-2 楷体, tables in 小四, signature and date on the right,
 * "— n —" page numbers odd right / even left.
 */
function elementXml(e: DocElement): string {
  switch (e.kind) {
    case 'title':
      // Off the grid: LibreOffice would give each 22 pt line two grid lines; the exact 579 keeps one.
      return paragraph(e.lines.map((l) => run(l, { font: FONTS.title, size: SIZE.er })).join('<w:r><w:br/></w:r>'), { jc: 'center', offGrid: true });
    case 'docNumber':
      return paragraph(run(e.text), { jc: 'center' });
    case 'blank':
      return paragraph('');
    case 'addressee':
      return paragraph(run(e.text), { jc: 'left' });
    case 'heading1':
      return paragraph(run(e.text, { font: FONTS.hei }), { firstLineChars: 200, keepNext: true });
    case 'heading2':
      return paragraph(run(e.text, { font: FONTS.kai }) + (e.body ? run(e.body) : ''), { firstLineChars: 200, keepNext: !e.body });
    case 'paragraph':
      return paragraph(run(e.text), { firstLineChars: 200 });
    case 'table':
      return table(
        e.columns,
        e.columns.map((c) => c.title),
        e.rows,
      );
    case 'signature':
    case 'date':
      return paragraph(run(e.text), { jc: 'right', rightChars: e.rightChars });
  }
}

export async function renderCircularDocx(title: string, elements: DocElement[]): Promise<Buffer> {
  // A table directly followed by prose would touch it: a blank grid line after each table.
  const body = elements.map((e) => elementXml(e) + (e.kind === 'table' ? paragraph('') : '')).join('');
  return buildDocx({ body, title, pageNumbers: true });
}
