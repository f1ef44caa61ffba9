/** What the reader is unsure of, told to the coordinator in Simplified Chinese before the tasks. */
import { headingText, type ReadTask } from './tasks.ts';
import type { Node, Part } from './node.ts';
import { spanToSource, type ReadingView } from './normalize.ts';
import { sectionRole } from './sections.ts';
import type { ReadingWarning } from './types.ts';

/**
 * A title longer than this is likely two tasks read as one, or a title the reader did not cut at 。.
 * Real plans' first sentences run past 120 characters, so the bar sits above them.
 */
export const LONG_TITLE_CHARS = 150;
/** Unread stretches shorter than this are headings' lead-ins ("重点抓好以下工作："), not missed tasks. */
export const UNREAD_BODY_CHARS = 80;

const QUIET_ROLES = new Set(['goal', 'principle', 'safeguard', 'closing']);

const quote = (s: string, n = 20) => {
  const flat = s.replace(/\s+/g, '');
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
};

/** The warnings of one reading: no task level, tasks without units, long titles, body read into no task. */
export function readingWarnings(view: ReadingView, source: string, parts: Part[], read: ReadTask[], taskLevel?: string): ReadingWarning[] {
  const out: ReadingWarning[] = [];
  if (read.length === 0) {
    const message = taskLevel
      ? `按所选层级“${taskLevel}”没有读出任务：文档的该层级下没有可作为任务的条目。请换一个层级，或标记任务起始行。`
      : '没有找到任务所在的层级，未读出任何任务。请在文档结构中指定任务所在的层级，或标记任务起始行。';
    out.push({ code: 'no_task_level', message });
  }
  const withUnits = read.filter((r) => r.task.lead.length + r.task.responsible.length > 0).length;
  if (read.length > 0 && withUnits === 0) {
    out.push({ code: 'task_without_unit', message: `全部${read.length}项任务都没有读出牵头单位或责任单位，请核对文档是否列明了单位，或逐项补填。` });
  }
  read.forEach(({ task }, i) => {
    const name = `第${i + 1}项任务“${quote(task.title)}”`;
    if (withUnits > 0 && task.lead.length + task.responsible.length === 0) {
      out.push({ code: 'task_without_unit', message: `${name}没有读出牵头单位或责任单位。`, taskIndex: i, span: task.spans.task });
    }
    if (task.title.length > LONG_TITLE_CHARS) {
      out.push({
        code: 'long_title',
        message: `${name}的标题有${task.title.length}字，可能把几项任务读成了一项，或标题没有在句末断开，请核对。`,
        taskIndex: i,
        span: task.spans.title,
      });
    }
  });
  for (const gap of unreadStretches(view.text, parts, new Set(read.map((r) => r.node)))) {
    const span = spanToSource(view, gap.start, gap.end);
    out.push({
      code: 'unread_body',
      message: `正文中有一段约${gap.chars}字的内容没有读出任务（“${quote(source.slice(span[0], span[1]))}”）。如果其中有任务，请标记任务起始行。`,
      span,
    });
  }
  return out;
}

/**
 * Stretches of the parts' text, from their first numbered item on, that neither a task nor a heading
 * line covers, outside goal, principle, safeguard and closing sections, with at least
 * `UNREAD_BODY_CHARS` non-blank characters.
 */
function unreadStretches(t: string, parts: Part[], tasks: Set<Node>): { start: number; end: number; chars: number }[] {
  const out: { start: number; end: number; chars: number }[] = [];
  for (const part of parts) {
    const first = part.nodes[0];
    if (!first) continue;
    const covered: [number, number][] = [];
    part.nodes.forEach((n, i) => {
      if (tasks.has(n)) covered.push([n.markerStart, n.blockEnd]);
      else if (n.hasChildren || n.kind === 'tag') covered.push([n.markerStart, n.lineEnd]);
      for (const l of n.labels) covered.push([l.start, l.end]);
      if (QUIET_ROLES.has(sectionRole(headingText(t, n)))) {
        let j = i + 1;
        while (j < part.nodes.length && (part.nodes[j]?.depth ?? 0) > n.depth) j++;
        covered.push([n.markerStart, part.nodes[j]?.markerStart ?? part.end]);
      }
    });
    covered.sort((a, b) => a[0] - b[0]);
    let at = first.markerStart;
    const gap = (s: number, e: number) => {
      if (e <= s) return;
      let chars = 0;
      for (let k = s; k < e; k++) if (!' \t\n'.includes(t[k] ?? ' ')) chars++;
      if (chars < UNREAD_BODY_CHARS) return;
      while (s < e && ' \t\n'.includes(t[s] ?? '')) s++;
      while (e > s && ' \t\n'.includes(t[e - 1] ?? '')) e--;
      out.push({ start: s, end: e, chars });
    };
    for (const [s, e] of covered) {
      gap(at, s);
      at = Math.max(at, e);
    }
    gap(at, part.end);
  }
  return out;
}
