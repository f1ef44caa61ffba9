import PDFDocument from 'pdfkit';
import type { DocElement, TableColumn } from './circular-content.ts';
import { type Face, loadFonts, widthCache } from './circular-fonts.ts';

export { locateFonts, warmPdfFonts } from './circular-fonts.ts';

/**
 * The circular as a PDF in the same GB/T 9704 layout as the .docx: A4, margins 37/28/26/35 mm,
 * 22 lines of 28.95 pt, 28 characters of 16 pt a line (−0.25 pt character spacing), title 22 pt,
 * tables in 12 pt with ruled borders, "— n —" page numbers odd right / even left.
 *
 * Lines are broken and placed here rather than by pdfkit's wrapper, so every line sits on the page
 * grid, CJK line-start rules (no 。，、 at the start of a line) hold, and digits are never split.
 */

const MM = 72 / 25.4;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const TOP = 37 * MM;
const LEFT = 28 * MM;
const WIDTH = PAGE_W - LEFT - 26 * MM; // 156 mm = 442.2 pt
const BLOCK_BOTTOM = PAGE_H - 35 * MM;
const LINE = 28.95;
const LINES_PER_PAGE = 22;
const BODY = 16;
const TITLE = 22;
const CELL = 12;
const CELL_LINE = 18;
const CELL_PAD_X = 2.85;
const CELL_PAD_Y = 1.4;
/** 28 × (16 − 0.25) = 441 pt ≤ 442.2 pt: 28 characters a line, as in the .docx. */
const SPACING = -0.25;

/** Characters that may not start a line, and those that may not end one (GB/T 15834 practice). */
const NO_START = new Set([...'，。、；：？！）》”’」』】〕…—%·']);
const NO_END = new Set([...'（《“‘「『【〔']);
/** Runs of these characters (numbers, Latin words) are never split across lines. */

interface Token {
  text: string;
  face: Face;
  width: number;
}

class Layout {
  readonly doc: PDFKit.PDFDocument;
  page = 0;
  line = 0;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
  }

  width(face: Face, size: number, ch: string): number {
    const key = `${face}${size}${ch}`;
    let w = widthCache.get(key);
    if (w === undefined) {
      w = this.doc.font(face).fontSize(size).widthOfString(ch);
      widthCache.set(key, w);
    }
    return w;
  }

  /** Tokens of runs: a Latin/number word is one token, every other character one token. */
  tokens(runs: { text: string; face: Face }[], size: number): Token[] {
    const out: Token[] = [];
    for (const r of runs) {
      for (const m of r.text.matchAll(/[0-9A-Za-z.%]+|[\s\S]/gu)) {
        const text = m[0];
        let w = 0;
        for (const ch of text) w += this.width(r.face, size, ch);
        out.push({ text, face: r.face, width: w });
      }
    }
    return out;
  }

  /** Greedy line breaking with the CJK line-start/line-end rules; `first` is the first line's width. */
  breakLines(tokens: Token[], first: number, rest: number, spacing: number): Token[][] {
    const lines: Token[][] = [];
    let cur: Token[] = [];
    let w = 0;
    for (const t of tokens) {
      const max = lines.length ? rest : first;
      const add = t.width + spacing * [...t.text].length;
      if (cur.length && w + add > max + 0.01) {
        // A closing mark may not start the next line: the character before it goes down with it.
        // An opening mark may not end a line: it goes down too.
        const carry: Token[] = [];
        if (NO_START.has(t.text)) while (cur.length > 1 && (carry.length === 0 || NO_START.has(carry[0]!.text))) carry.unshift(cur.pop()!);
        while (cur.length > 1 && NO_END.has(cur.at(-1)!.text)) carry.unshift(cur.pop()!);
        lines.push(cur);
        cur = carry;
        w = carry.reduce((s, c) => s + c.width + spacing * [...c.text].length, 0);
      }
      cur.push(t);
      w += add;
    }
    if (cur.length || !lines.length) lines.push(cur);
    return lines;
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.page++;
    this.line = 0;
    // 页码: 4号 "— n —", the dash line 7 mm below the text block, odd pages right / even left, one character in.
    const label = `— ${this.page} —`;
    const size = 14;
    const w = this.doc.font('serif').fontSize(size).widthOfString(label);
    const x = this.page % 2 === 1 ? LEFT + WIDTH - size - w : LEFT + size;
    this.doc.text(label, x, this.textY(BLOCK_BOTTOM + 7 * MM - size / 2, size, 'serif'), { lineBreak: false });
  }

  /** The y pdfkit needs so that the em box of `size` starts at `emTop`. */
  textY(emTop: number, size: number, face: Face): number {
    const font = this.doc.font(face).fontSize(size) as unknown as { _font: { ascender: number } };
    // Noto CJK's ideographic em box top is 880/1000 above the baseline; pdfkit places the baseline at ascender.
    return emTop + 0.88 * size - (font._font.ascender / 1000) * size;
  }

  /** Makes sure `n` grid lines remain on the page (headings keep with what follows). */
  ensure(n: number): void {
    if (this.line + n > LINES_PER_PAGE) this.newPage();
  }

  /**
   * Draws one line of tokens. Justification spreads `extra` over the gaps between tokens, as Word's
   * 两端对齐 does: between Chinese characters, never inside a number such as 23.6%.
   */
  drawLine(tokens: Token[], x: number, size: number, spacing: number, extra: number, lineTop: number, lineHeight: number): void {
    let cx = x;
    let i = 0;
    const emTop = lineTop + (lineHeight - size) / 2;
    while (i < tokens.length) {
      const face = tokens[i]!.face;
      const isWord = tokens[i]!.text.length > 1;
      let j = i;
      let text = '';
      let w = 0;
      // A run of single characters in one face is drawn in one call; a word alone.
      do {
        text += tokens[j]!.text;
        w += tokens[j]!.width;
        j++;
      } while (!isWord && j < tokens.length && tokens[j]!.face === face && tokens[j]!.text.length === 1);
      const chars = [...text].length;
      const perChar = isWord ? spacing : spacing + extra;
      this.doc
        .font(face)
        .fontSize(size)
        .text(text, cx, this.textY(emTop, size, face), { lineBreak: false, characterSpacing: perChar });
      cx += w + chars * perChar + (isWord ? extra : 0);
      i = j;
    }
  }

  /** A paragraph on the grid: first-line indent in characters, alignment, one grid line per text line. */
  paragraph(
    runs: { text: string; face: Face }[],
    opts: { size?: number; indent?: number; align?: 'justify' | 'left' | 'center' | 'right'; rightChars?: number; keep?: number } = {},
  ): void {
    const size = opts.size ?? BODY;
    const spacing = SPACING;
    const indent = (opts.indent ?? 0) * (size + spacing);
    const right = ((opts.rightChars ?? 0) / 100) * (size + spacing);
    const tokens = this.tokens(runs, size);
    const lines = this.breakLines(tokens, WIDTH - indent - right, WIDTH - right, spacing);
    if (opts.keep) this.ensure(Math.min(lines.length + opts.keep - 1, LINES_PER_PAGE));
    lines.forEach((line, i) => {
      if (this.line >= LINES_PER_PAGE) this.newPage();
      const avail = (i === 0 ? WIDTH - indent : WIDTH) - right;
      const natural = line.reduce((s, t) => s + t.width + spacing * [...t.text].length, 0);
      const gaps = line.length - 1;
      const align = opts.align ?? 'justify';
      const extra = align === 'justify' && i < lines.length - 1 && gaps > 0 && natural < avail ? (avail - natural) / gaps : 0;
      let x = LEFT + (i === 0 ? indent : 0);
      if (align === 'center') x = LEFT + (WIDTH - natural) / 2;
      if (align === 'right') x = LEFT + WIDTH - right - natural;
      this.drawLine(line, x, size, spacing, extra, TOP + this.line * LINE, LINE);
      this.line++;
    });
  }

  blank(): void {
    if (this.line === 0) return; // never open a page with an empty line
    this.line++;
    if (this.line >= LINES_PER_PAGE) this.newPage();
  }

  /** A ruled table off the grid: header row repeated on each page, rows never split, then back on the grid. */
  table(columns: TableColumn[], rows: string[][]): void {
    const widths = columns.map((c) => c.width * WIDTH);
    const layoutRow = (cells: string[], face: Face) =>
      cells.map((text, i) =>
        text
          .split('\n')
          .flatMap((part) => this.breakLines(this.tokens([{ text: part, face }], CELL), widths[i]! - 2 * CELL_PAD_X, widths[i]! - 2 * CELL_PAD_X, 0)),
      );
    const heightOf = (cellLines: Token[][][]) => Math.max(...cellLines.map((l) => l.length)) * CELL_LINE + 2 * CELL_PAD_Y;
    const header = layoutRow(
      columns.map((c) => c.title),
      'sans',
    );
    const headerHeight = heightOf(header);
    let y = TOP + this.line * LINE;
    const drawRow = (cellLines: Token[][][], height: number, isHeader: boolean) => {
      let x = LEFT;
      cellLines.forEach((lines, i) => {
        const w = widths[i]!;
        const top = y + (height - lines.length * CELL_LINE) / 2;
        lines.forEach((line, k) => {
          const natural = line.reduce((s, t) => s + t.width, 0);
          const align = isHeader ? 'center' : columns[i]!.align;
          const lx = align === 'center' ? x + (w - natural) / 2 : x + CELL_PAD_X;
          this.drawLine(line, lx, CELL, 0, 0, top + k * CELL_LINE, CELL_LINE);
        });
        x += w;
      });
      const doc = this.doc;
      doc.lineWidth(0.5).strokeColor('#000000');
      doc
        .moveTo(LEFT, y)
        .lineTo(LEFT + WIDTH, y)
        .stroke();
      doc
        .moveTo(LEFT, y + height)
        .lineTo(LEFT + WIDTH, y + height)
        .stroke();
      let vx = LEFT;
      for (const w of [0, ...widths]) {
        vx += w;
        doc
          .moveTo(vx, y)
          .lineTo(vx, y + height)
          .stroke();
      }
      y += height;
    };
    if (y + headerHeight + CELL_LINE * 2 > BLOCK_BOTTOM) {
      this.newPage();
      y = TOP;
    }
    drawRow(header, headerHeight, true);
    for (const row of rows) {
      const cells = layoutRow(row, 'serif');
      const h = heightOf(cells);
      if (y + h > BLOCK_BOTTOM) {
        this.newPage();
        y = TOP;
        drawRow(header, headerHeight, true);
      }
      drawRow(cells, h, false);
    }
    // Back on the grid, one empty line below the table (as the .docx has).
    this.line = Math.ceil((y - TOP) / LINE - 0.001) + 1;
    if (this.line >= LINES_PER_PAGE) this.newPage();
  }
}

function renderElement(l: Layout, e: DocElement): void {
  switch (e.kind) {
    case 'title':
      for (const line of e.lines) l.paragraph([{ text: line, face: 'serifBold' }], { size: TITLE, align: 'center' });
      return;
    case 'docNumber':
      return l.paragraph([{ text: e.text, face: 'serif' }], { align: 'center' });
    case 'blank':
      return l.blank();
    case 'addressee':
      return l.paragraph([{ text: e.text, face: 'serif' }], { align: 'justify' });
    case 'heading1':
      return l.paragraph([{ text: e.text, face: 'sans' }], { indent: 2, align: 'left', keep: 2 });
    case 'heading2':
      return l.paragraph([{ text: e.text, face: 'kai' }, ...(e.body ? [{ text: e.body, face: 'serif' as const }] : [])], { indent: 2, keep: e.body ? 1 : 2 });
    case 'paragraph':
      return l.paragraph([{ text: e.text, face: 'serif' }], { indent: 2 });
    case 'table':
      return l.table(e.columns, e.rows);
    case 'signature':
    case 'date':
      return l.paragraph([{ text: e.text, face: 'serif' }], { align: 'right', rightChars: e.rightChars });
  }
}

/** Renders the elements to PDF bytes. Throws an AppError when no CJK font is installed. */
export async function renderCircularPdf(title: string, elements: DocElement[], meta: { author?: string; date?: Date } = {}): Promise<Buffer> {
  const fonts = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: title, Author: meta.author ?? '', Creator: '推进平台', ...(meta.date ? { CreationDate: meta.date } : {}) },
  });
  for (const [face, font] of fonts) doc.registerFont(face, font as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const layout = new Layout(doc);
  layout.newPage();
  for (const e of elements) renderElement(layout, e);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
