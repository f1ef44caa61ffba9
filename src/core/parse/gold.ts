import { foldString } from './normalize.ts';
import { matchMarker } from './numbering.ts';
import type { ParsedDeadline, ParsedDocument, ParsedGoal, ParsedPlan } from './types.ts';

/** The shape of the hand-checked seed reading (test/fixtures/seed-plan.gold.json). */
export interface GoldPlan {
  document: ParsedDocument;
  body: { goals: ParsedGoal[]; principles: string[]; key_tasks: string[]; safeguards: string[] };
  sections: GoldSection[];
}

/** One numbered section of the gold file: 一、开办企业 → { number: 1, heading: '开办企业' }. */
export interface GoldSection {
  number: number;
  heading: string;
  items: GoldItem[];
}

/** One numbered item of a gold section. */
export interface GoldItem {
  number: number;
  title: string;
  text: string;
  deadlines: ParsedDeadline[];
  lead: string[];
  responsible: string[];
}

/** Splits a heading as written ("一、开办企业") into its number and its words. */
function splitHeading(heading: string): { number: number; heading: string } {
  const folded = foldString(heading);
  const m = matchMarker(folded, 0, folded.length);
  return m ? { number: m.value, heading: heading.slice(m.contentStart) } : { number: 0, heading };
}

function toInt(label: string): number {
  const folded = foldString(label);
  const m = matchMarker(`${folded}.`, 0, folded.length + 1) ?? matchMarker(`${folded}、`, 0, folded.length + 1);
  return m ? m.value : Number(folded) || 0;
}

/**
 * Maps a reading to the gold file's shape: tasks grouped by their top heading into numbered
 * sections, item numbers as integers, spans and paths dropped.
 */
export function toGoldShape(plan: ParsedPlan): GoldPlan {
  const sections: GoldSection[] = [];
  const byHeading = new Map<string, GoldSection>();
  for (const task of plan.tasks) {
    const key = task.path[0] ?? '';
    let section = byHeading.get(key);
    if (!section) {
      section = { ...splitHeading(key), items: [] };
      byHeading.set(key, section);
      sections.push(section);
    }
    section.items.push({
      number: toInt(task.number),
      title: task.title,
      text: task.text,
      deadlines: task.deadlines.map((d) => ({ text: d.text, date: d.date })),
      lead: task.lead,
      responsible: task.responsible,
    });
  }
  const body = plan.body ?? { principles: [], key_tasks: [], safeguards: [] };
  return {
    document: plan.document,
    body: { goals: plan.goals, principles: body.principles, key_tasks: body.key_tasks, safeguards: body.safeguards },
    sections,
  };
}
