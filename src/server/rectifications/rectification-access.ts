import type { NoticeSummary, RectificationItem } from '#core/api/rectifications.ts';
import { can } from '#core/auth/policy.ts';
import { isOverdue } from '#core/inspections/rectification.ts';
import { needsEscalation, type RectificationProfile } from '#core/inspections/rectification-profile.ts';
import type { Actor, Deps } from '../context.ts';
import { notFound } from '../errors.ts';
import * as repo from './rectifications.repo.ts';

/**
 * Who reads which rectification rows, and the rows as the API returns them. Coordinator and leader see
 * all; an inspector the inspections they are assigned to; a unit only its own findings and notices, and
 * only once the inspection's findings are released. Anything else is absent (404), never 403.
 */
export function visibilityOf(actor: Actor): repo.Visibility {
  const p = actor.principal;
  if (!p) return { full: false, inspectorUserId: null, unitIds: [] };
  if (p.roles.includes('coordinator') || p.roles.includes('leader')) return { full: true };
  return {
    full: false,
    inspectorUserId: p.roles.includes('inspector') ? p.userId : null,
    unitIds: can(p, 'rectification.answer') ? p.unitScope : [],
  };
}

/** One finding the actor may see, or 404. */
export async function visibleFinding(deps: Deps, actor: Actor, id: number): Promise<repo.FindingRow> {
  const [row] = await repo.findFindings(deps.db, visibilityOf(actor), [id]);
  if (!row) throw notFound('问题');
  return row;
}

/** The findings as rectification items, with their latest notice, 交办 count, overdue and 提级 flags. */
export async function itemsOf(deps: Deps, rows: readonly repo.FindingRow[], profile: RectificationProfile, today: string): Promise<RectificationItem[]> {
  const latest = await repo.latestNotices(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const l = latest.get(r.id);
    const dueDate = l?.dueDate ?? null;
    return {
      findingId: r.id,
      inspectionId: r.inspection_id,
      inspectionTitle: r.inspection_title,
      unitId: r.unit_id,
      unitName: r.unit_name,
      description: r.description,
      category: r.category,
      severity: r.severity,
      location: r.location,
      foundAt: r.found_at,
      status: r.status,
      noticeId: l?.noticeId ?? null,
      dueDate,
      noticeCount: l?.count ?? 0,
      isOverdue: isOverdue({ status: r.status, dueDate }, today),
      needsEscalation: needsEscalation(profile, { noticeCount: l?.count ?? 0, status: r.status, dueDate }, today),
    };
  });
}

export function noticeSummaryOf(n: repo.NoticeRow, items: readonly RectificationItem[]): NoticeSummary {
  return {
    id: n.id,
    inspectionId: n.inspection_id,
    inspectionTitle: n.inspection_title,
    inspectionKind: n.inspection_kind,
    unitId: n.unit_id,
    unitName: n.unit_name,
    title: n.title,
    docNumber: n.doc_number,
    issuer: n.issuer,
    clueClass: n.clue_class,
    overrideWorkdays: n.override_workdays,
    issuedOn: n.issued_on,
    issuedAt: n.issued_at,
    dueDate: n.due_date,
    limitText: n.limit_text,
    basis: n.basis,
    profileId: n.profile_id,
    profileVersion: n.profile_version,
    findingCount: items.length,
    closedCount: items.filter((i) => i.status === 'closed').length,
    // Overdue against this notice: a finding put into a later notice counts there, not here.
    overdueCount: items.filter((i) => i.noticeId === n.id && i.isOverdue).length,
  };
}
