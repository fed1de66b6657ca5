import type { LineString, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { normaliseZonePolygon, ringVertices, roundPosition, samePosition } from './normalise-zone-polygon';
import { splitZonePolygon } from './split-zone-polygon';
import { createRectangleRing, createRing, toPosition, type LocalPoint } from './test-fixtures';
import { validateZonePolygon } from './validate-zone-polygon';
import { ZONE_EDIT_REASONS } from './zone-edit-result';

function createSquare(): Polygon {
  return normaliseZonePolygon({ type: 'Polygon', coordinates: [createRectangleRing(0, 0, 100, 100)] });
}

/** A U-shaped zone: 300 m wide, 200 m tall, with a 100 m wide notch from the top down to 100 m. */
function createUShape(): Polygon {
  return normaliseZonePolygon({ type: 'Polygon', coordinates: [createRing([[0, 0], [300, 0], [300, 200], [200, 200], [200, 100], [100, 100], [100, 200], [0, 200]])] });
}

function lineOf(points: LocalPoint[]): LineString {
  return { type: 'LineString', coordinates: points.map(toPosition) };
}

function totalArea(polygons: readonly Polygon[]): number {
  return polygons.reduce((sum, polygon) => sum + ellipsoidalAreaSquareMeters(polygon), 0);
}

describe('splitZonePolygon', () => {
  it('splits a square by a straight line into two valid parts, largest first, with the whole area', () => {
    const square = createSquare();
    const result = splitZonePolygon(square, lineOf([[30, -20], [30, 120]]));
    if (!result.ok) throw new Error(result.reason);
    expect(result.value).toHaveLength(2);
    for (const part of result.value) expect(validateZonePolygon(part).ok).toBe(true);
    const [large, small] = result.value.map(ellipsoidalAreaSquareMeters) as [number, number];
    expect(large).toBeGreaterThan(small);
    expect(small / (large + small)).toBeCloseTo(0.3, 3);
    expect(Math.abs(totalArea(result.value) - ellipsoidalAreaSquareMeters(square))).toBeLessThan(0.01);
  });

  it('the parts share the cut points exactly (no gap, no sliver)', () => {
    const result = splitZonePolygon(createSquare(), lineOf([[30, -20], [30, 120]]));
    if (!result.ok) throw new Error(result.reason);
    const [first, second] = result.value.map((part) => ringVertices(part.coordinates[0] as Position[])) as [Position[], Position[]];
    const shared = first.filter((vertex) => second.some((other) => samePosition(vertex, other)));
    expect(shared).toHaveLength(2);
    expect(shared.map((vertex) => vertex[0])).toEqual([roundPosition(toPosition([30, 0]))[0], roundPosition(toPosition([30, 0]))[0]]);
  });

  it('a bent line inside the zone keeps its bend in both parts', () => {
    const result = splitZonePolygon(createSquare(), lineOf([[-10, 50], [50, 70], [110, 50]]));
    if (!result.ok) throw new Error(result.reason);
    expect(result.value).toHaveLength(2);
    const bend = roundPosition(toPosition([50, 70]));
    for (const part of result.value) expect(ringVertices(part.coordinates[0] as Position[]).some((vertex) => samePosition(vertex, bend))).toBe(true);
  });

  it('a line through both arms of a U gives three parts', () => {
    const u = createUShape();
    const result = splitZonePolygon(u, lineOf([[-10, 150], [310, 150]]));
    if (!result.ok) throw new Error(result.reason);
    expect(result.value).toHaveLength(3);
    expect(Math.abs(totalArea(result.value) - ellipsoidalAreaSquareMeters(u))).toBeLessThan(0.01);
  });

  it('a line through a vertex splits along the diagonal', () => {
    const result = splitZonePolygon(createSquare(), lineOf([[-10, -10], [110, 110]]));
    if (!result.ok) throw new Error(result.reason);
    expect(result.value).toHaveLength(2);
    for (const part of result.value) expect(ringVertices(part.coordinates[0] as Position[])).toHaveLength(3);
  });

  it('refuses a line that starts or ends inside the zone', () => {
    expect(splitZonePolygon(createSquare(), lineOf([[50, 50], [50, 150]]))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.splitLineEndsInside });
    expect(splitZonePolygon(createSquare(), lineOf([[50, -50], [50, 50]]))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.splitLineEndsInside });
  });

  it('refuses a line that misses the zone or only touches it', () => {
    expect(splitZonePolygon(createSquare(), lineOf([[150, -10], [150, 110]]))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.splitLineNotCrossing });
    expect(splitZonePolygon(createSquare(), lineOf([[-10, 110], [0, 100], [-10, 90]]))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.splitLineNotCrossing });
  });

  it('refuses a line along the boundary and a line of one point', () => {
    expect(splitZonePolygon(createSquare(), lineOf([[-10, 0], [110, 0]]))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.splitLineAlongBoundary });
    expect(splitZonePolygon(createSquare(), lineOf([[50, -10], [50, -10]]))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.splitLineTooShort });
  });

  it('refuses a line that crosses itself inside the zone', () => {
    const result = splitZonePolygon(createSquare(), lineOf([[-10, 20], [80, 80], [80, 20], [-10, 80]]));
    expect(result.ok).toBe(false);
  });
});
