import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv-reader';
import { sheetToCsv } from './csv-writer';
import type { Sheet } from './sheet';
import { coordinateSystemOfEpsg, tableToLayer } from './table-features';
import { writeWkt } from './wkt-writer';
import { readXlsx } from './xlsx-reader';
import { sheetsToXlsx } from './xlsx-writer';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../tests/fixtures/${path}`, import.meta.url)));
const json = (path: string) => JSON.parse(new TextDecoder().decode(fixture(path))) as FeatureCollection;
const ATTRIBUTES = ['图斑编号', '当事人', 'name', '备注'];

function layerOf(path: string) {
  const read = readCsv(fixture(path), path);
  if (!read.ok) throw new Error(read.error);
  const layer = tableToLayer(read.table, path, read.encoding);
  if (!layer.ok) throw new Error(layer.error);
  return { ...layer.layer, encoding: read.encoding };
}

/** Positions of a geometry, flattened. */
const positions = (feature: Feature): Position[] => JSON.stringify(feature.geometry).match(/-?[\d.]+(e-?\d+)?,-?[\d.]+(e-?\d+)?/g)!.map((pair) => pair.split(',').map(Number));

function expectSame(actual: readonly Feature[], expected: readonly Feature[]) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((feature, index) => {
    const got = actual[index] as Feature;
    expect(got.geometry.type).toBe(feature.geometry.type);
    const a = positions(got);
    const b = positions(feature);
    expect(a).toHaveLength(b.length);
    // 1e-7° ≈ 1.1 cm north–south and 1.0 cm east–west at 27.5°N: the bound is tighter than 1 cm in practice.
    a.forEach((position, i) => { expect(Math.abs(position[0]! - b[i]![0]!)).toBeLessThan(1e-7); expect(Math.abs(position[1]! - b[i]![1]!)).toBeLessThan(9e-8); });
    for (const key of ATTRIBUTES) expect(got.properties?.[key]).toBe(feature.properties?.[key]);
  });
}

describe('CSV reader (GDAL-written fixtures)', () => {
  it('reads a UTF-8 CSV with a BOM and a WKT column (polygons, a hole, a multipolygon)', () => {
    const layer = layerOf('csv/wkt_utf8_bom.csv');
    expect(layer.encoding).toBe('UTF-8（带 BOM）');
    expectSame(layer.features, json('kml/source.geojson').features);
  });

  it('reads a GBK CSV with 经度/纬度 columns; formula-like and markup text stays text', () => {
    const layer = layerOf('csv/lonlat_gbk.csv');
    expect(layer.encoding).toBe('GBK/GB18030');
    expectSame(layer.features, json('csv/points.geojson').features);
    expect(layer.features[3]!.properties?.['备注']).toBe('=1+1');
  });

  it('exchanges surveyors\' X (north) and Y (east) columns and says so', () => {
    const layer = layerOf('csv/surveyor_xy_zone40.csv');
    expect(layer.warnings).toContain('按测量习惯（X 为北坐标、Y 为东坐标）交换了「X坐标」和「Y坐标」');
    const [easting, northing] = (layer.features[0]!.geometry as { coordinates: number[] }).coordinates;
    expect(Math.floor(easting! / 1e6)).toBe(40);
    expect(northing).toBeGreaterThan(3e6);
  });

  it('maps EPSG codes of CGCS2000 Gauss-Krüger zones', () => {
    expect(coordinateSystemOfEpsg(4528)).toMatchObject({ centralMeridian: 120, falseEasting: 40_500_000 });
    expect(coordinateSystemOfEpsg(4549)).toMatchObject({ centralMeridian: 120, falseEasting: 500_000 });
    expect(coordinateSystemOfEpsg(4490)).toMatchObject({ kind: 'geographic' });
    expect(coordinateSystemOfEpsg(2000)).toBeNull();
  });
});

describe('CSV and .xlsx round trips through the writers', () => {
  const source = json('kml/source.geojson').features;
  const sheet: Sheet = {
    name: '违建图斑',
    columns: ['WKT', ...ATTRIBUTES].map((header) => ({ header, numberFormat: null })),
    rows: source.map((feature) => [writeWkt(feature.geometry), ...ATTRIBUTES.map((key) => String(feature.properties?.[key]))]),
  };

  it('CSV: geometry exact, Chinese and formula-like attributes exact (the export apostrophe is removed again)', () => {
    const csv = sheetToCsv(sheet);
    expect(csv).toContain("'=1+1");
    const read = readCsv(new TextEncoder().encode(csv), 'export.csv');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const layer = tableToLayer(read.table, 'export.csv', read.encoding);
    expect(layer.ok && layer.layer.features.map((feature) => feature.geometry)).toEqual(source.map((feature) => feature.geometry));
    expect(layer.ok && layer.layer.features.map((feature) => feature.properties)).toEqual(source.map((feature) => feature.properties));
  });

  it('.xlsx: geometry exact and attributes exact', async () => {
    const buffer = await sheetsToXlsx([sheet]);
    const read = await readXlsx(new Uint8Array(buffer), 'export.xlsx');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const layer = tableToLayer(read.table, 'export.xlsx', null);
    expect(layer.ok && layer.layer.features.map((feature) => feature.geometry)).toEqual(source.map((feature) => feature.geometry));
    expect(layer.ok && layer.layer.features.map((feature) => feature.properties)).toEqual(source.map((feature) => feature.properties));
  });
});

describe('.xlsx reader (GDAL-written fixtures)', () => {
  it('reads WKT and numeric 经度/纬度 worksheets', async () => {
    const wkt = await readXlsx(fixture('xlsx/wkt.xlsx'), 'wkt.xlsx');
    const wktLayer = wkt.ok ? tableToLayer(wkt.table, 'wkt.xlsx', null) : null;
    expectSame(wktLayer?.ok ? wktLayer.layer.features : [], json('kml/source.geojson').features);
    const lonlat = await readXlsx(fixture('xlsx/lonlat.xlsx'), 'lonlat.xlsx');
    expect(lonlat.ok && lonlat.sheetName).toBe('四无单位');
    const lonlatLayer = lonlat.ok ? tableToLayer(lonlat.table, 'lonlat.xlsx', null) : null;
    expectSame(lonlatLayer?.ok ? lonlatLayer.layer.features : [], json('csv/points.geojson').features);
  });

  it('refuses a file that is not a workbook and an .xlsx whose directory declares a zip bomb', async () => {
    expect(await readXlsx(new TextEncoder().encode('not a zip'), 'x.xlsx')).toEqual({ ok: false, error: expect.stringContaining('x.xlsx') });
    const bomb = fixture('bad/zip-bomb.kmz'); // the same forged directory: 4 GB declared
    expect(await readXlsx(bomb, 'bomb.xlsx')).toEqual({ ok: false, error: expect.stringContaining('疑似压缩炸弹') });
  });
});

describe('CSV bad inputs (tests/fixtures/bad)', () => {
  it('missing coordinates: the rows keep a null geometry (validation rejects them by row) and are listed', () => {
    const layer = layerOf('bad/csv-missing-coordinates.csv');
    expect(layer.features.map((feature) => feature.geometry === null)).toEqual([false, true, true, false]);
    expect(layer.warnings).toEqual(['第 3、4 行缺少坐标']);
  });

  it('NaN / text / Infinity coordinates are listed and kept as NaN so validation rejects them as non-finite', () => {
    const layer = layerOf('bad/csv-nan.csv');
    expect(layer.warnings).toEqual(['第 3、4、5 行坐标不是数字']);
    expect((layer.features[1]!.geometry as { coordinates: number[] }).coordinates[0]).toBeNaN();
  });

  it('swapped latitude/longitude: the points keep the file order (the coordinate detection exchanges them)', () => {
    const layer = layerOf('bad/csv-swapped-latlon.csv');
    expect((layer.features[0]!.geometry as { coordinates: number[] }).coordinates).toEqual([27.501, 120.401]);
  });

  it('WKT garbage: each bad row is named with the reason', () => {
    const layer = layerOf('bad/csv-wkt-garbage.csv');
    expect(layer.features.map((feature) => feature.geometry?.type ?? null)).toEqual(['Polygon', null, null, null]);
    expect(layer.warnings).toEqual([
      expect.stringMatching(/^第 3 行：WKT 无法解析：第 \d+ 个字符处应为「,」|^第 3 行：WKT 无法解析：第 \d+ 个字符处应为数字/),
      '第 4 行：不支持的 WKT 类型 LINESTRING（只支持 POINT、POLYGON、MULTIPOLYGON）',
      '第 5 行：不是 WKT（应以 POINT、POLYGON 或 MULTIPOLYGON 开头）',
    ]);
  });

  it('__proto__ and constructor columns are not imported and are reported', () => {
    const layer = layerOf('bad/csv-proto-columns.csv');
    expect(layer.warnings).toEqual(['列名 「__proto__」、「constructor」 不安全，该列未导入']);
    expect(Object.getPrototypeOf(layer.features[0]!.properties)).toBe(Object.prototype);
    expect(layer.features[0]!.properties).toEqual({ 名称: '原型' });
  });

  it('script and formula values stay exactly as text', () => {
    const layer = layerOf('bad/csv-script-values.csv');
    expect(layer.features.map((feature) => feature.properties)).toEqual([
      { 名称: '<script>alert(1)</script>', 备注: '<img src=x onerror=alert(1)>' },
      { 名称: '=HYPERLINK("http://x")', 备注: '@SUM(A1)' },
    ]);
  });

  it('an unterminated quote, no coordinate columns, and the limits give clear errors', () => {
    expect(readCsv(fixture('bad/csv-unterminated-quote.csv'), 'q.csv')).toEqual({ ok: false, error: '文件 q.csv：第 2 行的引号没有闭合' });
    const read = readCsv(new TextEncoder().encode('名称,面积\n甲,1\n'), 'n.csv');
    expect(read.ok && tableToLayer(read.table, 'n.csv', null)).toEqual({ ok: false, error: expect.stringContaining('没有找到坐标列') });
    const rows = `lon,lat\n${'120.4,27.5\n'.repeat(11)}`;
    expect(readCsv(new TextEncoder().encode(rows), 'big.csv', { maxBytes: 1e6, maxRows: 10, maxColumns: 5 })).toEqual({ ok: false, error: '文件 big.csv：超过 10 行的上限，请拆分文件' });
    expect(readCsv(new TextEncoder().encode(rows), 'big.csv', { maxBytes: 10, maxRows: 10, maxColumns: 5 })).toEqual({ ok: false, error: expect.stringContaining('超过大小上限') });
  });

  it('reads tab-separated UTF-16 text (Excel "Unicode text") and quoted line breaks', () => {
    const text = '\uFEFF经度\t纬度\t名称\r\n120.4\t27.5\t"两行\r\n名称"\r\n';
    const bytes = new Uint8Array([...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    const read = readCsv(bytes, 'u.txt');
    expect(read.ok && read.encoding).toBe('UTF-16LE');
    expect(read.ok && read.table.rows).toEqual([['120.4', '27.5', '两行\r\n名称']]);
  });
});
