import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { htmlToText, readKml, readKmz } from './kml-reader';
import { writeKml } from './kml-writer';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../tests/fixtures/${path}`, import.meta.url)));
const source = JSON.parse(new TextDecoder().decode(fixture('kml/source.geojson'))) as FeatureCollection;

/** Every position of a geometry, in order. */
function positions(geometry: Geometry | null): Position[] {
  const out: Position[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') out.push(value as Position);
    else if (Array.isArray(value)) value.forEach(visit);
  };
  visit((geometry as { coordinates?: unknown } | null)?.coordinates);
  return out;
}

/** Largest distance in metres between matching positions (equirectangular at the latitude: fine at 1 cm). */
function maxDistanceMeters(a: Geometry | null, b: Geometry | null): number {
  const first = positions(a);
  const second = positions(b);
  expect(second.length).toBe(first.length);
  return Math.max(...first.map((position, index) => {
    const other = second[index] as Position;
    const metresPerDegree = 111_320;
    const dx = ((position[0] as number) - (other[0] as number)) * metresPerDegree * Math.cos(((position[1] as number) * Math.PI) / 180);
    const dy = ((position[1] as number) - (other[1] as number)) * metresPerDegree;
    return Math.hypot(dx, dy);
  }));
}

function expectSameAsSource(features: readonly Feature[], attributes: string[]) {
  expect(features.length).toBe(source.features.length);
  source.features.forEach((expected, index) => {
    const actual = features[index] as Feature;
    expect(actual.geometry.type).toBe(expected.geometry.type);
    expect(maxDistanceMeters(actual.geometry, expected.geometry)).toBeLessThan(0.01);
    for (const key of attributes) expect(actual.properties?.[key]).toBe(expected.properties?.[key]);
  });
}

describe('KML reader', () => {
  it('reads a KML written by GDAL: MultiGeometry as MultiPolygon, SimpleData as attributes, Chinese intact', () => {
    const result = readKml(fixture('kml/gdal.kml'), 'gdal.kml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.layer.coordinateSystem).toMatchObject({ kind: 'geographic' });
    expect(result.layer.encoding).toBe('UTF-8');
    expectSameAsSource(result.layer.features, ['name', '图斑编号', '当事人', '备注']);
    expect(Object.keys(result.layer.features[0]!.properties ?? {})).toEqual(['name', '图斑编号', '当事人', '备注']);
  });

  it('reads a KMZ written by GDAL LIBKML, whose doc.kml only links to the layer file', () => {
    const result = readKmz(fixture('kml/gdal-libkml.kmz'), 'gdal-libkml.kmz');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.layers).toHaveLength(1);
    expectSameAsSource(result.layers[0]!.features, ['name', '图斑编号', '当事人', '备注']);
  });

  it('turns an HTML description into plain text without the script', () => {
    expect(htmlToText('<p>说明<script>alert("x")</script></p><b>加粗</b> &amp; 更多')).toBe('说明\n加粗 & 更多');
  });

  it('reads a GBK-declared KML', () => {
    const gbk = readFileSync(new URL('../../tests/fixtures/kml/gbk.kml', import.meta.url));
    const result = readKml(new Uint8Array(gbk), 'gbk.kml');
    expect(result.ok && result.layer.features[0]!.properties?.['name']).toBe('灵溪镇 东门村 违建一');
    expect(result.ok && result.layer.encoding).toBe('GBK/GB18030');
  });
});

describe('KML writer → reader round trip', () => {
  it('keeps geometry within 1 cm and Chinese attributes and markup-like text exactly', () => {
    const text = writeKml(source.features, '违建图斑 <导出>', { nameField: 'name' });
    expect(text).toContain('<name>违建图斑 &lt;导出&gt;</name>');
    const result = readKml(new TextEncoder().encode(text), 'export.kml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectSameAsSource(result.layer.features, ['name', '图斑编号', '当事人', '备注']);
    expect(result.layer.features[2]!.properties?.['备注']).toBe(`<script>alert("x")</script> & 'quoted'`);
  });

  it('writes outer rings counter-clockwise and holes clockwise, closing open rings', () => {
    const clockwise: Feature = {
      type: 'Feature', properties: { name: '顺时针' },
      geometry: { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.4, 27.501], [120.401, 27.501], [120.401, 27.5]]] },
    };
    const text = writeKml([clockwise], 'x');
    expect(text).toContain('<coordinates>120.4,27.5 120.401,27.5 120.401,27.501 120.4,27.501 120.4,27.5</coordinates>');
  });

  it('drops characters XML forbids and writes numbers and nested values as text', () => {
    const feature: Feature = { type: 'Feature', id: 'v-1', properties: { a: 'x\u0001y', n: 12.5, o: { 发现: '2026-01-01' }, z: null }, geometry: null as unknown as Geometry };
    const result = readKml(new TextEncoder().encode(writeKml([feature], 'x')), 'x.kml');
    expect(result.ok && result.layer.features[0]!.properties).toEqual({ name: 'v-1', id: 'v-1', a: 'xy', n: '12.5', o: '{"发现":"2026-01-01"}', z: '' });
  });
});

describe('KML bad inputs (tests/fixtures/bad)', () => {
  it('malformed XML: a clear error naming the file', () => {
    expect(readKml(fixture('bad/malformed.kml'), 'malformed.kml')).toEqual({ ok: false, error: expect.stringMatching(/^文件 malformed\.kml 不是有效的 XML：/) });
  });

  it('XML that is not KML is refused', () => {
    expect(readKml(strToU8('<gpx></gpx>'), 'a.kml')).toEqual({ ok: false, error: '文件 a.kml 不是 KML（根元素应为 <kml>）' });
  });

  it('hostile attribute names are dropped and reported; markup stays text', () => {
    const result = readKml(fixture('bad/hostile.kml'), 'hostile.kml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const properties = result.layer.features[0]!.properties as Record<string, unknown>;
    expect(result.layer.strippedKeys.get(0)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(properties['hasOwnProperty']).toBe('1');
    expect(properties['name']).toBe('<img src=x onerror=alert(1)>违建');
    expect(properties['description']).toBe('说明\n加粗');
    expect(properties['备注']).toBe('<script>alert(1)</script>');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a KMZ zip bomb is refused by its declared size before inflating', () => {
    expect(readKmz(fixture('bad/zip-bomb.kmz'), 'zip-bomb.kmz')).toEqual({ ok: false, error: expect.stringContaining('疑似压缩炸弹') });
  });

  it('a KMZ that really inflates past the limit is refused', () => {
    const bomb = zipSync({ 'doc.kml': new Uint8Array(3_000_000).fill(32) }, { level: 9 });
    const result = readKmz(bomb, 'big.kmz', { maxEntries: 10, maxEntryBytes: 1_000_000, maxTotalBytes: 2_000_000 });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('过大') });
  });

  it('deep nesting is refused', () => {
    const deep = `<kml>${'<Folder>'.repeat(100)}${'</Folder>'.repeat(100)}</kml>`;
    expect(readKml(strToU8(deep), 'deep.kml')).toEqual({ ok: false, error: expect.stringContaining('嵌套层级') });
  });

  it('a DOCTYPE entity is not expanded (no billion laughs)', () => {
    const text = '<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><kml><Placemark><name>&b;</name></Placemark></kml>';
    const result = readKml(strToU8(text), 'lol.kml');
    expect(result.ok ? result.layer.features[0]?.properties?.['name'] : result.error).not.toContain('aaaaaaaaaa');
  });
});
