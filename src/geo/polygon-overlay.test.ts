import { feature, featureCollection, intersect } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { measureOverlap, measureOverlapByClipping } from './clip-area';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import {
  createGridRectangleRing,
  createGridViolationGeometry,
  createGridZoneGeometry,
  createRandom,
  createRandomViolationGeometry,
  createRandomZoneGeometry,
  createStarRing,
} from './overlay-test-shapes';
import { type InsideArea, overlayInsideAreaSquareMeters, prepareOverlayContainer } from './polygon-overlay';
import { prepareArea } from './prepared-area';
import { orientation } from './robust-orientation';
import { geometryBoundingBox } from './spatial-index';
import { createRing, type LocalPoint } from './test-fixtures';

/** The overlay's area of `violation` inside `zone` ('all-inside' resolved to the violation's area). */
function overlayArea(zone: Polygon | MultiPolygon, violation: Polygon | MultiPolygon): InsideArea {
  const inside = overlayInsideAreaSquareMeters(prepareOverlayContainer(zone), violation, geometryBoundingBox(violation));
  return inside === 'all-inside' ? ellipsoidalAreaSquareMeters(violation) : inside;
}

/** The oracle: the ellipsoidal area of Turf's clipped polygon. */
function turfArea(zone: Polygon | MultiPolygon, violation: Polygon | MultiPolygon): number {
  return ellipsoidalAreaSquareMeters(intersect(featureCollection([feature(violation), feature(zone)])));
}

/** Within 1e-6 relative or 1e-4 m² absolute. */
function expectAgreement(actual: InsideArea, expected: number, context: () => string): void {
  expect(typeof actual, context()).toBe('number');
  const difference = Math.abs((actual as number) - expected);
  expect(difference <= 1e-4 || difference <= 1e-6 * Math.abs(expected), `${context()}: ${actual} vs ${expected}`).toBe(true);
}

function reverseRings(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => [...ring].reverse()) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((rings) => rings.map((ring) => [...ring].reverse())) };
}

describe('overlayInsideAreaSquareMeters against turf.intersect', () => {
  it('agrees on 400 random concave zones (half with a hole) and buildings (holes, two parts), both ring orientations', () => {
    const random = createRandom(20261121);
    for (let trial = 0; trial < 400; trial++) {
      const zone = createRandomZoneGeometry(random);
      const violation = createRandomViolationGeometry(random);
      const oriented = random() < 0.5 ? reverseRings(violation) : violation;
      expectAgreement(overlayArea(zone, oriented), turfArea(zone, violation), () => `trial ${trial}: ${JSON.stringify({ zone, violation })}`);
    }
  }, 60_000);

  it('agrees where grid-snapped buildings share edges, vertices and collinear stretches with a concave zone and its hole', () => {
    const random = createRandom(330327);
    for (let trial = 0; trial < 400; trial++) {
      const zone = createGridZoneGeometry(random() < 0.5);
      const violation = createGridViolationGeometry(random);
      expectAgreement(overlayArea(zone, violation), turfArea(zone, violation), () => `trial ${trial}: ${JSON.stringify(violation)}`);
    }
  }, 60_000);

  it('agrees with a zone of 200 edges (found through its R-tree) for buildings across its teeth', () => {
    const random = createRandom(7);
    const points: LocalPoint[] = Array.from({ length: 200 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 200;
      const radius = i % 2 === 0 ? 300 : 270;
      return [radius * Math.cos(angle), radius * Math.sin(angle)];
    });
    const zone: Polygon = { type: 'Polygon', coordinates: [createRing(points)] };
    for (let trial = 0; trial < 60; trial++) {
      const angle = random() * 2 * Math.PI;
      const violation: Polygon = { type: 'Polygon', coordinates: [createStarRing(random, [285 * Math.cos(angle), 285 * Math.sin(angle)], 5 + 40 * random(), 7)] };
      expectAgreement(overlayArea(zone, violation), turfArea(zone, violation), () => `trial ${trial}`);
    }
  }, 60_000);
});

describe('overlayInsideAreaSquareMeters on degenerate contact', () => {
  const square: Polygon = { type: 'Polygon', coordinates: [createGridRectangleRing(0, 0, 100, 100)] };

  it('is 0 for a building touching the zone from outside along an edge or at a corner', () => {
    expect(overlayArea(square, { type: 'Polygon', coordinates: [createGridRectangleRing(100, 20, 120, 40)] })).toBeCloseTo(0, 9);
    expect(overlayArea(square, { type: 'Polygon', coordinates: [createGridRectangleRing(100, 100, 110, 110)] })).toBeCloseTo(0, 9);
  });

  it('is the whole building for one inside along an edge, and the whole zone for an identical building', () => {
    const alongEdge: Polygon = { type: 'Polygon', coordinates: [createGridRectangleRing(80, 10, 100, 30)] };
    expect(overlayArea(square, alongEdge)).toBeCloseTo(ellipsoidalAreaSquareMeters(alongEdge), 6);
    expect(overlayArea(square, square)).toBeCloseTo(ellipsoidalAreaSquareMeters(square), 6);
    expect(overlayArea(square, reverseRings(square))).toBeCloseTo(ellipsoidalAreaSquareMeters(square), 6);
  });

  it('is the zone for a building around it, and 0 for a building filling its hole exactly', () => {
    const holed = createGridZoneGeometry(true);
    const around: Polygon = { type: 'Polygon', coordinates: [createGridRectangleRing(-10, -10, 110, 110)] };
    expect(overlayArea(holed, around)).toBeCloseTo(ellipsoidalAreaSquareMeters(holed), 5);
    expect(overlayArea(holed, { type: 'Polygon', coordinates: [createGridRectangleRing(50, 10, 60, 30)] })).toBeCloseTo(0, 9);
  });

  it('regression: a triangle inside a zone whose corner lies exactly on its long edge is wholly inside (turf.intersect splits that edge)', () => {
    const zone = createGridZoneGeometry(false);
    const triangle: Polygon = { type: 'Polygon', coordinates: [createRing([[40, 20], [100, 20], [40, 60]])] };
    const [, b, c] = triangle.coordinates[0] as [Position, Position, Position];
    const corner = (zone.coordinates[0] as Position[])[3] as Position;
    expect(orientation(b[0] as number, b[1] as number, c[0] as number, c[1] as number, corner[0] as number, corner[1] as number)).toBe(0);
    expect(Math.abs((overlayArea(zone, triangle) as number) - ellipsoidalAreaSquareMeters(triangle))).toBeLessThan(1e-6);
    const area = prepareArea(zone);
    expect(measureOverlap(area, triangle).coverage).toBe('wholly');
    // Turf puts a vertex at the corner; the two great-circle arcs enclose ~2e-3 m² less than one.
    expect(measureOverlapByClipping(area, triangle).coverage).toBe('partly');
  });
});

describe('overlayInsideAreaSquareMeters on geometry it cannot treat', () => {
  const zone = createGridZoneGeometry(false);
  const cases: [string, Polygon | MultiPolygon][] = [
    ['a bow-tie building', { type: 'Polygon', coordinates: [createRing([[90, 10], [110, 30], [110, 10], [90, 30]])] }],
    ['a hole outside its shell', { type: 'Polygon', coordinates: [createGridRectangleRing(90, 10, 110, 30), createGridRectangleRing(120, 10, 130, 20, true)] }],
    ['overlapping parts', { type: 'MultiPolygon', coordinates: [[createGridRectangleRing(90, 10, 110, 30)], [createGridRectangleRing(95, 15, 105, 25)]] }],
    ['a NaN coordinate', { type: 'Polygon', coordinates: [[...createGridRectangleRing(90, 10, 110, 30).slice(0, 2), [Number.NaN, 27.5], ...createGridRectangleRing(90, 10, 110, 30).slice(2)]] }],
  ];

  it.each(cases)('is undecided for %s, and measureOverlap falls back to turf.intersect', (_name, violation) => {
    expect(overlayInsideAreaSquareMeters(prepareOverlayContainer(zone), violation, geometryBoundingBox(violation))).toBe('undecided');
    const area = prepareArea(zone);
    expect(measureOverlap(area, violation)).toEqual(measureOverlapByClipping(area, violation));
  });

  it('is undecided for every feature near the edge of a self-crossing zone', () => {
    const bowTie: Polygon = { type: 'Polygon', coordinates: [createRing([[0, 0], [100, 100], [100, 0], [0, 100]])] };
    const violation: Polygon = { type: 'Polygon', coordinates: [createGridRectangleRing(40, 40, 60, 60)] };
    expect(prepareOverlayContainer(bowTie).valid).toBe(false);
    expect(overlayInsideAreaSquareMeters(prepareOverlayContainer(bowTie), violation, geometryBoundingBox(violation))).toBe('undecided');
  });

  it('is 0 for an empty building', () => {
    const empty: Polygon = { type: 'Polygon', coordinates: [] };
    expect(overlayInsideAreaSquareMeters(prepareOverlayContainer(zone), empty, geometryBoundingBox(empty))).toBe(0);
  });
});
