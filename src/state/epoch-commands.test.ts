import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TILE_HOSTS } from '../domain/epochs-tile-hosts';
import { addImageEpoch, addTileEpoch, deleteEpoch, readTileHosts, saveTileHosts } from './epoch-commands';
import { createProjectService } from './project-service';

async function createService(name: string) {
  const service = createProjectService({ databaseName: name, sampleName: 'test', loadSample: async () => ({}), now: () => new Date(2026, 10, 21, 9, 30) });
  await service.opened;
  return service;
}

const DESCRIPTION = { name: '2027年1月 航拍', date: '2027-01-05', source: '航拍' as const, resolutionMetersPerPixel: null };
const PREPARED = {
  bytes: new Uint8Array([137, 80, 78, 71, 1, 2, 3]).buffer, mimeType: 'image/png', imageKind: 'png' as const, widthPixels: 100, heightPixels: 80,
  bounds: [120.46, 27.51, 120.47, 27.52] as [number, number, number, number], resolutionMetersPerPixel: 13.8512,
  georeference: { fileName: 'a.png + a.pgw', epsg: 4549, warped: true, maximumErrorPixels: 0.0001 },
};

describe('epoch commands', () => {
  it('stores an image epoch with its bytes in one save; it is there after reopening', async () => {
    const name = `epochs-${Math.random().toString(36).slice(2)}`;
    const service = await createService(name);
    const result = await addImageEpoch(service, DESCRIPTION, PREPARED);
    if (!result.ok) throw new Error(result.error);
    expect(result.epoch).toMatchObject({ name: '2027年1月 航拍', resolutionMetersPerPixel: 13.85, widthPixels: 100, georeference: { epsg: 4549 } });
    service.close();
    const reopened = await createService(name);
    expect(reopened.store.getState().records.epochs.map((epoch) => epoch.id)).toEqual([result.epoch.id]);
    expect(new Uint8Array((await reopened.readEpochImage(result.epoch.id))!.bytes)).toEqual(new Uint8Array(PREPARED.bytes));
    expect(await deleteEpoch(reopened, result.epoch.id)).toBeNull();
    expect(await reopened.readEpochImage(result.epoch.id)).toBeNull();
    reopened.close();
  });

  it('refuses a bad date and a tile host that is not allowed, saving nothing', async () => {
    const service = await createService(`epochs-${Math.random().toString(36).slice(2)}`);
    expect(await addImageEpoch(service, { ...DESCRIPTION, date: '2027-13-01' }, PREPARED)).toMatchObject({ ok: false, error: expect.stringContaining('日期须为 YYYY-MM-DD') });
    const tile = { ...DESCRIPTION, resolutionMetersPerPixel: 0.5, bounds: PREPARED.bounds, tileUrlTemplate: 'https://tiles.example.cn/{z}/{x}/{y}.png' };
    expect(await addTileEpoch(service, tile, { allowedHosts: DEFAULT_TILE_HOSTS, policyOrigins: null })).toMatchObject({ ok: false, error: expect.stringContaining('tiles.example.cn 不在本项目允许的主机列表中') });
    expect(service.store.getState().records.epochs).toEqual([]);
    const allowed = await addTileEpoch(service, { ...tile, tileUrlTemplate: 'https://t3.tianditu.gov.cn/img_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=k' }, { allowedHosts: DEFAULT_TILE_HOSTS, policyOrigins: null });
    expect(allowed).toMatchObject({ ok: true, epoch: { imageKind: 'xyz' } });
    service.close();
  });

  it('keeps the tile-host allow-list in the project', async () => {
    const service = await createService(`epochs-${Math.random().toString(36).slice(2)}`);
    expect(await readTileHosts(service)).toEqual(DEFAULT_TILE_HOSTS);
    expect(await saveTileHosts(service, 't0.tianditu.gov.cn\nhttps://x')).toMatchObject({ ok: false });
    expect(await saveTileHosts(service, 't0.tianditu.gov.cn, t1.tianditu.gov.cn')).toEqual({ ok: true, hosts: ['t0.tianditu.gov.cn', 't1.tianditu.gov.cn'] });
    expect(await readTileHosts(service)).toEqual(['t0.tianditu.gov.cn', 't1.tianditu.gov.cn']);
    service.close();
  });
});
