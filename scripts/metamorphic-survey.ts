/**
 * `node scripts/metamorphic-survey.ts [RUNS] [SEED] [--texts]`: draws RUNS random renderings of the
 * metamorphic suite's gold plans (src/core/parse/metamorphic), and for each the reader gets wrong,
 * cuts the options back to the plain rendering and the plan to the fewest tasks that still fail.
 * Prints the failures grouped by the conventions that cause them, most frequent first, so a reader
 * change can be judged by families, not by one counterexample; --texts prints each group's smallest
 * rendering and its first wrong task. Failures worth keeping go to src/core/parse/metamorphic/corpus.ts.
 */
import fc from 'fast-check';
import { optionsArb, PLAIN } from '#core/parse/metamorphic/arbitraries.ts';
import { TEAM_PLANS } from '#core/parse/metamorphic/own-plans.fixture.ts';
import { OWN_PLANS } from '#core/parse/metamorphic/plans.ts';
import { planOf, readBack, type PlanPick } from '#core/parse/metamorphic/run.ts';
import { SEED } from '#core/parse/metamorphic/seed.fixture.ts';
import type { MetaPlan, RenderOptions } from '#core/parse/metamorphic/types.ts';

const [runs = 500, seed = 1] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map(Number);
const showTexts = process.argv.includes('--texts');
const PLANS = [...OWN_PLANS, ...TEAM_PLANS, SEED];
const pickArb: fc.Arbitrary<PlanPick> = fc.oneof(
  fc.record({ plan: fc.constantFrom(...[...OWN_PLANS, ...TEAM_PLANS].map((p) => p.id)), keep: fc.constant(null) }),
  fc.record({ plan: fc.constant('seed'), keep: fc.uniqueArray(fc.nat(198), { minLength: 1, maxLength: 12 }) }),
);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const fails = (plan: MetaPlan, o: RenderOptions) => {
  const { got, want } = readBack(plan, o);
  return !same(got, want);
};
const keys = Object.keys(PLAIN) as (keyof RenderOptions)[];

const groups = new Map<string, { count: number; plan: MetaPlan; opts: RenderOptions }>();
let failing = 0;
for (const [pick, drawn] of fc.sample(fc.tuple(pickArb, optionsArb(2)), { numRuns: runs, seed })) {
  let plan = planOf(PLANS, pick);
  if (!fails(plan, drawn)) continue;
  failing++;
  let opts = drawn;
  for (const k of keys) {
    const plainer = { ...opts, [k]: PLAIN[k] };
    if (!same(opts[k], PLAIN[k]) && fails(plan, plainer)) opts = plainer;
  }
  for (let i = plan.tasks.length - 1; i >= 0 && plan.tasks.length > 1; i--) {
    const fewer = { ...plan, tasks: plan.tasks.filter((_, j) => j !== i) };
    if (fails(fewer, opts)) plan = fewer;
  }
  const signature = JSON.stringify(Object.fromEntries(keys.filter((k) => !same(opts[k], PLAIN[k])).map((k) => [k, opts[k]])));
  const g = groups.get(signature);
  if (!g) groups.set(signature, { count: 1, plan, opts });
  else {
    g.count++;
    if (plan.tasks.length < g.plan.tasks.length) Object.assign(g, { plan, opts });
  }
}

console.log(`${failing} of ${runs} renderings read wrong, in ${groups.size} groups of conventions (over the plain rendering):`);
for (const [signature, g] of [...groups].sort((a, b) => b[1].count - a[1].count)) {
  console.log(`\n${String(g.count).padStart(4)}× ${signature}  (${g.plan.id}, ${g.plan.tasks.length} task${g.plan.tasks.length > 1 ? 's' : ''})`);
  if (!showTexts) continue;
  const { text, got, want } = readBack(g.plan, g.opts);
  console.log(text);
  const i = want.findIndex((w, j) => !same(w, got[j]));
  console.log(`  task ${i}: got  ${JSON.stringify(got[i])}\n  task ${i}: want ${JSON.stringify(want[i])}`);
}
