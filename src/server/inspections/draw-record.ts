import { isDeepStrictEqual } from 'node:util';
import type { Draw } from '#core/api/inspections.ts';
import { DRAW_ALGORITHM, type DrawInput, type DrawResult, runDraw } from '#core/inspections/draw.ts';
import type { Deps } from '../context.ts';
import * as repo from './inspections.repo.ts';

/** A unit and its ancestors, the unit first (a cycle in bad data stops the walk rather than looping). */
export function pathOf(parents: Map<number, number | null>, id: number | null): number[] {
  const path: number[] = [];
  for (let at = id; at != null && !path.includes(at) && path.length < 50; at = parents.get(at) ?? null) path.push(at);
  return path;
}

/** The stored draw of a plan, re-run from its seed and input to show that it reproduces. */
export async function drawOfPlan(deps: Deps, id: number): Promise<Draw | null> {
  const d = await repo.findDraw(deps.db, id);
  if (!d) return null;
  const input = JSON.parse(d.input) as DrawInput;
  const result = JSON.parse(d.result) as DrawResult;
  let reproduced = false;
  try {
    reproduced = d.algorithm === DRAW_ALGORITHM && isDeepStrictEqual(runDraw(input, d.seed), result);
  } catch {
    reproduced = false;
  }
  return { seed: d.seed, algorithm: d.algorithm, drawnAt: d.drawn_at, drawnBy: d.drawn_by_name, input, result, reproduced };
}
