import type { Actor, Deps } from '../context.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import { AppError, notFound } from '../errors.ts';
import { assertParentAllowed } from '../hierarchy.ts';
import * as repo from './plans.repo.ts';
import type { PlanUpdate } from '#core/api/plans.ts';

/** All plans, newest first: `{ data, total }`. */
export async function findPlans(deps: Deps) {
  const rows = await repo.listPlans(deps.db);
  const data = rows.map((r) => ({
    id: r.id, number: r.number, title: r.title, issuer: r.issuer, date: r.issue_date, year: r.year, level: r.level,
    taskCount: r.task_count, sectionCount: r.section_count,
  }));
  return { data, total: data.length };
}

/** The plan overview: metadata, dated goals, sections with their indicator and task count. */
export async function getPlan(deps: Deps, id: number) {
  const plan = await repo.findPlanRow(deps.db, id);
  if (!plan) throw notFound('方案');
  const [goals, sections, figures, parent] = await Promise.all([
    repo.findGoals(deps.db, id),
    repo.findSections(deps.db, id),
    repo.countPlanFigures(deps.db, id),
    plan.parent_plan_id ? repo.findPlanRow(deps.db, plan.parent_plan_id) : undefined,
  ]);
  return {
    id: plan.id, number: plan.number, issuer: plan.issuer, date: plan.issue_date, title: plan.title, year: plan.year,
    level: plan.level, fileName: plan.file_name, parentPlanId: plan.parent_plan_id,
    parentPlan: parent ? { id: parent.id, number: parent.number, title: parent.title } : null,
    goals: goals.map((g) => ({ id: g.id, text: g.text, date: g.due_date, span: g.span_start == null || g.span_end == null ? null : ([g.span_start, g.span_end] as [number, number]) })),
    sections: sections.map(sectionDto),
    ...figures,
  };
}

export async function getPlanSource(deps: Deps, id: number) {
  const row = await repo.findPlanSource(deps.db, id);
  if (!row) throw notFound('方案');
  return { text: row.source_text };
}

/** Corrects plan metadata; the upper-level plan must exist and must not be the plan itself or below it. */
export async function updatePlan(deps: Deps, actor: Actor, id: number, patch: PlanUpdate) {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findPlanRow(trx, id);
    if (!before) throw notFound('方案');
    if (patch.parentPlanId != null) {
      await assertParentAllowed(id, patch.parentPlanId, async (p) => {
        const row = await repo.findPlanRow(trx, p);
        return row && { parent: row.parent_plan_id };
      }, { cycle: '上级方案不能是本方案或其下级方案', missing: '所选上级方案不存在', field: 'parentPlanId' });
    }
    const set = {
      ...(patch.number !== undefined && { number: patch.number || null }),
      ...(patch.issuer !== undefined && { issuer: patch.issuer || null }),
      ...(patch.date !== undefined && { issue_date: patch.date }),
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.year !== undefined && { year: patch.year }),
      ...(patch.level !== undefined && { level: patch.level }),
      ...(patch.parentPlanId !== undefined && { parent_plan_id: patch.parentPlanId }),
    };
    if (Object.keys(set).length === 0) return;
    await repo.updatePlanRow(trx, id, set);
    const after = await repo.findPlanRow(trx, id);
    await recordAudit(trx, { ...auditOf(actor), action: 'plan.update', entityType: 'plan', entityId: id, before, after });
  });
  return getPlan(deps, id);
}


/** Maps a section onto an indicator (or none). */
export async function updateSection(deps: Deps, actor: Actor, id: number, indicatorCode: string | null) {
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findSection(trx, id);
    if (!before) throw notFound('章节');
    if (indicatorCode && !(await repo.indicatorExists(trx, indicatorCode))) throw new AppError('INVALID_INPUT', '指标不存在', { field: 'indicatorCode' });
    await repo.updateSectionIndicator(trx, id, indicatorCode);
    await recordAudit(trx, { ...auditOf(actor), action: 'section.update', entityType: 'section', entityId: id, before, after: { ...before, indicator_code: indicatorCode } });
    const sections = await repo.findSections(trx, before.plan_id);
    return sectionDto(sections.find((x) => x.id === id)!);
  });
}

export async function findIndicators(deps: Deps) {
  const rows = await repo.listIndicators(deps.db);
  return { data: rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en })), total: rows.length };
}

function sectionDto(s: Awaited<ReturnType<typeof repo.findSections>>[number]) {
  return {
    id: s.id, ordinal: s.ordinal, heading: s.heading, title: s.title, taskCount: s.task_count,
    indicator: s.indicator_code && s.indicator_name ? { code: s.indicator_code, name: s.indicator_name } : null,
  };
}
