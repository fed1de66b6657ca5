import * as turf from '@turf/turf';
import geodesic from 'geographiclib-geodesic';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  CGCS2000_FLATTENING,
  CGCS2000_SEMI_MAJOR_AXIS_METERS,
  ellipsoidalAreaSquareMeters,
  ringSignedAreaSquareMeters,
} from './ellipsoidal-area';

const { Geodesic, PolygonArea } = geodesic as any;
const GRS80 = new Geodesic.Geodesic(CGCS2000_SEMI_MAJOR_AXIS_METERS, CGCS2000_FLATTENING);

const ORIGIN: Position = [120.4, 27.5];
const METERS_PER_DEGREE_LATITUDE = 110_800;
const METERS_PER_DEGREE_LONGITUDE = 111_320 * Math.cos((27.5 * Math.PI) / 180);

/** GeographicLib's area of one ring (geodesic edges), m², unsigned. */
function geographicLibRingArea(ring: readonly Position[]): number {
  const polygon = new PolygonArea.PolygonArea(GRS80, false);
  ring.slice(0, -1).forEach(([longitude, latitude]) => polygon.AddPoint(latitude, longitude));
  return Math.abs(polygon.Compute(false, true).area as number);
}

function geographicLibPolygonArea(rings: readonly Position[][]): number {
  return rings.reduce((sum, ring, index) => sum + (index === 0 ? 1 : -1) * geographicLibRingArea(ring), 0);
}

function geographicLibArea(geometry: Polygon | MultiPolygon): number {
  if (geometry.type === 'Polygon') return geographicLibPolygonArea(geometry.coordinates);
  return geometry.coordinates.reduce((sum, polygon) => sum + geographicLibPolygonArea(polygon), 0);
}

function relativeDifference(actual: number, expected: number): number {
  return Math.abs(actual - expected) / expected;
}

/** A closed ring from local east/north offsets in metres, rotated and placed at `origin`. */
function createRing(offsetsMeters: readonly [number, number][], rotationDegrees = 0, origin = ORIGIN): Position[] {
  const angle = (rotationDegrees * Math.PI) / 180;
  const ring = offsetsMeters.map(([east, north]): Position => {
    const rotatedEast = east * Math.cos(angle) - north * Math.sin(angle);
    const rotatedNorth = east * Math.sin(angle) + north * Math.cos(angle);
    return [
      (origin[0] as number) + rotatedEast / METERS_PER_DEGREE_LONGITUDE,
      (origin[1] as number) + rotatedNorth / METERS_PER_DEGREE_LATITUDE,
    ];
  });
  return [...ring, ring[0] as Position];
}

function createRectangle(widthMeters: number, heightMeters: number, rotationDegrees: number): Polygon {
  const offsets: [number, number][] = [[0, 0], [widthMeters, 0], [widthMeters, heightMeters], [0, heightMeters]];
  return { type: 'Polygon', coordinates: [createRing(offsets, rotationDegrees)] };
}

/** An L-shaped (concave) building: a `size`-metre square with its north-east quarter removed. */
function createLShape(sizeMeters: number, rotationDegrees: number): Polygon {
  const half = sizeMeters / 2;
  const offsets: [number, number][] = [
    [0, 0], [sizeMeters, 0], [sizeMeters, half], [half, half], [half, sizeMeters], [0, sizeMeters],
  ];
  return { type: 'Polygon', coordinates: [createRing(offsets, rotationDegrees)] };
}

/** A courtyard building: 40 m × 30 m with a 12 m × 8 m courtyard (a hole, clockwise). */
function createCourtyardBuilding(): Polygon {
  const outer = createRing([[0, 0], [40, 0], [40, 30], [0, 30]], 17);
  const hole = createRing([[10, 10], [10, 18], [22, 18], [22, 10]], 17);
  return { type: 'Polygon', coordinates: [outer, hole] };
}

/** An irregular zone of roughly 1 km² with edges up to ~1.3 km. */
function createZone(): Polygon {
  const offsets: [number, number][] = [[0, 0], [1150, -80], [1230, 640], [820, 1010], [240, 1120], [-90, 560]];
  return { type: 'Polygon', coordinates: [createRing(offsets, 8)] };
}

function createMultiPolygon(): MultiPolygon {
  const east: Position = [120.41, 27.503];
  return {
    type: 'MultiPolygon',
    coordinates: [
      createLShape(35, 63).coordinates,
      [createRing([[0, 0], [18, 0], [18, 11], [0, 11]], -24, east)],
      createCourtyardBuilding().coordinates,
    ],
  };
}

function reversed(polygon: Polygon): Polygon {
  return { type: 'Polygon', coordinates: polygon.coordinates.map((ring) => [...ring].reverse()) };
}

describe('ellipsoidalAreaSquareMeters against GeographicLib (GRS80)', () => {
  const buildings: [string, Polygon][] = [
    ['10 m² rectangle, rotated 33°', createRectangle(4, 2.5, 33)],
    ['120 m² rectangle, rotated 71°', createRectangle(12, 10, 71)],
    ['3000 m² factory, rotated 45°', createRectangle(75, 40, 45)],
    ['L-shape 24 m, rotated 12°', createLShape(24, 12)],
    ['L-shape 60 m, rotated 130°', createLShape(60, 130)],
    ['courtyard building with a hole', createCourtyardBuilding()],
  ];
  it.each(buildings)('matches to 1e-6 relative: %s', (_name, polygon) => {
    const expected = geographicLibArea(polygon);
    expect(relativeDifference(ellipsoidalAreaSquareMeters(polygon), expected)).toBeLessThan(1e-6);
  });

  it('subtracts the hole', () => {
    const building = createCourtyardBuilding();
    const shellOnly: Polygon = { type: 'Polygon', coordinates: [building.coordinates[0] as Position[]] };
    const holeArea = ellipsoidalAreaSquareMeters(shellOnly) - ellipsoidalAreaSquareMeters(building);
    expect(holeArea).toBeCloseTo(96, 0);
  });

  it('matches a ~1 km² zone to 1e-6 relative', () => {
    const zone = createZone();
    const expected = geographicLibArea(zone);
    expect(expected).toBeGreaterThan(0.9e6);
    expect(relativeDifference(ellipsoidalAreaSquareMeters(zone), expected)).toBeLessThan(1e-6);
  });

  it('matches a 10 km triangle with a long east–west edge to 1e-6 relative', () => {
    const triangle: Polygon = { type: 'Polygon', coordinates: [createRing([[0, 0], [10_000, 10_000], [0, 10_000]])] };
    const expected = geographicLibArea(triangle);
    expect(relativeDifference(ellipsoidalAreaSquareMeters(triangle), expected)).toBeLessThan(1e-6);
  });

  it('matches a MultiPolygon to 1e-6 relative and sums its members', () => {
    const multiPolygon = createMultiPolygon();
    const area = ellipsoidalAreaSquareMeters(multiPolygon);
    expect(relativeDifference(area, geographicLibArea(multiPolygon))).toBeLessThan(1e-6);
    const memberSum = multiPolygon.coordinates
      .map((coordinates): Polygon => ({ type: 'Polygon', coordinates }))
      .reduce((sum, polygon) => sum + ellipsoidalAreaSquareMeters(polygon), 0);
    expect(relativeDifference(area, memberSum)).toBeLessThan(1e-12);
  });
});

describe('orientation', () => {
  it('gives the same area for clockwise and counter-clockwise rings', () => {
    for (const polygon of [createLShape(24, 12), createCourtyardBuilding(), createZone()]) {
      const area = ellipsoidalAreaSquareMeters(polygon);
      expect(relativeDifference(ellipsoidalAreaSquareMeters(reversed(polygon)), area)).toBeLessThan(1e-10);
    }
  });

  it('signs ring areas positive counter-clockwise and negative clockwise', () => {
    const ring = createRectangle(20, 10, 0).coordinates[0] as Position[];
    expect(ringSignedAreaSquareMeters(ring)).toBeGreaterThan(0);
    const area = ringSignedAreaSquareMeters(ring);
    expect(relativeDifference(-ringSignedAreaSquareMeters([...ring].reverse()), area)).toBeLessThan(1e-10);
  });
});

describe('against turf.area', () => {
  it('turf.area (spherical) is 0.1–0.25 % larger at 27.5°N', () => {
    const zone = createZone();
    const relative = (turf.area(zone) - ellipsoidalAreaSquareMeters(zone)) / ellipsoidalAreaSquareMeters(zone);
    expect(relative).toBeGreaterThan(0.001);
    expect(relative).toBeLessThan(0.0025);
  });
});

describe('degenerate input', () => {
  it('is 0 for null, points, lines, empty and too-short rings', () => {
    const inputs: (Geometry | null)[] = [
      null,
      { type: 'Point', coordinates: [120.4, 27.5] },
      { type: 'LineString', coordinates: [[120.4, 27.5], [120.5, 27.5]] },
      { type: 'Polygon', coordinates: [] },
      { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.5, 27.5], [120.4, 27.5]]] },
      { type: 'MultiPolygon', coordinates: [] },
    ];
    for (const input of inputs) expect(ellipsoidalAreaSquareMeters(input)).toBe(0);
  });

  it('reads the geometry of a feature and sums a GeometryCollection', () => {
    const building = createRectangle(12, 10, 71);
    const feature = turf.feature(building);
    expect(ellipsoidalAreaSquareMeters(feature)).toBe(ellipsoidalAreaSquareMeters(building));
    const collection: Geometry = { type: 'GeometryCollection', geometries: [building, building] };
    expect(ellipsoidalAreaSquareMeters(collection)).toBe(2 * ellipsoidalAreaSquareMeters(building));
  });
});
