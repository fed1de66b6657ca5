import { describe, expect, it } from 'vitest';
import { GeometryReader, PackedGeometry } from './packed-geometry';

// A Polygon with a hole, then a MultiPolygon of two parts, then a Point, in the packed layout.
const outer = [0, 0, 4, 0, 4, 4, 0, 4, 0, 0];
const hole = [1, 1, 1, 2, 2, 2, 2, 1, 1, 1];
const partA = [10, 10, 11, 10, 11, 11, 10, 10];
const partB = [20, 20, 21, 20, 21, 21, 20, 10, 20, 20];
const counts = new Uint32Array([2, 5, 5, /* multi */ 2, 1, 4, 1, 5]);
const coordinates = new Float64Array([...outer, ...hole, ...partA, ...partB, /* point */ 7.5, -3.25]);
const POLYGON = 5;
const MULTI_POLYGON = 6;
const POINT = 1;

const positionsOf = (flat: number[]) => Array.from({ length: flat.length / 2 }, (_, index) => [flat[2 * index], flat[2 * index + 1]]);

describe('PackedGeometry', () => {
  it('builds GeoJSON from where it starts in the shared arrays', () => {
    expect(new PackedGeometry(POLYGON, counts, coordinates, 0, 0).build()).toEqual({ type: 'Polygon', coordinates: [positionsOf(outer), positionsOf(hole)] });
    expect(new PackedGeometry(MULTI_POLYGON, counts, coordinates, 3, 20).build()).toEqual({ type: 'MultiPolygon', coordinates: [[positionsOf(partA)], [positionsOf(partB)]] });
    expect(new PackedGeometry(POINT, counts, coordinates, 8, 38).build()).toEqual({ type: 'Point', coordinates: [7.5, -3.25] });
  });

  it('walks the rings of a polygon or multipolygon without building them, each polygon first', () => {
    const visits: string[] = [];
    const visitRing = (polygon: number, ring: number, first: number, positionCount: number) => visits.push(`ring ${polygon}.${ring} @${first} ×${positionCount}`);
    const visitPolygon = (polygon: number, ringCount: number) => visits.push(`polygon ${polygon} of ${ringCount}`);
    expect(new PackedGeometry(POLYGON, counts, coordinates, 0, 0).forEachRing(visitRing, visitPolygon)).toBe(1);
    expect(new PackedGeometry(MULTI_POLYGON, counts, coordinates, 3, 20).forEachRing(visitRing, visitPolygon)).toBe(2);
    expect(new PackedGeometry(POINT, counts, coordinates, 8, 38).forEachRing(visitRing, visitPolygon)).toBe(0);
    expect(visits).toEqual([
      'polygon 0 of 2', 'ring 0.0 @0 ×5', 'ring 0.1 @10 ×5',
      'polygon 0 of 1', 'ring 0.0 @20 ×4', 'polygon 1 of 1', 'ring 1.0 @28 ×5',
    ]);
  });
});

describe('GeometryReader', () => {
  it('skips a geometry to exactly where the next one starts', () => {
    const reader = new GeometryReader(counts, coordinates);
    reader.skip(POLYGON);
    expect([reader.count, reader.coordinate]).toEqual([3, 20]);
    reader.skip(MULTI_POLYGON);
    expect([reader.count, reader.coordinate]).toEqual([8, 38]);
    expect(reader.geometry(POINT)).toEqual({ type: 'Point', coordinates: [7.5, -3.25] });
  });
});
