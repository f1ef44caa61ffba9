/**
 * `npm run seed:large [-- --force] [--year YYYY]`: a province-scale data set in the configured database
 * (DATA_DIR or DATABASE_URL, as the app uses them): 50 plans, 20,000 tasks, 1,000 units, 200,000
 * progress reports, closures, and closed dispatch rounds with their snapshots — what the dashboards
 * are measured on (`bench/dashboard.ts`).
 *
 * Built from the bundled sample plan (山政发〔2021〕7号) as a template: each plan is that plan moved to
 * one county or district of a province, its 19 sections (mapped to the indicators), its tasks twice
 * over (the second pass as 深化 tasks), its deadlines moved by up to two months within `year`, and its
 * units renamed for the place. Seeded randomness: the same options give the same data.
 *
 * Bulk: explicit ids, chunked multi-row inserts, one transaction (nothing half-written on failure),
 * and one audit event for the whole set. Refuses a database that already has plans unless --force.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { defaultCalendar } from '#core/calendar/index.ts';
import { addDays } from '#core/calendar/dates.ts';
import { metPassedDeadlines, rankUnitTallies, type UnitTally } from '#core/dashboard/ranking.ts';
import { statusTable } from '#core/dashboard/status-table.ts';
import { countStatuses } from '#core/status/counts.ts';
import { matchIndicator } from '#core/indicators/match.ts';
import { parsePlan } from '#core/parse/index.ts';
import { headingTitle } from '#core/plans/sections.ts';
import type { RoundSnapshot, SnapshotTask } from '#core/rounds/types.ts';
import { checkpointState } from '#core/status/checkpoints.ts';
import { isDoneStatus, type WorkStatus } from '#core/status/status.ts';
import { isCollectiveName } from '#core/units/aliases.ts';
import { randomPassword } from '#server/auth/passwords.ts';
import { loadConfig } from '#server/config.ts';
import { SYSTEM_ACTOR, type Deps } from '#server/context.ts';
import { openDatabase } from '#server/db/connection.ts';
import type { DB, ReportKind, ReportStage, ReportStatus } from '#server/db/schema.ts';
import { chinaDay } from '#core/calendar/dates.ts';
import { createUser } from '#server/users/users.service.ts';
import { systemClock } from '#server/clock.ts';

export interface SeedOptions {
  plans: number;
  tasksPerPlan: number;
  unitsPerPlace: number;
  reports: number;
  /** The year the plans run in; deadlines fall within it. */
  year: number;
  /** The day the data is "as of": closures and reports are never later. */
  today: string;
  /** Password of the seed's coordinator and leader accounts (printed when generated). */
  password?: string | undefined;
}

export interface SeedResult {
  counts: Record<string, number>;
  ms: number;
  password: string | null;
}

const SAMPLE = fileURLToPath(new URL('../samples/shanting-2021-7.txt', import.meta.url));
const PLACES = [
  '历下区', '市中区', '槐荫区', '天桥区', '历城区', '长清区', '章丘区', '济阳区', '莱芜区', '钢城区', '平阴县', '商河县', '市南区', '市北区', '黄岛区', '崂山区', '李沧区',
  '城阳区', '即墨区', '胶州市', '平度市', '莱西市', '张店区', '淄川区', '博山区', '临淄区', '周村区', '桓台县', '高青县', '沂源县', '薛城区', '峄城区', '台儿庄区', '滕州市',
  '东营区', '河口区', '垦利区', '利津县', '广饶县', '芝罘区', '福山区', '牟平区', '莱山区', '蓬莱区', '龙口市', '莱阳市', '莱州市', '招远市', '栖霞市', '海阳市',
];
const STAGES: ReportStage[] = ['not_started', 'in_progress', 'basically_done', 'done'];
const NARRATIVES = [
  '已制定工作方案，明确责任分工和时间节点。', '已完成系统对接测试，正在组织试运行。', '召开专题推进会，协调解决堵点问题。', '已印发配套文件，正在组织业务培训。',
  '完成阶段性目标，形成工作台账并持续跟踪。', '已在全区推广应用，办理时限压减一半以上。', '对照任务清单逐项推进，相关数据已按期报送。', '已全部完成，佐证材料已上传。',
];

/** A seeded generator (LCG), so a run can be repeated exactly. */
function generator(seed: number) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
  return { rand, int: (n: number) => Math.floor(rand() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]! };
}

const endOfMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
const minDate = (a: string, b: string) => (a < b ? a : b);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** Inserts rows in chunks that stay under both databases' bound-parameter limits. */
async function insertChunked<T extends keyof DB & string>(trx: Transaction<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const perRow = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(30_000 / perRow));
  for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
}

async function nextId(db: Kysely<DB>, table: 'plans' | 'sections' | 'tasks' | 'milestones' | 'units' | 'task_units' | 'progress_reports' | 'plan_goals' | 'rounds' | 'users'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}

export async function seedLarge(deps: Deps, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const { db } = deps;
  const g = generator(0x5eed_2026 + opts.year);
  const template = parsePlan(readFileSync(SAMPLE, 'utf8'));
  const { year, today } = opts;
  const places = Array.from({ length: opts.plans }, (_, i) => (i < PLACES.length ? PLACES[i]! : `第${i + 1}区`));

  // Accounts: the coordinator closes tasks and reviews; unit reports need an author.
  let password: string | null = null;
  const existing = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', ['coordinator', 'leader', 'admin']).execute();
  const userId = async (username: string, displayName: string, roles: ('admin' | 'coordinator' | 'leader')[]) => {
    const found = existing.find((u) => u.username === username);
    if (found) return found.id;
    password ??= opts.password ?? randomPassword();
    return (await createUser(deps, SYSTEM_ACTOR, { username, displayName, unitId: null, roles, leaderSectionIds: [], fixedPassword: password, mustChangePassword: false })).user.id;
  };
  await userId('admin', '系统管理员', ['admin']);
  const coordinator = await userId('coordinator', '省政府办公厅统筹员', ['coordinator']);
  const leader = await userId('leader', '分管领导', ['leader']);

  // Template units by how often the plan names them; each place gets the most frequent ones.
  const frequency = new Map<string, number>();
  for (const t of template.tasks) for (const u of [...t.lead, ...t.responsible]) frequency.set(u, (frequency.get(u) ?? 0) + 1);
  const templateUnits = [...frequency.keys()].sort((a, b) => frequency.get(b)! - frequency.get(a)!);
  const slotOf = new Map(templateUnits.map((name, rank) => [name, rank % opts.unitsPerPlace]));
  const headings = [...new Set(template.tasks.map((t) => t.path[0] ?? '其他'))];

  const ids = {
    plan: await nextId(db, 'plans'), goal: await nextId(db, 'plan_goals'), section: await nextId(db, 'sections'), task: await nextId(db, 'tasks'),
    milestone: await nextId(db, 'milestones'), unit: await nextId(db, 'units'), link: await nextId(db, 'task_units'), report: await nextId(db, 'progress_reports'), round: await nextId(db, 'rounds'),
  };
  const now = new Date().toISOString();
  const plans: Insertable<DB['plans']>[] = [];
  const goals: Insertable<DB['plan_goals']>[] = [];
  const sections: Insertable<DB['sections']>[] = [];
  const tasks: (Insertable<DB['tasks']> & { id: number; closed_on: string | null })[] = [];
  const milestones: (Insertable<DB['milestones']> & { task_id: number })[] = [];
  const units: (Insertable<DB['units']> & { id: number; name: string; is_collective: number })[] = [];
  const links: Insertable<DB['task_units']>[] = [];
  const unitsOfTask = new Map<number, { lead: number[]; all: number[] }>();
  const sectionOfTask = new Map<number, number>();
  const planOfTask = new Map<number, number>();
  const issueOf = new Map<number, string>();
  const sectionRows: { id: number; planId: number; title: string; code: string | null }[] = [];
  const unitById = new Map<number, { name: string; is_collective: number }>();

  for (const [p, place] of places.entries()) {
    const planId = ids.plan + p;
    const issue = `${year}-${String(2 + g.int(3)).padStart(2, '0')}-${String(1 + g.int(28)).padStart(2, '0')}`;
    issueOf.set(planId, issue);
    const title = `${place}人民政府关于印发${place}优化营商环境创新突破行动落实方案的通知`;
    plans.push({
      id: planId, number: `${place.slice(0, 1)}政发〔${year}〕${p + 1}号`, issuer: `${place}人民政府`, issue_date: issue, title, year, level: place.endsWith('市') ? 'city' : 'county',
      parent_plan_id: null, file_name: null, source_hash: `seed-large-${year}-${p}-${g.int(1e9)}`, source_text: `${title}\n（省级规模演示数据：由山政发〔2021〕7号方案生成）`, created_at: now,
    });
    for (const [k, goal] of template.goals.entries()) {
      goals.push({ id: ids.goal++, plan_id: planId, ordinal: k + 1, text: goal.text, due_date: goal.date ? `${year}${goal.date.slice(4)}` : null, span_start: null, span_end: null });
    }
    const sectionIds = new Map<string, number>();
    for (const [k, heading] of headings.entries()) {
      const id = ids.section++;
      const sectionTitle = headingTitle(heading);
      const code = matchIndicator(sectionTitle);
      sectionIds.set(heading, id);
      sections.push({ id, plan_id: planId, ordinal: k + 1, heading, title: sectionTitle, indicator_code: code });
      sectionRows.push({ id, planId, title: sectionTitle, code });
    }
    const slots: number[] = [];
    for (let k = 0; k < opts.unitsPerPlace; k += 1) {
      const name = templateUnits[k] ?? `部门${k + 1}`;
      const id = ids.unit++;
      const unit = { id, name: name.startsWith('区') ? `${place}${name.slice(1)}` : `${place}${name}`, is_collective: isCollectiveName(name) ? 1 : 0, parent_id: null, created_at: now };
      units.push(unit);
      unitById.set(id, unit);
      slots.push(id);
    }
    for (let i = 0; i < opts.tasksPerPlan; i += 1) {
      const tpl = template.tasks[i % template.tasks.length]!;
      const pass = Math.floor(i / template.tasks.length);
      const id = ids.task++;
      const heading = tpl.path[0] ?? '其他';
      const taskTitle = pass === 0 ? tpl.title : `深化${tpl.title}（第${pass + 1}轮）`;
      tasks.push({
        id, plan_id: planId, section_id: sectionIds.get(heading)!, ordinal: i + 1, number: String(i + 1), path: JSON.stringify([heading]), title: taskTitle, text: tpl.text,
        search_text: `${taskTitle}${tpl.text}`, span_start: null, span_end: null, spans: null, closed_on: null,
      });
      sectionOfTask.set(id, sectionIds.get(heading)!);
      planOfTask.set(id, planId);
      for (const [k, d] of tpl.deadlines.entries()) {
        let due: string | null = null;
        let text = d.text;
        if (d.date) {
          const month = Math.min(12, Math.max(1, Number(d.date.slice(5, 7)) + g.pick([-1, 0, 0, 0, 1, 2])));
          due = endOfMonth(year, month);
          text = month === 12 && g.rand() < 0.5 ? '年底前' : `${month}月底前`;
        }
        milestones.push({ id: ids.milestone++, task_id: id, plan_id: planId, ordinal: k + 1, text, clause: `${text}，${tpl.title}。`, due_date: due, span_start: null, span_end: null });
      }
      const lead: number[] = [];
      const all: number[] = [];
      let ordinal = 1;
      for (const [role, names] of [['lead', tpl.lead], ['responsible', tpl.responsible]] as const) {
        for (const name of names) {
          const unitId = slots[slotOf.get(name) ?? 0]!;
          if (all.includes(unitId)) continue;
          all.push(unitId);
          if (role === 'lead') lead.push(unitId);
          links.push({ id: ids.link++, task_id: id, plan_id: planId, unit_id: unitId, role, ordinal: ordinal++, name_as_written: unitById.get(unitId)!.name });
        }
      }
      // A task the template gives no unit still has someone answering for it.
      if (all.length === 0) {
        const unitId = slots[0]!;
        all.push(unitId);
        lead.push(unitId);
        links.push({ id: ids.link++, task_id: id, plan_id: planId, unit_id: unitId, role: 'lead', ordinal: 1, name_as_written: unitById.get(unitId)!.name });
      }
      unitsOfTask.set(id, { lead, all });
    }
  }

  // Closures: most tasks whose deadlines have passed, mostly on time; a few early ones.
  const lastDue = new Map<number, string>();
  for (const m of milestones) if (m.due_date && (lastDue.get(m.task_id) ?? '') < m.due_date) lastDue.set(m.task_id, m.due_date);
  for (const t of tasks) {
    const due = lastDue.get(t.id);
    const issue = issueOf.get(t.plan_id)!;
    let closed: string | null = null;
    if (due && due <= today && g.rand() < 0.6) closed = g.rand() < 0.7 ? addDays(due, -g.int(20)) : minDate(addDays(due, 1 + g.int(45)), today);
    else if (due && due > today && g.rand() < 0.08) closed = addDays(today, -g.int(60));
    else if (!due && g.rand() < 0.2) closed = addDays(today, -g.int(120));
    if (closed !== null && closed < issue) closed = issue;
    t.closed_on = closed;
  }

  // Reports: spread over the plan's year up to the task's closure; most tasks have some.
  const reports: Insertable<DB['progress_reports']>[] = [];
  const reportable = tasks.filter(() => g.rand() < 0.92);
  const submittedOf: { taskId: number; unitId: number; at: string | null; status: ReportStatus; stage: ReportStage; narrative: string }[] = [];
  for (let k = 0; k < opts.reports; k += 1) {
    const t = reportable[g.int(reportable.length)]!;
    const who = unitsOfTask.get(t.id)!;
    const unitId = g.pick(who.all);
    const kind: ReportKind = who.lead.includes(unitId) && g.rand() < 0.3 ? 'consolidated' : 'part';
    const issue = issueOf.get(t.plan_id)!;
    const until = t.closed_on ?? today;
    const span = Math.max(0, daysBetween(issue, until));
    const day = addDays(issue, g.int(span + 1));
    const r = g.rand();
    const status: ReportStatus = r < 0.05 ? 'draft' : r < 0.13 ? 'returned' : r < 0.5 ? 'submitted' : 'accepted';
    const progress = span === 0 ? 1 : daysBetween(issue, day) / span;
    const stage = STAGES[Math.min(3, Math.floor(progress * 3.2 + g.rand() * 0.8))]!;
    const at = `${day}T0${1 + g.int(8)}:${String(g.int(60)).padStart(2, '0')}:00.000Z`;
    const narrative = g.pick(NARRATIVES);
    const submitted = status === 'draft' ? null : at;
    const reviewed = status === 'accepted' || status === 'returned' ? `${minDate(addDays(day, 1 + g.int(3)), today)}T08:00:00.000Z` : null;
    reports.push({
      id: ids.report++, task_id: t.id, unit_id: unitId, kind, stage, narrative, status, created_by: coordinator, created_at: at, updated_at: reviewed ?? at,
      submitted_at: submitted, reviewed_by: reviewed ? coordinator : null, reviewed_at: reviewed, review_comment: status === 'returned' ? '请补充佐证材料' : null,
    });
    submittedOf.push({ taskId: t.id, unitId, at: submitted, status, stage, narrative });
  }

  // Closed rounds: one a month from the first full month of the plans, due on the 5th of the next.
  const rounds: Insertable<DB['rounds']>[] = [];
  const roundPlans: Insertable<DB['round_plans']>[] = [];
  const roundUnits: Insertable<DB['round_units']>[] = [];
  const snapshots: Insertable<DB['round_snapshots']>[] = [];
  const firstMonth = Number([...issueOf.values()].reduce((a, b) => (a > b ? a : b)).slice(5, 7)) + 1;
  const accountableUnits = units.filter((u) => u.is_collective === 0);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const sectionTitle = new Map(sectionRows.map((s) => [s.id, s.title]));
  const leadNames = new Map([...unitsOfTask].map(([id, u]) => [id, u.lead.map((x) => unitName.get(x)!)]));
  const responsibleNames = new Map([...unitsOfTask].map(([id, u]) => [id, u.all.filter((x) => !u.lead.includes(x)).map((x) => unitName.get(x)!)]));
  const milestonesOf = new Map<number, { text: string; date: string | null }[]>();
  for (const m of milestones) {
    const list = milestonesOf.get(m.task_id);
    if (list) list.push({ text: m.text, date: m.due_date ?? null });
    else milestonesOf.set(m.task_id, [{ text: m.text, date: m.due_date ?? null }]);
  }
  const byTime = submittedOf.filter((s) => s.at !== null).sort((a, b) => (a.at! < b.at! ? -1 : 1));
  let number = 0;
  for (let month = firstMonth; month <= 12; month += 1) {
    const periodStart = `${year}-${String(month).padStart(2, '0')}-01`;
    const periodEnd = endOfMonth(year, month);
    const dueDate = addDays(periodEnd, 5);
    const closedDay = addDays(dueDate, 1);
    if (closedDay > today) break;
    number += 1;
    const id = ids.round++;
    const title = `第${number}期调度`;
    const closedAt = `${closedDay}T09:00:00.000Z`;
    rounds.push({ id, title, period_start: periodStart, period_end: periodEnd, due_date: dueDate, status: 'closed', note: null, created_by: coordinator, created_at: `${periodStart}T01:00:00.000Z`, closed_by: coordinator, closed_at: closedAt });
    for (const p of plans) roundPlans.push({ round_id: id, plan_id: p.id! });
    for (const u of accountableUnits) roundUnits.push({ round_id: id, unit_id: u.id });
    snapshots.push({ round_id: id, taken_at: closedAt, content: JSON.stringify(snapshotAsOf(id, title, periodStart, periodEnd, dueDate, closedAt, closedDay)) });
  }

  function snapshotAsOf(id: number, title: string, periodStart: string, periodEnd: string, dueDate: string, takenAt: string, asOf: string): RoundSnapshot {
    const cutoff = `${asOf}T23:59:59.999Z`;
    const progressed = new Set<number>();
    const reportedOnTime = new Set<number>();
    const reportedLate = new Set<number>();
    const reportedPair = new Set<string>();
    const latest = new Map<number, string>();
    for (const s of byTime) {
      if (s.at! > cutoff) break;
      progressed.add(s.taskId);
      latest.set(s.taskId, s.narrative);
      if (s.status === 'submitted' || s.status === 'accepted') reportedPair.add(`${s.taskId}:${s.unitId}`);
      if (s.at! >= `${periodStart}T00:00:00.000Z`) (s.at! <= `${dueDate}T23:59:59.999Z` ? reportedOnTime : reportedLate).add(s.unitId);
    }
    const closedBy = (t: { closed_on: string | null }) => (t.closed_on !== null && t.closed_on <= asOf ? t.closed_on : null);
    const statuses = statusTable(
      tasks.map((t) => ({ id: t.id, closedOn: closedBy(t), progressed: progressed.has(t.id) })),
      milestones.map((m) => ({ taskId: m.task_id, dueDate: m.due_date ?? null })),
      asOf,
      defaultCalendar,
    );
    const bySectionStatuses = new Map<number, WorkStatus[]>();
    for (const t of tasks) {
      const list = bySectionStatuses.get(sectionOfTask.get(t.id)!);
      if (list) list.push(statuses.get(t.id)!);
      else bySectionStatuses.set(sectionOfTask.get(t.id)!, [statuses.get(t.id)!]);
    }
    const tallies = new Map<number, UnitTally>();
    for (const t of tasks) {
      const status = statuses.get(t.id)!;
      const met = metPassedDeadlines((milestonesOf.get(t.id) ?? []).map((m) => ({ dueDate: m.date, completedOn: null, hasProgress: false })), closedBy(t), asOf);
      for (const unitId of unitsOfTask.get(t.id)!.all) {
        if (unitById.get(unitId)!.is_collective) continue;
        let u = tallies.get(unitId);
        if (!u) tallies.set(unitId, (u = { unitId, name: unitName.get(unitId)!, tasks: 0, done: 0, overdue: 0, passed: 0, met: 0, reported: 0 }));
        u.tasks += 1;
        if (isDoneStatus(status)) u.done += 1;
        if (status === 'overdue') u.overdue += 1;
        if (met !== null) {
          u.passed += 1;
          if (met) u.met += 1;
        }
        if (reportedPair.has(`${t.id}:${unitId}`)) u.reported += 1;
      }
    }
    const ranked = rankUnitTallies([...tallies.values()]);
    const work = tasks.map((t) => ({ closedOn: closedBy(t), milestones: (milestonesOf.get(t.id) ?? []).map((m) => ({ dueDate: m.date, completedOn: null, hasProgress: false })) }));
    const overdue = tasks
      .filter((t) => statuses.get(t.id) === 'overdue')
      .map((t) => {
        const passed = (milestonesOf.get(t.id) ?? []).map((m) => m.date).filter((d): d is string => d !== null && d < asOf).sort()[0]!;
        return { taskId: t.id, planId: t.plan_id, number: t.number, title: t.title, leadUnits: leadNames.get(t.id)!, responsibleUnits: responsibleNames.get(t.id)!, dueDate: passed, workdaysOverdue: Math.max(0, Math.round((daysBetween(passed, asOf) * 5) / 7)) };
      })
      .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.taskId - b.taskId));
    const snapshotTasks: SnapshotTask[] = tasks.map((t) => ({
      taskId: t.id, planId: t.plan_id, number: t.number, title: t.title, sectionTitle: sectionTitle.get(sectionOfTask.get(t.id)!) ?? null,
      leadUnits: leadNames.get(t.id)!, responsibleUnits: responsibleNames.get(t.id)!, deadlines: milestonesOf.get(t.id) ?? [], actions: [],
      status: statuses.get(t.id)!, latestProgress: latest.get(t.id) ?? null, evidenceCount: 0,
    }));
    const onTime = accountableUnits.filter((u) => reportedOnTime.has(u.id)).length;
    const late = accountableUnits.filter((u) => !reportedOnTime.has(u.id) && reportedLate.has(u.id)).length;
    return {
      version: 1,
      round: { id, title, periodStart, periodEnd, dueDate },
      takenAt, asOf,
      plans: plans.map((p) => ({ id: p.id!, number: p.number ?? null, title: p.title })),
      overall: countStatuses(statuses.values()),
      bySection: sectionRows.map((s) => ({ planId: s.planId, sectionId: s.id, title: s.title, indicatorCode: s.code, counts: countStatuses(bySectionStatuses.get(s.id) ?? []) })),
      checkpoints: goals.filter((x) => x.plan_id === plans[0]!.id && x.due_date).map((x) => {
        const c = checkpointState({ text: x.text, date: x.due_date! }, work, asOf);
        return { text: x.text, date: x.due_date!, due: c.counts.due, doneByCheckpoint: c.counts.doneByCheckpoint, overdue: c.counts.overdue, state: c.state };
      }),
      overdue,
      units: ranked.map((r) => ({ unitId: r.unitId, name: r.name, tasks: r.tasks, done: r.done, overdue: r.overdue, completionRate: r.completionRate, timelinessRate: r.timelinessRate, reportingScore: r.reportingRate, score: r.score, rank: r.rank })),
      reporting: { expected: accountableUnits.length, onTime, late, missing: accountableUnits.filter((u) => !reportedOnTime.has(u.id) && !reportedLate.has(u.id)).map((u) => ({ unitId: u.id, name: u.name })) },
      goodPractices: byTime.filter((s) => s.stage === 'done' && s.status === 'accepted' && s.at! <= cutoff).slice(-5).map((s) => {
        const t = tasks.find((x) => x.id === s.taskId)!;
        return { taskId: t.id, number: t.number, title: t.title, unitName: unitName.get(s.unitId)!, narrative: s.narrative };
      }),
      tasks: snapshotTasks,
    };
  }

  await db.transaction().execute(async (trx) => {
    await insertChunked(trx, 'plans', plans);
    await insertChunked(trx, 'plan_goals', goals);
    await insertChunked(trx, 'sections', sections);
    await insertChunked(trx, 'units', units);
    await insertChunked(trx, 'tasks', tasks.map((t) => ({ ...t, closed_by: t.closed_on ? coordinator : null })));
    await insertChunked(trx, 'milestones', milestones);
    await insertChunked(trx, 'task_units', links);
    await insertChunked(trx, 'progress_reports', reports);
    await insertChunked(trx, 'rounds', rounds);
    await insertChunked(trx, 'round_plans', roundPlans);
    await insertChunked(trx, 'round_units', roundUnits);
    for (const s of snapshots) await trx.insertInto('round_snapshots').values(s).execute();
    await insertChunked(trx, 'leader_sections', sections.map((s) => ({ user_id: leader, section_id: s.id! })));
    if (deps.dialect === 'postgres') {
      // Explicit ids leave the sequences behind; move them past the rows written.
      for (const table of ['plans', 'plan_goals', 'sections', 'tasks', 'milestones', 'units', 'task_units', 'progress_reports', 'rounds']) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(trx);
      }
    }
    const counts = { plans: plans.length, tasks: tasks.length, units: units.length, reports: reports.length };
    await trx.insertInto('audit_events').values({ at: new Date().toISOString(), actor_id: null, actor_unit_id: null, action: 'seed.large', entity_type: 'plan', entity_id: null, before: null, after: JSON.stringify(counts), client_ip: null, actor_name: 'system' }).execute();
  });
  // Fresh statistics, so the planner sees 200,000 reports rather than an empty table; on PostgreSQL
  // also the visibility map, without which it will not read the covering indexes alone (autovacuum
  // would get there, minutes later).
  await (deps.dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);

  return {
    counts: {
      plans: plans.length, sections: sections.length, tasks: tasks.length, milestones: milestones.length, units: units.length, taskUnits: links.length,
      reports: reports.length, closedTasks: tasks.filter((t) => t.closed_on).length, rounds: rounds.length, snapshotBytes: snapshots.reduce((n, s) => n + s.content.length, 0),
    },
    ms: performance.now() - started,
    password,
  };
}

export const DEFAULT_OPTIONS = (today = chinaDay(Date.now())): SeedOptions => ({ plans: 50, tasksPerPlan: 400, unitsPerPlace: 20, reports: 200_000, year: Number(today.slice(0, 4)), today });

async function main(argv: string[]): Promise<number> {
  const force = argv.includes('--force');
  const yearArg = argv.indexOf('--year');
  const opts = DEFAULT_OPTIONS();
  if (yearArg >= 0) {
    const y = Number(argv[yearArg + 1]);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) {
      console.error('--year 应为 2000–2100 之间的年份');
      return 2;
    }
    opts.year = y;
    if (y < Number(opts.today.slice(0, 4))) opts.today = `${y}-12-31`;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const deps: Deps = { db: database.db, dialect: database.dialect, config, clock: systemClock };
    const plans = await database.db.selectFrom('plans').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    if (Number(plans?.n ?? 0) > 0 && !force) {
      console.error(
        `数据库中已有 ${Number(plans!.n)} 个方案，未写入任何数据。\n` +
          `请指定一个新的数据目录（如 DATA_DIR=./data-large npm run seed:large）或新的数据库（DATABASE_URL），或加 --force（npm run seed:large -- --force）在现有数据旁追加省级规模演示数据。`,
      );
      return 1;
    }
    const where = config.databaseUrl ? `PostgreSQL ${new URL(config.databaseUrl).pathname.slice(1)}` : `SQLite ${config.sqlitePath}`;
    console.log(`seed:large → ${where}: ${opts.plans} plans × ${opts.tasksPerPlan} tasks, ${opts.plans * opts.unitsPerPlace} units, ${opts.reports} reports, year ${opts.year}, as of ${opts.today}`);
    const result = await seedLarge(deps, { ...opts, password: config.demoPassword });
    console.log(Object.entries(result.counts).map(([k, v]) => `${k} ${v}`).join(', '));
    console.log(`done in ${(result.ms / 1000).toFixed(1)} s`);
    if (result.password) console.log(`accounts admin, coordinator, leader — password: ${result.password}`);
    return 0;
  } finally {
    await database.close();
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
