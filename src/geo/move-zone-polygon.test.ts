import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { moveZonePolygon } from './move-zone-polygon';
import { normaliseZonePolygon } from './normalise-zone-polygon';
import { createRectangleRing, toPosition } from './test-fixtures';

function createSquare(): Polygon {
  return normaliseZonePolygon({ type: 'Polygon', coordinates: [createRectangleRing(0, 0, 100, 100)] });
}

describe('moveZonePolygon', () => {
  it('shifts every vertex by the drag offset, in stored form', () => {
    const square = createSquare();
    const result = moveZonePolygon(square, toPosition([10, 10]), toPosition([60, 30]));
    if (!result.ok) throw new Error(result.reason);
    const moved = result.value.coordinates[0] as Position[];
    const original = square.coordinates[0] as Position[];
    moved.forEach((position, index) => {
      const before = original[index] as Position;
      expect(position[0]).toBeCloseTo((before[0] as number) + 50 / (111_320 * Math.cos((27.5 * Math.PI) / 180)), 7);
      expect(position[1]).toBeCloseTo((before[1] as number) + 20 / 110_800, 7);
      expect(Math.round((position[0] as number) * 1e7) / 1e7).toBe(position[0]);
    });
  });

  it('keeps the area to within the latitude effect', () => {
    const square = createSquare();
    const result = moveZonePolygon(square, toPosition([0, 0]), toPosition([30, 40]));
    if (!result.ok) throw new Error(result.reason);
    const before = ellipsoidalAreaSquareMeters(square);
    expect(Math.abs(ellipsoidalAreaSquareMeters(result.value) - before) / before).toBeLessThan(1e-5);
  });

  it('a move by nothing returns the same polygon', () => {
    const square = createSquare();
    expect(moveZonePolygon(square, toPosition([5, 5]), toPosition([5, 5]))).toEqual({ ok: true, value: square });
  });
});
