import 'fake-indexeddb/auto';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Township, Village } from '../domain/records';
import { advanceChangePatch, storeDetectedPatches } from './change-patch-commands';
import { createProjectService } from './project-service';

function square(west: number, south: number, size = 0.0002): Polygon {
  return { type: 'Polygon', coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]] };
}

const township: Township = { type: 'Feature', id: 't-1', geometry: square(120, 27, 1), properties: { name: '灵溪镇', code: '330327100' } };
const village: Village = { type: 'Feature', id: 'vl-1', geometry: square(120.3, 27.3, 0.3), properties: { name: '梁宅村', townshipId: 't-1', households: 100 } };
const EPOCHS = { beforeEpochId: 'e-1', afterEpochId: 'e-2' };

async function createService(name = `patches-${Math.random().toString(36).slice(2)}`) {
  const service = createProjectService({
    databaseName: name, sampleName: 'test',
    loadSample: async () => ({ townships: [township], villages: [village], epochs: [{ id: 'e-2', date: '2026-11-12' } as never] }),
    now: () => new Date(2026, 10, 21, 9, 30),
  });
  await service.opened;
  return service;
}

const detected = [
  { polygon: square(120.4, 27.5), areaSquareMeters: 437.1, confidence: 0.9 },
  { polygon: square(120.41, 27.51), areaSquareMeters: 437.0, confidence: 0.7 },
];

describe('storeDetectedPatches', () => {
  it('stores new patches 待核查 with codes, township and village, and skips them when detected again', async () => {
    const service = await createService();
    const first = await storeDetectedPatches(service, detected, EPOCHS);
    expect(first.added.map((patch) => patch.properties.code)).toEqual(['BH-20261121-0001', 'BH-20261121-0002']);
    expect(first.added[0]?.properties).toMatchObject({ status: '待核查', townshipId: 't-1', villageId: 'vl-1', beforeEpochId: 'e-1', afterEpochId: 'e-2' });
    expect((await service.readStored('changePatches')).length).toBe(2);
    const again = await storeDetectedPatches(service, [...detected, { polygon: square(120.42, 27.52), areaSquareMeters: 400, confidence: 1 }], EPOCHS);
    expect(again.alreadyKnown).toBe(2);
    expect(again.added.map((patch) => patch.properties.code)).toEqual(['BH-20261121-0003']);
    service.close();
  });
});

describe('advanceChangePatch', () => {
  it('verifies a patch to 违法 and creates the linked violation in the same save', async () => {
    const name = `patches-${Math.random().toString(36).slice(2)}`;
    const service = await createService(name);
    const [patch] = (await storeDetectedPatches(service, detected, EPOCHS)).added;
    expect(await advanceChangePatch(service, { patchId: patch!.id, target: { status: '已核查', verdict: null }, by: '王核查', note: '外业核实' })).toBeNull();
    expect(await advanceChangePatch(service, { patchId: patch!.id, target: { status: '认定', verdict: '违法' }, by: '王核查', note: '未批先建' })).toBeNull();
    service.close();
    const reopened = await createService(name);
    const stored = reopened.store.getState().records;
    const confirmed = stored.changePatches.find((entry) => entry.id === patch!.id)!;
    expect(confirmed.properties).toMatchObject({ status: '认定', verdict: '违法', violationId: `v-${patch!.id}` });
    expect(confirmed.properties.history.map((step) => [step.status, step.by, step.note])).toEqual([
      ['待核查', '变化检测', '置信度 90%'], ['已核查', '王核查', '外业核实'], ['认定', '王核查', '未批先建'],
    ]);
    const violation = stored.violations.find((entry) => entry.id === `v-${patch!.id}`)!;
    expect(violation.properties).toMatchObject({
      code: 'WP-20261121-0001', status: '认定', origin: '新增', townshipId: 't-1', villageId: 'vl-1', yearBuilt: 2026, statusDates: { 发现: '2026-11-21', 认定: '2026-11-21' },
    });
    expect(violation.properties.areaSquareMeters).toBeGreaterThan(400);
    expect(violation.geometry).toEqual(confirmed.geometry);
    reopened.close();
  });

  it('refuses an illegal step and saves nothing', async () => {
    const service = await createService();
    const [patch] = (await storeDetectedPatches(service, detected, EPOCHS)).added;
    const refusal = await advanceChangePatch(service, { patchId: patch!.id, target: { status: '认定', verdict: '违法' }, by: '王核查', note: '' });
    expect(refusal).toContain('不能从「待核查」变为「认定（违法）」');
    expect(service.store.getState().records.violations).toEqual([]);
    expect(await advanceChangePatch(service, { patchId: 'missing', target: { status: '已核查', verdict: null }, by: '王', note: '' })).toContain('找不到');
    service.close();
  });
});
