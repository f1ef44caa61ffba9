import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GoldPlan } from '../gold.ts';
import { fromSeedGold } from './plans.ts';

/** The seed's hand-checked reading (test/fixtures/seed-plan.gold.json) as a renderable plan; tests only. */
export const SEED = fromSeedGold(
  JSON.parse(readFileSync(fileURLToPath(new URL('../../../../test/fixtures/seed-plan.gold.json', import.meta.url)), 'utf8')) as GoldPlan,
);
