/**
 * A unit and every unit below it (a town's sub-units, a department's offices), breadth first, given
 * the children of each unit. A cycle in the data (it should not happen) ends the walk instead of looping.
 */
export function subtreeOf(children: ReadonlyMap<number, readonly number[]>, unitId: number): number[] {
  const out = [unitId];
  const seen = new Set(out);
  for (let i = 0; i < out.length && out.length < 10_000; i++) {
    for (const c of children.get(out[i]!) ?? []) {
      if (!seen.has(c)) {
        seen.add(c);
        out.push(c);
      }
    }
  }
  return out;
}
