import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
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
  return { name, text: async () => (typeof content === 'string' ? content : JSON.stringify(content)) };
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
});
