import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, parsePlan, readPlan } from './index.ts';
import { normalizeSource } from './normalize.ts';
import type { ParsedPlan, Span } from './types.ts';

const seed = readFileSync(fileURLToPath(new URL('../../../samples/shanting-2021-7.txt', import.meta.url)), 'utf8');

function inBounds(plan: ParsedPlan, s: Span): boolean {
  return Number.isInteger(s[0]) && Number.isInteger(s[1]) && s[0] >= 0 && s[0] <= s[1] && s[1] <= plan.source.length;
}

/** Reads without the guard in parsePlan, so a throw inside the reader fails the property. */
const strict = (s: string) => readPlan(normalizeSource(s));

/** Every span lies in the source, and deadlines and units are exactly the text their spans cover. */
function expectWellFormed(plan: ParsedPlan): void {
  expect(typeof plan.source).toBe('string');
  for (const t of plan.tasks) {
    const { spans } = t;
    for (const s of [spans.task, spans.title, spans.text, ...spans.deadlines, ...spans.lead, ...spans.responsible]) expect(inBounds(plan, s)).toBe(true);
    expect(spans.deadlines).toHaveLength(t.deadlines.length);
    expect(spans.lead).toHaveLength(t.lead.length);
    expect(spans.responsible).toHaveLength(t.responsible.length);
    t.deadlines.forEach((d, i) => {
      expect(plan.source.slice(...(spans.deadlines[i] ?? [0, 0]))).toBe(d.text);
      if (d.date !== null) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
    t.lead.forEach((u, i) => expect(plan.source.slice(...(spans.lead[i] ?? [0, 0]))).toBe(u));
    t.responsible.forEach((u, i) => expect(plan.source.slice(...(spans.responsible[i] ?? [0, 0]))).toBe(u));
  }
}

/** Fragments real plans are made of, so random documents exercise the interesting paths. */
const fragment = fc.constantFrom(
  '一、', '（一）', '(二)', '1．', '2.', '3、', '（1）', '(2)', '一是', '二是', '【推进措施】', '第一部分', '①',
  '牵头单位：', '责任部门:', '配合单位：', '完成时限：', '持续推进', '（', '）', '(', ')', '〔', '〕', '[', ']', '【', '】', '《', '》',
  '、', '，', ',', '。', '；', ';', '：', '\n', '\n\n', '\r\n', '\t', '|', ' ', '　', '?。', '發(fā)', '負(fù)責(zé)',
  '6月底前', '2021年年底前', '次年3月底', '下半年', '第三季度末', '7日内', '每季度', '自7月1日起',
  '市发改委', '区审批服务局', '各镇（街）政府（办事处）', '等相关部门', '牵头', '按职责分工负责', '列第一位者为牵头单位，下同',
  '以下任务各县区均需落实，不再一一列出', '附件', '附件1：', '山政发〔2021〕7号', '2021年5月26日', '二○○六年四月二十八日',
  '关于印发', '的通知', '工作目标', '保障措施', '序号\t任务\t牵头单位\t完成时限', '1\t建设平台\t市大数据局\t6月底前', '联系人：张三',
);
const planLike = fc.array(fc.oneof(fragment, fc.string({ maxLength: 6 })), { maxLength: 120 }).map((xs) => xs.join(''));

describe('parsePlan is total and its spans are well formed', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (s) => expectWellFormed(strict(s))), { numRuns: 300 });
  });

  it('on plan-like strings built from real fragments', () => {
    fc.assert(fc.property(planLike, (s) => expectWellFormed(strict(s))), { numRuns: 2000 });
  });

  it('on random bytes decoded as a text file', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => expectWellFormed(strict(decodeText(bytes)))), { numRuns: 300 });
  });

  it('on the seed with its lines shuffled and dropped', () => {
    const lines = seed.split('\n');
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 1 }), (ls) => expectWellFormed(strict(ls.join('\n')))),
      { numRuns: 40 },
    );
  });

  it('on empty and odd inputs', () => {
    for (const s of ['', '\ufeff', '\n\n\n', '（'.repeat(10_000), '一、'.repeat(10_000), '是'.repeat(10_000), '6月底前'.repeat(5000)]) {
      expectWellFormed(strict(s));
    }
    expectWellFormed(parsePlan(undefined as unknown as string));
  });
});

describe('parsePlan scales linearly', () => {
  it('reads a 50 MB document', { timeout: 120_000 }, () => {
    const at = seed.indexOf('\n一、开办企业');
    const sections = seed.slice(at, seed.lastIndexOf('山亭区人民政府办公室'));
    const copies = Math.ceil(50_000_000 / Buffer.byteLength(sections));
    const big = seed.slice(0, at) + sections.repeat(copies);
    const t0 = performance.now();
    const plan = parsePlan(big);
    const ms = performance.now() - t0;
    expect(plan.tasks.length).toBe(199 * copies);
    expect(ms).toBeLessThan(60_000);
  });

  it('reads one 10 MB line without a newline', { timeout: 60_000 }, () => {
    const line = `1．${'推进改革（社区），6月底前完成；（牵头单位：市发改委）'.repeat(400_000)}`;
    expect(parsePlan(line).tasks).toHaveLength(1);
  });
});
