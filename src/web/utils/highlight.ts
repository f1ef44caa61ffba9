/**
 * Cutting a text into runs for highlighting: the task's title, deadlines and units are marked by
 * character ranges (end exclusive), which may overlap (a deadline inside the title, everything inside
 * the task), so each run carries every kind that covers it.
 */
export interface Mark<K extends string = string> {
  start: number;
  end: number;
  kind: K;
}

export interface Segment<K extends string = string> {
  text: string;
  start: number;
  end: number;
  /** Kinds covering this run, in the order their marks were given (first = drawn on top). */
  kinds: K[];
}

/**
 * Splits `text` at every mark boundary. Marks are clamped to the text; empty or inverted ones are
 * ignored. Joining the segments' text gives back `text`; adjacent runs never share the same kinds.
 */
export function highlight<K extends string>(text: string, marks: readonly Mark<K>[]): Segment<K>[] {
  const valid = marks
    .map((m) => ({ ...m, start: Math.max(0, Math.min(text.length, m.start)), end: Math.max(0, Math.min(text.length, m.end)) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set<number>([0, text.length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment<K>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const kinds: K[] = [];
    for (const m of valid) if (m.start <= start && m.end >= end && !kinds.includes(m.kind)) kinds.push(m.kind);
    const last = segments[segments.length - 1];
    if (last && last.end === start && sameKinds(last.kinds, kinds)) {
      last.end = end;
      last.text = text.slice(last.start, end);
    } else {
      segments.push({ text: text.slice(start, end), start, end, kinds });
    }
  }
  return segments;
}

function sameKinds<K>(a: readonly K[], b: readonly K[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** The kinds the task views mark, in drawing priority. */
export type TaskMarkKind = 'deadline' | 'lead' | 'responsible' | 'title' | 'task';

export interface TaskSpanSet {
  task: [number, number];
  title: [number, number];
  deadlines: [number, number][];
  lead: [number, number][];
  responsible: [number, number][];
}

/**
 * Marks for a task's spans, shifted by `offset` (the start of the shown text in the plan source), so
 * that `highlight(source.text, taskMarks(spans, source.offset))` lines up. Deadlines and units come
 * first so that they are drawn over the title.
 */
export function taskMarks(spans: TaskSpanSet, offset = 0, withTask = false): Mark<TaskMarkKind>[] {
  const shift =
    (kind: TaskMarkKind) =>
    ([s, e]: [number, number]): Mark<TaskMarkKind> => ({ start: s - offset, end: e - offset, kind });
  return [
    ...spans.deadlines.map(shift('deadline')),
    ...spans.lead.map(shift('lead')),
    ...spans.responsible.map(shift('responsible')),
    shift('title')(spans.title),
    ...(withTask ? [shift('task')(spans.task)] : []),
  ];
}

/** What `locateTask` needs of a task without spans. */
export interface LocatableTask {
  title: string;
  text: string;
  deadlines: { text: string }[];
  lead: string[];
  responsible: string[];
}

/**
 * Finds a task in the source by its words when it has no spans (added, split or edited by hand):
 * the paragraph starting with its title (or text), then its deadlines and units within that paragraph
 * and the unit parenthesis after it. Returns null when the title is not in the source.
 */
export function locateTask(source: string, task: LocatableTask): Mark<TaskMarkKind>[] | null {
  const probes = [task.title, task.text].map((s) => s.trim().slice(0, 24)).filter((s) => s.length >= 4);
  let start = -1;
  let probe = '';
  for (const p of probes) {
    start = source.indexOf(p);
    if (start !== -1) {
      probe = p;
      break;
    }
  }
  if (start === -1) return null;
  const lineEnd = source.indexOf('\n', start + Math.max(task.text.length, probe.length) - 1);
  const end = lineEnd === -1 ? source.length : lineEnd;
  const marks: Mark<TaskMarkKind>[] = [];
  const find = (phrase: string, kind: TaskMarkKind, from: number): number => {
    if (phrase.trim() === '') return from;
    const at = source.indexOf(phrase, from);
    if (at === -1 || at >= end) return from;
    marks.push({ start: at, end: at + phrase.length, kind });
    return at + phrase.length;
  };
  let cursor = start;
  for (const d of task.deadlines) cursor = find(d.text, 'deadline', cursor);
  for (const u of task.lead) find(u, 'lead', start);
  for (const u of task.responsible) find(u, 'responsible', start);
  const titleLength = task.title.trim() !== '' && source.startsWith(task.title.trim(), start) ? task.title.trim().length : probe.length;
  marks.push({ start, end: start + titleLength, kind: 'title' });
  marks.push({ start, end, kind: 'task' });
  return marks;
}

/** Marks every occurrence of `needle` in `text` (for showing search hits); none for an empty needle. */
export function occurrences<K extends string>(text: string, needle: string, kind: K): Mark<K>[] {
  const n = needle.trim();
  if (n === '') return [];
  const marks: Mark<K>[] = [];
  for (let at = text.indexOf(n); at !== -1; at = text.indexOf(n, at + n.length)) marks.push({ start: at, end: at + n.length, kind });
  return marks;
}
