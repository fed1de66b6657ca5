import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { acceptZonePolygon, validateZonePolygon } from './validate-zone-polygon';
import { createRectangleRing, createRing, toPosition } from './test-fixtures';
import { ZONE_EDIT_REASONS } from './zone-edit-result';
import { normaliseZonePolygon } from './normalise-zone-polygon';
import { ringSignedAreaSquareMeters } from './ellipsoidal-area';

function polygonOf(ring: Position[]): Polygon {
  return normaliseZonePolygon({ type: 'Polygon', coordinates: [ring] });
}

describe('validateZonePolygon', () => {
  it('accepts a square', () => {
    const square = polygonOf(createRectangleRing(0, 0, 100, 100));
    expect(validateZonePolygon(square)).toEqual({ ok: true, value: square });
  });

  it('refuses a bow-tie and names the crossing point', () => {
    const bowTie: Polygon = { type: 'Polygon', coordinates: [createRing([[0, 0], [100, 100], [100, 0], [0, 100]])] };
    const result = validateZonePolygon(bowTie);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(ZONE_EDIT_REASONS.selfIntersection);
    const [longitude, latitude] = result.location as [number, number];
    const [expectedLongitude, expectedLatitude] = toPosition([50, 50]) as [number, number];
    expect(longitude).toBeCloseTo(expectedLongitude, 7);
    expect(latitude).toBeCloseTo(expectedLatitude, 7);
  });

  it('refuses a ring that touches itself at a vertex', () => {
    const touching = polygonOf(createRing([[0, 0], [100, 0], [100, 100], [50, 0], [0, 100]]));
    expect(validateZonePolygon(touching)).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.selfIntersection });
  });

  it('refuses fewer than 3 distinct vertices, collinear vertices, open rings and NaN', () => {
    const line: Polygon = { type: 'Polygon', coordinates: [createRing([[0, 0], [100, 0]])] };
    expect(validateZonePolygon(line)).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.tooFewVertices });
    const collinear = polygonOf(createRing([[0, 0], [50, 0], [100, 0]]));
    expect(validateZonePolygon(collinear)).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.zeroArea });
    const open: Polygon = { type: 'Polygon', coordinates: [createRectangleRing(0, 0, 10, 10).slice(0, -1)] };
    expect(validateZonePolygon(open)).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.ringNotClosed });
    const broken: Polygon = { type: 'Polygon', coordinates: [[[Number.NaN, 27.5], [120.4, 27.5], [120.4, 27.6], [Number.NaN, 27.5]]] };
    expect(validateZonePolygon(broken)).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.nonFinite });
  });
});

describe('acceptZonePolygon', () => {
  it('returns the stored form of a valid polygon given open and clockwise', () => {
    const clockwiseOpen = createRectangleRing(0, 0, 100, 100).slice(0, -1).reverse();
    const result = acceptZonePolygon({ type: 'Polygon', coordinates: [clockwiseOpen] });
    if (!result.ok) throw new Error(result.reason);
    const ring = result.value.coordinates[0] as Position[];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(ringSignedAreaSquareMeters(ring)).toBeGreaterThan(0);
    expect(new Set(ring.map(String))).toEqual(new Set(polygonOf(createRectangleRing(0, 0, 100, 100)).coordinates[0]?.map(String)));
  });

  it('regression: repeated vertices are dropped before the crossing test (turf.kinks reports them)', () => {
    const ring = createRectangleRing(0, 0, 100, 100);
    ring.splice(1, 0, ring[1] as Position);
    expect(acceptZonePolygon({ type: 'Polygon', coordinates: [ring] }).ok).toBe(true);
  });
});
