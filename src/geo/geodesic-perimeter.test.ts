import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { CGCS2000_SEMI_MAJOR_AXIS_METERS } from './ellipsoidal-area';
import { geodesicDistanceMeters, geodesicPerimeterMeters, pathLengthMeters } from './geodesic-perimeter';
import { createRectangleRing } from './test-fixtures';

describe('geodesic lengths on CGCS2000', () => {
  it('one degree along the equator is a·π/180', () => {
    expect(geodesicDistanceMeters([120, 0], [121, 0])).toBeCloseTo((CGCS2000_SEMI_MAJOR_AXIS_METERS * Math.PI) / 180, 6);
  });

  it('a 100 m square near 27.5°N has a perimeter of about 400 m (within 0.5 % of turf’s sphere)', () => {
    const square = { type: 'Polygon' as const, coordinates: [createRectangleRing(0, 0, 100, 100)] };
    const perimeter = geodesicPerimeterMeters(square);
    expect(perimeter).toBeGreaterThan(398);
    expect(perimeter).toBeLessThan(402);
    const spherical = turf.length(turf.lineString(square.coordinates[0] ?? []), { units: 'meters' });
    expect(Math.abs(perimeter - spherical) / spherical).toBeLessThan(0.005);
  });

  it('a line, a ring and nothing', () => {
    expect(pathLengthMeters([])).toBe(0);
    expect(pathLengthMeters([[120, 27]])).toBe(0);
    expect(geodesicPerimeterMeters({ type: 'LineString', coordinates: [[120, 0], [121, 0]] })).toBeCloseTo(geodesicDistanceMeters([120, 0], [121, 0]), 9);
  });
});
