import { describe, expect, it } from 'vitest';
import { findDeadlines, isOpenEnded, monthEnd } from './deadlines.ts';
import { foldString } from './normalize.ts';

const read = (s: string, year: number | null = 2021) => findDeadlines(s, 0, s.length, year).map((h) => [s.slice(h.start, h.end), h.date]);

describe('findDeadlines', () => {
  it.each([
    ['8月底前，申请人', '8月底前', '2021-08-31'],
    ['9月底实现对接', '9月底', '2021-09-30'],
    ['6月底，完成', '6月底', '2021-06-30'],
    ['6月5日前制定方案', '6月5日前', '2021-06-05'],
    ['年底前实现重大突破', '年底前', '2021-12-31'],
    ['2022年3月底前完成', '2022年3月底前', '2022-03-31'],
    ['确保2020年年底前完成清欠', '2020年年底前', '2020-12-31'],
    ['2023年底前建成', '2023年底前', '2023-12-31'],
    ['上半年完成', '上半年', '2021-06-30'],
    ['下半年开展专项检查', '下半年', '2021-12-31'],
    ['第三季度末前完成', '第三季度末前', '2021-09-30'],
    ['二季度末建成', '二季度末', '2021-06-30'],
    ['次年3月底前实现', '次年3月底前', '2022-03-31'],
    ['明年底前完成', '明年底前', '2022-12-31'],
    ['十二月底前完成', '十二月底前', '2021-12-31'],
    ['2月底前完成', '2月底前', '2021-02-28'],
    ['6月中旬前完成', '6月中旬前', '2021-06-20'],
  ])('%s', (s, text, date) => {
    expect(read(s)).toEqual([[text, date]]);
  });

  it('lists every phrase in order, repeats included', () => {
    expect(read('6月底前摸底，6月底前上报，9月底前完成').map((x) => x[0])).toEqual(['6月底前', '6月底前', '9月底前']);
  });

  it('reads full-width digits once the text is folded (the reader works on the folded view)', () => {
    expect(read(foldString('６月底前完成'))).toEqual([['6月底前', '2021-06-30']]);
  });

  it.each([
    '7日内办结',
    '压缩至20个工作日',
    '自7月1日起施行',
    '自6月底起实行',
    '每季度通报一次',
    '每月底报送',
    '去年底已完成',
    '在2020年基础上',
    '“十四五”期间',
    '4•26知识产权日',
    '有效期至2025年底',
    '根据《关于做好2021年上半年工作的通知》',
    '4月26日召开',
    '12345月底',
    '年末人口',
  ])('is not a deadline: %s', (s) => {
    expect(read(s)).toEqual([]);
  });

  it('keeps 起草 as a word, not a start date', () => {
    expect(read('年底前起草完成')).toEqual([['年底前', '2021-12-31']]);
  });

  it('gives no date when the plan year is unknown, unless the phrase has its own year', () => {
    expect(read('6月底前完成', null)).toEqual([['6月底前', null]]);
    expect(read('2022年6月底前完成', null)).toEqual([['2022年6月底前', '2022-06-30']]);
  });

  it('never rolls a month over into the next year by itself', () => {
    // Issued in May: 3月底前 stays in the plan year unless the text says 次年/明年.
    expect(read('3月底前完成')).toEqual([['3月底前', '2021-03-31']]);
  });

  it('reads only inside the given range', () => {
    const s = '开展工作。6月底前完成。';
    expect(findDeadlines(s, 0, 5, 2021)).toEqual([]);
  });
});

describe('open-ended schedules and month ends', () => {
  it('recognises 持续推进 and 长期坚持', () => {
    expect(isOpenEnded('持续推进')).toBe(true);
    expect(isOpenEnded('长期坚持')).toBe(true);
    expect(isOpenEnded('6月底前')).toBe(false);
  });

  it('knows leap years', () => {
    expect(monthEnd(2024, 2)).toBe(29);
    expect(monthEnd(2021, 2)).toBe(28);
  });
});
