import { describe, expect, it } from 'vitest';
import { parsePlan } from '../index.ts';
import { PLAIN } from './arbitraries.ts';
import { RENDER_CASES, TEXT_CASES, type WantTask } from './corpus.ts';
import { numeralValue } from './numerals.ts';
import { OWN_PLANS } from './plans.ts';
import { renderPlan } from './render.ts';
import { planOf, readBack } from './run.ts';
import { TEAM_PLANS } from './own-plans.fixture.ts';
import { SEED } from './seed.fixture.ts';

const PLANS = [...OWN_PLANS, ...TEAM_PLANS, SEED];

describe('the corpus of failures the metamorphic suite found', () => {
  for (const c of TEXT_CASES) {
    it(`${c.id}: ${c.note}`, () => {
      const tasks = parsePlan(c.text).tasks;
      // Each case names only the fields it is about; the others are not its concern.
      const got = tasks.map((t, i) => {
        const keys = Object.keys(c.want[i] ?? {}) as (keyof WantTask)[];
        return Object.fromEntries(keys.map((k) => [k, k === 'number' ? numeralValue(t.number) : t[k]]));
      });
      expect(got).toEqual(c.want);
    });
  }

  for (const c of RENDER_CASES) {
    it(`${c.id}: ${c.note}`, () => {
      const opts = { ...PLAIN, ...c.change };
      const { got, want } = readBack(planOf(PLANS, c.pick), opts);
      expect(got).toEqual(want);
      const r = renderPlan(planOf(PLANS, c.pick), opts);
      const { number, plan_year } = parsePlan(r.text).document;
      expect({ number, plan_year }).toEqual(r.document);
    });
  }
});
