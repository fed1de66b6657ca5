import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { normaliseZonePolygon, ringVertices } from './normalise-zone-polygon';
import { createRectangleRing, toPosition } from './test-fixtures';
import { ZONE_EDIT_REASONS } from './zone-edit-result';
import { deleteZoneVertex, insertZoneVertex, moveZoneVertex } from './zone-vertex-edits';
import { roundPosition } from './normalise-zone-polygon';

/** A 100 m square, vertices 0 (south-west), 1 (south-east), 2 (north-east), 3 (north-west). */
function createSquare(): Polygon {
  return normaliseZonePolygon({ type: 'Polygon', coordinates: [createRectangleRing(0, 0, 100, 100)] });
}

const at = (east: number, north: number) => roundPosition(toPosition([east, north]));

describe('moveZoneVertex', () => {
  it('moves one vertex and keeps the ring closed', () => {
    const result = moveZoneVertex(createSquare(), 2, toPosition([150, 120]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(ringVertices(result.value.coordinates[0] as Position[])).toEqual([at(0, 0), at(100, 0), at(150, 120), at(0, 100)]);
  });

  it('moving vertex 0 moves the closing position with it', () => {
    const result = moveZoneVertex(createSquare(), 0, toPosition([-20, -20]));
    if (!result.ok) throw new Error(result.reason);
    const ring = result.value.coordinates[0] as Position[];
    expect(ring[0]).toEqual(at(-20, -20));
    expect(ring[ring.length - 1]).toEqual(at(-20, -20));
  });

  it('refuses a move across the opposite edge, naming the crossing', () => {
    const result = moveZoneVertex(createSquare(), 2, toPosition([-50, 50]));
    expect(result).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.selfIntersection });
    if (!result.ok) expect(result.location).toHaveLength(2);
  });

  it('refuses an index that is not a vertex', () => {
    expect(moveZoneVertex(createSquare(), 4, toPosition([0, 0]))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.vertexOutOfRange });
    expect(moveZoneVertex(createSquare(), -1, toPosition([0, 0]))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.vertexOutOfRange });
  });
});

describe('insertZoneVertex', () => {
  it('inserts a vertex after the given one', () => {
    const result = insertZoneVertex(createSquare(), 0, toPosition([50, -10]));
    if (!result.ok) throw new Error(result.reason);
    expect(ringVertices(result.value.coordinates[0] as Position[])).toEqual([at(0, 0), at(50, -10), at(100, 0), at(100, 100), at(0, 100)]);
  });

  it('inserts after the last vertex, on the closing edge', () => {
    const result = insertZoneVertex(createSquare(), 3, toPosition([-10, 50]));
    if (!result.ok) throw new Error(result.reason);
    expect(ringVertices(result.value.coordinates[0] as Position[])).toEqual([at(0, 0), at(100, 0), at(100, 100), at(0, 100), at(-10, 50)]);
  });

  it('refuses an insertion that makes the boundary cross itself', () => {
    expect(insertZoneVertex(createSquare(), 0, toPosition([50, 150]))).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.selfIntersection });
  });
});

describe('deleteZoneVertex', () => {
  it('removes a vertex', () => {
    const result = deleteZoneVertex(createSquare(), 1);
    if (!result.ok) throw new Error(result.reason);
    expect(ringVertices(result.value.coordinates[0] as Position[])).toEqual([at(0, 0), at(100, 100), at(0, 100)]);
  });

  it('removing vertex 0 re-closes the ring on the next vertex', () => {
    const result = deleteZoneVertex(createSquare(), 0);
    if (!result.ok) throw new Error(result.reason);
    const ring = result.value.coordinates[0] as Position[];
    expect(ring).toHaveLength(4);
    expect(ring[0]).toEqual(ring[3]);
  });

  it('refuses to leave fewer than 3 vertices', () => {
    const triangle = deleteZoneVertex(createSquare(), 3);
    if (!triangle.ok) throw new Error(triangle.reason);
    expect(deleteZoneVertex(triangle.value, 0)).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.tooFewVertices });
  });
});
