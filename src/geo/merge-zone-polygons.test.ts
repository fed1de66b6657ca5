import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { mergeZonePolygons } from './merge-zone-polygons';
import { normaliseZonePolygon, roundPosition } from './normalise-zone-polygon';
import { createRectangleRing, createRing, toPosition, type LocalPoint } from './test-fixtures';
import { validateZonePolygon } from './validate-zone-polygon';
import { ZONE_EDIT_REASONS } from './zone-edit-result';

function polygonOf(points: LocalPoint[]): Polygon {
  return normaliseZonePolygon({ type: 'Polygon', coordinates: [createRing(points)] });
}

function rectangle(west: number, south: number, east: number, north: number): Polygon {
  return normaliseZonePolygon({ type: 'Polygon', coordinates: [createRectangleRing(west, south, east, north)] });
}

describe('mergeZonePolygons', () => {
  it('merges two zones sharing an edge into one valid polygon with both areas', () => {
    const west = rectangle(0, 0, 100, 100);
    const east = rectangle(100, 0, 200, 100);
    const result = mergeZonePolygons(west, east);
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.coordinates).toHaveLength(1);
    expect(validateZonePolygon(result.value).ok).toBe(true);
    const expected = ellipsoidalAreaSquareMeters(west) + ellipsoidalAreaSquareMeters(east);
    expect(Math.abs(ellipsoidalAreaSquareMeters(result.value) - expected)).toBeLessThan(0.01);
  });

  it('merges overlapping zones into their union', () => {
    const result = mergeZonePolygons(rectangle(0, 0, 100, 100), rectangle(50, 0, 150, 100));
    if (!result.ok) throw new Error(result.reason);
    expect(Math.abs(ellipsoidalAreaSquareMeters(result.value) - ellipsoidalAreaSquareMeters(rectangle(0, 0, 150, 100)))).toBeLessThan(0.01);
  });

  it('merges a zone whose snapped corners lie a few millimetres off the neighbour’s edge', () => {
    const west = rectangle(0, 0, 100, 100);
    // Corners at east = 100.004 m: one step of the 7-decimal grid east of the neighbour's edge.
    const east = polygonOf([[100.004, 20], [200, 20], [200, 80], [100.004, 80]]);
    const result = mergeZonePolygons(west, east);
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.coordinates).toHaveLength(1);
  });

  it('refuses zones that neither touch nor overlap', () => {
    expect(mergeZonePolygons(rectangle(0, 0, 100, 100), rectangle(150, 0, 250, 100))).toEqual({ ok: false, reason: ZONE_EDIT_REASONS.mergeDisjoint });
  });

  it('refuses zones that meet only at a corner', () => {
    expect(mergeZonePolygons(rectangle(0, 0, 100, 100), rectangle(100, 100, 200, 200))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.mergeNotSinglePolygon });
  });

  it('refuses a merge that encloses a hole', () => {
    const u = polygonOf([[0, 0], [300, 0], [300, 200], [200, 200], [200, 100], [100, 100], [100, 200], [0, 200]]);
    const lid = rectangle(0, 200, 300, 260);
    const withHole = mergeZonePolygons(u, lid);
    expect(withHole).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.mergeHasHoles });
  });

  it('keeps the stored precision', () => {
    const result = mergeZonePolygons(rectangle(0, 0, 100, 100), rectangle(100, 0, 200, 100));
    if (!result.ok) throw new Error(result.reason);
    for (const position of result.value.coordinates[0] as Position[]) expect(roundPosition(position)).toEqual(position);
    expect(result.value.coordinates[0]?.some((position) => position[0] === roundPosition(toPosition([200, 0]))[0])).toBe(true);
  });
});
