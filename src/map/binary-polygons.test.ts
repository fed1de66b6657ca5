import type { Feature, Geometry, Position } from 'geojson';
import { describe, expect, test } from 'vitest';
import {
  attributeOnlyChanges,
  buildPointBuffers,
  buildPolygonBuffers,
  buildPolygonBuffersInSlices,
  featureVertexRange,
  polygonVertexColors,
  polygonVertexColorsInSlices,
  inTimedSlices,
  type PolygonBuffers,
} from './binary-polygons';
import { featureBoxes, featureTriangleStarts, polygonSubset, ringSubset } from './binary-subsets';
import { geometrySourceOf, packedGeometryOf } from '../geo/lazy-geometry';
import { packRecords, unpackRecords } from '../workers/record-packing';

const square = (x: number, y: number, size: number): Position[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
/** Shoelace area of a closed ring (positive either way round). */
const ringArea = (ring: Position[]): number => {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += (ring[i]![0]! * ring[i + 1]![1]!) - (ring[i + 1]![0]! * ring[i]![1]!);
  return Math.abs(sum / 2);
};

const withHole: Geometry = { type: 'Polygon', coordinates: [square(120, 27, 0.01), square(120.003, 27.003, 0.002).reverse()] };
const multi: Geometry = { type: 'MultiPolygon', coordinates: [[square(120.1, 27.1, 0.001)], [[[120.2, 27.2], [120.203, 27.2], [120.2, 27.204], [120.2, 27.2]]]] };
const point: Geometry = { type: 'Point', coordinates: [120.5, 27.5] };
const GEOMETRIES: (Geometry | null)[] = [withHole, null, multi, point];

/** Sum of the triangles' areas (from the buffers) of one feature. */
function triangleArea(buffers: PolygonBuffers, feature: number): number {
  const [first, end] = featureVertexRange(buffers, feature);
  let area = 0;
  for (let t = 0; t < buffers.triangles.length; t += 3) {
    const [a, b, c] = [buffers.triangles[t]!, buffers.triangles[t + 1]!, buffers.triangles[t + 2]!];
    if (a < first || a >= end) continue;
    const p = (i: number) => [buffers.positions[2 * i]!, buffers.positions[2 * i + 1]!];
    const [pa, pb, pc] = [p(a), p(b), p(c)];
    area += Math.abs((pb[0]! - pa[0]!) * (pc[1]! - pa[1]!) - (pc[0]! - pa[0]!) * (pb[1]! - pa[1]!)) / 2;
  }
  return area;
}

describe('binary polygon buffers', () => {
  test('lay out every polygon, ring and vertex with its feature, and triangulate each polygon exactly', () => {
    const buffers = buildPolygonBuffers(GEOMETRIES);
    const vertexCount = 10 + 5 + 4;
    expect(buffers.featureCount).toBe(4);
    expect(buffers.positions.length).toBe(2 * vertexCount);
    expect(Array.from(buffers.polygonStarts)).toEqual([0, 10, 15, 19]);
    expect(Array.from(buffers.ringStarts)).toEqual([0, 5, 10, 15, 19]);
    expect(Array.from(buffers.featurePolygonStarts)).toEqual([0, 1, 1, 3, 3]);
    expect(Array.from(buffers.vertexFeatures)).toEqual([...Array(10).fill(0), ...Array(9).fill(2)]);
    expect(featureVertexRange(buffers, 1)).toEqual([10, 10]);
    expect(featureVertexRange(buffers, 3)).toEqual([19, 19]);
    const [outer, hole] = (withHole as { coordinates: Position[][] }).coordinates;
    expect(triangleArea(buffers, 0)).toBeCloseTo(ringArea(outer!) - ringArea(hole!), 12);
    const multiRings = (multi as { coordinates: Position[][][] }).coordinates.map((rings) => ringArea(rings[0]!));
    expect(triangleArea(buffers, 2)).toBeCloseTo(multiRings[0]! + multiRings[1]!, 12);
    expect(buffers.triangles.length % 3).toBe(0);
  });

  test('a build in slices equals the build at once', async () => {
    // More features than one step of the timed slices (256), so the steps' seams are crossed.
    const many = Array.from({ length: 1000 }, (_, index) => (index % 5 === 0 ? multi : index % 7 === 0 ? null : withHole));
    const atOnce = buildPolygonBuffers(many);
    const sliced = await buildPolygonBuffersInSlices(many);
    expect(sliced).toEqual(atOnce);
    const colorOf = (feature: number) => [feature % 256, (2 * feature) % 256, 3, 255] as const;
    expect(await polygonVertexColorsInSlices(sliced, colorOf)).toEqual(polygonVertexColors(atOnce, colorOf));
  });

  test('vertex colours fill each feature’s own vertices', () => {
    const buffers = buildPolygonBuffers(GEOMETRIES);
    const colors = polygonVertexColors(buffers, (feature) => [feature * 10, 1, 2, 255]);
    for (let vertex = 0; vertex < buffers.vertexFeatures.length; vertex++) {
      expect(Array.from(colors.subarray(4 * vertex, 4 * vertex + 4))).toEqual([buffers.vertexFeatures[vertex]! * 10, 1, 2, 255]);
    }
  });

  test('a ring subset copies the chosen features’ rings, vertices and colours; boxes bound each feature', () => {
    const buffers = buildPolygonBuffers(GEOMETRIES);
    const colors = polygonVertexColors(buffers, (feature) => [feature, 0, 0, 255]);
    const subset = ringSubset(buffers, [2, 1], colors);
    expect(Array.from(subset.ringStarts)).toEqual([0, 5, 9]);
    expect(Array.from(subset.positions)).toEqual(Array.from(buffers.positions.subarray(20, 38)));
    expect(Array.from(subset.colors ?? [])).toEqual(Array.from(colors.subarray(40, 76)));
    const boxes = featureBoxes(buffers);
    expect(Array.from(boxes.subarray(0, 4))).toEqual([120, 27, 120.01, 27.01]);
    expect(Number.isNaN(boxes[4])).toBe(true);
    expect(Array.from(boxes.subarray(8, 12))).toEqual([120.1, 27.1, 120.203, 27.204]);
  });

  test('a polygon subset keeps the chosen features’ triangles (same area), polygons, colours and its own feature numbering', () => {
    const geometries = [...GEOMETRIES, withHole];
    const buffers = buildPolygonBuffers(geometries);
    const starts = featureTriangleStarts(buffers);
    expect(starts[0]).toBe(0);
    expect(starts[geometries.length]).toBe(buffers.triangles.length / 3);
    const colors = polygonVertexColors(buffers, (feature) => [feature, 0, 0, 255]);
    const subset = polygonSubset(buffers, starts, [2, 4], colors);
    const asBuffers: PolygonBuffers = {
      featureCount: 2, positions: subset.positions, polygonStarts: subset.polygonStarts, triangles: subset.triangles, vertexFeatures: subset.vertexFeatures,
      ringStarts: new Uint32Array(0), featurePolygonStarts: Uint32Array.from([0, 2, 3]),
    };
    expect(triangleArea(asBuffers, 0)).toBeCloseTo(triangleArea(buffers, 2), 12);
    expect(triangleArea(asBuffers, 1)).toBeCloseTo(triangleArea(buffers, 4), 12);
    expect(subset.polygonStarts.length).toBe(4);
    const [first2, end2] = featureVertexRange(buffers, 2);
    expect(Array.from(subset.vertexFeatures)).toEqual([...Array(end2 - first2).fill(0), ...Array(subset.vertexFeatures.length - (end2 - first2)).fill(1)]);
    expect(Array.from(subset.colors!.subarray(0, 4))).toEqual([2, 0, 0, 255]);
    expect(Array.from(subset.colors!.subarray(subset.colors!.length - 4))).toEqual([4, 0, 0, 255]);
    expect(Math.max(...subset.triangles)).toBeLessThan(subset.vertexFeatures.length);
  });

  test('points keep one position per feature, NaN where there is none', () => {
    const buffers = buildPointBuffers(GEOMETRIES);
    expect(Array.from(buffers.positions.subarray(6, 8))).toEqual([120.5, 27.5]);
    expect(Number.isNaN(buffers.positions[0])).toBe(true);
  });
});

describe('attributeOnlyChanges', () => {
  const records: Feature[] = GEOMETRIES.map((geometry, index) => ({ type: 'Feature', id: `r${index}`, geometry: geometry as Geometry, properties: { status: '发现' } }));

  test('lists records whose attributes changed in place', () => {
    const edited = records.map((record, index) => (index === 2 ? { ...record, properties: { status: '认定' } } : record));
    expect(attributeOnlyChanges(records, edited)).toEqual([2]);
    expect(attributeOnlyChanges(records, [...records])).toEqual([]);
  });

  test('treats a record re-read from storage with equal coordinates as unchanged geometry', () => {
    const reread = records.map((record, index) => (index === 0 ? (JSON.parse(JSON.stringify(record)) as Feature) : record));
    expect(attributeOnlyChanges(records, reread)).toEqual([0]);
  });

  test('asks for a rebuild when a record is added, removed, reordered or reshaped', () => {
    expect(attributeOnlyChanges(records, records.slice(1))).toBeNull();
    expect(attributeOnlyChanges(records, [records[1]!, records[0]!, records[2]!, records[3]!])).toBeNull();
    const moved = records.map((record, index) => (index === 2 ? { ...record, geometry: withHole } : record));
    expect(attributeOnlyChanges(records, moved)).toBeNull();
  });
});

describe('timed slices', () => {
  test('cover every item once, in order, yielding to other macrotasks when a slice runs long', async () => {
    const seen: number[] = [];
    let otherTasks = 0;
    const ticker = setInterval(() => otherTasks++, 0);
    await inTimedSlices(2000, (from, to) => {
      for (let item = from; item < to; item++) seen.push(item);
      // Each step takes ~2 ms: the slices must end after a few of them.
      const until = performance.now() + 2;
      while (performance.now() < until) { /* busy */ }
    });
    clearInterval(ticker);
    expect(seen).toEqual(Array.from({ length: 2000 }, (_, index) => index));
    expect(otherTasks).toBeGreaterThan(0);
  });
});

describe('binary buffers of records whose geometry is still packed', () => {
  const records = [withHole, null, multi, point, { type: 'Polygon', coordinates: [] }, { type: 'MultiPolygon', coordinates: [[], [square(121, 28, 0.001)]] }]
    .map((geometry, index): Feature & { id: string } => ({ type: 'Feature', id: `r${index}`, geometry: geometry as Geometry, properties: {} }));
  const lazyRecords = () => unpackRecords(packRecords(records as (Feature & { id: string })[]).packed, { lazyGeometry: true });

  test('are the buffers of the GeoJSON, and build no geometry', async () => {
    const expected = buildPolygonBuffers(records.map((record) => record.geometry));
    const lazy = lazyRecords();
    expect(buildPolygonBuffers(lazy.map(geometrySourceOf))).toEqual(expected);
    expect(await buildPolygonBuffersInSlices(lazy.map(geometrySourceOf))).toEqual(expected);
    expect(buildPointBuffers(lazy.map(geometrySourceOf))).toEqual(buildPointBuffers(records.map((record) => record.geometry)));
    expect(lazy.filter((record) => packedGeometryOf(record) !== null)).toHaveLength(5);
  });

  test('compare as unchanged without building their geometry', () => {
    const lazy = lazyRecords();
    const edited = lazy.map((record, index) => (index === 2 ? { ...record, properties: { 状态: '已拆除' } } : record));
    expect(attributeOnlyChanges(lazy, edited)).toEqual([2]);
    // The spread of the edit built that record's geometry (and shares it); the others stay packed.
    expect(edited[2]!.geometry).toBe(lazy[2]!.geometry);
    expect(lazy.filter((record) => packedGeometryOf(record) !== null)).toHaveLength(4);
  });
});

