import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { readDbf } from './dbf-reader';
import { encodeGbk } from './gbk-encoder';
import { readShapefileZip } from './shapefile-reader';
import { writeShapefileZip } from './shapefile-writer';

function createFeatures(): Feature<Polygon>[] {
  return [
    {
      type: 'Feature', id: 'v-1',
      properties: { 图斑编号: 'WJ-330327-2026-000001', 当事人: '浙江龍港印刷有限公司', areaSquareMeters: 1234.56, statusDates: { 发现: '2026-01-02' }, note: null },
      geometry: { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.401, 27.5], [120.401, 27.501], [120.4, 27.501], [120.4, 27.5]], [[120.4002, 27.5002], [120.4002, 27.5004], [120.4004, 27.5004], [120.4004, 27.5002], [120.4002, 27.5002]]] },
    },
    {
      type: 'Feature', id: 'v-2',
      properties: { 图斑编号: 'WJ-330327-2026-000002', 当事人: '林淑芬', areaSquareMeters: 88, statusDates: {}, note: '=1+1' },
      geometry: { type: 'Polygon', coordinates: [[[120.41, 27.51], [120.4103, 27.51], [120.4103, 27.5102], [120.41, 27.51]]] },
    },
  ];
}

describe('Shapefile writer', () => {
  it.each(['gbk', 'utf-8'] as const)('round-trips geometry exactly and Chinese attributes intact in %s', (encoding) => {
    const zip = writeShapefileZip(createFeatures(), '违建图斑', encoding);
    const result = readShapefileZip(zip, 'export.zip');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const layer = result.layers[0]!;
    expect(layer.name).toBe('违建图斑');
    expect(layer.encoding?.source).toBe('cpg');
    expect(layer.coordinateSystem).toMatchObject({ kind: 'geographic' });
    const [first, second] = layer.features;
    // Field names are cut to 10 bytes: areaSquareMeters → areaSquare.
    expect(first!.properties).toMatchObject({ 当事人: '浙江龍港印刷有限公司', areaSquare: 1234.56 });
    expect(second!.properties?.['当事人']).toBe('林淑芬');
    expect(second!.properties?.['note']).toBe('=1+1');
    const ring = (first!.geometry as Polygon).coordinates;
    expect(ring.length).toBe(2);
    // Same positions (shells are written clockwise, so compare as sets).
    const key = (positions: number[][]) => positions.map((position) => position.join(',')).sort();
    expect(key(ring[0]!)).toEqual(key(createFeatures()[0]!.geometry.coordinates[0]!));
  });

  it('cuts field names to 10 bytes of the encoding at a character boundary', () => {
    const zip = writeShapefileZip([{ type: 'Feature', properties: { 违建图斑面积平方米: 1, 违建图斑面积平方千米: 2 }, geometry: { type: 'Point', coordinates: [120.4, 27.5] } }], 'x', 'utf-8');
    const result = readShapefileZip(zip, 'x.zip');
    expect(result.ok && Object.keys(result.layers[0]!.features[0]!.properties ?? {})).toEqual(['违建图', '违建图1']);
  });

  it('encodes GBK like code page 936', () => {
    expect([...encodeGbk('灵溪镇A')]).toEqual([0xc1, 0xe9, 0xcf, 0xaa, 0xd5, 0xf2, 0x41]);
    const dbf = readDbf(new Uint8Array(0), 'x.dbf', null);
    expect(dbf.ok).toBe(false);
  });
});
