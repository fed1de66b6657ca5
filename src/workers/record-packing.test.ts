import { describe, expect, it } from 'vitest';
import { packedGeometryOf } from '../geo/lazy-geometry';
import { IN_JSON, JSON_PIECE_RECORDS, packRecords, SENT_WHOLE, unpackRecords, type PackableRecord } from './record-packing';

/** What a structured clone (postMessage) of the packed records delivers, unpacked. */
function roundTrip<T extends PackableRecord>(records: readonly T[]): T[] {
  const { packed } = packRecords(records);
  return unpackRecords(structuredClone(packed));
}

/** Deep equality that also compares key order everywhere (the journal compares records as JSON text). */
function expectSameRecords(actual: readonly unknown[], expected: readonly unknown[]): void {
  expect(actual).toEqual(expected);
  expect(actual.map(keyOrder)).toEqual(expected.map(keyOrder));
}

function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return null;
  return Object.entries(value).map(([key, item]) => [key, keyOrder(item)]);
}

const ring = (x: number, y: number, size: number) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];

function createFeature(id: string, geometry: unknown, properties: Record<string, unknown> = { 名称: `图斑 ${id}`, areaSquareMeters: 12.5 }): PackableRecord {
  return { type: 'Feature', id, geometry, properties } as PackableRecord;
}

describe('packRecords / unpackRecords', () => {
  it('round-trips every GeoJSON geometry type through typed arrays, with Chinese text and the key order kept', () => {
    const records = [
      createFeature('p', { type: 'Point', coordinates: [120.1, 27.5] }, { 当事人: '张三', 状态: '已拆除', 建筑类型: '厂房', 备注: '“引号”\n换行 \\ 反斜杠 😀' }),
      createFeature('mp', { type: 'MultiPoint', coordinates: [[120.1, 27.5], [120.2, 27.6]] }),
      createFeature('l', { type: 'LineString', coordinates: [[120.1, 27.5], [120.2, 27.6], [120.3, 27.4]] }),
      createFeature('ml', { type: 'MultiLineString', coordinates: [[[120.1, 27.5], [120.2, 27.6]], [[121, 28], [121.5, 28.5], [122, 28]]] }),
      createFeature('poly', { type: 'Polygon', coordinates: [ring(120, 27, 1), ring(120.2, 27.2, 0.1), ring(120.5, 27.5, 0.2)] }),
      createFeature('multi', { type: 'MultiPolygon', coordinates: [[ring(120, 27, 1), ring(120.2, 27.2, 0.1)], [ring(121, 28, 0.5)]] }),
      // Properties before the geometry, and an id that looks like a number.
      { id: '42', properties: { z: 1, a: 2, 10: 'ten' }, geometry: { type: 'Point', coordinates: [-0.5, 89.9] }, type: 'Feature' } as PackableRecord,
    ];
    const { packed } = packRecords(records);
    expect(Array.from(packed.types).every((type) => type !== IN_JSON && type !== SENT_WHOLE)).toBe(true);
    expect(packed.whole).toEqual([]);
    expect(packed.coordinates.length).toBe(2 * (1 + 2 + 3 + 5 + 15 + 15 + 1));
    expectSameRecords(roundTrip(records), records);
  });

  it('carries the JSON in small pieces (young strings), and rebuilds every record across them in order', () => {
    const records = Array.from({ length: 3 * JSON_PIECE_RECORDS + 5 }, (_, index) =>
      index % 7 === 3 ? createFeature(`n${index}`, null) : createFeature(`r${index}`, { type: 'Polygon', coordinates: [ring(120 + index / 1000, 27, 0.001)] }, { 序号: index }));
    const { packed } = packRecords(records);
    expect(packed.json).toHaveLength(4);
    expect(packed.json.map((piece) => (JSON.parse(piece) as unknown[]).length)).toEqual([JSON_PIECE_RECORDS, JSON_PIECE_RECORDS, JSON_PIECE_RECORDS, 5]);
    expectSameRecords(roundTrip(records), records);
    expectSameRecords(unpackRecords(structuredClone(packed), { lazyGeometry: true }), records);
  });

  it('lists the typed arrays to transfer', () => {
    const { packed, transferables } = packRecords([createFeature('a', { type: 'Polygon', coordinates: [ring(120, 27, 1)] })]);
    expect(transferables).toEqual(expect.arrayContaining([packed.types.buffer, packed.counts.buffer, packed.coordinates.buffer]));
  });

  it('keeps geometries the typed arrays cannot carry exactly in the JSON: none, null, 3D, a GeometryCollection, a bbox, an empty polygon', () => {
    const records = [
      { type: 'Feature', id: 'none', properties: {} } as PackableRecord,
      createFeature('null', null),
      createFeature('3d', { type: 'Polygon', coordinates: [[[120, 27, 5], [121, 27, 5], [121, 28, 6], [120, 27, 5]]] }),
      createFeature('collection', { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [120, 27] }] }),
      createFeature('bbox', { type: 'Point', coordinates: [120, 27], bbox: [120, 27, 120, 27] }),
      createFeature('order', { coordinates: [120, 27], type: 'Point' }),
      createFeature('empty', { type: 'Polygon', coordinates: [] }),
      createFeature('mixed', { type: 'LineString', coordinates: [[120, 27], [121, 28, 3]] }),
    ];
    const { packed } = packRecords(records);
    expect(Array.from(packed.types.slice(0, 6))).toEqual([IN_JSON, IN_JSON, IN_JSON, IN_JSON, IN_JSON, IN_JSON]);
    expect(packed.types[7]).toBe(IN_JSON);
    expectSameRecords(roundTrip(records), records);
  });

  it('sends whole the records JSON would change: undefined, NaN, ±Infinity, -0, dates, typed arrays, maps, holes', () => {
    const records = [
      createFeature('undefined', { type: 'Point', coordinates: [120, 27] }, { a: undefined, b: 1 }),
      createFeature('nan', { type: 'Point', coordinates: [120, 27] }, { area: Number.NaN }),
      createFeature('infinity', { type: 'Point', coordinates: [120, 27] }, { area: Number.POSITIVE_INFINITY, other: Number.NEGATIVE_INFINITY }),
      createFeature('minus-zero', { type: 'Point', coordinates: [120, 27] }, { area: -0 }),
      createFeature('date', { type: 'Point', coordinates: [120, 27] }, { foundOn: new Date(Date.UTC(2026, 0, 1)) }),
      createFeature('typed', { type: 'Point', coordinates: [120, 27] }, { values: new Float32Array([1, 2]) }),
      createFeature('map', { type: 'Point', coordinates: [120, 27] }, { lookup: new Map([['a', 1]]) }),
      createFeature('hole', { type: 'Point', coordinates: [120, 27] }, { list: [1, , 3] }),
      createFeature('nested', { type: 'Point', coordinates: [120, 27] }, { statusDates: { 发现: '2026-01-01', 销号: undefined } }),
      createFeature('nan-in-3d', { type: 'Point', coordinates: [120, 27, Number.NaN] }),
      createFeature('minus-zero-coordinate', { type: 'Point', coordinates: [-0, 27] }),
      createFeature('fine', { type: 'Point', coordinates: [120, 27] }, { area: 0, 名称: '好' }),
    ];
    const { packed } = packRecords(records);
    expect(Array.from(packed.types)).toEqual([...records.slice(0, 10).map(() => SENT_WHOLE), 1, 1]);
    const unpacked = roundTrip(records);
    expectSameRecords(unpacked, records);
    expect(Object.is((unpacked[3] as unknown as { properties: { area: number } }).properties.area, -0)).toBe(true);
    expect(Object.is((unpacked[10] as unknown as { geometry: { coordinates: number[] } }).geometry.coordinates[0], -0)).toBe(true);
    expect('a' in (unpacked[0] as unknown as { properties: object }).properties).toBe(true);
  });

  it('round-trips an empty list, and records in any mix in their order', () => {
    expect(roundTrip([])).toEqual([]);
    const records = Array.from({ length: 50 }, (_, index) =>
      index % 5 === 0 ? createFeature(`r${index}`, null, { n: Number.NaN })
        : index % 3 === 0 ? createFeature(`r${index}`, { type: 'GeometryCollection', geometries: [] })
          : createFeature(`r${index}`, { type: 'Polygon', coordinates: [ring(120 + index / 100, 27, 0.001)] }, { n: index }));
    const unpacked = roundTrip(records);
    expectSameRecords(unpacked, records);
    expect(unpacked.map((record) => record.id)).toEqual(records.map((record) => record.id));
  });

  it('does not share objects with the records packed (the in-process client hands out copies)', () => {
    const records = [createFeature('a', { type: 'Polygon', coordinates: [ring(120, 27, 1)] })];
    const [unpacked] = unpackRecords(packRecords(records).packed);
    expect(unpacked).not.toBe(records[0]);
    expect((unpacked as unknown as { geometry: unknown }).geometry).not.toBe((records[0] as unknown as { geometry: unknown }).geometry);
  });

  it('with lazy geometry, unpacks the same records without building a geometry until one is read', () => {
    const records = [
      createFeature('poly', { type: 'Polygon', coordinates: [ring(120, 27, 1), ring(120.2, 27.2, 0.1)] }),
      createFeature('multi', { type: 'MultiPolygon', coordinates: [[ring(120, 27, 1)], [ring(121, 28, 0.5)]] }),
      createFeature('null', null),
      createFeature('nan', { type: 'Point', coordinates: [120, 27] }, { area: Number.NaN }),
      { id: 'late', properties: { z: 1 }, geometry: { type: 'Point', coordinates: [-0.5, 89.9] }, type: 'Feature' } as PackableRecord,
    ];
    const lazy = unpackRecords(structuredClone(packRecords(records).packed), { lazyGeometry: true });
    expect(lazy.map((record) => packedGeometryOf(record) !== null)).toEqual([true, true, false, false, true]);
    expectSameRecords(lazy, records);
    expect(lazy.map((record) => packedGeometryOf(record))).toEqual([null, null, null, null, null]);
    expectSameRecords(structuredClone(unpackRecords(packRecords(records).packed, { lazyGeometry: true })), records);
  });
});

