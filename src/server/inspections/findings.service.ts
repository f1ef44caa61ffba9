import {
  DEFAULT_FINDING_TAXONOMY,
  type Evidence,
  type Finding,
  type FindingCreate,
  type FindingDetail,
  type FindingFilter,
  type FindingGroupQuery,
  type FindingGroups,
  type FindingListQuery,
  type FindingTaxonomy,
  FindingTaxonomySchema,
  FINDING_STATUSES,
  labelOf,
} from '#core/api/inspection-findings.ts';
import type { Visit, VisitCreate } from '#core/api/inspections.ts';
import { isAboutVisible } from '#core/inspections/access.ts';
import type { FindingStatus } from '#core/inspections/findings.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { FileStore } from '../files/file-store.ts';
import { allSettings, putSetting } from '../settings/settings.repo.ts';
import { receiveInspectionEvidence } from './evidence.service.ts';
import { assertMayRecord, findingViewerOf, findVisibleFinding, type FindingRow } from './findings.access.ts';
import * as repo from './findings.repo.ts';
import { seePlan } from './inspections.access.ts';
import { existingIds, existingIndicators, unitNamesOf } from './inspections.repo.ts';

const TAXONOMY_KEY = 'inspection.findingTaxonomy';
const invalid = (message: string, field: string) => new AppError('INVALID_INPUT', message, { field });

// ── The office's lists ───────────────────────────────────────────────────────────────────────────

export async function getTaxonomy(deps: Deps): Promise<FindingTaxonomy> {
  const stored = FindingTaxonomySchema.safeParse((await allSettings(deps.db)).get(TAXONOMY_KEY));
  return stored.success ? stored.data : DEFAULT_FINDING_TAXONOMY;
}

/** Replaces the lists; findings keep their codes, and a code no longer listed shows as itself. */
export async function putTaxonomy(deps: Deps, actor: Actor, body: FindingTaxonomy): Promise<FindingTaxonomy> {
  const before = await getTaxonomy(deps);
  await deps.db.transaction().execute(async (trx) => {
    await putSetting(trx, TAXONOMY_KEY, body, actor.userId, deps.clock.iso());
    await recordAudit(trx, { ...auditOf(actor), action: 'inspection.taxonomy', entityType: 'setting', entityId: TAXONOMY_KEY, before, after: body });
  });
  return body;
}

// ── Visits ────────────────────────────────────────────────────────────────────────────────────────

const utc = (instant: string) => new Date(instant).toISOString();

export async function recordVisit(deps: Deps, actor: Actor, inspectionId: number, body: VisitCreate): Promise<Visit> {
  const seen = await seePlan(deps, actor, inspectionId);
  await assertMayRecord(deps, actor, seen, body.unitId);
  const team = [...new Set([actor.userId!, ...(body.inspectorIds ?? [])])];
  const onPlan = (u: number) => seen.inspectors.some((i) => i.user_id === u && (i.target_unit_id === null || i.target_unit_id === body.unitId));
  const strangers = team.filter((u) => !onPlan(u));
  if (strangers.length) throw invalid('同行的督查人员应是本计划指派检查该单位的人员', 'inspectorIds');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = {
      inspection_id: inspectionId,
      unit_id: body.unitId,
      visited_at: utc(body.visitedAt),
      place: body.place,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      notes: body.notes ?? null,
      created_by: actor.userId,
      created_at: deps.clock.iso(),
    };
    const id = await repo.insertVisit(trx, row, team);
    await recordAudit(trx, {
      ...auditOf(actor),
      action: 'inspection.visit',
      entityType: 'inspection',
      entityId: inspectionId,
      after: { visitId: id, ...row, team },
    });
    return id;
  });
  const visits = await findVisits(deps, actor, inspectionId);
  return visits.data.find((v) => v.id === id)!;
}

export async function findVisits(deps: Deps, actor: Actor, inspectionId: number): Promise<{ data: Visit[] }> {
  const seen = await seePlan(deps, actor, inspectionId);
  if (seen.access === 'unit' && seen.row.released_at === null) return { data: [] };
  const { visits, inspectors, counts } = await repo.visitsOf(deps.db, inspectionId, seen.access === 'unit' ? (actor.principal?.unitScope ?? []) : null);
  return {
    data: visits.map((v) => ({
      id: v.id,
      inspectionId: v.inspection_id,
      unitId: v.unit_id,
      unitName: v.unit_name,
      visitedAt: v.visited_at,
      place: v.place,
      latitude: v.latitude === null ? null : Number(v.latitude),
      longitude: v.longitude === null ? null : Number(v.longitude),
      notes: v.notes,
      inspectors: inspectors.filter((i) => i.visit_id === v.id).map((i) => ({ userId: i.user_id, displayName: i.display_name })),
      findingCount: counts.get(v.id) ?? 0,
      createdAt: v.created_at,
    })),
  };
}

// ── Findings ──────────────────────────────────────────────────────────────────────────────────────

async function findingsOf(deps: Deps, rows: FindingRow[]): Promise<Finding[]> {
  const ids = rows.map((r) => r.id);
  const [taxonomy, tasks, evidence] = await Promise.all([getTaxonomy(deps), repo.tasksOfFindings(deps.db, ids), repo.evidenceCounts(deps.db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    inspectionId: r.inspection_id,
    inspectionTitle: r.inspection_title,
    inspectionKind: r.inspection_kind,
    visitId: r.visit_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    polarity: r.polarity,
    description: r.description,
    category: r.category,
    categoryLabel: labelOf(taxonomy.categories, r.category),
    severity: r.severity,
    severityLabel: labelOf(taxonomy.severities, r.severity),
    location: r.location,
    foundAt: r.found_at,
    indicatorCode: r.indicator_code,
    indicatorName: r.indicator_name,
    tasks: tasks.filter((t) => t.finding_id === r.id).map((t) => ({ id: t.id, number: t.number, title: t.title })),
    status: r.status,
    source: r.source,
    evidenceCount: evidence.get(r.id) ?? 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** Refuses codes not in the office's lists, an unknown indicator or task, naming the field. */
export async function checkFindingRefs(deps: Deps, f: { category: string; severity: string; indicatorCode?: string | null; taskIds: number[] }) {
  const taxonomy = await getTaxonomy(deps);
  if (!taxonomy.categories.some((c) => c.code === f.category)) throw invalid(`问题类别“${f.category}”不在问题类别清单中`, 'category');
  if (!taxonomy.severities.some((c) => c.code === f.severity)) throw invalid(`严重程度“${f.severity}”不在严重程度清单中`, 'severity');
  if (f.indicatorCode && !(await existingIndicators(deps.db, [f.indicatorCode])).has(f.indicatorCode))
    throw invalid(`指标“${f.indicatorCode}”不存在`, 'indicatorCode');
  const found = await existingIds(deps.db, 'tasks', f.taskIds);
  const gone = f.taskIds.filter((t) => !found.has(t));
  if (gone.length) throw invalid(`任务不存在：${gone.join('、')}`, 'taskIds');
}

export async function createFinding(deps: Deps, actor: Actor, inspectionId: number, body: FindingCreate): Promise<FindingDetail> {
  const seen = await seePlan(deps, actor, inspectionId);
  const visit = await repo.findVisitRow(deps.db, body.visitId);
  if (!visit || visit.inspection_id !== inspectionId) throw invalid('检查记录不存在或不属于本督查计划', 'visitId');
  const unitId = body.unitId ?? visit.unit_id;
  await assertMayRecord(deps, actor, seen, unitId);
  const taskIds = [...new Set(body.taskIds)];
  await checkFindingRefs(deps, { ...body, taskIds });
  const now = deps.clock.iso();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = {
      inspection_id: inspectionId,
      visit_id: visit.id,
      unit_id: unitId,
      polarity: body.polarity,
      description: body.description,
      category: body.category,
      severity: body.severity,
      location: body.location ?? null,
      found_at: utc(body.foundAt),
      indicator_code: body.indicatorCode ?? null,
      status: 'found' as const,
      source: 'entered' as const,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    const id = await repo.insertFinding(trx, row, taskIds);
    await recordAudit(trx, { ...auditOf(actor), action: 'finding.create', entityType: 'finding', entityId: id, after: { ...row, taskIds } });
    return id;
  });
  return getFinding(deps, actor, id);
}

export async function getFinding(deps: Deps, actor: Actor, id: number): Promise<FindingDetail> {
  const { finding } = await findVisibleFinding(deps, actor, id);
  const [[dto], visit, evidence] = await Promise.all([findingsOf(deps, [finding]), repo.findVisitRow(deps.db, finding.visit_id), repo.evidenceOf(deps.db, id)]);
  return {
    ...dto!,
    visit: { id: finding.visit_id, place: visit?.place ?? '', visitedAt: visit?.visited_at ?? '' },
    evidence: evidence.map(
      (e): Evidence => ({
        id: e.id,
        findingId: e.finding_id,
        kind: e.kind,
        fileName: e.file_name,
        mime: e.mime,
        size: Number(e.size),
        sha256: e.sha256,
        note: e.note,
        createdBy: e.created_by_name,
        createdAt: e.created_at,
      }),
    ),
  };
}

export async function findFindings(deps: Deps, actor: Actor, q: FindingListQuery): Promise<{ data: Finding[]; total: number }> {
  const { page, pageSize, ...filter } = q;
  const { rows, total } = await repo.findFindingRows(deps.db, findingViewerOf(actor), filter, { limit: pageSize, offset: (page - 1) * pageSize });
  return { data: await findingsOf(deps, rows), total };
}

/** Every finding the actor sees under the filter, unpaged (the .xlsx export). */
export async function allFindings(deps: Deps, actor: Actor, filter: FindingFilter): Promise<Finding[]> {
  const { rows } = await repo.findFindingRows(deps.db, findingViewerOf(actor), filter);
  return findingsOf(deps, rows);
}

export async function findingGroups(deps: Deps, actor: Actor, q: FindingGroupQuery): Promise<FindingGroups> {
  const { by, ...filter } = q;
  const rows = await repo.groupFindings(deps.db, findingViewerOf(actor), filter, by);
  const taxonomy = await getTaxonomy(deps);
  const keys = [...new Set(rows.map((r) => r.key))];
  const names = new Map<string, string>();
  if (by === 'unit') {
    for (const [id, name] of await unitNamesOf(deps.db, keys.map(Number))) names.set(String(id), name);
  } else if (by === 'indicator') {
    for (const [code, name] of await existingIndicators(deps.db, keys.filter(Boolean))) names.set(code, name);
  }
  const label = (key: string) => {
    if (by === 'category') return labelOf(taxonomy.categories, key);
    if (by === 'severity') return labelOf(taxonomy.severities, key);
    if (by === 'indicator' && key === '') return '未关联指标';
    return names.get(key) ?? key;
  };
  const groups = keys.map((key) => {
    const byStatus = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Record<FindingStatus, number>;
    for (const r of rows.filter((x) => x.key === key)) byStatus[r.status] += r.n;
    return { key, label: label(key), total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
  });
  groups.sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'zh-CN'));
  return { by, total: groups.reduce((a, g) => a + g.total, 0), groups };
}

// ── Evidence ──────────────────────────────────────────────────────────────────────────────────────

/** Stores an evidence file of a finding: judged by content, limited per kind, never edited afterwards. */
export async function addEvidence(
  deps: Deps,
  actor: Actor,
  findingId: number,
  file: { fileName: string; stream: AsyncIterable<Uint8Array> },
  note: string | null,
): Promise<Evidence> {
  const { finding, seen } = await findVisibleFinding(deps, actor, findingId);
  await assertMayRecord(deps, actor, seen, finding.unit_id);
  const got = await receiveInspectionEvidence(deps, file);
  const now = deps.clock.iso();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = {
      finding_id: findingId,
      kind: got.type.kind,
      sha256: got.sha256,
      file_name: got.fileName,
      mime: got.type.mime,
      size: got.size,
      note,
      created_by: actor.userId,
      created_at: now,
    };
    const id = await repo.insertEvidence(trx, row);
    await recordAudit(trx, { ...auditOf(actor), action: 'finding.evidence', entityType: 'finding', entityId: findingId, after: { evidenceId: id, ...row } });
    return id;
  });
  return (await getFinding(deps, actor, findingId)).evidence.find((e) => e.id === id)!;
}

/** An evidence file for download, if the actor may see its finding (404 otherwise, like a missing one). */
export async function openEvidence(deps: Deps, actor: Actor, id: number) {
  const e = await repo.findEvidenceRow(deps.db, id);
  if (!e) throw notFound('证据材料');
  const { seen, finding } = await findVisibleFinding(deps, actor, e.finding_id).catch(() => {
    throw notFound('证据材料');
  });
  if (!actor.principal || !isAboutVisible(actor.principal, seen.access, seen.row.released_at !== null, finding.unit_id)) throw notFound('证据材料');
  return { fileName: e.file_name, mime: e.mime, stream: new FileStore(deps.config.dataDir).open(e.sha256) };
}
