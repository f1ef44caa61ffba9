import { describe, expect, it } from 'vitest';
import { distanceLabel, layoutVisitMap, niceDistance, type MapVisit } from './visit-map-layout.ts';

const visit = (id: number, lat: number | null, lng: number | null, place = `地点${id}`): MapVisit => ({ id, lat, lng, place });

describe('layoutVisitMap', () => {
  it('draws north up and east right, within the padding', () => {
    // Two halls about 1.1 km apart: one north-west, one south-east.
    const map = layoutVisitMap([visit(1, 35.01, 117.0), visit(2, 35.0, 117.01)], 400, 300, 20);
    const [nw, se] = map.points;
    expect(nw!.x).toBeLessThan(se!.x);
    expect(nw!.y).toBeLessThan(se!.y);
    for (const p of map.points) {
      expect(p.x).toBeGreaterThanOrEqual(20);
      expect(p.x).toBeLessThanOrEqual(380);
      expect(p.y).toBeGreaterThanOrEqual(20);
      expect(p.y).toBeLessThanOrEqual(280);
      expect(p.located).toBe(true);
    }
  });

  it('keeps one scale on both axes, so a square of ground stays a square', () => {
    // 0.01° of longitude at 35°N is ~0.82 of 0.01° of latitude on the ground.
    const map = layoutVisitMap([visit(1, 35.0, 117.0), visit(2, 35.01, 117.01)], 1000, 1000, 0);
    const [a, b] = map.points;
    const dx = Math.abs(b!.x - a!.x);
    const dy = Math.abs(b!.y - a!.y);
    expect(dx / dy).toBeCloseTo(Math.cos((35.005 * Math.PI) / 180), 3);
  });

  it('puts a single visit, or visits at one spot, in the middle without a scale bar', () => {
    const map = layoutVisitMap([visit(1, 35, 117), visit(2, 35, 117)], 200, 100, 10);
    expect(map.points.map((p) => [p.x, p.y])).toEqual([
      [100, 50],
      [100, 50],
    ]);
    expect(map.scaleBar).toBeNull();
  });

  it('lists visits without (or with impossible) coordinates in a bottom row, above none of the located ones', () => {
    const map = layoutVisitMap(
      [visit(1, 35.0, 117.0), visit(2, 35.02, 117.02), visit(3, null, null, '政务服务中心'), visit(4, 95, 117, '坏坐标')],
      400,
      300,
      20,
    );
    const row = map.points.filter((p) => !p.located);
    expect(row.map((p) => p.label)).toEqual(['政务服务中心', '坏坐标']);
    const lowestLocated = Math.max(...map.points.filter((p) => p.located).map((p) => p.y));
    for (const p of row) expect(p.y).toBeGreaterThan(lowestLocated);
    expect(row[0]!.x).toBeLessThan(row[1]!.x);
  });

  it('gives a scale bar of a round distance that matches the drawing', () => {
    const map = layoutVisitMap([visit(1, 35.0, 117.0), visit(2, 35.0, 117.05)], 500, 200, 0);
    const ground = (0.05 * Math.PI * 6_371_000 * Math.cos((35 * Math.PI) / 180)) / 180;
    const pxPerMetre = 500 / ground;
    expect(map.scaleBar).not.toBeNull();
    expect(map.scaleBar!.px / map.scaleBar!.metres).toBeCloseTo(pxPerMetre, 6);
    expect([1, 2, 5]).toContain(map.scaleBar!.metres / 10 ** Math.floor(Math.log10(map.scaleBar!.metres)));
  });
});

describe('niceDistance and distanceLabel', () => {
  it('rounds down to 1, 2 or 5 times a power of ten', () => {
    expect(niceDistance(1234)).toBe(1000);
    expect(niceDistance(2500)).toBe(2000);
    expect(niceDistance(999)).toBe(500);
    expect(niceDistance(0)).toBe(0);
  });
  it('speaks metres below a kilometre', () => {
    expect(distanceLabel(500)).toBe('500 米');
    expect(distanceLabel(2000)).toBe('2 公里');
  });
});
