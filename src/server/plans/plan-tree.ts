import type { Transaction } from 'kysely';
import { matchIndicator } from '#core/indicators/match.ts';
import { milestonesOf } from '#core/plans/milestones.ts';
import { headingTitle } from '#core/plans/sections.ts';
import { foldForSearch } from '#core/text/fold.ts';
import { isCollectiveName } from '#core/units/aliases.ts';
import type { DB, PlanLevel } from '../db/schema.ts';
import { resolveUnits } from '../units/units.repo.ts';
import * as repo from './plans.repo.ts';

type Span = [number, number];

export interface PlanTree {
  document: { number: string | null; issuer: string | null; date: string | null; title: string; plan_year: number | null; level: PlanLevel | null; parentPlanId: number | null };
  goals: { text: string; date: string | null; span?: Span | null | undefined }[];
  tasks: {
    path: string[]; number: string; title: string; text: string;
    deadlines: { text: string; date: string | null }[];
    lead: string[]; responsible: string[];
    spans: { task: Span; title: Span; text: Span; deadlines: Span[]; lead: Span[]; responsible: Span[] } | null;
  }[];
  source: string;
  sourceHash: string;
  fileName: string | null;
  /** When the plan is imported: the plan's created_at. */
  importedAt: string;
}

/**
 * Writes a plan with its goals, sections (one per top-level heading, mapped to an indicator), tasks,
 * milestones and task units, resolving unit names through names and aliases. Runs inside the caller's
 * transaction so a failure leaves nothing behind.
 */
export async function insertPlanTree(trx: Transaction<DB>, tree: PlanTree): Promise<number> {
  const d = tree.document;
  const planId = await repo.insertPlan(trx, {
    number: d.number || null, issuer: d.issuer || null, issue_date: d.date, title: d.title, year: d.plan_year, level: d.level,
    parent_plan_id: d.parentPlanId, file_name: tree.fileName, source_hash: tree.sourceHash, source_text: tree.source, created_at: tree.importedAt,
  });
  await repo.insertGoals(trx, planId, tree.goals.map((g, i) => ({ ordinal: i + 1, text: g.text, due_date: g.date, span_start: g.span?.[0] ?? null, span_end: g.span?.[1] ?? null })));

  const sectionIds = new Map<string, number>();
  for (const t of tree.tasks) {
    const heading = t.path[0];
    if (heading === undefined || sectionIds.has(heading)) continue;
    const title = headingTitle(heading);
    sectionIds.set(heading, await repo.insertSection(trx, { plan_id: planId, ordinal: sectionIds.size + 1, heading, title, indicator_code: matchIndicator(title) }));
  }

  const unitIds = await resolveUnits(trx, tree.tasks.flatMap((t) => [...t.lead, ...t.responsible]), isCollectiveName, tree.importedAt);
  const taskUnits: repo.TaskUnitRow[] = [];
  const milestones: repo.MilestoneRow[] = [];
  for (const [i, t] of tree.tasks.entries()) {
    const taskId = await repo.insertTask(trx, {
      plan_id: planId, section_id: t.path[0] === undefined ? null : sectionIds.get(t.path[0])!, ordinal: i + 1, number: t.number,
      path: JSON.stringify(t.path), title: t.title, text: t.text, search_text: foldForSearch(`${t.title} ${t.text}`),
      span_start: t.spans?.task[0] ?? null, span_end: t.spans?.task[1] ?? null, spans: t.spans ? JSON.stringify(t.spans) : null,
    });
    const named = [...t.lead.map((n) => ['lead', n] as const), ...t.responsible.map((n) => ['responsible', n] as const)];
    named.forEach(([role, name], k) => taskUnits.push({ task_id: taskId, plan_id: planId, unit_id: unitIds.get(name)!, role, ordinal: k + 1, name_as_written: name }));
    milestonesOf({ text: t.text, deadlines: t.deadlines, deadlineSpans: t.spans?.deadlines ?? null }, tree.source).forEach((m, k) =>
      milestones.push({ task_id: taskId, plan_id: planId, ordinal: k + 1, text: m.text, clause: m.clause, due_date: m.date, span_start: m.span?.[0] ?? null, span_end: m.span?.[1] ?? null }),
    );
  }
  await repo.insertTaskUnitsAndMilestones(trx, taskUnits, milestones);
  return planId;
}
