import { feature, featureCollection, intersect } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { measureOverlap } from './clip-area';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { prepareArea } from './prepared-area';
import { createRectangleRing, createRing, createRotatedRing, type LocalPoint } from './test-fixtures';

/** A 200-vertex star around (0, 0): radii alternate 300 m / 270 m, so the boundary is a row of teeth. */
function createToothedZone(): Polygon {
  const points: LocalPoint[] = [];
  for (let i = 0; i < 200; i++) {
    const angle = (2 * Math.PI * i) / 200;
    const radius = i % 2 === 0 ? 300 : 270;
    points.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
  }
  return { type: 'Polygon', coordinates: [createRing(points)] };
}

/** Buildings across the toothed boundary; the wide ones span several teeth. */
function createBoundaryBuildings(): Polygon[] {
  const shapes: [LocalPoint[], number][] = [
    [[[270, -5], [310, -5], [310, 5], [270, 5]], 0],
    [[[250, -40], [320, -40], [320, 40], [250, 40]], 17],
    [[[260, -3], [290, -3], [290, 3], [260, 3]], 123],
    [[[200, -60], [290, -60], [290, 60], [200, 60]], 251],
  ];
  return shapes.map(([points, degrees]) => ({ type: 'Polygon', coordinates: [createRotatedRing(points, degrees, [0, 0])] }));
}

describe('measureOverlap', () => {
  it('cuts a large zone locally without changing the clipped area', () => {
    const zone = createToothedZone();
    const area = prepareArea(zone);
    expect(area.edges.length / 4).toBeGreaterThan(64);
    for (const building of createBoundaryBuildings()) {
      const direct = ellipsoidalAreaSquareMeters(intersect(featureCollection([feature(building), feature(zone)])));
      const overlap = measureOverlap(area, building);
      expect(overlap.coverage).toBe('partly');
      expect(Math.abs(overlap.insideAreaSquareMeters - direct) / direct).toBeLessThan(1e-9);
    }
  });

  it('treats a building touching the zone from outside as outside', () => {
    const area = prepareArea({ type: 'Polygon', coordinates: [createRectangleRing(0, 0, 100, 100)] });
    const alongEdge: Polygon = { type: 'Polygon', coordinates: [createRectangleRing(100, 20, 120, 40)] };
    const atCorner: Polygon = { type: 'Polygon', coordinates: [createRectangleRing(100, 100, 110, 110)] };
    for (const building of [alongEdge, atCorner]) {
      expect(measureOverlap(area, building)).toMatchObject({ coverage: 'outside', insideAreaSquareMeters: 0 });
    }
  });

  it('reports the whole area of a building inside, and 0 for an empty geometry', () => {
    const area = prepareArea({ type: 'Polygon', coordinates: [createRectangleRing(0, 0, 100, 100)] });
    const building: Polygon = { type: 'Polygon', coordinates: [createRectangleRing(10, 10, 30, 25)] };
    expect(measureOverlap(area, building)).toEqual({
      coverage: 'wholly',
      insideAreaSquareMeters: ellipsoidalAreaSquareMeters(building),
      featureAreaSquareMeters: ellipsoidalAreaSquareMeters(building),
    });
    const empty: Polygon = { type: 'Polygon', coordinates: [] };
    expect(measureOverlap(area, empty)).toEqual({ coverage: 'outside', insideAreaSquareMeters: 0, featureAreaSquareMeters: 0 });
  });

  it('respects the tolerance: a 0.5 m² overhang is partly inside by default, wholly inside at 1 m²', () => {
    const area = prepareArea({ type: 'Polygon', coordinates: [createRectangleRing(0, 0, 100, 100)] });
    const overhang: Polygon = { type: 'Polygon', coordinates: [createRectangleRing(50, 80, 60, 100.05)] };
    expect(measureOverlap(area, overhang).coverage).toBe('partly');
    expect(measureOverlap(area, overhang, { toleranceSquareMeters: 1 }).coverage).toBe('wholly');
  });

  it('handles a zone lying inside a building', () => {
    const small: Position[] = createRectangleRing(40, 40, 45, 45);
    const area = prepareArea({ type: 'Polygon', coordinates: [small] });
    const building: Polygon = { type: 'Polygon', coordinates: [createRectangleRing(30, 30, 60, 60)] };
    const overlap = measureOverlap(area, building);
    expect(overlap.coverage).toBe('partly');
    expect(overlap.insideAreaSquareMeters).toBeCloseTo(area.areaSquareMeters, 6);
  });
});
