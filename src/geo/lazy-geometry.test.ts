import { describe, expect, it } from 'vitest';
import { addLazyGeometry, geometrySourceOf, packedGeometryOf } from './lazy-geometry';
import { PackedGeometry } from './packed-geometry';

const ring = [[120, 27], [120.001, 27], [120.001, 27.001], [120, 27]];
const eager = { type: 'Feature', id: 'v-1', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { 状态: '发现', 面积: 12.5 } };

/** The record above with its geometry lazy, built the way unpacking builds it (keys in order). */
function lazyRecord(): Record<string, unknown> {
  const packed = new PackedGeometry(5, new Uint32Array([1, 4]), new Float64Array(ring.flat()), 0, 0);
  const record: Record<string, unknown> = { type: 'Feature', id: 'v-1' };
  addLazyGeometry(record, packed);
  record['properties'] = { 状态: '发现', 面积: 12.5 };
  return record;
}

describe('lazy geometry', () => {
  it('is unbuilt until read, then built once and kept', () => {
    const record = lazyRecord();
    expect(packedGeometryOf(record)).toBeInstanceOf(PackedGeometry);
    expect(geometrySourceOf(record)).toBeInstanceOf(PackedGeometry);
    const geometry = record['geometry'];
    expect(geometry).toEqual(eager.geometry);
    expect(record['geometry']).toBe(geometry);
    expect(packedGeometryOf(record)).toBeNull();
    expect(geometrySourceOf(record)).toBe(geometry);
  });

  it('behaves as a plain record in key order, JSON, spreads, structured clones and assignment', () => {
    expect(Object.keys(lazyRecord())).toEqual(['type', 'id', 'geometry', 'properties']);
    expect(JSON.stringify(lazyRecord())).toBe(JSON.stringify(eager));
    const spread = { ...lazyRecord() };
    expect(spread).toEqual(eager);
    expect(Object.getOwnPropertyDescriptor(spread, 'geometry')).toHaveProperty('value');
    const cloned = structuredClone(lazyRecord());
    expect(cloned).toEqual(eager);
    expect(Object.keys(cloned)).toEqual(Object.keys(eager));
    const assigned = lazyRecord();
    const moved = { type: 'Polygon', coordinates: [[[1, 1], [2, 1], [2, 2], [1, 1]]] };
    assigned['geometry'] = moved;
    expect(assigned['geometry']).toBe(moved);
    expect(packedGeometryOf(assigned)).toBeNull();
  });

  it('leaves plain records and values alone', () => {
    expect(packedGeometryOf(eager)).toBeNull();
    expect(packedGeometryOf(null)).toBeNull();
    expect(geometrySourceOf(eager as never)).toBe(eager.geometry);
  });
});
