import { decodeText } from './decode.ts';
import { readDocument, readGoals } from './document.ts';
import { indexIn, splitLines } from './lines.ts';
import { buildView, normalizeSource, spanToSource, type ReadingView } from './normalize.ts';
import { sectionRole } from './sections.ts';
import { restoreBreaks } from './breaks.ts';
import { buildLevels } from './levels.ts';
import { pinTaskLevel } from './node.ts';
import { readParts, type Part } from './structure.ts';
import { headingText, readTasks, type UnitRules } from './tasks.ts';
import type { ParsedGoal, ParsedPlan, ParsedTask, ReadOptions } from './types.ts';
import { documentFirstLead, FIRST_LEAD, findCarryUnits } from './units.ts';
import { readingWarnings } from './warnings.ts';

export { decodeText };
export type {
  ParsedPlan,
  ParsedTask,
  ParsedDocument,
  ParsedDeadline,
  ParsedGoal,
  ReadingLevel,
  ReadingWarning,
  ReadingWarningCode,
  ReadOptions,
  Span,
  TaskSpans,
} from './types.ts';

/**
 * Reads a plan document's text: notice metadata, dated goals, and every task with its headings,
 * number, title, text, deadlines, lead and responsible units, and the source ranges of each. Pure and
 * total: any input, however odd, gives a (possibly empty) reading.
 */
export function parsePlan(text: string, opts: ReadOptions = {}): ParsedPlan {
  const source = normalizeSource(typeof text === 'string' ? text : '');
  try {
    return readPlan(source, opts.fileName, opts);
  } catch {
    // The reader is written not to throw; this is the last guard so an upload never fails on parsing.
    return {
      document: { number: null, issuer: null, date: null, title: null, plan_year: null },
      goals: [],
      tasks: [],
      source,
      structure: { levels: [] },
      warnings: [{ code: 'no_task_level', message: '读取文档时出错，未读出任何任务。请检查文件内容后重新上传，或手工录入任务。' }],
    };
  }
}

/**
 * parsePlan without its last-resort guard, on already normalised text: the property tests call it to
 * show that the reader itself never throws.
 */
export function readPlan(source: string, fileName?: string, opts: ReadOptions = {}): ParsedPlan {
  const view = restoreBreaks(buildView(source));
  const t = view.text;
  const lines = splitLines(t);
  const written = (s: number, e: number) => {
    const [a, b] = spanToSource(view, s, e);
    return source.slice(a, b);
  };
  const document = readDocument({ view: t, written }, lines, fileName);
  const level = opts.taskLevel;
  const parts = readParts(t, lines, { forced: forcedLineStarts(view, lines, opts.taskStarts), keepChildren: level !== undefined });
  if (level !== undefined && !parts.some((p) => p.nodes.some((n) => n.form === level))) {
    // A level the document does not have (a stale choice): read as the reader sees it, and say so.
    const plan = readPlan(source, fileName, { ...opts, taskLevel: undefined });
    plan.warnings.unshift({ code: 'no_task_level', message: `文档中没有所选的层级“${level}”，已按自动识别的层级读取。` });
    return plan;
  }
  const body = parts[0];
  const attachments = parts.filter((p) => p.isAttachment);
  // With a chosen level, the parts that have it are read that way; the others keep no task.
  const bodyHasLevel = level !== undefined && body !== undefined && pinTaskLevel(body.nodes, level);
  const attachmentsHaveLevel = level !== undefined && attachments.map((p) => pinTaskLevel(p.nodes, level)).some(Boolean);
  const rules: UnitRules = { firstIsLead: FIRST_LEAD.test(t) && documentFirstLead(t), carry: [] };
  const carry = findCarryUnits(t, 0, t.length);
  if (carry.length > 0) rules.carry.push({ at: carry[0]?.start ?? 0, units: carry });
  const read = (ps: Part[]) => readTasks(view, source, ps, document.plan_year, rules);
  const bodyTasks = body ? read([body]) : [];
  const attachmentTasks = read(attachments);
  const useAttachments =
    level !== undefined && bodyHasLevel !== attachmentsHaveLevel
      ? attachmentsHaveLevel
      : preferAttachment(
          attachmentTasks.map((r) => r.task),
          bodyTasks.map((r) => r.task),
        );
  const chosen = useAttachments ? attachmentTasks : bodyTasks;
  const chosenParts = useAttachments ? attachments : body ? [body] : [];
  const tasks = chosen.map((r) => r.task);
  const plan: ParsedPlan = {
    document,
    goals: body ? goalsOf(view, source, body, document.plan_year) : [],
    tasks,
    source,
    structure: { levels: buildLevels(source, (i) => spanToSource(view, i, i + 1)[0], chosenParts, new Set(chosen.map((r) => r.node))) },
    warnings: readingWarnings(view, source, chosenParts, chosen, level),
  };
  if (body) plan.body = bodyOf(view, source, body);
  return plan;
}

/**
 * The view offsets of the lines holding the coordinator's task starts. An offset anywhere in a line
 * marks that line, so a start taken from a highlighted span still works.
 */
function forcedLineStarts(view: ReadingView, lines: { start: number; end: number }[], starts: number[] | undefined): Set<number> {
  const out = new Set<number>();
  if (!starts || starts.length === 0) return out;
  const from = lines.map((l) => spanToSource(view, l.start, l.start + 1)[0]);
  for (const s of starts) {
    if (!Number.isFinite(s)) continue;
    // The last line whose source start is at or before s.
    let lo = 0;
    let hi = from.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((from[mid] ?? 0) <= s) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const line = lines[at];
    if (line) out.add(line.start);
  }
  return out;
}

/** A task with substance: units, a deadline, or more than a short phrase (not "1.任务分工表"). */
function isSubstantial(t: ParsedTask): boolean {
  return t.lead.length + t.responsible.length + t.deadlines.length > 0 || t.text.length > 15;
}

/**
 * The seed's measures are its attachment's items, its body's 重点任务 only frame them. An attachment
 * wins when it has at least as many substantial tasks as the body, or names units where the body
 * names none; one that only lists file names ("附件：1.任务分工表") does not.
 */
function preferAttachment(attachment: ParsedTask[], body: ParsedTask[]): boolean {
  const a = attachment.filter(isSubstantial);
  if (a.length === 0) return false;
  const withUnits = (ts: ParsedTask[]) => ts.some((t) => t.lead.length + t.responsible.length > 0);
  return a.length >= body.filter(isSubstantial).length || (withUnits(a) && !withUnits(body));
}

/** Dated goals of the body's goal sections (一、工作目标 …). */
function goalsOf(view: ReadingView, source: string, body: Part, year: number | null): ParsedGoal[] {
  const t = view.text;
  const goals: ParsedGoal[] = [];
  const tops = body.nodes.filter((n) => n.depth === 0);
  tops.forEach((n, i) => {
    if (sectionRole(headingText(t, n)) !== 'goal') return;
    const end = tops[i + 1]?.markerStart ?? body.end;
    for (const g of readGoals(t, n.contentStart, end, year)) {
      const [a, b] = spanToSource(view, g.start, g.end);
      goals.push({ text: source.slice(a, b), date: g.date });
    }
  });
  return goals;
}

/** Titles of the body's 原则 / 重点任务 / 保障措施 items, as the seed's gold lists them. */
function bodyOf(view: ReadingView, source: string, body: Part): NonNullable<ParsedPlan['body']> {
  const t = view.text;
  const out: NonNullable<ParsedPlan['body']> = { principles: [], key_tasks: [], safeguards: [] };
  body.nodes.forEach((n, i) => {
    if (n.depth !== 0) return;
    const role = sectionRole(headingText(t, n));
    const list = role === 'principle' ? out.principles : role === 'key_tasks' ? out.key_tasks : role === 'safeguard' ? out.safeguards : null;
    if (!list) return;
    for (const c of body.nodes) {
      if (c.parent !== i) continue;
      let e = indexIn(t, '。', c.contentStart, c.end);
      if (e < 0) e = c.end;
      const [a, b] = spanToSource(view, c.contentStart, e);
      list.push(source.slice(a, b));
    }
  });
  return out;
}
