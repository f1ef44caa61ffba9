import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface GoldItem {
  number: number;
  title: string;
  text: string;
  deadlines: { text: string; date: string }[];
  lead: string[];
  responsible: string[];
}
export interface Gold {
  document: { number: string; issuer: string; date: string; title: string; plan_year: number };
  body: { goals: { text: string; date: string }[] };
  sections: { number: number; heading: string; items: GoldItem[] }[];
}

/** The hand-checked reading of the seed plan; tests derive their expectations from it. */
export const gold: Gold = JSON.parse(readFileSync(fileURLToPath(new URL('../../../test/fixtures/seed-plan.gold.json', import.meta.url)), 'utf8'));
export const goldItems = gold.sections.flatMap((s) => s.items.map((it) => ({ ...it, section: s.heading })));
