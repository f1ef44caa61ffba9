import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, parsePlan, readPlan } from './index.ts';
import { optionsArb } from './metamorphic/arbitraries.ts';
import { OWN_PLANS } from './metamorphic/plans.ts';
import { renderPlan } from './metamorphic/render.ts';
import { normalizeSource } from './normalize.ts';
import type { ParsedPlan, Span } from './types.ts';

const seed = readFileSync(fileURLToPath(new URL('../../../samples/shanting-2021-7.txt', import.meta.url)), 'utf8');

function inBounds(plan: ParsedPlan, s: Span): boolean {
  return Number.isInteger(s[0]) && Number.isInteger(s[1]) && s[0] >= 0 && s[0] <= s[1] && s[1] <= plan.source.length;
}

/** Reads without the guard in parsePlan, so a throw inside the reader fails the property. */
const strict = (s: string) => readPlan(normalizeSource(s));

/**
 * Every span lies in the source, and deadlines and units are exactly the text their spans cover.
 * Problems are collected and asserted once: an expect per span made the 10,000-document runs slow.
 */
function expectWellFormed(plan: ParsedPlan): void {
  expect(typeof plan.source).toBe('string');
  const problems: string[] = [];
  const covers = (what: string, s: Span | undefined, text: string) => {
    if (!s || !inBounds(plan, s)) problems.push(`${what}: span ${JSON.stringify(s)} outside the source`);
    else if (plan.source.slice(...s) !== text) problems.push(`${what}: span covers ${JSON.stringify(plan.source.slice(...s))}, not ${JSON.stringify(text)}`);
  };
  plan.tasks.forEach((t, k) => {
    const { spans } = t;
    for (const s of [spans.task, spans.title, spans.text]) if (!inBounds(plan, s)) problems.push(`task ${k}: span ${JSON.stringify(s)} outside the source`);
    if (spans.deadlines.length !== t.deadlines.length || spans.lead.length !== t.lead.length || spans.responsible.length !== t.responsible.length) {
      problems.push(`task ${k}: spans and fields differ in count`);
    }
    t.deadlines.forEach((d, i) => {
      covers(`task ${k} deadline ${i}`, spans.deadlines[i], d.text);
      if (d.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(d.date)) problems.push(`task ${k}: date ${d.date}`);
    });
    t.lead.forEach((u, i) => covers(`task ${k} lead ${i}`, spans.lead[i], u));
    t.responsible.forEach((u, i) => covers(`task ${k} responsible ${i}`, spans.responsible[i], u));
  });
  checkStructure(plan, problems);
  expect(problems).toEqual([]);
}

const WARNING_CODES = new Set(['no_task_level', 'task_without_unit', 'long_title', 'unread_body', 'unit_not_in_directory']);

/** The detected hierarchy and the warnings are well formed and point into the reading. */
function checkStructure(plan: ParsedPlan, problems: string[]): void {
  const { levels } = plan.structure;
  levels.forEach((l, i) => {
    if (!l.form || typeof l.example !== 'string' || !Number.isInteger(l.depth) || l.depth < 0 || !Number.isInteger(l.count) || l.count < 0) {
      problems.push(`level ${i}: ${JSON.stringify(l)}`);
    }
  });
  if (new Set(levels.map((l) => l.form)).size !== levels.length) problems.push(`a form at two levels: ${levels.map((l) => l.form).join(' ')}`);
  plan.warnings.forEach((w, i) => {
    if (!WARNING_CODES.has(w.code) || !w.message) problems.push(`warning ${i}: ${JSON.stringify(w)}`);
    if (w.taskIndex !== undefined && !(Number.isInteger(w.taskIndex) && w.taskIndex >= 0 && w.taskIndex < plan.tasks.length))
      problems.push(`warning ${i}: task ${w.taskIndex} of ${plan.tasks.length}`);
    if (w.span !== undefined && !inBounds(plan, w.span)) problems.push(`warning ${i}: span ${JSON.stringify(w.span)}`);
  });
}

/** Fragments real plans are made of, so random documents exercise the interesting paths. */
const fragment = fc.constantFrom(
  '一、',
  '（一）',
  '(二)',
  '1．',
  '2.',
  '3、',
  '（1）',
  '(2)',
  '一是',
  '二是',
  '【推进措施】',
  '第一部分',
  '①',
  '牵头单位：',
  '责任部门:',
  '配合单位：',
  '完成时限：',
  '持续推进',
  '（',
  '）',
  '(',
  ')',
  '〔',
  '〕',
  '[',
  ']',
  '【',
  '】',
  '《',
  '》',
  '、',
  '，',
  ',',
  '。',
  '；',
  ';',
  '：',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  '|',
  ' ',
  '　',
  '?。',
  '發(fā)',
  '負(fù)責(zé)',
  '6月底前',
  '2021年年底前',
  '次年3月底',
  '下半年',
  '第三季度末',
  '7日内',
  '每季度',
  '自7月1日起',
  '市发改委',
  '区审批服务局',
  '各镇（街）政府（办事处）',
  '等相关部门',
  '牵头',
  '按职责分工负责',
  '列第一位者为牵头单位，下同',
  '以下任务各县区均需落实，不再一一列出',
  '附件',
  '附件1：',
  '山政发〔2021〕7号',
  '2021年5月26日',
  '二○○六年四月二十八日',
  '关于印发',
  '的通知',
  '工作目标',
  '保障措施',
  '序号\t任务\t牵头单位\t完成时限',
  '1\t建设平台\t市大数据局\t6月底前',
  '联系人：张三',
);
const planLike = fc.array(fc.oneof(fragment, fc.string({ maxLength: 6 })), { maxLength: 120 }).map((xs) => xs.join(''));

describe('parsePlan is total and its spans are well formed', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (s) => expectWellFormed(strict(s))),
      { numRuns: 300 },
    );
  });

  it('on plan-like strings built from real fragments', () => {
    fc.assert(
      fc.property(planLike, (s) => expectWellFormed(strict(s))),
      { numRuns: 2000 },
    );
  });

  it('on random bytes decoded as a text file', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => expectWellFormed(strict(decodeText(bytes)))),
      { numRuns: 300 },
    );
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

/**
 * Base documents for mutation: renderings of the metamorphic suite's plans in random conventions
 * (drawn once, with a fixed seed, so the run is repeatable) and windows of the seed.
 */
const renderings = OWN_PLANS.flatMap((plan) =>
  fc.sample(optionsArb(Math.max(0, ...plan.tasks.map((t) => t.path.length))), { numRuns: 20, seed: 7 }).map((o) => renderPlan(plan, o).text),
);

/** One edit of the kinds copies and conversions make to a document. */
type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number; len: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate-mark'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom<'delete' | 'duplicate'>('delete', 'duplicate'), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant<'swap-lines'>('swap-lines'), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant<'insert'>('insert'),
    at: fc.nat(),
    text: fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 30 })),
  }),
  fc.record({ kind: fc.constant<'truncate-mark'>('truncate-mark'), at: fc.nat() }),
);

/** Marks whose closing half a broken copy loses: "（一）" → "（一", "1．" → "1", "（牵头单位：X）" → "（牵头单位：X". */
const MARK_END = /[）)．.、】〕”：:]/g;

function mutate(doc: string, m: Mutation): string {
  const n = doc.length;
  switch (m.kind) {
    case 'delete':
    case 'duplicate': {
      const at = n === 0 ? 0 : m.at % n;
      const piece = doc.slice(at, at + m.len);
      return m.kind === 'delete' ? doc.slice(0, at) + doc.slice(at + m.len) : doc.slice(0, at) + piece + piece + doc.slice(at + m.len);
    }
    case 'swap-lines': {
      const lines = doc.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'insert': {
      const at = n === 0 ? 0 : m.at % (n + 1);
      return doc.slice(0, at) + m.text + doc.slice(at);
    }
    case 'truncate-mark': {
      const ends = [...doc.matchAll(MARK_END)];
      const hit = ends.length === 0 ? undefined : ends[m.at % ends.length];
      return hit?.index === undefined ? doc : doc.slice(0, hit.index) + doc.slice(hit.index + 1);
    }
  }
}

/** A window of the seed, so most mutated seeds stay small and the run stays fast. */
const seedWindow = fc.tuple(fc.nat(seed.length), fc.integer({ min: 200, max: 5000 })).map(([at, len]) => seed.slice(at, at + len));
const mutated = fc
  .tuple(fc.oneof(fc.constantFrom(...renderings), seedWindow), fc.array(mutation, { minLength: 1, maxLength: 8 }))
  .map(([doc, ms]) => ms.reduce(mutate, doc));

/** Generous for documents of at most ~8k characters: a hang or a quadratic pass shows, a busy machine does not. */
const MS_PER_DOCUMENT = 500;

function readsInTime(s: string): void {
  const timed = () => {
    const t0 = performance.now();
    const plan = strict(s);
    return { plan, ms: performance.now() - t0 };
  };
  let { plan, ms } = timed();
  // A busy machine can stall one read; a hang or a quadratic pass is slow every time.
  if (ms > MS_PER_DOCUMENT) ({ plan, ms } = timed());
  expectWellFormed(plan);
  if (ms > MS_PER_DOCUMENT) expect.fail(`read ${s.length} characters in ${ms.toFixed(0)} ms, twice`);
}

describe('parsePlan survives broken copies of plans', () => {
  it('on 10,000 renderings and seed windows with deletions, duplications, swapped lines, garbage and truncated marks', { timeout: 120_000 }, () => {
    fc.assert(fc.property(mutated, readsInTime), { numRuns: 10_000, seed: 11 });
  });

  it('on the whole seed, mutated', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 20 }), (ms) => expectWellFormed(strict(ms.reduce(mutate, seed)))),
      { numRuns: 60, seed: 13 },
    );
  });

  it('on 1,500 of them re-read with a chosen task level and task lines, the fix a coordinator makes', { timeout: 120_000 }, () => {
    const withChoice = fc.tuple(mutated, fc.nat(), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean());
    fc.assert(
      fc.property(withChoice, ([doc, levelPick, linePicks, anyLevel]) => {
        const first = strict(doc);
        const forms = first.structure.levels.map((l) => l.form);
        // Line starts of the source, and a level of the document or one it does not have.
        const starts = [0, ...[...first.source.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];
        const taskLevel = anyLevel || forms.length === 0 ? ['cn-dun', 'ar-dot', 'cn-shi', 'nonsense'][levelPick % 4] : forms[levelPick % forms.length];
        const taskStarts = linePicks.map((k) => starts[k % starts.length] ?? 0);
        const again = readPlan(first.source, undefined, { taskLevel, taskStarts });
        expect(again.source).toBe(first.source);
        expectWellFormed(again);
      }),
      { numRuns: 1500, seed: 17 },
    );
  });

  it('mutates as it says', () => {
    expect(mutate('一、甲\n（一）乙', { kind: 'swap-lines', a: 0, b: 1 })).toBe('（一）乙\n一、甲');
    expect(mutate('1．推进', { kind: 'truncate-mark', at: 0 })).toBe('1推进');
    expect(mutate('abc', { kind: 'duplicate', at: 1, len: 1 })).toBe('abbc');
    expect(mutate('abc', { kind: 'delete', at: 4, len: 1 })).toBe('ac');
    expect(mutate('ab', { kind: 'insert', at: 1, text: '（' })).toBe('a（b');
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
