import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readShapefileZip } from './shapefile-reader';
import { encodingFromCodePage } from './text-encoding';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../tests/fixtures/shapefile/${name}`, import.meta.url)));

describe('Shapefile reader (GDAL-written fixtures)', () => {
  it('reads GBK attributes named by the .cpg and the Gauss-Krüger .prj', () => {
    const result = readShapefileZip(fixture('gk120_gbk.zip'), 'gk120_gbk.zip');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [layer] = result.layers;
    expect(layer!.name).toBe('违建图斑');
    expect(layer!.encoding).toEqual({ encoding: 'gb18030', source: 'cpg' });
    expect(layer!.features.map((feature) => feature.properties?.['当事人'])).toEqual(['陈国强', '浙江龍港印刷有限公司', '林淑芬']);
    expect(layer!.features[0]!.properties?.['图斑编号']).toBe('WJ-330327-2026-900001');
    expect(layer!.coordinateSystem).toMatchObject({ kind: 'transverseMercator', centralMeridian: 120, falseEasting: 500000 });
    expect(layer!.features[1]!.geometry).toMatchObject({ type: 'Polygon' });
    expect((layer!.features[1]!.geometry as { coordinates: unknown[] }).coordinates.length).toBe(2);
  });

  it('detects GBK from the bytes when there is no .cpg', () => {
    const result = readShapefileZip(fixture('zone40_gbk_nocpg.zip'), 'zone40.zip');
    expect(result.ok && result.layers[0]!.encoding).toEqual({ encoding: 'gb18030', source: 'detected' });
    expect(result.ok && result.layers[0]!.features[2]!.properties?.['name']).toBe('钱库镇 L形附房');
    expect(result.ok && result.layers[0]!.coordinateSystem).toMatchObject({ centralMeridian: 120, falseEasting: 40500000 });
  });

  it('reads UTF-8 attributes', () => {
    const result = readShapefileZip(fixture('cgcs2000_utf8.zip'), 'utf8.zip');
    expect(result.ok && result.layers[0]!.features[1]!.properties?.['当事人']).toBe('浙江龍港印刷有限公司');
    expect(result.ok && result.layers[0]!.coordinateSystem).toMatchObject({ kind: 'geographic' });
  });

  it('maps the code pages Chinese software writes', () => {
    for (const label of ['936', 'CP936', 'ANSI 936', 'GBK', 'gb2312', 'GB18030']) expect(encodingFromCodePage(label)).toBe('gb18030');
    expect(encodingFromCodePage('UTF-8')).toBe('utf-8');
    expect(encodingFromCodePage('1252')).toBeNull();
  });

  it('refuses a zip bomb by its declared size before inflating it', () => {
    const bomb = zipSync({ 'a.shp': new Uint8Array(5_000_000) }, { level: 9 });
    const result = readShapefileZip(bomb, 'bomb.zip', { maxEntries: 10, maxEntryBytes: 1_000_000, maxTotalBytes: 2_000_000 });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('压缩炸弹') });
  });

  it('refuses a zip without a .shp and a broken .shp, naming the file', () => {
    expect(readShapefileZip(zipSync({ 'a.txt': new Uint8Array(3) }), 'x.zip')).toEqual({ ok: false, error: expect.stringContaining('.shp') });
    expect(readShapefileZip(zipSync({ 'b.shp': new Uint8Array(120) }), 'y.zip')).toEqual({ ok: false, error: expect.stringContaining('b.shp') });
  });
});
