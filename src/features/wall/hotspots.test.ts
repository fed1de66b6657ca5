import * as turf from '@turf/turf';
import { describe, expect, test } from 'vitest';
import sample from '../../../data/sample-county.json';
import type { Violation } from '../../domain/records';
import { isDisposed } from '../../domain/violation-status';
import type { ProjectRecords } from '../../state/project-state';
import { packedGeometryOf } from '../../geo/lazy-geometry';
import { packRecords, unpackRecords } from '../../workers/record-packing';
import { binRemainingViolations, distanceMeters, expandBounds, pickHotspots, representativePoint } from './hotspots';

const OPTIONS = { radiusMeters: 500, referenceLatitude: 27 };

function createViolations(): Violation[] {
  return structuredClone((sample as unknown as ProjectRecords).violations);
}

function square(id: string, longitude: number, latitude: number, areaSquareMeters: number, status: Violation['properties']['status'] = '认定'): Violation {
  const d = 0.0001;
  return {
    type: 'Feature', id,
    geometry: { type: 'Polygon', coordinates: [[[longitude, latitude], [longitude + d, latitude], [longitude + d, latitude + d], [longitude, latitude + d], [longitude, latitude]]] },
    properties: {
      code: id, buildingType: '住宅', townshipId: 't1', villageId: 'v1', yearBuilt: 2020, ownerType: '个人', ownerName: '某', areaSquareMeters,
      status, statusDates: {}, origin: '存量', disposalClass: '拆除',
    },
  };
}

describe('binRemainingViolations', () => {
  test('the cells add up to the remaining count and area', () => {
    const violations = createViolations();
    const cells = binRemainingViolations(violations, OPTIONS);
    const remaining = violations.filter((violation) => !isDisposed(violation.properties.status));
    expect(cells.reduce((sum, cell) => sum + cell.remainingCount, 0)).toBe(remaining.length);
    expect(cells.reduce((sum, cell) => sum + cell.remainingAreaSquareMeters, 0)).toBeCloseTo(remaining.reduce((sum, v) => sum + v.properties.areaSquareMeters, 0), 6);
    for (let index = 1; index < cells.length; index++) expect(cells[index - 1]!.remainingAreaSquareMeters).toBeGreaterThanOrEqual(cells[index]!.remainingAreaSquareMeters);
  });

  test('each violation lies in the hexagon of its cell, and the hexagon is about the nominal size', () => {
    const violations = createViolations().filter((violation) => !isDisposed(violation.properties.status)).slice(0, 200);
    const cells = binRemainingViolations(violations, OPTIONS);
    for (const violation of violations) {
      const point = representativePoint(violation)!;
      const containing = cells.filter((cell) => turf.booleanPointInPolygon(point, turf.polygon([cell.ring])));
      expect(containing.length).toBeGreaterThanOrEqual(1);
    }
    const cell = cells[0]!;
    // A regular hexagon of radius r has area 3√3/2 r²; 27.5°N vs the 27° reference: ~1 % larger.
    expect(turf.area(turf.polygon([cell.ring])) / ((3 * Math.sqrt(3)) / 2 * 500 ** 2)).toBeCloseTo(1, 1);
  });

  test('violations whose footprints are still packed (an import) bin the same, and none is built', () => {
    const violations = createViolations();
    const lazy = unpackRecords(packRecords(violations).packed, { lazyGeometry: true });
    expect(lazy.map(representativePoint)).toEqual(violations.map(representativePoint));
    expect(binRemainingViolations(lazy, OPTIONS)).toEqual(binRemainingViolations(violations, OPTIONS));
    expect(lazy.every((violation) => packedGeometryOf(violation) !== null)).toBe(true);
  });

  test('disposed violations are not hotspots; empty input gives no cells', () => {
    expect(binRemainingViolations([square('a', 120.4, 27.5, 100, '已拆除'), square('b', 120.4, 27.5, 100, '销号')], OPTIONS)).toEqual([]);
    expect(binRemainingViolations([], OPTIONS)).toEqual([]);
    expect(() => binRemainingViolations([], { ...OPTIONS, radiusMeters: 0 })).toThrow(RangeError);
  });

  test('cells keep their ids when a violation elsewhere is removed (the tour does not jump)', () => {
    const far = square('far', 121.5, 28.5, 10_000);
    const near = [square('n1', 120.4, 27.5, 300), square('n2', 120.40005, 27.50005, 200, '发现')];
    const before = binRemainingViolations([...near, far], OPTIONS);
    const after = binRemainingViolations(near, OPTIONS);
    expect(after.map((cell) => cell.id)).toEqual(before.filter((cell) => cell.remainingCount === 2).map((cell) => cell.id));
    expect(after[0]).toMatchObject({ remainingCount: 2, remainingAreaSquareMeters: 500, countByStatus: { 认定: 1, 发现: 1 }, townshipId: 't1', villageId: 'v1' });
  });
});

describe('pickHotspots', () => {
  test('takes the largest cells at least the spacing apart', () => {
    const cells = binRemainingViolations(createViolations(), OPTIONS);
    const picked = pickHotspots(cells, 6, 2500);
    expect(picked.length).toBe(6);
    expect(picked[0]).toBe(cells[0]);
    for (const [index, a] of picked.entries()) for (const b of picked.slice(index + 1)) expect(distanceMeters(a.center, b.center)).toBeGreaterThanOrEqual(2500);
    expect(pickHotspots([], 6, 2500)).toEqual([]);
  });
});

test('expandBounds grows a box by metres on every side', () => {
  const box = expandBounds([120, 27.5, 120.01, 27.51], 1000);
  expect(distanceMeters([box[0], 27.505], [120, 27.505])).toBeCloseTo(1000, -1);
  expect(distanceMeters([120, box[1]], [120, 27.5])).toBeCloseTo(1000, -1);
});
