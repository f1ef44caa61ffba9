import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index.ts';
import type { ParsedPlan } from './types.ts';

/*
 * Our own development plans (test/fixtures/own-plans): twelve plans the team wrote in the conventions
 * of Chinese government plans, each with a hand-checked gold reading. Every plan must read exactly as
 * its gold. Values are compared after the normalisation of the team's reader score (NFKC, traditional
 * to simplified, no whitespace or `?`, one bracket shape, pinyin glosses and 等… unit tails dropped),
 * so that a reading is judged on what it says, not on the script or the width of its punctuation.
 * Unlike the score, nothing is forgiven: the plans are whole documents, not excerpts cut off mid-task.
 */

const root = fileURLToPath(new URL('../../../test/fixtures/own-plans/', import.meta.url));

interface GoldTask {
  path: string[];
  number: string;
  title: string;
  text: string;
  deadlines: { text: string; date: string | null }[];
  lead: string[];
  responsible: string[];
}
interface Gold {
  plan_year: number | null;
  tasks: GoldTask[];
}

const t2s = OpenCC.Converter({ from: 'hk', to: 'cn' });
const tw2s = OpenCC.Converter({ from: 'tw', to: 'cn' });

function norm(s: string | null | undefined): string {
  if (s == null) return '';
  let x = s.normalize('NFKC');
  x = x.replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňḿ]+\)/gi, ''); // pinyin glosses from web copies
  x = tw2s(t2s(x));
  x = x.replace(/[\s?]/g, '');
  x = x.replace(/[【〔[]/g, '(').replace(/[】〕\]]/g, ')');
  return x;
}
const normUnit = (u: string) => norm(u).replace(/(等(有关|相关)?(部门|单位)?(和专营单位)?|等)$/, '');
const stripUnits = (t: string) => t.replace(/\([^()]*(牵头|责任|配合|负责)[^()]*\)/g, '');
const matchText = (t: string) => norm(stripUnits(norm(t)));

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}
/** Dice similarity of character bigrams, as the score uses to pair a read task with a gold task. */
function dice(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  let inter = 0;
  for (const [k, v] of A) inter += Math.min(v, B.get(k) ?? 0);
  const total = Math.max(a.length - 1, 0) + Math.max(b.length - 1, 0);
  return total === 0 ? 0 : (2 * inter) / total;
}

/** What a task says, normalised; the text itself only decides which task it is (see `pair`). */
function brief(t: Omit<GoldTask, 'text'>) {
  return {
    path: t.path.map(norm),
    number: norm(t.number),
    title: norm(t.title),
    deadlines: t.deadlines.map((d) => [norm(d.text), d.date]),
    lead: t.lead.map(normUnit),
    responsible: t.responsible.map(normUnit),
  };
}

/**
 * Pairs each gold task with a read task the way the score does (the same text, allowing for how
 * annotations and wraps are kept: bigram Dice ≥ 0.6, or the same title), then lists the reading in gold
 * order. A gold task nothing matches shows as `missing`; read tasks no gold task claims follow as extra.
 */
function pair(gold: GoldTask[], plan: ParsedPlan): unknown[] {
  const used = new Set<number>();
  const out: unknown[] = gold.map((g) => {
    const gt = matchText(g.text || g.title);
    const gti = norm(g.title);
    let best = -1;
    let bestScore = 0;
    plan.tasks.forEach((p, j) => {
      if (used.has(j)) return;
      let s = dice(gt, matchText(p.text || p.title));
      if (gti && norm(p.title) === gti) s = Math.max(s, 0.99);
      if (s > bestScore) {
        bestScore = s;
        best = j;
      }
    });
    const p = best >= 0 && bestScore >= 0.6 ? plan.tasks[best] : undefined;
    if (!p) return { missing: brief(g) };
    used.add(best);
    return brief(p);
  });
  plan.tasks.forEach((p, j) => {
    if (!used.has(j)) out.push({ extra: brief(p) });
  });
  return out;
}

const docs = readdirSync(`${root}docs`)
  .filter((f) => f.endsWith('.txt'))
  .sort();

/** A plan as uploaded: the two '# ' header lines say where the text came from and are not part of it. */
const readDoc = (file: string) => readFileSync(`${root}docs/${file}`, 'utf8').split('\n').slice(2).join('\n');

describe('our own development plans', () => {
  it('has twelve plans, each with a gold reading', () => {
    expect(docs).toHaveLength(12);
    expect(readdirSync(`${root}gold`).sort()).toEqual(docs.map((f) => f.replace(/\.txt$/, '.json')));
  });

  it.each(docs)('%s reads as its gold', (file) => {
    const text = readDoc(file);
    const gold = JSON.parse(readFileSync(`${root}gold/${file.replace(/\.txt$/, '.json')}`, 'utf8')) as Gold;
    const plan = parsePlan(text, { fileName: file });
    expect(plan.document.plan_year).toBe(gold.plan_year);
    expect(pair(gold.tasks, plan)).toEqual(gold.tasks.map(brief));
  });

  // A reviewer sees each field highlighted in the source, so every span must cover exactly its field.
  it.each(docs)('%s keeps spans that point at each field in the source', (file) => {
    const plan = parsePlan(readDoc(file), { fileName: file });
    const at = (span: [number, number] | undefined) => (span ? plan.source.slice(...span) : undefined);
    for (const t of plan.tasks) {
      expect(at(t.spans.title)).toBe(t.title);
      expect(at(t.spans.task)).toContain(t.title);
      t.deadlines.forEach((d, i) => expect(at(t.spans.deadlines[i])).toBe(d.text));
      t.lead.forEach((u, i) => expect(at(t.spans.lead[i])).toBe(u));
      t.responsible.forEach((u, i) => expect(at(t.spans.responsible[i])).toBe(u));
    }
  });
});
