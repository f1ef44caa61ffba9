import { describe, expect, it } from 'vitest';
import type { ParsedTask, Span } from '../parse/types.ts';
import { addTask, deleteTask, splitTask, updateTask } from './draft.ts';
import { baselineOf, fingerprint, rereadTasks } from './reread.ts';
import type { DraftTask } from './types.ts';

/** A task as the reader gives it, covering `span` of the source. */
function read(title: string, span: Span, over: Partial<ParsedTask> = {}): ParsedTask {
  return {
    path: ['一、总体'], number: '1', title, text: `${title}。`, deadlines: [], lead: ['区教育局'], responsible: [],
    spans: { task: span, title: span, text: span, deadlines: [], lead: [], responsible: [] }, ...over,
  };
}
const asDraft = (ts: ParsedTask[], keys: string[]): DraftTask[] => ts.map((t, i) => ({ ...t, key: keys[i]! }));

// First reading: four tasks, the middle two are what the coordinator re-reads (e.g. one long task that
// the reader should have cut at a marked line).
const first = [read('甲', [0, 10]), read('乙', [10, 30]), read('丙', [30, 40]), read('丁', [40, 50])];
const keys = ['t1', 't2', 't3', 't4'];
const baseline = baselineOf(first, keys);
// Second reading: 乙 is now two tasks (乙一, 乙二); 甲, 丙, 丁 read from the same ranges.
const second = [read('甲', [0, 10]), read('乙一', [10, 20]), read('乙二', [20, 30]), read('丙', [30, 40]), read('丁', [40, 50], { path: ['二、其他'] })];

describe('rereadTasks', () => {
  it('takes the new reading where nothing was edited, keeping the keys of ranges read again', () => {
    const r = rereadTasks(asDraft(first, keys), baseline, second);
    expect(r.tasks.map((t) => [t.key, t.title])).toEqual([['t1', '甲'], ['r1', '乙一'], ['r2', '乙二'], ['t3', '丙'], ['t4', '丁']]);
    // An unedited task takes what the new reading says of it (here a new path).
    expect(r.tasks[4]!.path).toEqual(['二、其他']);
    expect(r.summary).toEqual({ tasks: 5, region: [[10, 30]], reread: 2, keptEdits: 0, keptAdded: 0, droppedEdits: 0 });
    expect(r.keyOfRead).toEqual(['t1', 'r1', 'r2', 't3', 't4']);
  });

  it('keeps hand edits, deletions and added tasks outside the region, and drops edits inside it', () => {
    let draft = asDraft(first, keys);
    draft = updateTask(draft, 0, { title: '甲（已改）', lead: ['区教育体育局'] }); // outside: kept
    draft = updateTask(draft, 1, { title: '乙（已改）' }); // inside: replaced by 乙一/乙二
    draft = addTask(draft, 2, 'mine'); // after 丙: kept there
    draft = updateTask(draft, 3, { title: '手工新增的任务' });
    draft = deleteTask(draft, 4); // 丁 deleted: stays deleted
    const r = rereadTasks(draft, baseline, second);
    expect(r.tasks.map((t) => t.title)).toEqual(['甲（已改）', '乙一', '乙二', '丙', '手工新增的任务']);
    expect(r.tasks[0]).toMatchObject({ key: 't1', lead: ['区教育体育局'] });
    expect(r.summary).toMatchObject({ keptEdits: 1, keptAdded: 1, droppedEdits: 1, reread: 2 });
    expect(r.keyOfRead.at(-1)).toBeNull();
  });

  it('remembers edits across re-reads: the new baseline still tells an edited task from the reading', () => {
    const edited = updateTask(asDraft(first, keys), 2, { lead: ['区卫健局'] });
    const once = rereadTasks(edited, baseline, second);
    const twice = rereadTasks(once.tasks, once.baseline, second);
    expect(twice.tasks).toEqual(once.tasks);
    expect(twice.summary).toMatchObject({ region: [], reread: 0, keptEdits: 1 });
    expect(twice.tasks.find((t) => t.key === 't3')!.lead).toEqual(['区卫健局']);
  });

  it('keeps the second half of a hand split after its first half, and gives new tasks keys no task uses', () => {
    const draft = splitTask(asDraft(first, keys), 3, 1, 'r1'); // 丁 → 丁 + a tail keyed r1
    const r = rereadTasks(draft, baseline, second);
    expect(r.tasks.map((t) => t.key)).toEqual(['t1', 'r2', 'r3', 't3', 't4', 'r1']);
    expect(new Set(r.tasks.map((t) => t.key)).size).toBe(r.tasks.length);
  });

  it('is the identity when the reading did not change', () => {
    const draft = asDraft(first, keys);
    const r = rereadTasks(draft, baseline, first);
    expect(r.tasks).toEqual(draft);
    expect(r.summary.region).toEqual([]);
  });

  it('fingerprints what a coordinator edits, not the spans', () => {
    const t = read('甲', [0, 10]);
    expect(fingerprint(t)).toBe(fingerprint({ ...t, spans: { ...t.spans, task: [5, 6] } }));
    expect(fingerprint(t)).not.toBe(fingerprint({ ...t, number: '2' }));
  });
});
