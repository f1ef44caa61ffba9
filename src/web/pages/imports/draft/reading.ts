import type { DraftReadingLevel, DraftReadOptions, DraftTask, RereadSummary, Span } from '#web/api/types.ts';

/** What each marker form the reader names looks like, for a coordinator who thinks in 一、 and （一）. */
const FORM_NAMES: Record<string, string> = {
  'cn-dun': '一、',
  'cn-dot': '一．',
  'cn-paren': '（一）',
  'cn-shi': '一是',
  'cn-bare': '一（无标点）',
  'ar-dot': '1．',
  'ar-dun': '1、',
  'ar-paren': '（1）',
  circled: '①',
  article: '第一条',
  line: '标记的行',
};

/** The form's usual shape ("（一）"), or the document's own first marker for a form this page does not know. */
export function formName(level: DraftReadingLevel): string {
  return FORM_NAMES[level.form] ?? level.example;
}

/** The line of `source` that holds `offset`: its start, its end (before the line break) and its 1-based number. */
export function lineAt(source: string, offset: number): { start: number; end: number; number: number } {
  const at = Math.max(0, Math.min(offset, source.length));
  const start = source.lastIndexOf('\n', at - 1) + 1;
  const next = source.indexOf('\n', at);
  const end = next === -1 ? source.length : next;
  let number = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < start; i = source.indexOf('\n', i + 1)) number += 1;
  return { start, end, number };
}

/** The choice with one more line marked as starting a task (each line once, in document order). */
export function withTaskStart(options: DraftReadOptions, start: number): DraftReadOptions {
  const starts = [...new Set([...(options.taskStarts ?? []), start])].sort((a, b) => a - b);
  return { ...options, taskStarts: starts };
}

/** The choice without the mark on the line at `start`. */
export function withoutTaskStart(options: DraftReadOptions, start: number): DraftReadOptions {
  const starts = (options.taskStarts ?? []).filter((s) => s !== start);
  const { taskStarts: _, ...rest } = options;
  return starts.length > 0 ? { ...rest, taskStarts: starts } : rest;
}

/** The choice with the tasks at `form`; the marked lines stay. */
export function withTaskLevel(options: DraftReadOptions, form: string): DraftReadOptions {
  return { ...options, taskLevel: form };
}

/** Whether the coordinator has chosen anything the reader would not have. */
export function hasChoice(options: DraftReadOptions): boolean {
  return options.taskLevel !== undefined || (options.taskStarts?.length ?? 0) > 0;
}

/** The message after a re-read, and whether it needs the coordinator's attention (hand edits replaced). */
export function describeReread(s: RereadSummary): { text: string; isWarning: boolean } {
  const kept = [s.keptEdits > 0 ? `保留手工修改 ${s.keptEdits} 项` : '', s.keptAdded > 0 ? `保留手工新增 ${s.keptAdded} 项` : ''].filter(Boolean);
  const head = `已重新识别：共 ${s.tasks} 项任务${s.reread > 0 ? `，其中 ${s.reread} 项按新结构读出` : '，任务划分未变'}`;
  const dropped = s.droppedEdits > 0 ? `；${s.droppedEdits} 项手工修改位于重新识别的范围内，已按新结果替换` : '';
  return { text: `${head}${kept.length ? `；${kept.join('，')}` : ''}${dropped}`, isWarning: s.droppedEdits > 0 };
}

/**
 * The task to show after a re-read: the one read from the line the coordinator marked, else the first
 * task read anew, so the coordinator sees what changed; null when neither is there.
 */
export function taskToShow(tasks: readonly DraftTask[], region: readonly Span[], marked?: number): string | null {
  const start = (x: DraftTask) => x.spans?.task[0] ?? -1;
  const holdsMark = (x: DraftTask) => marked !== undefined && x.spans !== null && x.spans.task[0] <= marked && marked < x.spans.task[1];
  const t = tasks.find(holdsMark) ?? tasks.find((x) => region.some(([a, b]) => start(x) >= a && start(x) < b));
  return t?.key ?? null;
}
