import { describe, expect, it } from 'vitest';
import { decodeEntities, docxToText, htmlToText } from './markup.ts';

describe('htmlToText', () => {
  it('breaks lines at block elements, drops scripts and styles, decodes entities', () => {
    const html = `<html><head><title>方案</title><style>p{color:red}</style><script>var a = "<p>x</p>";</script></head>
      <body><div>一、开办企业</div><p>1．推行“一网通办”&nbsp;&amp;
      电子执照。<br>（牵头单位：市市场监管局）</p><!-- <p>注释</p> --><p>&#12288;&#x4e8c;、&ldquo;简化&rdquo;</p></body></html>`;
    expect(htmlToText(html)).toBe('方案\n一、开办企业\n1．推行“一网通办”\u00a0& 电子执照。\n（牵头单位：市市场监管局）\n\u3000二、“简化”');
  });

  it('joins table cells with tabs', () => {
    expect(htmlToText('<table><tr><th>序号</th><th>任务</th></tr><tr><td>1</td><td>建设平台</td></tr></table>')).toBe('序号\t任务\n1\t建设平台');
  });

  it('keeps unknown entities and survives broken markup', () => {
    expect(decodeEntities('&foo; &#0; a&b')).toBe('&foo; &#0; a&b');
    expect(htmlToText('<p>未闭合<b')).toBe('未闭合');
  });
});

describe('docxToText', () => {
  const numbering = `<w:numbering>
    <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2．"/></w:lvl></w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
  const p = (text: string, ilvl?: number) =>
    `<w:p><w:pPr>${ilvl === undefined ? '' : `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr>`}<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

  it('writes out automatic list numbers and reads tables as tab-separated rows', () => {
    const xml = `<w:document><w:body>${p('方案')}${p('开办企业', 0)}${p('推行一网通办。', 1)}${p('压缩时限。', 1)}${p('办理建筑许可', 0)}${p('推行并联审批。', 1)}
      <w:tbl><w:tr><w:tc>${p('序号')}</w:tc><w:tc>${p('任务')}</w:tc></w:tr><w:tr><w:tc>${p('1')}</w:tc><w:tc>${p('建设')}${p('平台')}</w:tc></w:tr></w:tbl></w:body></w:document>`;
    expect(docxToText(xml, numbering).split('\n')).toEqual([
      '方案',
      '一、开办企业',
      '1．推行一网通办。',
      '2．压缩时限。',
      '二、办理建筑许可',
      '1．推行并联审批。',
      '序号\t任务',
      '1\t建设 平台',
    ]);
  });

  it('reads runs, tabs, breaks and entities', () => {
    const xml = '<w:body><w:p><w:r><w:t>牵头单位</w:t></w:r><w:r><w:tab/><w:t>A&amp;B</w:t><w:br/><w:t>第二行</w:t></w:r></w:p></w:body>';
    expect(docxToText(xml)).toBe('牵头单位\tA&B\n第二行');
  });
});
