import type { ParsedTask, Span } from '../parse/types.ts';
import type { DraftTask } from './types.ts';

/**
 * Re-reading a draft in place with the coordinator's structure choice ("tasks are at this level",
 * "this line starts a task"), keeping the edits made elsewhere.
 *
 * The rule: a task read from exactly the same source range as last time is the same task. Each draft
 * remembers, for every task of its last reading, its key, its source range and a fingerprint of the
 * fields as read (the baseline). Comparing a draft task with its baseline tells whether the
 * coordinator changed it by hand; comparing the new reading's ranges with the baseline's tells which
 * part of the document the re-read changed (the re-read region: ranges read before and not now, or
 * read now and not before). Then:
 * - a task whose range is read again keeps its key; if the coordinator edited it, their version stays;
 *   if they deleted it, it stays deleted; otherwise the new reading of it is taken;
 * - inside the re-read region the new reading wins: its tasks come in, and hand edits of the tasks it
 *   replaces are dropped (counted in `droppedEdits`, so the page can say so);
 * - tasks the coordinator added by hand (and the second halves of hand splits: keys the reader never
 *   gave) are kept, after the task they followed;
 * - tasks come in document order; a hand move of an unedited task does not survive.
 * Document metadata and goals are not touched by a re-read at all (the caller keeps them).
 */

/** What a draft remembers of one task of its last reading. */
export interface BaselineTask {
  key: string;
  span: Span;
  /** `fingerprint` of the task as read. */
  print: string;
}

export interface RereadSummary {
  /** Tasks in the re-read draft. */
  tasks: number;
  /** Source ranges whose reading changed, merged and in order. */
  region: Span[];
  /** Tasks of the new reading that replace or add to what was there (inside the region). */
  reread: number;
  /** Hand-edited tasks kept because their source range was read the same again. */
  keptEdits: number;
  /** Tasks added by hand, kept. */
  keptAdded: number;
  /** Hand-edited tasks inside the region, replaced by the new reading. */
  droppedEdits: number;
}

export interface RereadResult {
  tasks: DraftTask[];
  baseline: BaselineTask[];
  /** For each task of the new reading, the key of the draft task that holds it, or null when it is not in the draft (deleted by hand). */
  keyOfRead: (string | null)[];
  summary: RereadSummary;
}

type ReadTask = Pick<ParsedTask, 'path' | 'number' | 'title' | 'text' | 'deadlines' | 'lead' | 'responsible'> & { spans: ParsedTask['spans'] };

/** cyrb53: a small, fast, well-mixed 53-bit string hash; collisions between two versions of one task are not a concern. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A fingerprint of everything a coordinator can edit on a task (spans aside: they follow the edits). */
export function fingerprint(t: Omit<ReadTask, 'spans'> & { spans?: unknown }): string {
  return hash(JSON.stringify([t.path, t.number, t.title, t.text, t.deadlines, t.lead, t.responsible]));
}

/** The baseline of a fresh reading whose tasks got `keys`. */
export function baselineOf(read: readonly ReadTask[], keys: readonly string[]): BaselineTask[] {
  return read.map((t, i) => ({ key: keys[i] ?? `t${i + 1}`, span: [t.spans.task[0], t.spans.task[1]], print: fingerprint(t) }));
}

const spanKey = (s: Span) => `${s[0]}:${s[1]}`;

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

function draftOf(t: ReadTask, key: string): DraftTask {
  return { key, path: t.path, number: t.number, title: t.title, text: t.text, deadlines: t.deadlines, lead: t.lead, responsible: t.responsible, spans: t.spans };
}

/**
 * Merges a new reading into the draft by the rule above.
 * @param current the draft's tasks as saved
 * @param baseline what the draft remembers of its last reading
 * @param read the new reading's tasks, in document order
 */
export function rereadTasks(current: readonly DraftTask[], baseline: readonly BaselineTask[], read: readonly ReadTask[]): RereadResult {
  const currentByKey = new Map(current.map((t) => [t.key, t]));
  const baseByKey = new Map(baseline.map((b) => [b.key, b]));
  const baseBySpan = new Map<string, BaselineTask>();
  for (const b of baseline) if (!baseBySpan.has(spanKey(b.span))) baseBySpan.set(spanKey(b.span), b);
  const isEdited = (t: DraftTask, b: BaselineTask) => fingerprint(t) !== b.print;

  const used = new Set<string>([...current.map((t) => t.key), ...baseline.map((b) => b.key)]);
  let serial = 0;
  const freshKey = () => {
    serial += 1;
    while (used.has(`r${serial}`)) serial += 1;
    const k = `r${serial}`;
    used.add(k);
    return k;
  };

  // Output rows sorted by source position; rank orders a hand-added task after the task it follows.
  const rows: { pos: number; rank: number; seq: number; task: DraftTask }[] = [];
  const newBaseline: BaselineTask[] = [];
  const keyOfRead: (string | null)[] = [];
  const matched = new Set<string>();
  const changed: Span[] = [];
  let reread = 0;
  let keptEdits = 0;

  read.forEach((n, i) => {
    const span: Span = [n.spans.task[0], n.spans.task[1]];
    const b = baseBySpan.get(spanKey(span));
    if (b && !matched.has(b.key)) {
      matched.add(b.key);
      newBaseline.push({ key: b.key, span, print: fingerprint(n) });
      const c = currentByKey.get(b.key);
      if (!c) {
        keyOfRead.push(null); // deleted by hand, and stays deleted
        return;
      }
      const edited = isEdited(c, b);
      if (edited) keptEdits += 1;
      rows.push({ pos: span[0], rank: 0, seq: i, task: edited ? c : draftOf(n, b.key) });
      keyOfRead.push(b.key);
      return;
    }
    changed.push(span);
    const key = freshKey();
    newBaseline.push({ key, span, print: fingerprint(n) });
    rows.push({ pos: span[0], rank: 0, seq: i, task: draftOf(n, key) });
    keyOfRead.push(key);
    reread += 1;
  });

  let droppedEdits = 0;
  for (const b of baseline) {
    if (matched.has(b.key)) continue;
    changed.push(b.span);
    const c = currentByKey.get(b.key);
    if (c && isEdited(c, b)) droppedEdits += 1;
  }

  // Hand-added tasks follow the nearest task above them that the reader gave.
  let anchor = -1;
  let keptAdded = 0;
  current.forEach((c, i) => {
    const b = baseByKey.get(c.key);
    if (b) {
      anchor = b.span[0];
      return;
    }
    keptAdded += 1;
    rows.push({ pos: anchor, rank: 1, seq: i, task: c });
  });

  rows.sort((x, y) => x.pos - y.pos || x.rank - y.rank || x.seq - y.seq);
  const tasks = rows.map((r) => r.task);
  return {
    tasks,
    baseline: newBaseline,
    keyOfRead,
    summary: { tasks: tasks.length, region: mergeSpans(changed), reread, keptEdits, keptAdded, droppedEdits },
  };
}
