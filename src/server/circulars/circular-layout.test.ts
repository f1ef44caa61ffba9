import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { draftCircular } from '#core/circulars/draft.ts';
import { circularElements, titleLines, type DocElement } from './circular-content.ts';
import { renderCircularPdf } from './circular-pdf.ts';
import { sampleSnapshot } from '#core/rounds/sample-snapshot.ts';

const s = sampleSnapshot();
const d = draftCircular(s, { issuer: '山亭区人民政府办公室' });
const input = { title: d.title, docNumber: d.docNumber, issuer: '山亭区人民政府办公室', blocks: d.blocks, date: '2021-07-08' };

describe('circularElements', () => {
  it('orders title, number, addressee, numbered sections with their tables, attachment note, signature and date', () => {
    const els = circularElements(input, s);
    expect(els.slice(0, 4)).toEqual([{ kind: 'title', lines: ['关于山亭区优化营商环境创新突破行动', '推进情况的通报'] }, { kind: 'docNumber', text: '第3期' }, { kind: 'blank' }, { kind: 'addressee', text: d.blocks.addressee }]);
    expect(els.filter((e) => e.kind === 'heading1').map((e) => (e as { text: string }).text)).toEqual(['一、总体进展', '二、各领域推进情况', '三、逾期任务', '四、单位排名', '五、好的做法', '六、下一步工作']);
    const tables = els.filter((e): e is Extract<DocElement, { kind: 'table' }> => e.kind === 'table');
    expect(tables.map((t) => t.rows.length)).toEqual([s.bySection.length + 1, s.overdue.length, s.units.length]);
    for (const t of tables) expect(t.columns.reduce((a, c) => a + c.width, 0)).toBeCloseTo(1, 6);
    expect(els.at(-5)).toEqual({ kind: 'paragraph', text: '附件：山亭区优化营商环境创新突破行动落实方案工作台账' });
    expect(els.slice(-2)).toEqual([
      // 10 characters over a date 6 characters wide: centred over it, the date 右空四字.
      { kind: 'signature', text: '山亭区人民政府办公室', rightChars: 200 },
      { kind: 'date', text: '2021年7月8日', rightChars: 400 },
    ]);
  });

  it('lists the 30 most overdue tasks in the body and refers to the appendix for the rest', () => {
    const many = { ...s, overdue: [...s.overdue, ...s.overdue.slice(0, 15).map((t) => ({ ...t, taskId: t.taskId + 10_000 }))] };
    const els = circularElements(input, many);
    const overdue = els.filter((e): e is Extract<DocElement, { kind: 'table' }> => e.kind === 'table')[1]!;
    expect(overdue.rows).toHaveLength(30);
    expect(overdue.rows[0]![1]).toBe(many.overdue[0]!.title);
    expect(els[els.indexOf(overdue) + 1]).toEqual({ kind: 'paragraph', text: '（上表列出逾期时间最长的30项，另有15项逾期任务详见附件工作台账。）' });
  });

  it('makes run-in level-2 headings of （一） lines, drops empty sections and renumbers, and puts a 发文字号 above the title', () => {
    const els = circularElements({ ...input, docNumber: '山政办〔2021〕12号', blocks: { ...d.blocks, goodPractices: '  ' } }, s);
    expect(els[0]).toEqual({ kind: 'docNumber', text: '山政办〔2021〕12号' });
    expect(els.filter((e) => e.kind === 'heading1').map((e) => (e as { text: string }).text).slice(-2)).toEqual(['四、单位排名', '五、下一步工作']);
    expect(els).toContainEqual({ kind: 'heading2', text: '（一）加快推进逾期任务。', body: expect.stringMatching(/^对\d+项逾期任务/) });
  });

  it('breaks a long title before its closing phrase, keeps a short one, and follows the author’s own breaks', () => {
    expect(titleLines('关于开办企业推进情况的通报')).toEqual(['关于开办企业推进情况的通报']);
    expect(titleLines('关于山亭区优化营商环境创新突破行动推进情况的通报')).toEqual(['关于山亭区优化营商环境创新突破行动', '推进情况的通报']);
    expect(titleLines('关于全区优化营商环境\n第3期调度情况的通报')).toEqual(['关于全区优化营商环境', '第3期调度情况的通报']);
    // No closing phrase to break at: even lines within the 20 characters a 2号 line holds.
    const lines = titleLines('关于山亭区人民政府关于印发山亭区优化营商环境创新突破行动落实方案工作专班名单');
    expect(lines.join('')).toBe('关于山亭区人民政府关于印发山亭区优化营商环境创新突破行动落实方案工作专班名单');
    expect(lines.every((l) => l.length <= 20)).toBe(true);
  });
});

async function pdfLines(elements: DocElement[]) {
  const pdf = await getDocumentProxy(new Uint8Array(await renderCircularPdf('测试', elements)));
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const items = (await (await pdf.getPage(n)).getTextContent()).items as { str: string; transform: number[] }[];
    // One text item per drawn run; runs of a line share its baseline.
    const byY = new Map<number, { x: number; str: string }[]>();
    for (const i of items.filter((i) => i.str)) {
      const y = Math.round(i.transform[5]! * 100) / 100;
      byY.set(y, [...(byY.get(y) ?? []), { x: i.transform[4]!, str: i.str }]);
    }
    pages.push([...byY].sort((a, b) => b[0] - a[0]).map(([y, parts]) => ({ y, x: Math.min(...parts.map((p) => p.x)), text: parts.sort((a, b) => a.x - b.x).map((p) => p.str).join('') })));
  }
  return pages;
}

describe('PDF layout', () => {
  it('sets 22 lines of 28 characters a page, 28.95 pt apart, page numbers odd right and even left', async () => {
    const pages = await pdfLines([{ kind: 'paragraph', text: '字'.repeat(26 + 28 * 40) }]);
    expect(pages).toHaveLength(2);
    const body1 = pages[0]!.filter((l) => !l.text.startsWith('—'));
    expect(body1).toHaveLength(22);
    expect(body1.map((l) => l.text.length)).toEqual([26, ...Array(21).fill(28)]);
    for (let i = 1; i < body1.length; i++) expect(body1[i - 1]!.y - body1[i]!.y).toBeCloseTo(28.95, 1);
    expect(pages[1]!.filter((l) => !l.text.startsWith('—'))).toHaveLength(19);
    const [n1, n2] = [pages[0]!.find((l) => l.text === '— 1 —')!, pages[1]!.find((l) => l.text === '— 2 —')!];
    expect(n1.x).toBeGreaterThan(400); // right, one character in from the 156 mm text block
    expect(n2.x).toBeLessThan(100); // left
    expect(n1.y).toBeLessThan(body1.at(-1)!.y - 20); // below the text block
  });

  it('never starts a line with a closing mark nor splits a number', async () => {
    // Line 1 holds 26 characters after the indent: the comma would open line 2, so a character goes down with it.
    const pages = await pdfLines([{ kind: 'paragraph', text: `${'字'.repeat(26)}，${'字'.repeat(25)}2021年${'字'.repeat(40)}` }]);
    const lines = pages[0]!.filter((l) => !l.text.startsWith('—')).map((l) => l.text);
    expect(lines[0]).toBe('字'.repeat(25));
    expect(lines[1]!.startsWith('字，')).toBe(true);
    expect(lines.every((l) => !/^[，。、；：）》”]/.test(l))).toBe(true);
    expect(lines.join('|')).toContain('2021年');
  });

  it('prints the circular’s text in order', async () => {
    const text = (await extractText(await getDocumentProxy(new Uint8Array(await renderCircularPdf(d.title, circularElements(input, s)))), { mergePages: true })).text.replace(/\s+/g, '');
    const order = ['推进情况的通报', '第3期', '一、总体进展', '二、各领域推进情况', '合计', '三、逾期任务', '四、单位排名', '五、好的做法', '六、下一步工作', '附件：', '山亭区人民政府办公室', '2021年7月8日'];
    let from = 0;
    for (const o of order) {
      const at = text.indexOf(o, from);
      expect(at, o).toBeGreaterThanOrEqual(from);
      from = at + o.length;
    }
  });
});
