import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { createRectangleRing, createZone } from './test-fixtures';
import { measureZoneOverlaps } from './zone-overlap';

describe('measureZoneOverlaps', () => {
  it('measures the overlapping part of each other zone and skips the zone itself', () => {
    const zone = createZone('zone-a', [createRectangleRing(0, 0, 100, 100)]);
    const overlapping = createZone('zone-b', [createRectangleRing(60, 0, 160, 100)]);
    const adjacent = createZone('zone-c', [createRectangleRing(-100, 0, 0, 100)]);
    const far = createZone('zone-d', [createRectangleRing(500, 0, 600, 100)]);
    const result = measureZoneOverlaps('zone-a', zone.geometry, [zone, overlapping, adjacent, far]);
    const expected = ellipsoidalAreaSquareMeters({ type: 'Polygon', coordinates: [createRectangleRing(60, 0, 100, 100)] });
    expect(result.overlaps.map((entry) => entry.zoneId)).toEqual(['zone-b']);
    expect(result.overlaps[0]?.areaSquareMeters).toBeCloseTo(expected, 3);
    expect(result.totalAreaSquareMeters).toBeCloseTo(expected, 3);
  });

  it('is empty with no other zones', () => {
    const zone = createZone('zone-a', [createRectangleRing(0, 0, 100, 100)]);
    expect(measureZoneOverlaps('zone-a', zone.geometry, [])).toEqual({ overlaps: [], totalAreaSquareMeters: 0 });
  });
});
