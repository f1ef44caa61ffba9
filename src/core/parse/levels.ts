/** The document's numbering hierarchy as the coordinator sees it: one `ReadingLevel` per marker form. */
import type { Node, Part } from './node.ts';
import type { Marker, MarkerKind } from './numbering.ts';
import type { ReadingLevel } from './types.ts';

/**
 * The stable id of a marker's form. Families that share a depth rule (1. and 1、 are one `num`
 * family) still get apart ids, because the coordinator picks what the document shows.
 */
export function markerForm(t: string, kind: MarkerKind | 'row' | 'line', m: Marker): string {
  const punct = t[m.start + m.label.length];
  switch (kind) {
    case 'cn':
      return punct === '、' ? 'cn-dun' : 'cn-dot';
    case 'num':
      return punct === '、' ? 'ar-dun' : 'ar-dot';
    case 'shi':
      return 'cn-shi';
    case 'pcn':
      return 'cn-paren';
    case 'dec':
      return 'ar-outline';
    case 'pnum':
      return 'ar-paren';
    case 'half':
      return 'ar-half';
    case 'circ':
      return 'circled';
    case 'tag':
      return 'tag';
    case 'chap':
      return 'chapter';
    case 'art':
      return 'article';
    case 'row':
      return 'table-row';
    case 'line':
      return 'line';
  }
}

/**
 * The levels of the parts the tasks were read from, outermost first. A form's depth is the depth
 * most of its items have (a family seen under two parents keeps the commoner one), and it is a task
 * level when any task came from one of its items.
 */
export function buildLevels(source: string, toSource: (i: number) => number, parts: Part[], taskNodes: Set<Node>): ReadingLevel[] {
  const byForm = new Map<string, { example: string; depths: Map<number, number>; count: number; isTaskLevel: boolean; order: number }>();
  for (const part of parts) {
    for (const n of part.nodes) {
      let level = byForm.get(n.form);
      if (!level) {
        byForm.set(n.form, (level = { example: exampleOf(source, toSource, n), depths: new Map(), count: 0, isTaskLevel: false, order: byForm.size }));
      }
      level.count++;
      level.depths.set(n.depth, (level.depths.get(n.depth) ?? 0) + 1);
      if (taskNodes.has(n)) level.isTaskLevel = true;
    }
  }
  const levels = [...byForm.entries()].map(([form, l]) => {
    let depth = 0;
    let best = -1;
    for (const [d, c] of l.depths) if (c > best || (c === best && d < depth)) [depth, best] = [d, c];
    return { level: { form, example: l.example, depth, count: l.count, isTaskLevel: l.isTaskLevel }, order: l.order };
  });
  levels.sort((a, b) => a.level.depth - b.level.depth || a.order - b.order);
  return levels.map((l) => l.level);
}

/** The marker as written: "（一）", "1．", a whole 【标签】; a table row or marked line shows its first words. */
function exampleOf(source: string, toSource: (i: number) => number, n: Node): string {
  const words = n.kind === 'row' || n.kind === 'line' || n.contentStart <= n.markerStart;
  const end = words ? Math.min(n.end, n.contentStart + 12) : n.contentStart;
  const start = words ? n.contentStart : n.markerStart;
  if (end <= start) return '';
  return source.slice(toSource(start), toSource(end - 1) + 1).trim();
}
