/**
 * Markup to plain text for the reader: HTML pages and the XML of a .docx body. Pure string work,
 * linear in the input (one tag scan, no nested quantifiers).
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  deg: '°',
  yen: '¥',
  copy: '©',
  reg: '®',
  emsp: '\u2003',
  ensp: '\u2002',
  thinsp: '\u2009',
  laquo: '«',
  raquo: '»',
  sect: '§',
  para: '¶',
};

/** Decodes character references (&amp; &#12288; &#x3000; &ldquo;); unknown names stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED[ref.toLowerCase()] ?? all;
  });
}

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'section',
  'article',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'hr',
  'dd',
  'dt',
  'dl',
  'header',
  'footer',
  'nav',
  'aside',
  'main',
  'form',
  'title',
  'tbody',
  'thead',
]);
const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object']);

/**
 * Converts an HTML page to lines: block elements break lines, table cells are joined by tabs,
 * script/style/comments are dropped, runs of markup whitespace become one space.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let i = 0;
  const n = html.length;
  const lower = html.toLowerCase();
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) out.push(decodeEntities(html.slice(i, textEnd).replace(/[ \t\r\n\f]+/g, ' ')));
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    const m = /^<\/?\s*([a-zA-Z][a-zA-Z0-9]*)/.exec(html.slice(lt, Math.min(gt + 1, lt + 40)));
    i = gt + 1;
    if (!m) continue;
    const name = (m[1] ?? '').toLowerCase();
    const closing = html[lt + 1] === '/';
    if (DROP.has(name) && !closing) {
      const e = lower.indexOf(`</${name}`, i);
      const close = e < 0 ? -1 : html.indexOf('>', e);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (closing) out.push('\t');
    } else if (BLOCK.has(name)) out.push('\n');
  }
  return tidyLines(out.join(''));
}

/** Trims each line's ASCII spaces (full-width indents stay) and drops the empty lines nested blocks leave. */
function tidyLines(s: string): string {
  const out: string[] = [];
  for (const line of s.split('\n')) {
    const l = line.replace(/^[ \u00a0]+|[ \u00a0\t]+$/g, '');
    if (l.length > 0) out.push(l);
  }
  return out.join('\n');
}

interface Level {
  fmt: string;
  text: string;
  start: number;
}

/** Reads numbering.xml: for each numId, the format of each list level (so auto-numbers can be written out). */
export function readNumbering(xml: string): Map<string, Map<number, Level>> {
  const abstract = new Map<string, Map<number, Level>>();
  for (const a of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, Level>();
    for (const l of (a[2] ?? '').matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const body = l[2] ?? '';
      levels.set(Number(l[1]), {
        fmt: /<w:numFmt\b[^>]*w:val="([^"]*)"/.exec(body)?.[1] ?? 'decimal',
        text: decodeEntities(/<w:lvlText\b[^>]*w:val="([^"]*)"/.exec(body)?.[1] ?? ''),
        start: Number(/<w:start\b[^>]*w:val="(\d+)"/.exec(body)?.[1] ?? '1'),
      });
    }
    abstract.set(a[1] ?? '', levels);
  }
  const nums = new Map<string, Map<number, Level>>();
  for (const m of xml.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>[\s\S]*?<w:abstractNumId\b[^>]*w:val="(\d+)"/g)) {
    const levels = abstract.get(m[2] ?? '');
    if (levels) nums.set(m[1] ?? '', levels);
  }
  return nums;
}

const CN = '〇一二三四五六七八九';

function formatNumber(n: number, fmt: string): string {
  if (/chinese|ideograph|japanese|taiwanese/i.test(fmt)) {
    if (n < 10) return CN[n] ?? String(n);
    if (n < 20) return `十${n % 10 ? (CN[n % 10] ?? '') : ''}`;
    if (n < 100) return `${CN[Math.floor(n / 10)] ?? ''}十${n % 10 ? (CN[n % 10] ?? '') : ''}`;
  }
  if (fmt === 'decimalEnclosedCircle' && n >= 1 && n <= 20) return String.fromCharCode(0x245f + n);
  if (fmt === 'lowerLetter') return String.fromCharCode(96 + (((n - 1) % 26) + 1));
  if (fmt === 'upperLetter') return String.fromCharCode(64 + (((n - 1) % 26) + 1));
  return String(n);
}

/** Text of one paragraph or cell body: runs, tabs and breaks. */
function runsText(xml: string): string {
  let s = '';
  // Paragraph properties hold tab stops (<w:tab w:pos=…/>) that are not text.
  const runs = xml.replace(/<w:pPr\b[\s\S]*?<\/w:pPr>/g, '');
  for (const m of runs.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g)) {
    if (m[2] === 'tab') s += '\t';
    else if (m[2]) s += '\n';
    else s += decodeEntities(m[1] ?? '');
  }
  return s;
}

/**
 * Converts word/document.xml to lines: each paragraph (w:p) a line, with Word's automatic list
 * numbers written out from numbering.xml ("一、", "1．"); each table row (w:tr) a line of
 * tab-separated cells.
 */
export function docxToText(documentXml: string, numberingXml = ''): string {
  const numbering = readNumbering(numberingXml);
  const counters = new Map<string, number[]>();
  const lines: string[] = [];
  const paragraph = (p: string): string => {
    let prefix = '';
    const numId = /<w:numId\b[^>]*w:val="(\d+)"/.exec(p)?.[1];
    const levels = numId ? numbering.get(numId) : undefined;
    if (numId && levels && numId !== '0') {
      const ilvl = Number(/<w:ilvl\b[^>]*w:val="(\d+)"/.exec(p)?.[1] ?? '0');
      const c = counters.get(numId) ?? [];
      c[ilvl] = (c[ilvl] ?? (levels.get(ilvl)?.start ?? 1) - 1) + 1;
      c.length = ilvl + 1;
      counters.set(numId, c);
      const lvl = levels.get(ilvl);
      if (lvl && lvl.fmt !== 'bullet' && lvl.fmt !== 'none') {
        prefix = lvl.text.replace(/%(\d)/g, (_, k: string) => {
          const li = Number(k) - 1;
          return formatNumber(c[li] ?? levels.get(li)?.start ?? 1, levels.get(li)?.fmt ?? 'decimal');
        });
      }
    }
    return prefix + runsText(p);
  };
  const body = /<w:body\b[^>]*>([\s\S]*)<\/w:body>/.exec(documentXml)?.[1] ?? documentXml;
  // Top-level blocks: tables (whose rows become tab-separated lines) and paragraphs.
  for (const m of body.matchAll(/<w:tbl\b[\s\S]*?<\/w:tbl>|<w:p\b[^>]*\/>|<w:p\b[\s\S]*?<\/w:p>/g)) {
    const block = m[0];
    if (block.startsWith('<w:tbl')) {
      for (const row of block.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)) {
        const cells = [...row[0].matchAll(/<w:tc\b[\s\S]*?<\/w:tc>/g)].map((c) =>
          [...c[0].matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)]
            .map((p) => paragraph(p[0]).replace(/[\t\n]/g, ' '))
            .join(' ')
            .trim(),
        );
        lines.push(cells.join('\t'));
      }
    } else lines.push(paragraph(block));
  }
  return lines.join('\n');
}
