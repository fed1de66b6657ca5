import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import type { Township } from '../domain/records';
import { importFiles, type FileLike } from './import-pipeline';
import { createProjectService } from './project-service';

function createTownship(): Township {
  return {
    type: 'Feature', id: 't-1', properties: { name: '灵溪镇', code: '330327100' },
    geometry: { type: 'Polygon', coordinates: [[[120.3, 27.4], [120.5, 27.4], [120.5, 27.6], [120.3, 27.6], [120.3, 27.4]]] },
  };
}
function createService() {
  return createProjectService({
    databaseName: `import-${Math.random().toString(36).slice(2)}`, sampleName: 'test',
    loadSample: async () => ({ townships: [createTownship()] }), now: () => new Date(2026, 10, 21),
  });
}
function createFile(name: string, content: unknown): FileLike {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  return { name, text: async () => text, arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer };
}
function createFixtureFile(name: string): FileLike {
  const bytes = readFileSync(new URL(`../../tests/fixtures/shapefile/${name}`, import.meta.url));
  return { name, text: async () => bytes.toString('utf8'), arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}
function createBuilding(id: string, x: number, properties: Record<string, unknown> = {}) {
  const ring = [[x, 27.5], [x + 0.0003, 27.5], [x + 0.0003, 27.5003], [x, 27.5003], [x, 27.5]];
  return { type: 'Feature', id, properties: { 图斑编号: `WJ-${id}`, ...properties }, geometry: { type: 'Polygon', coordinates: [ring] } };
}

describe('importFiles', () => {
  it('imports valid features, repairs an open ring, rejects a bow-tie and a duplicate id, and stores the rest', async () => {
    const service = createService();
    const open = createBuilding('b', 120.41);
    open.geometry.coordinates[0]!.pop();
    const bowTie = { type: 'Feature', id: 'c', properties: {}, geometry: { type: 'Polygon', coordinates: [[[120.42, 27.5], [120.421, 27.501], [120.421, 27.5], [120.42, 27.501], [120.42, 27.5]]] } };
    const file = createFile('违建.geojson', { type: 'FeatureCollection', features: [createBuilding('a', 120.4, { name: '<img src=x onerror=alert(1)>' }), open, bowTie, createBuilding('a', 120.43)] });
    const report = await importFiles(service, [file], 'violations');
    expect({ imported: report.imported, repaired: report.repaired, rejected: report.rejected }).toEqual({ imported: 2, repaired: 1, rejected: 2 });
    expect(report.items.filter((item) => item.action === 'rejected').map((item) => [item.index, item.rule])).toEqual([[2, 'selfIntersection'], [3, 'duplicateId']]);
    const stored = await service.readStored('violations');
    expect(stored.map((record) => record.id).sort()).toEqual(['a', 'b']);
    const first = stored.find((record) => record.id === 'a') as unknown as { properties: Record<string, unknown> };
    expect(first.properties).toMatchObject({ code: 'WJ-a', townshipId: 't-1', status: '发现', name: '<img src=x onerror=alert(1)>' });
    expect(first.properties['areaSquareMeters']).toBeGreaterThan(0);
    service.close();
  });

  it('stores nothing when a file cannot be read', async () => {
    const service = createService();
    const report = await importFiles(service, [createFile('ok.geojson', { type: 'FeatureCollection', features: [createBuilding('a', 120.4)] }), createFile('bad.geojson', '{"type":')], 'violations');
    expect(report.imported).toBe(0);
    expect(report.errors[0]).toContain('bad.geojson');
    expect(await service.readStored('violations')).toEqual([]);
    service.close();
  });

  it('refuses a kind that cannot be imported', async () => {
    const service = createService();
    const report = await importFiles(service, [], 'snapshots');
    expect(report.errors[0]).toContain('snapshots');
    service.close();
  });

  it.each(['gk120_gbk.zip', 'zone40_gbk_nocpg.zip', 'cgcs2000_utf8.zip'])('imports the GDAL-written Shapefile %s in the right place with its Chinese attributes', async (fileName) => {
    const service = createService();
    const report = await importFiles(service, [createFixtureFile(fileName)], 'violations');
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(3);
    const source = JSON.parse(readFileSync(new URL('../../tests/fixtures/shapefile/source.geojson', import.meta.url), 'utf8')) as { features: { properties: Record<string, string>; geometry: { type: 'Polygon'; coordinates: number[][][] } }[] };
    const stored = (await service.readStored('violations')) as unknown as { properties: Record<string, unknown> }[];
    source.features.forEach((expected, index) => {
      const record = stored.find((entry) => entry.properties['name'] === expected.properties['name']);
      expect(record, expected.properties['name']).toBeDefined();
      expect(record!.properties['当事人']).toBe(expected.properties['当事人']);
      expect(record!.properties['townshipId']).toBe('t-1');
      // Same footprint: the area equals the source area (1 cm on 30 m edges ≈ 1e-3 relative at most).
      const expectedArea = ellipsoidalAreaSquareMeters(expected.geometry);
      expect(Math.abs((record!.properties['areaSquareMeters'] as number) - expectedArea) / expectedArea, `feature ${index}`).toBeLessThan(1e-5);
    });
    expect(report.sources[0]!.coordinateSystem).toBeTruthy();
    service.close();
  });

  it('asks for the coordinate system when projected metres carry no .prj and no zone number', async () => {
    const service = createService();
    const projected = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[539623, 3043208], [539663, 3043208], [539663, 3043242], [539623, 3043208]]] } }] };
    const report = await importFiles(service, [createFile('metres.geojson', projected)], 'violations');
    expect(report.imported).toBe(0);
    expect(report.errors[0]).toContain('中央经线');
    const retried = await importFiles(service, [createFile('metres.geojson', projected)], 'violations', {
      coordinateSystem: { kind: 'transverseMercator', name: 'CM120', centralMeridian: 120, falseEasting: 500000, falseNorthing: 0, scaleFactor: 1, latitudeOfOrigin: 0 },
    });
    expect(retried.imported).toBe(1);
    service.close();
  });
});
