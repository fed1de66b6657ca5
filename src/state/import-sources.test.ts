import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { gaussKrugerCentralMeridian } from '../domain/coordinate-system';
import { readImportSources, type FileLike } from './import-sources';

function fileOf(path: string): FileLike {
  const bytes = readFileSync(new URL(`../../tests/fixtures/${path}`, import.meta.url));
  const name = path.split('/').pop() as string;
  return { name, text: async () => bytes.toString('utf8'), arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}
const json = (path: string) => JSON.parse(readFileSync(new URL(`../../tests/fixtures/${path}`, import.meta.url), 'utf8')) as FeatureCollection;
const allPositions = (features: readonly Feature[]): Position[] => features.flatMap((feature) => JSON.stringify(feature.geometry).match(/-?[\d.]+(?:e-?\d+)?,-?[\d.]+(?:e-?\d+)?/g)!.map((pair) => pair.split(',').map(Number)));

/** Metres between two lon/lat positions (equirectangular: exact enough at centimetres). */
function metres(a: Position, b: Position): number {
  const scale = 111_320;
  return Math.hypot(((a[0] as number) - (b[0] as number)) * scale * Math.cos(((a[1] as number) * Math.PI) / 180), ((a[1] as number) - (b[1] as number)) * scale);
}

/** Every vertex read lies within 1 cm of a vertex of the source, and the vertex counts agree. */
function expectWithinOneCentimetre(read: readonly unknown[], source: readonly Feature[]) {
  const got = allPositions(read as Feature[]);
  const expected = allPositions(source);
  expect(got.length).toBe(expected.length);
  for (const position of got) expect(Math.min(...expected.map((other) => metres(position, other)))).toBeLessThan(0.01);
}

const polygons = json('kml/source.geojson').features;
const names = (features: readonly unknown[], key: string) => new Set((features as Feature[]).map((feature) => feature.properties?.[key]).filter(Boolean));

describe('import sources of the exchange formats (fixtures written by GDAL)', () => {
  it('KML: WGS84 degrees, geometry and Chinese names as written', async () => {
    const result = await readImportSources([fileOf('kml/gdal.kml')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sources[0]!.coordinateSystem).toBe('WGS84 经纬度');
    expectWithinOneCentimetre(result.sources[0]!.features, polygons);
    expect(names(result.sources[0]!.features, 'name')).toEqual(names(polygons, 'name'));
  });

  it('DXF in Gauss-Krüger metres without the zone number: the user is asked, then it lands within 1 cm', async () => {
    const asked = await readImportSources([fileOf('dxf/gk120_escaped.dxf')]);
    expect(asked).toMatchObject({ ok: false, error: expect.stringContaining('请选择坐标系') });
    const result = await readImportSources([fileOf('dxf/gk120_escaped.dxf')], gaussKrugerCentralMeridian(120));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectWithinOneCentimetre(result.sources[0]!.features, polygons);
    expect(names(result.sources[0]!.features, '名称')).toEqual(names(polygons, 'name'));
  });

  it('DXF with polygons as HATCH (GDAL\'s default): within 1 cm once the coordinate system is chosen', async () => {
    const result = await readImportSources([fileOf('dxf/gk120_hatch.dxf')], gaussKrugerCentralMeridian(120));
    expect(result.ok).toBe(true);
    if (result.ok) expectWithinOneCentimetre(result.sources[0]!.features, polygons);
  });

  it('DXF with GBK text and zone-prefixed eastings: zone 40 detected from the numbers', async () => {
    const result = await readImportSources([fileOf('dxf/zone40_gbk.dxf')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sources[0]!.coordinateSystem).toContain('第40带');
    expect(result.sources[0]!.encoding).toBe('GBK/GB18030（$DWGCODEPAGE ANSI_936）');
    expectWithinOneCentimetre(result.sources[0]!.features, polygons);
    expect(names(result.sources[0]!.features, '名称')).toEqual(names(polygons, 'name'));
  });

  it('CSV with surveyors\' X/Y in zone 40 and .xlsx with 经度/纬度: points within 1 cm, attributes exact', async () => {
    const points = json('csv/points.geojson').features;
    const result = await readImportSources([fileOf('csv/surveyor_xy_zone40.csv'), fileOf('xlsx/lonlat.xlsx')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const source of result.sources) {
      expectWithinOneCentimetre(source.features, points);
      expect((source.features as Feature[]).map((feature) => feature.properties?.['当事人'])).toEqual(points.map((feature) => feature.properties?.['当事人']));
    }
  });

  it('CSV with latitude in the 经度 column: detected as swapped and exchanged', async () => {
    const result = await readImportSources([fileOf('bad/csv-swapped-latlon.csv')]);
    expect(result.ok && result.sources[0]!.coordinateSystem).toBe('经纬度（纬度在前，已交换）');
    expect(result.ok && (result.sources[0]!.features[0] as Feature).geometry).toEqual({ type: 'Point', coordinates: [120.401, 27.501] });
  });

  it('file-level errors stop the import with the reason', async () => {
    expect(await readImportSources([fileOf('bad/zip-bomb.kmz')])).toMatchObject({ ok: false, error: expect.stringContaining('疑似压缩炸弹') });
    expect(await readImportSources([fileOf('bad/no-closed-shapes.dxf')])).toMatchObject({ ok: false, error: expect.stringContaining('没有闭合图形') });
    expect(await readImportSources([fileOf('bad/malformed.kml')])).toMatchObject({ ok: false, error: expect.stringContaining('不是有效的 XML') });
    const xls: FileLike = { name: '台账.xls', text: async () => '', arrayBuffer: async () => new ArrayBuffer(8) };
    expect(await readImportSources([xls])).toMatchObject({ ok: false, error: expect.stringContaining('另存为 .xlsx') });
  });
});
