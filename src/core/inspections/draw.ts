/**
 * The random draw of 双随机 inspections: target units drawn from the scope, inspectors from a pool,
 * with a seeded generator written here (not Math.random, not a library whose output could change with
 * an upgrade), so that the seed, the algorithm version and the stored input give anyone the same draw.
 * Never an inspector whose unit is the target, under it or above it: they would inspect themselves.
 */

/** Bumped whenever any step below changes, so that a stored draw names the procedure that made it. */
export const DRAW_ALGORITHM = 'tuijin-draw/1 (cyrb128 seed, sfc32, Fisher–Yates)';

export type DrawMode = 'perTarget' | 'perPlan';

export interface DrawInput {
  mode: DrawMode;
  targetCount: number;
  inspectorsPerTarget: number;
  /** Candidate targets with their ancestors, the unit first. */
  units: { id: number; path: number[] }[];
  /** The pool; `unitPath` is the inspector's unit and its ancestors (empty without a unit). */
  inspectors: { userId: number; unitPath: number[] }[];
}

export interface DrawResult {
  targets: { unitId: number; inspectorIds: number[] }[];
  planInspectorIds: number[];
}

/** Why a pool cannot satisfy a draw; `unitId` names the target that lacks inspectors. */
export class DrawError extends Error {
  readonly unitId: number | null;
  constructor(message: string, unitId: number | null = null) {
    super(message);
    this.unitId = unitId;
  }
}

/** cyrb128: four 32-bit words from a string, so that any seed text gives a full generator state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 32-bit unsigned integers. */
export function seededGenerator(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed);
  // Twelve rounds before the first output, so that seeds differing in one character start far apart.
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** An unbiased integer in [0, n), by rejection (a plain modulo favours the low numbers). */
function below(next: () => number, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const x = next();
    if (x < limit) return x % n;
  }
}

/** Fisher–Yates on a copy: every order equally likely. */
function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = below(next, i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Whether an inspector of `unitPath` is related to the unit of `path`: the same, under it or above it. */
export function isRelated(unitPath: readonly number[], path: readonly number[]): boolean {
  const own = unitPath[0];
  if (own === undefined) return false;
  return unitPath.includes(path[0] as number) || path.includes(own);
}

/**
 * Runs a draw. Inputs are sorted by id first, so the order a database returned them in cannot change
 * the result; throws DrawError (Chinese) when the units or the pool cannot satisfy the sizes.
 */
export function runDraw(input: DrawInput, seed: string): DrawResult {
  const next = seededGenerator(seed);
  const units = [...input.units].sort((x, y) => x.id - y.id);
  const pool = [...input.inspectors].sort((x, y) => x.userId - y.userId);
  if (input.targetCount > units.length) throw new DrawError(`检查范围内可抽取的单位只有 ${units.length} 个，不足 ${input.targetCount} 个`);
  const targets = shuffled(units, next).slice(0, input.targetCount);
  const M = input.inspectorsPerTarget;
  if (input.mode === 'perPlan') {
    const eligible = pool.filter((i) => targets.every((t) => !isRelated(i.unitPath, t.path)));
    if (eligible.length < M) throw new DrawError(`与所有抽中单位无隶属关系的督查人员只有 ${eligible.length} 名，不足 ${M} 名`);
    return {
      targets: targets.map((t) => ({ unitId: t.id, inspectorIds: [] })),
      planInspectorIds: shuffled(eligible, next)
        .slice(0, M)
        .map((i) => i.userId),
    };
  }
  return {
    targets: targets.map((t) => {
      const eligible = pool.filter((i) => !isRelated(i.unitPath, t.path));
      if (eligible.length < M) throw new DrawError(`可派往该单位（与其无隶属关系）的督查人员只有 ${eligible.length} 名，不足 ${M} 名`, t.id);
      return {
        unitId: t.id,
        inspectorIds: shuffled(eligible, next)
          .slice(0, M)
          .map((i) => i.userId),
      };
    }),
    planInspectorIds: [],
  };
}
