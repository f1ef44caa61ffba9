/**
 * The schematic map of an inspection's visits: no map tiles (the office network has no internet), only
 * the visits' own coordinates drawn to scale in an SVG box, north up. Visits without coordinates are
 * listed along the bottom edge by place, so that none is silently left out of the picture.
 */

/** What the map needs of a visit. */
export interface MapVisit {
  id: number;
  /** WGS-84 degrees, when the inspector's phone recorded them. */
  lat: number | null;
  lng: number | null;
  /** The place as written (服务大厅、窗口…), the label of the point. */
  place: string;
}

export interface PlacedVisit {
  id: number;
  x: number;
  y: number;
  label: string;
  /** False for a visit drawn in the bottom row because it has no coordinates. */
  located: boolean;
}

export interface MapLayout {
  width: number;
  height: number;
  points: PlacedVisit[];
  /** The ground distance of `scaleBar.px` pixels, for the scale bar; null when nothing is located. */
  scaleBar: { px: number; metres: number } | null;
}

const EARTH_RADIUS_M = 6_371_000;
const NICE_STEPS = [1, 2, 5];

/** The largest 1-2-5 × 10ⁿ distance not longer than `metres`. */
export function niceDistance(metres: number): number {
  if (!(metres > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(metres));
  let best = power;
  for (const step of NICE_STEPS) if (step * power <= metres) best = step * power;
  return best;
}

const isCoordinate = (v: MapVisit) =>
  v.lat !== null && v.lng !== null && Number.isFinite(v.lat) && Number.isFinite(v.lng) && Math.abs(v.lat) <= 90 && Math.abs(v.lng) <= 180;

/**
 * Places the visits in a `width` × `height` box with `padding` on every side. Located visits use an
 * equirectangular projection around their mean latitude (fine at district scale), with one scale on
 * both axes so distances are not distorted; a single visit, or visits at one spot, sit in the middle.
 * Unlocated visits take a row of their own at the bottom, and the drawing area shrinks to leave it room.
 */
export function layoutVisitMap(visits: readonly MapVisit[], width: number, height: number, padding = 24): MapLayout {
  const located = visits.filter(isCoordinate);
  const unlocated = visits.filter((v) => !isCoordinate(v));
  const rowHeight = unlocated.length > 0 ? 36 : 0;
  const innerW = Math.max(1, width - 2 * padding);
  const innerH = Math.max(1, height - 2 * padding - rowHeight);
  const points: PlacedVisit[] = [];
  let scaleBar: MapLayout['scaleBar'] = null;

  if (located.length > 0) {
    const meanLat = located.reduce((s, v) => s + v.lat!, 0) / located.length;
    const kx = Math.cos((meanLat * Math.PI) / 180);
    // Metres east and north of the first visit.
    const metres = located.map((v) => ({
      v,
      e: ((v.lng! - located[0]!.lng!) * Math.PI * EARTH_RADIUS_M * kx) / 180,
      n: ((v.lat! - located[0]!.lat!) * Math.PI * EARTH_RADIUS_M) / 180,
    }));
    const minE = Math.min(...metres.map((m) => m.e));
    const maxE = Math.max(...metres.map((m) => m.e));
    const minN = Math.min(...metres.map((m) => m.n));
    const maxN = Math.max(...metres.map((m) => m.n));
    const spanE = maxE - minE;
    const spanN = maxN - minN;
    // Pixels per metre; visits all at one spot get an arbitrary 1 so they land in the middle.
    const scale =
      spanE === 0 && spanN === 0 ? 1 : Math.min(spanE > 0 ? innerW / spanE : Number.POSITIVE_INFINITY, spanN > 0 ? innerH / spanN : Number.POSITIVE_INFINITY);
    const offsetX = padding + (innerW - spanE * scale) / 2;
    const offsetY = padding + (innerH - spanN * scale) / 2;
    for (const m of metres) {
      // North up: a larger northing is a smaller y.
      points.push({ id: m.v.id, x: offsetX + (m.e - minE) * scale, y: offsetY + (maxN - m.n) * scale, label: m.v.place, located: true });
    }
    if (spanE > 0 || spanN > 0) {
      const metresAcross = innerW / 4 / scale;
      const nice = niceDistance(metresAcross);
      if (nice > 0) scaleBar = { px: nice * scale, metres: nice };
    }
  }

  const step = innerW / Math.max(1, unlocated.length);
  unlocated.forEach((v, i) => {
    points.push({ id: v.id, x: padding + step * (i + 0.5), y: height - padding - rowHeight / 2 + 8, label: v.place, located: false });
  });
  return { width, height, points, scaleBar };
}

/** 1200 → "1.2 公里", 500 → "500 米". */
export function distanceLabel(metres: number): string {
  return metres >= 1000 ? `${metres / 1000} 公里` : `${metres} 米`;
}
