import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { createSnapIndex, findSnapTarget, type SnapProjection } from './snap-index';

/** A stub projection: 1 px = 1e-5 degrees, y grows southward, origin at 120°E 27°N. */
function createProjection(): SnapProjection {
  return {
    project: (longitude, latitude) => ({ x: (longitude - 120) * 1e5, y: -(latitude - 27) * 1e5 }),
    unproject: (x, y) => ({ lng: 120 + x / 1e5, lat: 27 - y / 1e5 }),
  };
}

/** A square from pixel (0, 0) to (100, -100), i.e. 120°E..120.001°E, 27°N..27.001°N. */
function createSquare(): Polygon {
  return { type: 'Polygon', coordinates: [[[120, 27], [120.001, 27], [120.001, 27.001], [120, 27.001], [120, 27]]] };
}

describe('findSnapTarget', () => {
  it('snaps to a vertex within the tolerance, preferring it over a nearer edge', () => {
    const index = createSnapIndex([createSquare()]);
    const target = findSnapTarget(index, { x: 103, y: -6 }, createProjection(), 10);
    expect(target).toMatchObject({ kind: 'vertex', position: [120.001, 27] });
  });

  it('snaps to the nearest edge point when no vertex is near, at 7 decimals', () => {
    const index = createSnapIndex([createSquare()]);
    const target = findSnapTarget(index, { x: 50.25, y: -3 }, createProjection(), 10);
    expect(target?.kind).toBe('edge');
    expect(target?.position).toEqual([120.0005025, 27]);
    expect(target?.distancePixels).toBeCloseTo(3, 6);
  });

  it('finds nothing beyond the tolerance or in an empty index', () => {
    expect(findSnapTarget(createSnapIndex([createSquare()]), { x: 50, y: 30 }, createProjection(), 10)).toBeNull();
    expect(findSnapTarget(createSnapIndex([]), { x: 0, y: 0 }, createProjection(), 10)).toBeNull();
  });

  it('indexes multipolygons and every ring', () => {
    const index = createSnapIndex([{ type: 'MultiPolygon', coordinates: [createSquare().coordinates, [[[121, 27], [121.001, 27], [121.001, 27.001], [121, 27]]]] }]);
    expect(index.edges.length / 4).toBe(7);
    expect(findSnapTarget(index, { x: 100_000, y: 1 }, createProjection(), 10)).toMatchObject({ kind: 'vertex', position: [121, 27] });
  });
});
