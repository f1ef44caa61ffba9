import { chinaDay } from '#core/calendar/dates.ts';
import type { Kysely, Transaction } from 'kysely';
import { can } from '#core/auth/policy.ts';
import type { WorkCalendar } from '#core/calendar/index.ts';
import { takeSnapshot, unitReporting, type SnapshotFacts, type SnapshotTaskFacts } from '#core/rounds/snapshot.ts';
import type { RoundSnapshot } from '#core/rounds/types.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { chineseDate } from '../notifications/notice-text.ts';
import { activeUsersOfUnits, insertInAppNotifications, queueExternalDeliveries } from '../notifications/notifications.repo.ts';
import { runtimeSettings } from '../settings/settings.service.ts';
import * as repo from './rounds.repo.ts';
import type { RoundCreate, RoundDetail, RoundSummary } from '#core/api/rounds.ts';

type Q = Kysely<DB> | Transaction<DB>;
type RoundRow = NonNullable<Awaited<ReturnType<typeof repo.findRoundRow>>>;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

/** What statuses are computed with: the admin's calendar years and 临期 setting, as everywhere else. */
interface StatusRules {
  calendar: WorkCalendar;
  dueSoonWorkdays: number;
}

async function statusRulesOf(deps: Deps): Promise<StatusRules> {
  const s = await runtimeSettings(deps);
  return { calendar: s.calendar, dueSoonWorkdays: s.reminders.dueSoonWorkdays };
}

async function assertManage(deps: Deps, actor: Actor, action: string, roundId: number | null) {
  if (can(actor.principal, 'round.manage')) return;
  await recordAudit(deps.db, { ...auditOf(actor), action, entityType: 'round', entityId: roundId, outcome: 'denied' });
  throw new AppError('FORBIDDEN', '只有统筹协调人员可以组织调度');
}

// ── Reading ───────────────────────────────────────────────────────────────────────────────────────

/** Summaries of rounds: open ones counted live, closed ones as frozen at the close. */
async function summariesOf(db: Q, rows: RoundRow[]): Promise<RoundSummary[]> {
  const ids = rows.map((r) => r.id);
  const closedIds = rows.filter((r) => r.status === 'closed').map((r) => r.id);
  const frozen = await repo.storedFigures(db, closedIds);
  // Counted live: open rounds, and closed ones whose snapshot row predates the stored figures
  // (expected 0, which a real round never has: it is opened with at least one unit).
  const liveIds = rows.filter((r) => r.status === 'open' || !frozen.get(r.id)?.expected).map((r) => r.id);
  const [plans, expected, reported, circulars] = await Promise.all([
    repo.plansOfRounds(db, ids),
    repo.countUnitsOfRounds(db, liveIds),
    repo.countReportedUnits(db, liveIds),
    repo.circularIdsOfRounds(db, ids),
  ]);
  const plansOf = new Map<number, { id: number; number: string | null; title: string }[]>();
  for (const p of plans) plansOf.set(p.round_id, [...(plansOf.get(p.round_id) ?? []), { id: p.id, number: p.number, title: p.title }]);
  const circularsOf = new Map<number, number[]>();
  for (const c of circulars) circularsOf.set(c.round_id, [...(circularsOf.get(c.round_id) ?? []), c.id]);
  return rows.map((r) => {
    const stored = frozen.get(r.id);
    const figures = r.status === 'closed' && stored?.expected ? stored : { expected: expected.get(r.id) ?? 0, reported: reported.get(r.id) ?? 0 };
    return {
      id: r.id, title: r.title, periodStart: r.period_start, periodEnd: r.period_end, dueDate: r.due_date, status: r.status, createdAt: r.created_at, closedAt: r.closed_at,
      plans: plansOf.get(r.id) ?? [], ...figures, circularIds: circularsOf.get(r.id) ?? [],
    };
  });
}

export async function findRounds(deps: Deps): Promise<{ data: RoundSummary[] }> {
  return { data: await summariesOf(deps.db, await repo.findRoundRows(deps.db)) };
}

async function roundRow(db: Q, id: number): Promise<RoundRow> {
  const row = await repo.findRoundRow(db, id);
  if (!row) throw notFound('调度');
  return row;
}

async function readSnapshot(db: Q, roundId: number): Promise<RoundSnapshot | null> {
  const stored = await repo.findSnapshot(db, roundId);
  return stored ? (JSON.parse(stored.content) as RoundSnapshot) : null;
}

async function detailOf(db: Q, row: RoundRow): Promise<RoundDetail> {
  const [summary] = await summariesOf(db, [row]);
  const frozen = row.status === 'closed' ? await readSnapshot(db, row.id) : null;
  const units = frozen?.reporting.units ?? unitReporting((await repo.unitsOfRound(db, row.id)).sort(byName), (await repo.reportsOfRound(db, row.id)).map(toReportFacts), row.due_date);
  return { ...summary!, note: row.note, units };
}

/** A round with, per unit, whether and when it reported: live while open, as frozen once closed. */
export async function getRound(deps: Deps, id: number): Promise<RoundDetail> {
  return detailOf(deps.db, await roundRow(deps.db, id));
}

/** The stored snapshot of a closed round, or the figures as of now while it is open. */
export async function getRoundSnapshot(deps: Deps, id: number, now = deps.clock.now()): Promise<RoundSnapshot> {
  const row = await roundRow(deps.db, id);
  if (row.status === 'closed') {
    const stored = await readSnapshot(deps.db, id);
    if (stored) return stored;
  }
  return computeSnapshot(deps.db, row, now, await statusRulesOf(deps));
}

/** Open rounds of the actor's unit, with the unit's tasks in them and what it has reported. */
export async function findMyRounds(deps: Deps, actor: Actor) {
  const unitId = actor.unitId;
  if (unitId === null) return { data: [] };
  const rounds = await repo.openRoundsOfUnit(deps.db, unitId);
  const roundIds = rounds.map((r) => r.id);
  const [plans, reported] = await Promise.all([repo.plansOfRounds(deps.db, roundIds), repo.reportedTasksOfUnit(deps.db, unitId, roundIds)]);
  const tasks = await repo.tasksOfUnitInPlans(deps.db, unitId, [...new Set(plans.map((p) => p.id))]);
  const done = new Set(reported.map((r) => `${r.round_id}:${r.task_id}`));
  return {
    data: rounds.map((r) => {
      const planIds = new Set(plans.filter((p) => p.round_id === r.id).map((p) => p.id));
      // A unit both leading and responsible on a task appears once, as lead.
      const mine = new Map<number, { taskId: number; number: string; title: string; role: 'lead' | 'responsible'; reported: boolean }>();
      for (const t of tasks) {
        if (!planIds.has(t.plan_id)) continue;
        const seen = mine.get(t.id);
        if (seen) {
          if (t.role === 'lead') seen.role = 'lead';
        } else mine.set(t.id, { taskId: t.id, number: t.number, title: t.title, role: t.role, reported: done.has(`${r.id}:${t.id}`) });
      }
      const list = [...mine.values()];
      return { id: r.id, title: r.title, dueDate: r.due_date, reported: list.some((t) => t.reported), tasks: list };
    }),
  };
}

// ── Opening and closing ───────────────────────────────────────────────────────────────────────────

/**
 * Opens a round on some plans for some units (by default every non-collective unit named on their
 * tasks) and notifies each unit's active accounts in-app, all in one transaction with the audit record.
 */
export async function openRound(deps: Deps, actor: Actor, input: RoundCreate, now = deps.clock.now()): Promise<RoundDetail> {
  await assertManage(deps, actor, 'round.open', null);
  const planIds = [...new Set(input.planIds)];
  const plans = await repo.plansByIds(deps.db, planIds);
  const missingPlan = planIds.find((id) => !plans.some((p) => p.id === id));
  if (missingPlan !== undefined) throw new AppError('INVALID_INPUT', `方案不存在：ID ${missingPlan}`, { field: 'planIds' });

  let units: { id: number; name: string }[];
  if (input.unitIds) {
    const unitIds = [...new Set(input.unitIds)];
    if (!unitIds.length) throw new AppError('INVALID_INPUT', '请至少选择一个单位', { field: 'unitIds' });
    units = await repo.unitsByIds(deps.db, unitIds);
    const found = new Set(units.map((u) => u.id));
    const missing = unitIds.find((id) => !found.has(id));
    if (missing !== undefined) throw new AppError('INVALID_INPUT', `单位不存在：ID ${missing}`, { field: 'unitIds' });
    // A unit named on no task of the plans could never report for the round.
    const named = new Set((await repo.unitsNamedOnPlans(deps.db, planIds, false)).map((u) => u.id));
    const stranger = units.find((u) => !named.has(u.id));
    if (stranger) throw new AppError('INVALID_INPUT', `“${stranger.name}”未承担所选方案的任务，不能参加本次调度`, { field: 'unitIds' });
  } else {
    units = await repo.unitsNamedOnPlans(deps.db, planIds, true);
    if (!units.length) throw new AppError('INVALID_INPUT', '所选方案的任务没有责任单位，无法调度', { field: 'planIds' });
  }
  units.sort(byName);

  const at = now.toISOString();
  const title = `${input.title}：请于${chineseDate(input.dueDate)}前报送进展`;
  const period = input.periodStart && input.periodEnd ? `（统计期${chineseDate(input.periodStart)}至${chineseDate(input.periodEnd)}）` : '';
  const id = await deps.db.transaction().execute(async (trx) => {
    const roundId = await repo.insertRound(trx, {
      title: input.title, period_start: input.periodStart ?? null, period_end: input.periodEnd ?? null, due_date: input.dueDate, note: input.note || null, created_by: actor.userId, created_at: at,
    });
    await repo.insertRoundMembers(trx, roundId, planIds, units.map((u) => u.id));
    const names = new Map(units.map((u) => [u.id, u.name]));
    const accounts = await activeUsersOfUnits(trx, units.map((u) => u.id));
    const inserted = await insertInAppNotifications(
      trx,
      accounts.map((a) => ({
        user_id: a.id, unit_id: a.unit_id, kind: 'round' as const, task_id: null, milestone_id: null, notice_key: `round:${roundId}`, created_at: at, title,
        body: `${names.get(a.unit_id)}：${input.title}${period}已开始，请于${chineseDate(input.dueDate)}前在工作台“本期调度”中逐项报送本单位承担任务的进展情况和佐证材料。`,
      })),
    );
    const notified = inserted.length;
    // E-mail and robot messages go out with the reminder job's next delivery pass.
    await queueExternalDeliveries(trx, inserted);
    await recordAudit(trx, { ...auditOf(actor), action: 'round.open', entityType: 'round', entityId: roundId, after: { title: input.title, periodStart: input.periodStart ?? null, periodEnd: input.periodEnd ?? null, dueDate: input.dueDate, planIds, unitIds: units.map((u) => u.id), notified } });
    return roundId;
  });
  return getRound(deps, id);
}

/**
 * Closes a round: computes its snapshot from the database and stores it with the status change and
 * the audit record in one transaction. The snapshot is never recomputed afterwards.
 */
export async function closeRound(deps: Deps, actor: Actor, id: number, now = deps.clock.now()): Promise<RoundDetail> {
  await assertManage(deps, actor, 'round.close', id);
  const row = await roundRow(deps.db, id);
  if (row.status === 'closed') throw new AppError('CONFLICT', '该调度已结束，快照已冻结');
  // Read before the transaction: on SQLite the transaction holds the one connection.
  const rules = await statusRulesOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    // Conditional on the round still being open, so two concurrent closes cannot both store a snapshot.
    if (!(await repo.closeRoundRow(trx, id, actor.userId, at))) throw new AppError('CONFLICT', '该调度已结束，快照已冻结');
    const snapshot = await computeSnapshot(trx, row, now, rules);
    const reported = snapshot.reporting.onTime + snapshot.reporting.late;
    await repo.insertSnapshot(trx, { round_id: id, taken_at: at, content: JSON.stringify(snapshot), expected: snapshot.reporting.expected, reported });
    await recordAudit(trx, {
      ...auditOf(actor), action: 'round.close', entityType: 'round', entityId: id, before: { status: 'open' },
      after: { status: 'closed', takenAt: at, asOf: snapshot.asOf, tasks: snapshot.overall.total, completionRate: snapshot.overall.completionRate, expected: snapshot.reporting.expected, reported },
    });
  });
  return getRound(deps, id);
}

// ── Report tagging ────────────────────────────────────────────────────────────────────────────────

/**
 * The round a new report of `unitId` on a task of `planId` is made for: the one asked for, which must
 * be open and include both, or else the open round (latest due date first) that includes both, if any.
 */
export async function resolveReportRound(db: Q, planId: number, unitId: number, roundId?: number | null): Promise<number | null> {
  if (roundId == null) return repo.openRoundFor(db, planId, unitId);
  const round = await repo.findRoundRow(db, roundId);
  if (!round) throw new AppError('INVALID_INPUT', '调度不存在', { field: 'roundId' });
  if (round.status !== 'open') throw new AppError('CONFLICT', `“${round.title}”已结束，不能再为其报送`);
  const includes = await repo.roundIncludes(db, roundId, planId, unitId);
  if (!includes.plan) throw new AppError('INVALID_INPUT', `“${round.title}”不包括该任务所属的方案`, { field: 'roundId' });
  if (!includes.unit) throw new AppError('INVALID_INPUT', `本单位不在“${round.title}”的调度范围内`, { field: 'roundId' });
  return roundId;
}

// ── Snapshot facts ────────────────────────────────────────────────────────────────────────────────

const toReportFacts = (r: Awaited<ReturnType<typeof repo.reportsOfRound>>[number]) => ({
  taskId: r.task_id, unitId: r.unit_id, status: r.status, submittedAt: r.submitted_at, stage: r.stage, narrative: r.narrative,
});

/** Reads the facts of a round with a fixed number of set queries and computes its snapshot. */
export async function computeSnapshot(db: Q, row: RoundRow, now: Date, rules: StatusRules): Promise<RoundSnapshot> {
  const plans = (await repo.plansOfRounds(db, [row.id])).map((p) => ({ id: p.id, number: p.number, title: p.title }));
  const planIds = plans.map((p) => p.id);
  const [sections, goals, tasks, milestones, taskUnits, actions, progressed, latest, evidence, units, reports] = await Promise.all([
    repo.sectionsOfPlans(db, planIds),
    repo.goalsOfPlans(db, planIds),
    repo.tasksOfPlans(db, planIds),
    repo.milestonesOfPlans(db, planIds),
    repo.taskUnitsOfPlans(db, planIds),
    repo.ledgerActionsOfPlans(db, planIds),
    repo.tasksWithProgressInPlans(db, planIds),
    repo.latestProgressOfPlans(db, planIds),
    repo.evidenceCountsOfPlans(db, planIds),
    repo.unitsOfRound(db, row.id),
    repo.reportsOfRound(db, row.id),
  ]);
  const group = <T extends { task_id: number }>(rows: T[]) => Map.groupBy(rows, (r) => r.task_id);
  const milestonesOf = group(milestones);
  const unitsOf = group(taskUnits);
  const actionsOf = group(actions);
  const latestOf = new Map(latest.map((l) => [l.task_id, l]));
  const taskFacts: SnapshotTaskFacts[] = tasks.map((t) => {
    const named = unitsOf.get(t.id) ?? [];
    const leads = new Set(named.filter((u) => u.role === 'lead').map((u) => u.unit_id));
    const leadActions = (actionsOf.get(t.id) ?? []).filter((a) => leads.has(a.unit_id));
    const progress = latestOf.get(t.id);
    return {
      id: t.id, planId: t.plan_id, sectionId: t.section_id, number: t.number, title: t.title, closedOn: t.closed_on,
      // A milestone closes (销号) on its own too, not only with its task.
      milestones: (milestonesOf.get(t.id) ?? []).map((m) => ({ text: m.text, dueDate: m.due_date, completedOn: m.completed_on })),
      units: named.map((u) => ({ unitId: u.unit_id, name: u.name, role: u.role })),
      // With several lead units each action says whose it is.
      actions: leadActions.map((a) => (leads.size > 1 ? `【${a.unit_name}】${a.action}` : a.action)),
      hasProgress: progressed.has(t.id),
      latestProgress: progress ? `${progress.unit_name}：${progress.narrative}` : null,
      evidenceCount: evidence.get(t.id) ?? 0,
    };
  });
  const facts: SnapshotFacts = {
    round: { id: row.id, title: row.title, periodStart: row.period_start, periodEnd: row.period_end, dueDate: row.due_date },
    takenAt: now.toISOString(),
    plans,
    sections: sections.map((s) => ({ id: s.id, planId: s.plan_id, title: s.title, indicatorCode: s.indicator_code })),
    goals: goals.map((g) => ({ planId: g.plan_id, text: g.text, date: g.due_date })),
    tasks: taskFacts,
    units: units.sort(byName),
    reports: reports.map(toReportFacts),
  };
  return takeSnapshot(facts, chinaDay(now), rules.calendar, { dueSoonWorkdays: rules.dueSoonWorkdays });
}
