import { UncoveredYearError, type WorkCalendar } from '../calendar/index.ts';
import { addDays, chinaDay, weekdayOf } from '../calendar/dates.ts';
import { checkpointState, type Checkpoint } from '../status/checkpoints.ts';
import { completionAsOf, isDoneStatus, taskStatus, type MilestoneFacts, type StatusOptions, type TaskFacts, type WorkStatus } from '../status/status.ts';
import { countStatuses } from '../status/counts.ts';
import type { RoundSnapshot, SnapshotTask, UnitReporting, UnitStanding } from './types.ts';

/** A task of the round's plans, as read from the database. */
export interface SnapshotTaskFacts {
  id: number;
  planId: number;
  sectionId: number | null;
  number: string;
  title: string;
  /** In document order; `completedOn` is the milestone's own closure (销号), if any. */
  milestones: { text: string; dueDate: string | null; completedOn?: string | null }[];
  closedOn: string | null;
  /** Lead and responsible units in document order (a unit may appear in both roles). */
  units: { unitId: number; name: string; role: 'lead' | 'responsible' }[];
  /** The lead unit's ledger actions (具体举措). */
  actions: string[];
  /** Any report (not a draft) on the task, whatever the round. */
  hasProgress: boolean;
  latestProgress: string | null;
  evidenceCount: number;
}

/** A report made for the round (drafts may be passed; they never count). */
export interface SnapshotReportFacts {
  taskId: number;
  unitId: number;
  status: 'draft' | 'submitted' | 'accepted' | 'returned';
  submittedAt: string | null;
  stage: 'not_started' | 'in_progress' | 'basically_done' | 'done';
  narrative: string;
}

/** Everything a snapshot is computed from: plain facts, no database. */
export interface SnapshotFacts {
  round: RoundSnapshot['round'];
  /** ISO timestamp the snapshot is taken at (the close, or now for a live view). */
  takenAt: string;
  plans: RoundSnapshot['plans'];
  /** Sections of the round's plans in plan and section order. */
  sections: { id: number; planId: number; title: string; indicatorCode: string | null }[];
  /** The plans' goals; undated ones are skipped. */
  goals: { planId: number; text: string; date: string | null }[];
  /** Every task of the round's plans in plan and document order. */
  tasks: SnapshotTaskFacts[];
  /** The round's units. */
  units: { id: number; name: string }[];
  reports: SnapshotReportFacts[];
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const round1 = (x: number): number => Math.round(x * 10) / 10;



/**
 * The ranking weights. Completion carries half the score because finishing the work is what the plan
 * asks for; timeliness (deadlines met on time) 30%, because 6月底/9月底/年底 are the plan's own
 * checkpoints; reporting punctuality 20%, because a round is only as good as the reports it gets.
 */
export const RANKING_WEIGHTS = { completion: 0.5, timeliness: 0.3, reporting: 0.2 } as const;

/** What a unit's score is made of; `deadlinesPassed` is how many deadlines its timeliness was measured on. */
export interface ScoreInput {
  completionRate: number;
  timelinessRate: number;
  reportingScore: number;
  deadlinesPassed?: number;
}

/**
 * A unit's score 0–100 from its three rates (each 0–1), rounded to 1 decimal. A unit with no deadline
 * passed yet has no timeliness to measure: its score comes from completion and reporting alone (their
 * weights scaled up), so it is neither rewarded nor punished for deadlines it never had.
 */
export function unitScore(r: ScoreInput): number {
  const w = RANKING_WEIGHTS;
  if (r.deadlinesPassed === 0) return round1(((w.completion * r.completionRate + w.reporting * r.reportingScore) / (w.completion + w.reporting)) * 100);
  return round1((w.completion * r.completionRate + w.timeliness * r.timelinessRate + w.reporting * r.reportingScore) * 100);
}

/**
 * Scores and ranks units, best first: score = 50% completion + 30% timeliness + 20% reporting (×100,
 * 1 decimal; see `RANKING_WEIGHTS`). Equal scores are ordered by name (zh-CN collation, i.e. pinyin)
 * and still get distinct ranks, so a circular's table reads 1, 2, 3… without gaps.
 */
export function rankUnits<T extends ScoreInput & { name: string }>(
  units: readonly T[],
): (T & { score: number; rank: number })[] {
  return units
    .map((u) => ({ ...u, score: unitScore(u) }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'))
    .map((u, i) => ({ ...u, rank: i + 1 }));
}

/** Does a report count as the unit having reported? Once submitted, yes — also after a return. */
export function isCountedReport(r: Pick<SnapshotReportFacts, 'status' | 'submittedAt'>): r is typeof r & { submittedAt: string } {
  return r.status !== 'draft' && r.submittedAt !== null;
}

/**
 * Who has reported for a round, per unit in the order given: reported once a counted report exists,
 * at its first submission; late when that China date is after `dueDate`.
 */
export function unitReporting(units: readonly { id: number; name: string }[], reports: readonly SnapshotReportFacts[], dueDate: string): UnitReporting[] {
  const byUnit = new Map<number, { first: string; count: number }>();
  for (const r of reports) {
    if (!isCountedReport(r)) continue;
    const seen = byUnit.get(r.unitId);
    if (!seen) byUnit.set(r.unitId, { first: r.submittedAt, count: 1 });
    else {
      seen.count += 1;
      if (r.submittedAt < seen.first) seen.first = r.submittedAt;
    }
  }
  return units.map((u) => {
    const seen = byUnit.get(u.id);
    return { unitId: u.id, name: u.name, reported: seen !== undefined, reportedAt: seen?.first ?? null, late: seen !== undefined && chinaDay(seen.first) > dueDate, reports: seen?.count ?? 0 };
  });
}

/** Working days in (from, to]; Monday–Friday outside the calendar's years rather than failing a close. */
function workdaysSince(from: string, to: string, calendar: WorkCalendar): number {
  try {
    return calendar.workdaysBetween(from, to);
  } catch (e) {
    if (!(e instanceof UncoveredYearError)) throw e;
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (weekdayOf(d) % 6 !== 0) n += 1;
    return n;
  }
}

/** Status as `statusesOf` computes it: without 临期 when its look-ahead needs an uncovered year. */
function statusOf(facts: TaskFacts, asOf: string, calendar: WorkCalendar, options: StatusOptions): WorkStatus {
  try {
    return taskStatus(facts, asOf, calendar, options);
  } catch (e) {
    if (!(e instanceof UncoveredYearError)) throw e;
    return taskStatus(facts, asOf, calendar, { dueSoonWorkdays: 0 });
  }
}

/**
 * Whether a task met, by `asOf`, every deadline that had passed (due before `asOf`): each of those
 * milestones completed on or before its own date. `null` when no deadline had passed yet.
 */
export function metPassedDeadlines(milestones: readonly Pick<MilestoneFacts, 'dueDate' | 'completedOn'>[], closedOn: string | null, asOf: string): boolean | null {
  const passed = milestones.filter((m): m is Pick<MilestoneFacts, 'completedOn'> & { dueDate: string } => m.dueDate !== null && m.dueDate < asOf);
  if (passed.length === 0) return null;
  return passed.every((m) => {
    const done = completionAsOf(m, asOf, closedOn);
    return done !== null && done <= m.dueDate;
  });
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * The figures of a round on `asOf` (a China date): status counts overall and per section, the plans'
 * checkpoints, overdue tasks with the working days they are overdue, unit standings and ranking,
 * who reported, candidate good practices and the full ledger. Pure: the same facts give the same
 * snapshot, so a stored snapshot can be checked against its facts. `options` are the 临期 settings
 * the rest of the app computes statuses with.
 */
export function takeSnapshot(facts: SnapshotFacts, asOf: string, calendar: WorkCalendar, options: StatusOptions = {}): RoundSnapshot {
  const sectionTitles = new Map(facts.sections.map((s) => [s.id, s.title]));
  const statuses = new Map<number, WorkStatus>();
  const milestoneFacts = new Map<number, MilestoneFacts[]>();
  for (const t of facts.tasks) {
    const ms = t.milestones.map((m) => ({ dueDate: m.dueDate, completedOn: m.completedOn ?? null, hasProgress: false }));
    milestoneFacts.set(t.id, ms);
    statuses.set(t.id, statusOf({ milestones: ms, closedOn: t.closedOn, hasProgress: t.hasProgress }, asOf, calendar, options));
  }
  const statusOfTask = (t: SnapshotTaskFacts) => statuses.get(t.id)!;
  const leadNames = (t: SnapshotTaskFacts) => t.units.filter((u) => u.role === 'lead').map((u) => u.name);
  const responsibleNames = (t: SnapshotTaskFacts) => t.units.filter((u) => u.role === 'responsible').map((u) => u.name);

  const tasksBySection = new Map<number, SnapshotTaskFacts[]>();
  const tasksByPlan = new Map<number, SnapshotTaskFacts[]>();
  for (const t of facts.tasks) {
    if (t.sectionId !== null) push(tasksBySection, t.sectionId, t);
    push(tasksByPlan, t.planId, t);
  }
  const bySection = facts.sections
    .filter((s) => tasksBySection.has(s.id))
    .map((s) => ({ planId: s.planId, sectionId: s.id, title: s.title, indicatorCode: s.indicatorCode, counts: countStatuses(tasksBySection.get(s.id)!.map(statusOfTask)) }));

  // A goal several plans share ("9月底前基本完成") is measured once over all their tasks.
  const goals = new Map<string, { goal: Checkpoint & { date: string }; planIds: Set<number> }>();
  for (const g of facts.goals) {
    if (g.date === null) continue;
    const key = `${g.date}\u0000${g.text}`;
    const seen = goals.get(key);
    if (seen) seen.planIds.add(g.planId);
    else goals.set(key, { goal: { text: g.text, date: g.date }, planIds: new Set([g.planId]) });
  }
  const checkpoints = [...goals.values()]
    .sort((a, b) => (a.goal.date < b.goal.date ? -1 : a.goal.date > b.goal.date ? 1 : 0))
    .map(({ goal, planIds }) => {
      const work = [...planIds].flatMap((id) => tasksByPlan.get(id) ?? []).map((t) => ({ milestones: milestoneFacts.get(t.id)!, closedOn: t.closedOn }));
      const s = checkpointState(goal, work, asOf);
      return { text: goal.text, date: goal.date, due: s.counts.due, doneByCheckpoint: s.counts.doneByCheckpoint, overdue: s.counts.overdue, state: s.state };
    });

  const overdue = facts.tasks
    .filter((t) => statusOfTask(t) === 'overdue')
    .map((t) => {
      // The oldest deadline still open is the one the task is overdue from.
      const open = milestoneFacts.get(t.id)!.filter((m) => m.dueDate !== null && m.dueDate < asOf && completionAsOf(m, asOf, t.closedOn) === null);
      const dueDate = open.map((m) => m.dueDate!).reduce((a, b) => (a <= b ? a : b));
      return { taskId: t.id, planId: t.planId, number: t.number, title: t.title, leadUnits: leadNames(t), responsibleUnits: responsibleNames(t), dueDate, workdaysOverdue: workdaysSince(dueDate, asOf, calendar) };
    })
    .sort((a, b) => b.workdaysOverdue - a.workdaysOverdue || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));

  const reporting = unitReporting(facts.units, facts.reports, facts.round.dueDate);
  const reportingOf = new Map(reporting.map((r) => [r.unitId, r]));
  const tasksOfUnit = new Map<number, SnapshotTaskFacts[]>();
  for (const t of facts.tasks) for (const unitId of new Set(t.units.map((u) => u.unitId))) push(tasksOfUnit, unitId, t);
  const units: UnitStanding[] = rankUnits(
    facts.units.map((u) => {
      const tasks = tasksOfUnit.get(u.id) ?? [];
      const done = tasks.filter((t) => isDoneStatus(statusOfTask(t))).length;
      const met = tasks.map((t) => metPassedDeadlines(milestoneFacts.get(t.id)!, t.closedOn, asOf)).filter((x): x is boolean => x !== null);
      const r = reportingOf.get(u.id)!;
      return {
        unitId: u.id,
        name: u.name,
        tasks: tasks.length,
        done,
        overdue: tasks.filter((t) => statusOfTask(t) === 'overdue').length,
        completionRate: tasks.length === 0 ? 0 : round4(done / tasks.length),
        timelinessRate: met.length === 0 ? 1 : round4(met.filter(Boolean).length / met.length),
        reportingScore: r.reported ? (r.late ? 0.5 : 1) : 0,
        deadlinesPassed: met.length,
      };
    }),
  ).map(({ deadlinesPassed: _, ...standing }) => standing);

  const taskById = new Map(facts.tasks.map((t) => [t.id, t]));
  const unitNames = new Map<number, string>();
  for (const t of facts.tasks) for (const u of t.units) unitNames.set(u.unitId, u.name);
  for (const u of facts.units) unitNames.set(u.id, u.name);
  const order = new Map(facts.tasks.map((t, i) => [t.id, i]));
  const goodPractices = facts.reports
    .filter((r) => (r.status === 'submitted' || r.status === 'accepted') && (r.stage === 'basically_done' || r.stage === 'done') && r.narrative.trim() !== '' && taskById.has(r.taskId))
    .sort((a, b) => order.get(a.taskId)! - order.get(b.taskId)! || (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''))
    .map((r) => {
      const t = taskById.get(r.taskId)!;
      return { taskId: t.id, number: t.number, title: t.title, unitName: unitNames.get(r.unitId) ?? '', narrative: r.narrative.trim() };
    });

  const tasks: SnapshotTask[] = facts.tasks.map((t) => ({
    taskId: t.id,
    planId: t.planId,
    number: t.number,
    title: t.title,
    sectionTitle: t.sectionId === null ? null : (sectionTitles.get(t.sectionId) ?? null),
    leadUnits: leadNames(t),
    responsibleUnits: responsibleNames(t),
    deadlines: t.milestones.map((m) => ({ text: m.text, date: m.dueDate })),
    actions: t.actions,
    status: statusOfTask(t),
    latestProgress: t.latestProgress,
    evidenceCount: t.evidenceCount,
  }));

  return {
    version: 1,
    round: facts.round,
    takenAt: facts.takenAt,
    asOf,
    plans: facts.plans,
    overall: countStatuses(facts.tasks.map(statusOfTask)),
    bySection,
    checkpoints,
    overdue,
    units,
    reporting: {
      expected: reporting.length,
      onTime: reporting.filter((r) => r.reported && !r.late).length,
      late: reporting.filter((r) => r.late).length,
      missing: reporting.filter((r) => !r.reported).map((r) => ({ unitId: r.unitId, name: r.name })),
      units: reporting,
    },
    goodPractices,
    tasks,
  };
}
