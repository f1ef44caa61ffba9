import { describe, expect, it } from 'vitest';
import { findInlineShi, matchMarker, parseCnNumber, toCnNumber } from './numbering.ts';

const at = (s: string) => matchMarker(s, 0, s.length);

describe('matchMarker', () => {
  it.each([
    ['一、开办企业', 'cn', '一', 1, 2],
    ['十二、政府采购', 'cn', '十二', 12, 3],
    ['(一)坚持高位推动', 'pcn', '一', 1, 3],
    ['（三）全面提升', 'pcn', '三', 3, 3],
    ['1.推进', 'num', '1', 1, 2],
    ['1．推进', 'num', '1', 1, 2],
    ['12、推进', 'num', '12', 12, 3],
    ['5.9月底前，将', 'num', '5', 5, 2],
    ['(1)建设', 'pnum', '1', 1, 3],
    ['1.2 建设平台', 'dec', '1.2', 2, 4],
    ['（?）改造', 'pcn', '', 0, 3],
    ['（2）开展', 'pnum', '2', 2, 3],
    ['3)开展', 'half', '3', 3, 2],
    ['②开展', 'circ', '2', 2, 1],
    ['一是加快基础教育', 'shi', '一', 1, 2],
    ['第二部分 重点任务', 'chap', '二', 2, 5],
    ['【推进措施】', 'tag', '', 0, 6],
    ['第一百一十一条助力供应商', 'art', '一百一十一', 111, 7],
  ])('%s', (s, kind, label, value, contentStart) => {
    expect(at(s)).toMatchObject({ kind, label, value, start: 0, contentStart });
  });

  it.each(['1.5亿元', '2021年', '110千伏变电站', '十大惠民实事', '一是，', '12345热线', '(社区)', '【牵头单位：市发改委】', '“415”工程'])(
    'is not a marker: %s',
    (s) => expect(at(s)).toBeNull(),
  );
});

describe('Chinese numerals', () => {
  it('parses counting and positional forms', () => {
    expect(parseCnNumber('十')).toBe(10);
    expect(parseCnNumber('十九')).toBe(19);
    expect(parseCnNumber('二十一')).toBe(21);
    expect(parseCnNumber('二○○六')).toBe(2006);
    expect(parseCnNumber('甲')).toBeNaN();
    expect([1, 10, 11, 20, 99].map(toCnNumber)).toEqual(['一', '十', '十一', '二十', '九十九']);
  });
});

describe('findInlineShi', () => {
  it('finds 一是…二是… after clause breaks', () => {
    const s = '开展工作：一是加快教育。二是提高医疗水平；三是改善交通。';
    expect(findInlineShi(s, 0, s.length).map((m) => m.label)).toEqual(['一', '二', '三']);
  });

  it('ignores a lone 一是 without a colon and words that merely contain 是', () => {
    const s = '这是一项工作，统一是关键。';
    expect(findInlineShi(s, 0, s.length)).toEqual([]);
  });
});
