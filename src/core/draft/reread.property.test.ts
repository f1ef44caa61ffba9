import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedTask, Span } from '../parse/types.ts';
import { addTask, deleteTask, updateTask } from './draft.ts';
import { baselineOf, rereadTasks } from './reread.ts';
import type { DraftTask } from './types.ts';

/** A reading that cuts [0, end) at `cuts`: one task per piece. */
function readingOf(cuts: number[], end: number, tag: string): ParsedTask[] {
  const bounds = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < end).sort((a, b) => a - b), end];
  return bounds.slice(1).map((e, i) => {
    const span: Span = [bounds[i]!, e];
    return { path: [], number: String(i + 1), title: `${tag}${span[0]}-${span[1]}`, text: '', deadlines: [], lead: [], responsible: [], spans: { task: span, title: span, text: span, deadlines: [], lead: [], responsible: [] } };
  });
}

type Edit = { kind: 'edit' | 'delete' | 'add'; at: number };
const edits = fc.array(fc.record({ kind: fc.constantFrom<Edit['kind']>('edit', 'delete', 'add'), at: fc.nat(40) }), { maxLength: 8 });

describe('rereadTasks on arbitrary readings and edits', () => {
  it('keeps every hand edit, deletion and addition outside the region, and reads the region anew', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 12 }), edits, (cuts1, cuts2, ops) => {
        const first = readingOf(cuts1, 100, 'a');
        const second = readingOf(cuts2, 100, 'b');
        const keys = first.map((_, i) => `t${i + 1}`);
        const baseline = baselineOf(first, keys);
        let draft: DraftTask[] = first.map((t, i) => ({ ...t, key: keys[i]! }));
        const edited = new Set<string>();
        const deleted = new Set<string>();
        const added = new Set<string>();
        let serial = 0;
        for (const op of ops) {
          if (draft.length === 0) break;
          const i = op.at % draft.length;
          const key = draft[i]!.key;
          if (op.kind === 'edit') {
            draft = updateTask(draft, i, { title: `${draft[i]!.title}（改）` });
            if (!added.has(key)) edited.add(key);
          } else if (op.kind === 'delete') {
            draft = deleteTask(draft, i);
            if (added.has(key)) added.delete(key);
            else deleted.add(key);
          } else {
            serial += 1;
            draft = addTask(draft, i, `h${serial}`);
            added.add(draft[i + 1]!.key);
          }
        }
        const r = rereadTasks(draft, baseline, second);
        const out = new Map(r.tasks.map((t) => [t.key, t]));
        expect(out.size).toBe(r.tasks.length); // keys stay unique
        for (const k of added) expect(out.get(k)).toEqual(draft.find((t) => t.key === k));
        const secondSpans = new Set(second.map((t) => `${t.spans.task[0]}:${t.spans.task[1]}`));
        for (const b of baseline) {
          const outside = secondSpans.has(`${b.span[0]}:${b.span[1]}`);
          if (!outside) expect(out.has(b.key)).toBe(false);
          else if (deleted.has(b.key)) expect(out.has(b.key)).toBe(false);
          else if (edited.has(b.key)) expect(out.get(b.key)).toEqual(draft.find((t) => t.key === b.key));
          else expect(out.get(b.key)!.title.startsWith('b')).toBe(true);
        }
        // Every piece of the new reading is there unless the coordinator deleted the same piece before.
        const readCount = r.tasks.length - added.size;
        expect(readCount).toBe(second.length - r.keyOfRead.filter((k) => k === null).length);
        // Read tasks come in document order.
        const starts = r.tasks.filter((t) => !added.has(t.key)).map((t) => second.find((s) => r.keyOfRead[second.indexOf(s)] === t.key)!.spans.task[0]);
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
        // A second re-read with the same choice changes nothing.
        expect(rereadTasks(r.tasks, r.baseline, second).tasks).toEqual(r.tasks);
      }),
      { numRuns: 300 },
    );
  });
});
