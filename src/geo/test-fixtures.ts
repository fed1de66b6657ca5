/**
 * Fixture builders for the tests of `geo/`: zones and violations laid out in local metres around
 * 27.5°N 120.4°E. Every call returns fresh objects (no shared mutable fixtures). Test-only.
 */
import type { Polygon, Position } from 'geojson';
import type { Violation, Zone } from '../domain/records';
import type { StatusDates, ViolationStatus } from '../domain/violation-status';

export const FIXTURE_ORIGIN: Position = [120.4, 27.5];
const METERS_PER_DEGREE_LATITUDE = 110_800;
const METERS_PER_DEGREE_LONGITUDE = 111_320 * Math.cos((27.5 * Math.PI) / 180);

/** Local east/north offsets in metres from {@link FIXTURE_ORIGIN}. */
export type LocalPoint = readonly [east: number, north: number];

export function toPosition([east, north]: LocalPoint): Position {
  return [
    (FIXTURE_ORIGIN[0] as number) + east / METERS_PER_DEGREE_LONGITUDE,
    (FIXTURE_ORIGIN[1] as number) + north / METERS_PER_DEGREE_LATITUDE,
  ];
}

/** A closed ring through the local points (the first point is repeated at the end). */
export function createRing(points: readonly LocalPoint[]): Position[] {
  const ring = points.map(toPosition);
  return [...ring, ring[0] as Position];
}

/** A counter-clockwise rectangle ring between two local corners. */
export function createRectangleRing(west: number, south: number, east: number, north: number): Position[] {
  return createRing([[west, south], [east, south], [east, north], [west, north]]);
}

/** The ring turned by `degrees` counter-clockwise about the local point `pivot`. */
export function createRotatedRing(points: readonly LocalPoint[], degrees: number, pivot: LocalPoint): Position[] {
  const angle = (degrees * Math.PI) / 180;
  return createRing(
    points.map(([east, north]): LocalPoint => {
      const dx = east - pivot[0];
      const dy = north - pivot[1];
      return [pivot[0] + dx * Math.cos(angle) - dy * Math.sin(angle), pivot[1] + dx * Math.sin(angle) + dy * Math.cos(angle)];
    }),
  );
}

export function createZone(id: string, rings: Position[][]): Zone {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: rings },
    properties: {
      name: `区块 ${id}`,
      zoneType: '城中村改造',
      townshipId: 'township-1',
      responsibleUnit: '城建办',
      plannedStart: '2025-01-01',
      plannedFinish: '2025-12-31',
      targetDemolitionSquareMeters: 5000,
    },
  };
}

export interface ViolationFixtureOptions {
  status?: ViolationStatus;
  statusDates?: StatusDates;
}

/** A violation with a Polygon (one ring list) or MultiPolygon (a list of ring lists) footprint. */
export function createViolation(id: string, rings: Position[][] | Position[][][], options: ViolationFixtureOptions = {}): Violation {
  const isMulti = Array.isArray(rings[0]?.[0]?.[0]);
  const geometry = isMulti
    ? { type: 'MultiPolygon' as const, coordinates: rings as Position[][][] }
    : ({ type: 'Polygon' as const, coordinates: rings as Position[][] } satisfies Polygon);
  return {
    type: 'Feature',
    id,
    geometry,
    properties: {
      code: `WJ-${id}`,
      buildingType: '住宅',
      townshipId: 'township-1',
      villageId: 'village-1',
      yearBuilt: 2019,
      ownerType: '个人',
      ownerName: '张三',
      areaSquareMeters: 0,
      status: options.status ?? '认定',
      statusDates: options.statusDates ?? { 发现: '2025-01-10', 认定: '2025-02-01' },
      origin: '存量',
      disposalClass: '拆除',
    },
  };
}

/** Two 100 m × 100 m zones side by side, sharing the edge east = 100 exactly. */
export function createAdjacentZones(): [Zone, Zone] {
  return [createZone('zone-west', [createRectangleRing(0, 0, 100, 100)]), createZone('zone-east', [createRectangleRing(100, 0, 200, 100)])];
}
