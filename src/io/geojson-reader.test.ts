import { describe, expect, it } from 'vitest';
import { readGeoJsonText } from './geojson-reader';

function createCollectionText(properties: string): string {
  return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${properties},"geometry":{"type":"Point","coordinates":[120.4,27.5]}}]}`;
}

describe('readGeoJsonText', () => {
  it('reads a FeatureCollection, a single Feature and a bare geometry', () => {
    const collection = readGeoJsonText(createCollectionText('{"name":"梁宅村"}'), 'a.geojson');
    expect(collection.ok && collection.value.features.length).toBe(1);
    const bare = readGeoJsonText('{"type":"Point","coordinates":[120,27]}', 'b.geojson');
    expect(bare.ok && (bare.value.features[0] as { type: string }).type).toBe('Feature');
  });

  it('removes __proto__ and constructor keys and never pollutes Object.prototype', () => {
    const result = readGeoJsonText(createCollectionText('{"__proto__":{"polluted":1},"constructor":{"x":1},"name":"ok"}'), 'p.geojson');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.strippedKeys.get(0)?.sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys((result.value.features[0] as { properties: object }).properties)).toEqual(['name']);
  });

  it('refuses deep nesting, oversized text, broken JSON and non-GeoJSON with the file name', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(readGeoJsonText(deep, 'deep.json')).toEqual({ ok: false, error: expect.stringContaining('嵌套') });
    expect(readGeoJsonText(createCollectionText('{}'), 'big.json', { maxBytes: 10 })).toEqual({ ok: false, error: expect.stringContaining('big.json') });
    expect(readGeoJsonText('{"type":', 'broken.json')).toEqual({ ok: false, error: expect.stringContaining('JSON') });
    expect(readGeoJsonText('{"hello":1}', 'x.json')).toEqual({ ok: false, error: expect.stringContaining('不是 GeoJSON') });
  });
});
