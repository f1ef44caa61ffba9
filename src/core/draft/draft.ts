import type { ParsedDeadline, TaskSpans } from '../parse/types.ts';
import { detectNumberStyle, formatNumber } from './numbering.ts';
import type { DraftTask, DraftTaskPatch } from './types.ts';

/**
 * Structural edits on an import draft's task list. Every function is pure: it returns a new array and
 * never mutates its input, so the editor can keep an undo history by holding on to old arrays.
 * Indices out of range throw a RangeError; the editor checks `canMerge`/`canSplit` first.
 */

/** A task's title as the reader defines it: its text up to the first "。". */
export function deriveTitle(text: string): string {
  const trimmed = text.trim();
  const end = trimmed.indexOf('。');
  return (end === -1 ? trimmed : trimmed.slice(0, end)).trim();
}

/** A key no task in the list uses yet: "new-1", "new-2", … */
export function uniqueKey(tasks: readonly DraftTask[], base = 'new'): string {
  const used = new Set(tasks.map((t) => t.key));
  for (let n = 1; ; n++) {
    const key = `${base}-${n}`;
    if (!used.has(key)) return key;
  }
}

function at(tasks: readonly DraftTask[], index: number): DraftTask {
  const task = tasks[index];
  if (task === undefined) throw new RangeError(`no task at index ${index}`);
  return task;
}

/** The marker after `marker` in the same style ("5" → "6", "五" → "六"); "" when it is not a number. */
export function nextNumber(marker: string): string {
  const style = detectNumberStyle(marker);
  const n = markerValue(marker);
  return n === null ? '' : formatNumber(n + 1, style);
}

const CHINESE_VALUES: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** The numeric value of a marker ("12", "十二", "⑫" → 12), or null. */
export function markerValue(marker: string): number | null {
  const m = marker.trim();
  if (/^\d+$/.test(m)) return Number(m);
  if (m.length === 1 && CIRCLED.includes(m)) return CIRCLED.indexOf(m) + 1;
  if (!/^[〇零一二三四五六七八九十百]+$/.test(m)) return null;
  let total = 0;
  let digit = 0;
  for (const c of m) {
    if (c === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (c === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      digit = CHINESE_VALUES[c] ?? 0;
    }
  }
  return total + digit;
}

/** Whether task `index` has a next task to merge with. */
export function canMerge(tasks: readonly DraftTask[], index: number): boolean {
  return index >= 0 && index + 1 < tasks.length;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function mergeSpans(a: TaskSpans | null, b: TaskSpans | null): TaskSpans | null {
  if (a === null || b === null) return null;
  return {
    task: [Math.min(a.task[0], b.task[0]), Math.max(a.task[1], b.task[1])],
    title: a.title,
    text: [Math.min(a.text[0], b.text[0]), Math.max(a.text[1], b.text[1])],
    deadlines: [...a.deadlines, ...b.deadlines],
    lead: [...a.lead, ...b.lead],
    responsible: [...a.responsible, ...b.responsible],
  };
}

/**
 * Merges task `index` with the one after it, for a paragraph the reader cut in two. The first task
 * keeps its key, path, number and title; texts are joined; deadlines are kept in order (a phrase may
 * legitimately repeat); units are united without duplicates. Source spans survive when both tasks have
 * them, since every range still points at a real phrase in the source.
 */
export function mergeWithNext(tasks: readonly DraftTask[], index: number): DraftTask[] {
  const a = at(tasks, index);
  const b = at(tasks, index + 1);
  const merged: DraftTask = {
    key: a.key,
    path: a.path,
    number: a.number,
    title: a.title.trim() === '' ? b.title : a.title,
    text: a.text + b.text,
    deadlines: [...a.deadlines, ...b.deadlines],
    lead: union(a.lead, b.lead),
    responsible: union(a.responsible, b.responsible),
    spans: mergeSpans(a.spans, b.spans),
  };
  return [...tasks.slice(0, index), merged, ...tasks.slice(index + 2)];
}

/** Whether splitting `task` at `offset` of its text leaves text on both sides. */
export function canSplit(task: DraftTask, offset: number): boolean {
  return Number.isInteger(offset) && task.text.slice(0, offset).trim() !== '' && task.text.slice(offset).trim() !== '';
}

// A task marker at the start of the second half, e.g. "6." "6、" "（六）" "⑥", which the reader missed.
const LEADING_MARKER = /^(?:[（(]\s*([一二三四五六七八九十百]+|\d+)\s*[)）]|(\d+)\s*[.．、]|([一二三四五六七八九十百]+)\s*、|([①-⑳]))\s*/u;

function partitionDeadlines(text: string, deadlines: readonly ParsedDeadline[], offset: number): [ParsedDeadline[], ParsedDeadline[]] {
  const head: ParsedDeadline[] = [];
  const tail: ParsedDeadline[] = [];
  // Deadlines are listed in reading order, so each is looked for after the previous one; a phrase
  // not found in the text (typed by hand) stays with the first half.
  let cursor = 0;
  for (const d of deadlines) {
    const pos = text.indexOf(d.text, cursor);
    if (pos === -1) {
      head.push(d);
      continue;
    }
    cursor = pos + d.text.length;
    (pos < offset ? head : tail).push(d);
  }
  return [head, tail];
}

/**
 * Splits task `index` at character `offset` of its text, for a paragraph that holds two tasks. The
 * first half keeps the key and, when the cut falls after it, the title; the second half gets a title
 * from its own text, and a number from a marker it starts with or else the next number. Deadlines
 * go to the half their phrase is in. Units, written once in the closing parenthesis of the paragraph,
 * are copied to both halves for the coordinator to prune. Both halves lose their source spans.
 *
 * @param newKey key for the second half; by default a fresh "new-N"
 */
export function splitTask(tasks: readonly DraftTask[], index: number, offset: number, newKey?: string): DraftTask[] {
  const task = at(tasks, index);
  if (!canSplit(task, offset)) throw new RangeError(`cannot split task ${index} at ${offset}`);
  const headText = task.text.slice(0, offset).trimEnd();
  let tailText = task.text.slice(offset).trimStart();
  let tailNumber = nextNumber(task.number);
  const marker = LEADING_MARKER.exec(tailText);
  if (marker && marker[0].length < tailText.length) {
    tailNumber = marker[1] ?? marker[2] ?? marker[3] ?? marker[4] ?? tailNumber;
    tailText = tailText.slice(marker[0].length);
  }
  const keepsTitle = !task.text.startsWith(task.title) || offset >= task.title.length;
  const [headDeadlines, tailDeadlines] = partitionDeadlines(task.text, task.deadlines, offset);
  const head: DraftTask = { ...task, title: keepsTitle ? task.title : deriveTitle(headText), text: headText, deadlines: headDeadlines, spans: null };
  const tail: DraftTask = {
    key: newKey ?? uniqueKey(tasks),
    path: task.path,
    number: tailNumber,
    title: deriveTitle(tailText),
    text: tailText,
    deadlines: tailDeadlines,
    lead: [...task.lead],
    responsible: [...task.responsible],
    spans: null,
  };
  return [...tasks.slice(0, index), head, tail, ...tasks.slice(index + 1)];
}

/**
 * Inserts an empty task after `afterIndex` (-1 inserts at the top). It takes the path of the task it
 * follows and the next number, so that a task the reader missed needs only its title and units.
 */
export function addTask(tasks: readonly DraftTask[], afterIndex: number, newKey?: string): DraftTask[] {
  if (afterIndex < -1 || afterIndex >= Math.max(tasks.length, 1)) throw new RangeError(`no task at index ${afterIndex}`);
  const before = tasks[afterIndex];
  const neighbour = before ?? tasks[0];
  const task: DraftTask = {
    key: newKey ?? uniqueKey(tasks),
    path: neighbour ? [...neighbour.path] : [],
    number: before ? nextNumber(before.number) : '1',
    title: '',
    text: '',
    deadlines: [],
    lead: [],
    responsible: [],
    spans: null,
  };
  return [...tasks.slice(0, afterIndex + 1), task, ...tasks.slice(afterIndex + 1)];
}

/** Removes task `index`. */
export function deleteTask(tasks: readonly DraftTask[], index: number): DraftTask[] {
  at(tasks, index);
  return [...tasks.slice(0, index), ...tasks.slice(index + 1)];
}

/** Moves task `from` so that it ends up at index `to`. */
export function moveTask(tasks: readonly DraftTask[], from: number, to: number): DraftTask[] {
  const task = at(tasks, from);
  at(tasks, to);
  const rest = [...tasks.slice(0, from), ...tasks.slice(from + 1)];
  return [...rest.slice(0, to), task, ...rest.slice(to)];
}

const READ_FIELDS = ['title', 'text', 'deadlines', 'lead', 'responsible'] as const;

/**
 * Applies a hand edit to task `index`. Changing anything the reader took from the source (title,
 * text, deadlines, units) drops the task's spans, since they would no longer describe it.
 */
export function updateTask(tasks: readonly DraftTask[], index: number, patch: DraftTaskPatch): DraftTask[] {
  const task = at(tasks, index);
  const next: DraftTask = { ...task, ...patch };
  const touchesSource = READ_FIELDS.some((f) => f in patch && JSON.stringify(patch[f]) !== JSON.stringify(task[f]));
  if (touchesSource) next.spans = null;
  return [...tasks.slice(0, index), next, ...tasks.slice(index + 1)];
}

function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

/**
 * Numbers tasks 1, 2, 3… again after tasks were added, split, merged or moved. With scope 'section'
 * (the default) numbering restarts whenever the path changes, the way plans number measures under
 * each heading; with 'plan' it runs through the whole list. Each run keeps the style (一/1/①) of its
 * first task.
 */
export function renumberTasks(tasks: readonly DraftTask[], scope: 'section' | 'plan' = 'section'): DraftTask[] {
  let n = 0;
  let style = detectNumberStyle(tasks[0]?.number ?? '');
  let previous: string | null = null;
  return tasks.map((task) => {
    const key = pathKey(task.path);
    if (scope === 'section' && key !== previous) {
      n = 0;
      style = detectNumberStyle(task.number);
    }
    previous = key;
    n += 1;
    const number = formatNumber(n, style);
    return number === task.number ? task : { ...task, number };
  });
}

/** A problem that would make the server refuse the draft, for showing beside the row. */
export interface DraftIssue {
  index: number;
  field: 'title' | 'number' | 'lead' | 'responsible' | 'deadlines';
  message: string;
}

/** Checks the rules the server enforces on save, so the editor can point at rows before a round trip. */
export function findDraftIssues(tasks: readonly DraftTask[]): DraftIssue[] {
  const issues: DraftIssue[] = [];
  tasks.forEach((task, index) => {
    if (task.title.trim() === '') issues.push({ index, field: 'title', message: '任务标题不能为空' });
    for (const field of ['lead', 'responsible'] as const) {
      if (task[field].some((u) => u.trim().length < 2)) issues.push({ index, field, message: '单位名称至少 2 个字' });
    }
    if (task.deadlines.some((d) => d.text.trim() === '' || (d.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(d.date)))) {
      issues.push({ index, field: 'deadlines', message: '截止时间需填写原文，日期格式为 YYYY-MM-DD' });
    }
  });
  return issues;
}
