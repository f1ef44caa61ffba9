import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { draftCaseCircular, type CaseInput } from '#core/circulars/cases.ts';
import { caseCircularElements } from '../circulars/case-content.ts';
import { renderCircularDocx } from '../circulars/circular-docx.ts';
import { renderCircularPdf } from '../circulars/circular-pdf.ts';
import { noticeElements, type NoticeContent } from './notice-content.ts';

/**
 * The notice (整改通知书) and the typical-case circular are drawn by the circulars' renderers: these
 * tests open both files back and check the GB/T 9704 page setup, the fonts and that every finding and
 * the deadline are in them.
 */
const notice: NoticeContent = {
  title: '关于2026年第三季度政务服务暗访发现问题限期整改的通知',
  docNumber: '山营商办〔2026〕5号',
  issuer: '山亭区优化营商环境工作领导小组办公室',
  unitName: '区市场监督管理局',
  planTitle: '2026年第三季度政务服务暗访',
  date: '2026-09-30',
  dueDate: '2026-10-13',
  limitText: '5个工作日',
  basis: '《许昌市营商环境问题线索案件调查处理办法》C类（简单问题）时限',
  requirements: '请主要负责同志亲自部署，明确专人负责。',
  findings: [
    {
      id: 11,
      description: '登记窗口未公示收费标准和办理时限',
      category: '服务公开',
      severity: '一般',
      location: '区政务服务中心3号窗口',
      foundOn: '2026-09-16',
    },
    { id: 12, description: '咨询电话连续三次无人接听', category: '服务效率', severity: '较重', location: null, foundOn: '2026-09-17' },
    { id: 13, description: '要求企业重复提交营业执照复印件', category: '材料精简', severity: '一般', location: '区政务服务中心', foundOn: null },
  ],
};

async function docxXml(bytes: Buffer): Promise<{ xml: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(bytes);
  return { xml: await zip.file('word/document.xml')!.async('string'), zip };
}
const cellsOf = (xml: string) =>
  [...xml.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((m) => [...m[0].matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((x) => x[1]).join('\n'));
async function pdfPages(bytes: Buffer): Promise<string[]> {
  return (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: false })).text;
}

function expectGbt9704Page(xml: string) {
  expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
  expect(xml).toContain('w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
  expect(xml).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
  expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/);
  expect(xml).toMatch(/w:eastAsia="黑体"[^>]*\/><w:sz w:val="32"\/>/);
  expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
}

describe('the rectification notice (整改通知书)', () => {
  const els = noticeElements(notice);

  it('puts the 发文字号 above the title, the unit as addressee and signature and date at the end', () => {
    expect(els[0]).toEqual({ kind: 'docNumber', text: '山营商办〔2026〕5号' });
    // Broken before its closing phrase, never inside a word (GB/T 9704 §7.3.1).
    expect(els[2]).toEqual({ kind: 'title', lines: ['关于2026年第三季度政务服务暗访', '发现问题限期整改的通知'] });
    expect(els).toContainEqual({ kind: 'addressee', text: '区市场监督管理局：' });
    expect(els.slice(-2)).toMatchObject([
      { kind: 'signature', text: notice.issuer },
      { kind: 'date', text: '2026年9月30日', rightChars: 400 },
    ]);
    expect(els.filter((e) => e.kind === 'heading1').map((e) => (e as { text: string }).text)).toEqual(['一、存在的问题', '二、整改要求', '三、其他要求']);
  });

  it('.docx: GB/T 9704 page and fonts, every finding in the table, the deadline and its rule', async () => {
    const { xml, zip } = await docxXml(await renderCircularDocx(notice.title, els));
    expectGbt9704Page(xml);
    const cells = cellsOf(xml);
    for (const f of notice.findings) expect(cells).toContain(f.description);
    expect(cells.slice(0, 6)).toEqual(['序号', '问题描述', '类别', '程度', '地点', '发现时间']);
    expect(cells.slice(6, 12)).toEqual(['1', '登记窗口未公示收费标准和办理时限', '服务公开', '一般', '区政务服务中心3号窗口', '9月16日']);
    expect(xml).toContain('请于2026年10月13日前完成整改（5个工作日，依据《许昌市营商环境问题线索案件调查处理办法》C类（简单问题）时限）。');
    expect(xml).toMatch(/w:eastAsia="楷体_GB2312"[^>]*\/><w:sz w:val="32"\/><w:szCs w:val="32"\/><\/w:rPr><w:t xml:space="preserve">（一）整改时限。/);
    expect(await zip.file('word/footer1.xml')!.async('string')).toContain(' PAGE ');
  });

  it('.pdf: the same content with page numbers', async () => {
    const pages = await pdfPages(await renderCircularPdf(notice.title, els, { author: notice.issuer }));
    const all = pages.join('').replace(/\s+/g, '');
    expect(all).toContain('关于2026年第三季度政务服务暗访发现问题限期整改的通知');
    for (const f of notice.findings) expect(all).toContain(f.description);
    expect(all).toContain('请于2026年10月13日前完成整改');
    expect(all).toContain('区市场监督管理局：');
    pages.forEach((p, i) => expect(p.replace(/\s+/g, ' ')).toContain(`— ${i + 1} —`));
  });
});

describe('the typical-case circular (典型案例通报)', () => {
  const cases: CaseInput[] = [
    {
      findingId: 21,
      polarity: 'positive',
      unitName: '区行政审批服务局',
      description: '企业开办“一窗通办”半日办结',
      planTitle: '2026年政务服务专项督查',
      foundOn: '2026-09-10',
      location: '区政务服务中心',
      closed: false,
    },
    {
      findingId: 22,
      polarity: 'negative',
      unitName: '区市场监督管理局',
      description: '登记窗口未公示收费标准',
      planTitle: '2026年第三季度政务服务暗访',
      foundOn: '2026-09-16',
      location: null,
      closed: true,
    },
  ];
  const d = draftCaseCircular(cases, { issuer: '山亭区优化营商环境工作领导小组办公室' });

  it('drafts a title, both kinds of cases with their units, and what happened to a negative one', () => {
    expect(d.title).toBe('关于2起营商环境正反面典型案例的通报');
    expect(d.blocks.intro).toContain('其中正面典型1起，反面典型1起');
    expect(d.blocks.positive).toBe('（一）区行政审批服务局。2026年9月10日，2026年政务服务专项督查中在区政务服务中心发现：企业开办“一窗通办”半日办结。');
    expect(d.blocks.negative).toContain('（一）区市场监督管理局。');
    expect(d.blocks.negative).toContain('目前该问题已整改到位并销号。');
    expect(draftCaseCircular([cases[1]!], { issuer: 'X' }).title).toBe('关于1起营商环境反面典型案例的通报');
  });

  it('renders as .docx and .pdf in the circulars’ layout, listing each case with its finding number', async () => {
    const els = caseCircularElements({
      title: d.title,
      docNumber: null,
      issuer: '山亭区优化营商环境工作领导小组办公室',
      blocks: d.blocks,
      date: '2026-10-20',
      cases: cases.map((c) => ({ findingId: c.findingId, polarity: c.polarity, unitName: c.unitName, planTitle: c.planTitle })),
    });
    expect(els.filter((e) => e.kind === 'heading1').map((e) => (e as { text: string }).text)).toEqual(['一、正面典型', '二、反面典型', '三、有关要求']);
    const { xml } = await docxXml(await renderCircularDocx(d.title, els));
    expectGbt9704Page(xml);
    const cells = cellsOf(xml);
    expect(cells).toEqual(expect.arrayContaining(['正面', '区行政审批服务局', 'WT-21', '反面', '区市场监督管理局', 'WT-22']));
    const all = (await pdfPages(await renderCircularPdf(d.title, els))).join('').replace(/\s+/g, '');
    expect(all).toContain('关于2起营商环境正反面典型案例的通报');
    expect(all).toContain('登记窗口未公示收费标准');
    expect(all).toContain('2026年10月20日');
  });

  it('drops an empty section and renumbers', () => {
    const els = caseCircularElements({ title: 't', docNumber: null, issuer: 'X', blocks: { ...d.blocks, positive: ' ' }, date: '2026-10-20', cases: [] });
    expect(els.filter((e) => e.kind === 'heading1').map((e) => (e as { text: string }).text)).toEqual(['一、反面典型', '二、有关要求']);
  });
});
