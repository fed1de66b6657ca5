import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ringSignedAreaSquareMeters } from './ellipsoidal-area';
import { normaliseZonePolygon, normaliseZoneRing, ringVertices } from './normalise-zone-polygon';
import { createRectangleRing } from './test-fixtures';

function createSquare(): Position[] {
  return [[120.4, 27.5], [120.401, 27.5], [120.401, 27.501], [120.4, 27.501], [120.4, 27.5]];
}

describe('normaliseZonePolygon', () => {
  it('keeps a closed counter-clockwise square at 7 decimals unchanged', () => {
    const square: Polygon = { type: 'Polygon', coordinates: [createSquare()] };
    expect(normaliseZonePolygon(square)).toEqual(square);
  });

  it('rounds to 7 decimals, closes the ring and drops repeated vertices, also those equal only after rounding', () => {
    const ring: Position[] = [[120.40000001, 27.5], [120.4, 27.50000002], [120.401, 27.5], [120.401, 27.5], [120.401, 27.501], [120.4, 27.501]];
    expect(normaliseZonePolygon({ type: 'Polygon', coordinates: [ring] }).coordinates).toEqual([createSquare()]);
  });

  it('turns a clockwise outer ring counter-clockwise and a counter-clockwise hole clockwise', () => {
    const outer = createRectangleRing(0, 0, 100, 100).reverse();
    const hole = createRectangleRing(40, 40, 60, 60);
    const result = normaliseZonePolygon({ type: 'Polygon', coordinates: [outer, hole] });
    expect(ringSignedAreaSquareMeters(result.coordinates[0] as Position[])).toBeGreaterThan(0);
    expect(ringSignedAreaSquareMeters(result.coordinates[1] as Position[])).toBeLessThan(0);
  });

  it('does not change its input', () => {
    const ring = createSquare().reverse();
    const copy = JSON.parse(JSON.stringify(ring));
    normaliseZoneRing(ring);
    expect(ring).toEqual(copy);
  });

  it('ringVertices gives the distinct vertices without the closing position', () => {
    expect(ringVertices(createSquare())).toEqual(createSquare().slice(0, 4));
    expect(ringVertices(createSquare().slice(0, 4))).toEqual(createSquare().slice(0, 4));
  });
});
