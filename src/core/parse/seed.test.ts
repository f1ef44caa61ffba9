import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toGoldShape } from './gold.ts';
import { parsePlan } from './index.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const seedText = readFileSync(root('samples/shanting-2021-7.txt'), 'utf8');
const gold = JSON.parse(readFileSync(root('test/fixtures/seed-plan.gold.json'), 'utf8')) as unknown;

describe('the seed plan 山政发〔2021〕7号', () => {
  const plan = parsePlan(seedText, { fileName: 'shanting-2021-7.txt' });

  it('reproduces the hand-checked gold reading exactly', () => {
    expect(toGoldShape(plan)).toEqual(gold);
  });

  it('finds the 199 measures of the attachment, not the body headings', () => {
    expect(plan.tasks).toHaveLength(199);
    expect(plan.tasks[0]?.path).toEqual(['一、开办企业']);
    expect(plan.tasks[0]?.number).toBe('1');
  });

  it('keeps spans that point at the fields in the source', () => {
    for (const task of plan.tasks) {
      expect(plan.source.slice(...task.spans.title)).toBe(task.title);
      task.deadlines.forEach((d, i) => expect(plan.source.slice(...(task.spans.deadlines[i] ?? [0, 0]))).toBe(d.text));
      task.lead.forEach((u, i) => expect(plan.source.slice(...(task.spans.lead[i] ?? [0, 0]))).toBe(u));
      task.responsible.forEach((u, i) => expect(plan.source.slice(...(task.spans.responsible[i] ?? [0, 0]))).toBe(u));
      expect(plan.source.slice(...task.spans.task)).toContain(task.title);
    }
  });

  it('reads the same from CRLF text with a BOM, with spans into the normalised source', () => {
    const crlf = parsePlan(`\ufeff${seedText.replace(/\n/g, '\r\n')}`);
    expect(toGoldShape(crlf)).toEqual(gold);
    expect(crlf.source).toBe(seedText);
  });
});
