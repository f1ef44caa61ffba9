import type { ParsedPlan } from '../types.ts';
import { numeralValue } from './numerals.ts';
import type { ExpectedTask, Rendering } from './types.ts';

/** Whitespace, and the `?` a lost full-width space leaves, do not belong to a heading's words. */
const squash = (s: string) => s.replace(/[\s?　]/g, '');
/** An inline item's trailing separator is the enumeration's, not the item's. */
const loose = (s: string) => squash(s).replace(/[。；;]$/, '');

/**
 * Projects both sides onto what is compared: exact for deadlines and units, numbers by value,
 * paths without whitespace, titles and texts exact unless the rendering inserted breaks.
 */
export function comparable(plan: ParsedPlan, r: Rendering): { got: ExpectedTask[]; want: ExpectedTask[] } {
  const t = r.looseText ? loose : (s: string) => s;
  const project = (x: ExpectedTask): ExpectedTask => ({
    path: x.path.map(squash),
    number: x.number,
    title: t(x.title),
    text: t(x.text),
    deadlines: x.deadlines.map((d) => ({ text: d.text, date: d.date })),
    lead: x.lead,
    responsible: x.responsible,
  });
  const got = plan.tasks.map((k) => project({ ...k, number: numeralValue(k.number) }));
  return { got, want: r.tasks.map(project) };
}
