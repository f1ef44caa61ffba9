import { parsePlan } from '../index.ts';
import { comparable } from './compare.ts';
import { renderPlan } from './render.ts';
import type { ExpectedTask, MetaPlan, RenderOptions } from './types.ts';

/** Renders a plan, reads the rendering back, and gives both sides of the comparison. */
export function readBack(plan: MetaPlan, opts: RenderOptions): { text: string; got: ExpectedTask[]; want: ExpectedTask[] } {
  const r = renderPlan(plan, opts);
  return { text: r.text, ...comparable(parsePlan(r.text), r) };
}

/** Which plan a case renders, and which of its tasks (all when null): short enough to read in a report. */
export interface PlanPick {
  plan: string;
  keep: number[] | null;
}

/** The plan a pick names, cut down to the picked tasks (fast-check shrinks towards one task). */
export function planOf(plans: MetaPlan[], pick: PlanPick): MetaPlan {
  const plan = plans.find((p) => p.id === pick.plan) ?? plans[0];
  if (!plan) throw new Error(`no plan ${pick.plan}`);
  if (pick.keep === null) return plan;
  const keep = new Set(pick.keep.map((i) => i % plan.tasks.length));
  return { ...plan, tasks: plan.tasks.filter((_, i) => keep.has(i)) };
}

/** Runs and seed for the property tests: fixed by default so `npm test` is repeatable. */
export const PROPERTY_PARAMS = {
  seed: Number(process.env.META_SEED ?? 20261204),
  scale: Number(process.env.META_SCALE ?? 1),
};
