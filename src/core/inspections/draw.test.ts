import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DRAW_ALGORITHM, DrawError, type DrawInput, isRelated, runDraw, seededGenerator } from './draw.ts';

/** A unit forest of up to 30 units (each one's parent has a smaller id) and a pool whose units come from it. */
const arbInput = fc
  .record({
    parents: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
    pool: fc.array(fc.option(fc.nat(), { nil: null }), { minLength: 0, maxLength: 25 }),
    mode: fc.constantFrom('perTarget' as const, 'perPlan' as const),
    n: fc.nat(),
    m: fc.nat(),
  })
  .map(({ parents, pool, mode, n, m }): DrawInput => {
    const parentOf = new Map<number, number | null>();
    parents.forEach((p, i) => parentOf.set(i + 1, i === 0 || p % 3 === 0 ? null : (p % i) + 1));
    const pathOf = (id: number) => {
      const path = [id];
      for (let up = parentOf.get(id); up != null; up = parentOf.get(up)) path.push(up);
      return path;
    };
    const ids = [...parentOf.keys()];
    return {
      mode,
      targetCount: 1 + (n % ids.length),
      inspectorsPerTarget: 1 + (m % 3),
      units: ids.map((id) => ({ id, path: pathOf(id) })),
      inspectors: pool.map((u, i) => ({ userId: 100 + i, unitPath: u === null ? [] : pathOf((u % ids.length) + 1) })),
    };
  });
const arbSeed = fc.string({ minLength: 1, maxLength: 20 });

/** The draw, or the DrawError it refused with (any other throw fails the property). */
const attempt = (input: DrawInput, seed: string) => {
  try {
    return runDraw(input, seed);
  } catch (e) {
    if (e instanceof DrawError) return e;
    throw e;
  }
};

describe('random draw (双随机)', () => {
  it('is reproducible: the same seed and input give the same draw, whatever order the input came in', () => {
    fc.assert(
      fc.property(arbInput, arbSeed, (input, seed) => {
        const reversed = { ...input, units: [...input.units].reverse(), inspectors: [...input.inspectors].reverse() };
        const a = attempt(input, seed);
        const b = attempt(reversed, seed);
        if (a instanceof DrawError) return b instanceof DrawError && b.message === a.message;
        expect(b).toEqual(a);
        return true;
      }),
    );
  });

  it('never sends an inspector to their own unit, a unit under it or above it', () => {
    fc.assert(
      fc.property(arbInput, arbSeed, (input, seed) => {
        const r = attempt(input, seed);
        if (r instanceof DrawError) return true;
        const unit = (id: number) => input.units.find((u) => u.id === id)!;
        const inspector = (id: number) => input.inspectors.find((i) => i.userId === id)!;
        for (const t of r.targets) {
          for (const i of t.inspectorIds) expect(isRelated(inspector(i).unitPath, unit(t.unitId).path)).toBe(false);
          for (const i of r.planInspectorIds) expect(isRelated(inspector(i).unitPath, unit(t.unitId).path)).toBe(false);
          // Nor the other way round: the target's unit is not on the inspector's path.
          for (const i of [...t.inspectorIds, ...r.planInspectorIds]) expect(inspector(i).unitPath).not.toContain(t.unitId);
        }
        return true;
      }),
    );
  });

  it('honours the sizes and draws no unit or inspector twice', () => {
    fc.assert(
      fc.property(arbInput, arbSeed, (input, seed) => {
        const r = attempt(input, seed);
        if (r instanceof DrawError) return true;
        const targetIds = r.targets.map((t) => t.unitId);
        expect(targetIds).toHaveLength(input.targetCount);
        expect(new Set(targetIds).size).toBe(targetIds.length);
        for (const id of targetIds) expect(input.units.map((u) => u.id)).toContain(id);
        if (input.mode === 'perTarget') {
          expect(r.planInspectorIds).toEqual([]);
          for (const t of r.targets) {
            expect(t.inspectorIds).toHaveLength(input.inspectorsPerTarget);
            expect(new Set(t.inspectorIds).size).toBe(t.inspectorIds.length);
          }
        } else {
          expect(r.planInspectorIds).toHaveLength(input.inspectorsPerTarget);
          expect(new Set(r.planInspectorIds).size).toBe(r.planInspectorIds.length);
        }
        return true;
      }),
    );
  });

  it('refuses only when the pool really cannot satisfy the draw', () => {
    fc.assert(
      fc.property(arbInput, arbSeed, (input, seed) => {
        const r = attempt(input, seed);
        if (!(r instanceof DrawError)) return true;
        expect(r.message).toMatch(/不足/);
        if (input.mode === 'perTarget') {
          // The target it names really has fewer eligible inspectors than asked.
          const t = input.units.find((u) => u.id === r.unitId)!;
          expect(input.inspectors.filter((i) => !isRelated(i.unitPath, t.path)).length).toBeLessThan(input.inspectorsPerTarget);
        }
        return true;
      }),
    );
  });

  it('gives a different draw for a different seed, and a fixed one for a published seed', () => {
    const input: DrawInput = {
      mode: 'perTarget',
      targetCount: 3,
      inspectorsPerTarget: 2,
      units: Array.from({ length: 10 }, (_, i) => ({ id: i + 1, path: [i + 1] })),
      inspectors: Array.from({ length: 8 }, (_, i) => ({ userId: 100 + i, unitPath: [i + 1] })),
    };
    const seeds = ['a', 'b', 'c', 'd', 'e', 'f'];
    const draws = new Set(seeds.map((s) => JSON.stringify(runDraw(input, s))));
    expect(draws.size).toBeGreaterThan(1);
    // Pinned: a change here changes every stored draw, and must come with a new DRAW_ALGORITHM.
    expect(DRAW_ALGORITHM).toBe('tuijin-draw/1 (cyrb128 seed, sfc32, Fisher–Yates)');
    expect(runDraw(input, '2026-12-05-暗访')).toMatchInlineSnapshot(`
      {
        "planInspectorIds": [],
        "targets": [
          {
            "inspectorIds": [
              106,
              103,
            ],
            "unitId": 6,
          },
          {
            "inspectorIds": [
              105,
              100,
            ],
            "unitId": 4,
          },
          {
            "inspectorIds": [
              104,
              106,
            ],
            "unitId": 10,
          },
        ],
      }
    `);
    const next = seededGenerator('seed');
    expect([next(), next(), next()]).toMatchInlineSnapshot(`
      [
        736050862,
        1829154128,
        343735882,
      ]
    `);
  });

  it('refuses with a Chinese reason when the scope has too few units', () => {
    const input: DrawInput = { mode: 'perTarget', targetCount: 3, inspectorsPerTarget: 1, units: [{ id: 1, path: [1] }], inspectors: [] };
    expect(() => runDraw(input, 'x')).toThrow('检查范围内可抽取的单位只有 1 个，不足 3 个');
    const own: DrawInput = { ...input, targetCount: 1, inspectors: [{ userId: 9, unitPath: [1] }] };
    expect(() => runDraw(own, 'x')).toThrow('可派往该单位（与其无隶属关系）的督查人员只有 0 名，不足 1 名');
  });
});
