import seedGold from '../../../../test/fixtures/seed-plan.gold.json' with { type: 'json' };
import type { GoldPlan } from '../gold.ts';
import { fromSeedGold } from './plans.ts';

/** The seed's hand-checked reading (test/fixtures/seed-plan.gold.json) as a renderable plan. */
export const SEED = fromSeedGold(seedGold as GoldPlan);
