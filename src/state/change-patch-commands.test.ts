import 'fake-indexeddb/auto';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Township, Village } from '../domain/records';
import { evidencePhotoKey } from '../domain/change-patches';
import { addEvidencePhotos, advanceChangePatch, deleteChangePatch, removeEvidencePhoto, storeDetectedPatches } from './change-patch-commands';
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

describe('rectification and evidence photos', () => {
  async function confirmedPatch(name: string) {
    const service = await createService(name);
    const [patch] = (await storeDetectedPatches(service, detected, EPOCHS)).added;
    await advanceChangePatch(service, { patchId: patch!.id, target: { status: '已核查', verdict: null }, by: '王核查', note: '' });
    await advanceChangePatch(service, { patchId: patch!.id, target: { status: '认定', verdict: '违法' }, by: '王核查', note: '' });
    return { service, patch: patch! };
  }

  it('整改中 puts the linked violation 处置中 and 销号 moves it to the outcome, each with the patch in one save', async () => {
    const name = `patches-${Math.random().toString(36).slice(2)}`;
    const { service, patch } = await confirmedPatch(name);
    expect(await advanceChangePatch(service, { patchId: patch.id, target: { status: '整改中', verdict: null }, by: '李整改', note: '限期拆除' })).toBeNull();
    expect(service.store.getState().records.violations.find((entry) => entry.id === `v-${patch.id}`)?.properties.status).toBe('处置中');
    expect(await advanceChangePatch(service, { patchId: patch.id, target: { status: '销号', verdict: null }, by: '李整改', note: '', outcome: '已整改' })).toBeNull();
    service.close();
    const reopened = await createService(name);
    const { violations, changePatches } = reopened.store.getState().records;
    const violation = violations.find((entry) => entry.id === `v-${patch.id}`)!;
    expect(violation.properties.status).toBe('已整改');
    expect(violation.properties.statusDates).toMatchObject({ 认定: '2026-11-21', 处置中: '2026-11-21', 已整改: '2026-11-21' });
    const closed = changePatches.find((entry) => entry.id === patch.id)!;
    expect(closed.properties.status).toBe('销号');
    expect(closed.properties.history.at(-1)?.note).toBe('整改结果：已整改');
    reopened.close();
  });

  it('stores evidence photos with the patch, removes one, and deletes the rest with a false patch', async () => {
    const name = `patches-${Math.random().toString(36).slice(2)}`;
    const service = await createService(name);
    const [, second] = (await storeDetectedPatches(service, detected, EPOCHS)).added;
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]).buffer;
    expect(await addEvidencePhotos(service, { patchId: second!.id, files: [{ name: 'a.txt', mimeType: 'text/plain', bytes: jpeg }], by: '王' })).toBe('照片 a.txt：只支持 JPEG、PNG 或 WebP 图片');
    expect(await addEvidencePhotos(service, { patchId: second!.id, files: [{ name: '现场1.jpg', mimeType: 'image/jpeg', bytes: jpeg }, { name: '现场2.jpg', mimeType: 'image/jpeg', bytes: jpeg }], by: '王核查' })).toBeNull();
    const photos = service.store.getState().records.changePatches.find((entry) => entry.id === second!.id)!.properties.photos!;
    expect(photos.map((photo) => [photo.name, photo.by, photo.at])).toEqual([['现场1.jpg', '王核查', new Date(2026, 10, 21, 9, 30).toISOString()], ['现场2.jpg', '王核查', new Date(2026, 10, 21, 9, 30).toISOString()]]);
    expect(new Uint8Array((await service.readEpochImage(evidencePhotoKey(photos[0]!.id)))!.bytes)).toEqual(new Uint8Array(jpeg));
    expect(await removeEvidencePhoto(service, { patchId: second!.id, photoId: photos[0]!.id })).toBeNull();
    expect(await service.readEpochImage(evidencePhotoKey(photos[0]!.id))).toBeNull();
    expect(await deleteChangePatch(service, second!.id)).toBeNull();
    expect(await service.readEpochImage(evidencePhotoKey(photos[1]!.id))).toBeNull();
    service.close();
    const reopened = await createService(name);
    expect(reopened.store.getState().records.changePatches.map((entry) => entry.id)).not.toContain(second!.id);
    reopened.close();
  });

  it('keeps a confirmed patch from being deleted', async () => {
    const { service, patch } = await confirmedPatch(`patches-${Math.random().toString(36).slice(2)}`);
    expect(await deleteChangePatch(service, patch.id)).toContain('已认定的图斑不能删除');
    service.close();
  });
});
