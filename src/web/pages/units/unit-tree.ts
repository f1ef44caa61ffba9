/** The unit hierarchy (a town and its offices) as the unit list carries it: each unit's `parentId`. */
export interface TreeUnit {
  id: number;
  name: string;
  parentId?: number | null;
  parentName?: string | null;
}

/** The parent's name: from the server when it sends it, else looked up among `all`. */
export function parentNameOf(unit: TreeUnit, all: readonly TreeUnit[]): string | null {
  if (unit.parentName) return unit.parentName;
  if (unit.parentId == null) return null;
  return all.find((u) => u.id === unit.parentId)?.name ?? null;
}

/** The unit and every unit under it, at any depth: none of them may become its parent. */
export function subtreeIds(id: number, all: readonly TreeUnit[]): Set<number> {
  const children = new Map<number, number[]>();
  for (const u of all) if (u.parentId != null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set([id]);
  const queue = [id];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        queue.push(c);
      }
    }
  }
  return out;
}

/** Units that may be chosen as the parent of `id`: all but itself and its descendants, by name. */
export function parentCandidates<T extends TreeUnit>(id: number, all: readonly T[]): T[] {
  const excluded = subtreeIds(id, all);
  return all.filter((u) => !excluded.has(u.id));
}
