/**
 * Seeded random shapes for the overlay and engine tests, in local metres around the fixture origin
 * (27.5°N): star-shaped (concave) rings, rings with holes, multipolygons, and grid-snapped shapes
 * that share edges and vertices exactly. Every call returns fresh objects. Test-only.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { createRing, type LocalPoint } from './test-fixtures';

/** A seeded generator of floats in [0, 1) (mulberry32). */
export type Random = () => number;

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInteger(random: Random, minimum: number, maximum: number): number {
  return minimum + Math.floor(random() * (maximum - minimum + 1));
}

/**
 * A star-shaped ring around `centre`: `count` vertices at increasing angles, radii between
 * `minimumShare`·radius and radius — simple, usually concave. Clockwise when `clockwise`.
 */
export function createStarRing(random: Random, centre: LocalPoint, radius: number, count: number, options: { clockwise?: boolean; minimumShare?: number } = {}): Position[] {
  const share = options.minimumShare ?? 0.4;
  const turn = random() * 2 * Math.PI;
  const points: LocalPoint[] = [];
  for (let i = 0; i < count; i++) {
    const angle = turn + (2 * Math.PI * (i + 0.2 + 0.6 * random())) / count;
    const length = radius * (share + (1 - share) * random());
    points.push([centre[0] + length * Math.cos(angle), centre[1] + length * Math.sin(angle)]);
  }
  return createRing(options.clockwise === true ? points.reverse() : points);
}

/** A rectangle turned by `degrees` about its centre. */
export function createTurnedRectangleRing(centre: LocalPoint, width: number, height: number, degrees: number): Position[] {
  const angle = (degrees * Math.PI) / 180;
  const corners: LocalPoint[] = [[-width / 2, -height / 2], [width / 2, -height / 2], [width / 2, height / 2], [-width / 2, height / 2]];
  return createRing(corners.map(([x, y]): LocalPoint => [centre[0] + x * Math.cos(angle) - y * Math.sin(angle), centre[1] + x * Math.sin(angle) + y * Math.cos(angle)]));
}

/** A concave zone of radius ~`radius` around `centre`, often with a hole (a smaller star). */
export function createRandomZoneGeometry(random: Random, centre: LocalPoint = [0, 0], radius = 100): Polygon {
  const count = randomInteger(random, 5, 24);
  const shell = createStarRing(random, centre, radius, count, { clockwise: random() < 0.3 });
  // With ≥ 8 vertices the shell contains the disc of 0.32·radius, room for the hole.
  if (count < 8 || random() < 0.5) return { type: 'Polygon', coordinates: [shell] };
  const holeCentre: LocalPoint = [centre[0] + (random() - 0.5) * 0.1 * radius, centre[1] + (random() - 0.5) * 0.1 * radius];
  return { type: 'Polygon', coordinates: [shell, createStarRing(random, holeCentre, 0.22 * radius, randomInteger(random, 3, 9), { clockwise: random() < 0.7 })] };
}

/** A building-sized violation somewhere over a zone of radius ~`spread`: a star, a turned rectangle, a courtyard building or two parts. */
export function createRandomViolationGeometry(random: Random, spread = 100): Polygon | MultiPolygon {
  const centre: LocalPoint = [(random() * 2 - 1) * 1.3 * spread, (random() * 2 - 1) * 1.3 * spread];
  const size = 4 + random() * 0.5 * spread;
  const kind = random();
  if (kind < 0.35) return { type: 'Polygon', coordinates: [createStarRing(random, centre, size, randomInteger(random, 3, 10), { clockwise: random() < 0.3 })] };
  if (kind < 0.6) return { type: 'Polygon', coordinates: [createTurnedRectangleRing(centre, size, size * (0.3 + random()), random() * 180)] };
  if (kind < 0.8) {
    const degrees = random() * 180;
    return {
      type: 'Polygon',
      coordinates: [createTurnedRectangleRing(centre, 2 * size, 1.5 * size, degrees), createStarRing(random, centre, 0.45 * size, randomInteger(random, 3, 6), { clockwise: true })],
    };
  }
  const other: LocalPoint = [centre[0] + 2.5 * size, centre[1] + (random() - 0.5) * size];
  return {
    type: 'MultiPolygon',
    coordinates: [[createStarRing(random, centre, size, randomInteger(random, 3, 8))], [createTurnedRectangleRing(other, size, size, random() * 90)]],
  };
}

/** An axis-aligned rectangle ring on local metres (counter-clockwise unless `clockwise`). */
export function createGridRectangleRing(west: number, south: number, east: number, north: number, clockwise = false): Position[] {
  const corners: LocalPoint[] = [[west, south], [east, south], [east, north], [west, north]];
  return createRing(clockwise ? corners.reverse() : corners);
}

/**
 * A concave zone on a 10 m grid (a 100 m square with a notch and a slot), optionally with a
 * 10 m × 20 m hole: grid-snapped violations share its edges and vertices exactly.
 */
export function createGridZoneGeometry(withHole: boolean): Polygon {
  const shell = createRing([[0, 0], [100, 0], [100, 40], [70, 40], [70, 70], [100, 70], [100, 100], [40, 100], [40, 60], [20, 60], [20, 100], [0, 100]]);
  return { type: 'Polygon', coordinates: withHole ? [shell, createGridRectangleRing(50, 10, 60, 30, true)] : [shell] };
}

/**
 * A violation snapped to the 10 m grid (sometimes 5 m): rectangles, rectangles with a hole, two
 * parts sharing an edge, and L-shapes — touching, overlapping and sharing the zone's edges.
 */
export function createGridViolationGeometry(random: Random): Polygon | MultiPolygon {
  const west = randomInteger(random, -2, 11) * 10;
  const south = randomInteger(random, -2, 11) * 10;
  const east = west + randomInteger(random, 1, 5) * 10;
  const north = south + randomInteger(random, 1, 5) * 10;
  const kind = random();
  if (kind < 0.35) return { type: 'Polygon', coordinates: [createGridRectangleRing(west, south, east, north, random() < 0.5)] };
  if (kind < 0.6) return { type: 'Polygon', coordinates: [createGridRectangleRing(west, south, east + 20, north + 20), createGridRectangleRing(west + 10, south + 10, east + 10, north + 10, true)] };
  if (kind < 0.8) return { type: 'MultiPolygon', coordinates: [[createGridRectangleRing(west, south, east, north)], [createGridRectangleRing(east, south, east + 10, north)]] };
  const middle = (south + north) / 2;
  return { type: 'Polygon', coordinates: [createRing([[west, south], [east, south], [east, middle], [west + 5, middle], [west + 5, north], [west, north]])] };
}
