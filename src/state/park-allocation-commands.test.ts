import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Enterprise, ParkSite } from '../domain/records';
import { allocateEnterpriseToSite, releaseEnterpriseFromSite } from './park-allocation-commands';
import { createProjectService, type ProjectService } from './project-service';
import { zoneEditorFor } from './zone-editor';

const site: ParkSite = {
  type: 'Feature', id: 'site-1', geometry: { type: 'Polygon', coordinates: [] },
  properties: { name: '梁宅小微园', zoneId: 'zone-1', townshipId: 't1', capacitySquareMeters: 2000, allocatedSquareMeters: 500, plotRatio: 2, stage: '开工', stageDates: {} },
};
const enterprises: Enterprise[] = [
  { id: 'e1', name: '甲鞋业', industry: '鞋服', townshipId: 't1', floorAreaNeededSquareMeters: 1200, source: '四无整治', parkSiteId: null },
  { id: 'e2', name: '乙电镀', industry: '电镀', townshipId: 't1', floorAreaNeededSquareMeters: 100, source: '四无整治', parkSiteId: null },
  { id: 'e3', name: '丙印刷', industry: '印刷包装', townshipId: 't1', floorAreaNeededSquareMeters: 400, source: '四无整治', parkSiteId: null },
];

async function openService(): Promise<ProjectService> {
  const service = createProjectService({ databaseName: `park-${Math.random().toString(36).slice(2)}`, sampleName: 'park test', loadSample: async () => ({ parkSites: [site], enterprises }) });
  await service.opened;
  return service;
}

async function storedSite(service: ProjectService): Promise<ParkSite> {
  return (await service.readStored('parkSites'))[0] as ParkSite;
}

describe('allocating enterprises to park sites', () => {
  it('stores the enterprise and the site\'s allocated area together; refusals store nothing', async () => {
    const service = await openService();
    expect(await allocateEnterpriseToSite(service, 'e1', 'site-1')).toEqual({ ok: true });
    expect((await storedSite(service)).properties.allocatedSquareMeters).toBe(1700);
    expect(((await service.readStored('enterprises')) as Enterprise[]).find((enterprise) => enterprise.id === 'e1')?.parkSiteId).toBe('site-1');

    const negative = await allocateEnterpriseToSite(service, 'e2', 'site-1');
    expect(negative.ok).toBe(false);
    const over = await allocateEnterpriseToSite(service, 'e3', 'site-1');
    expect(over).toMatchObject({ ok: false, reason: expect.stringContaining('超过剩余面积') });
    expect((await storedSite(service)).properties.allocatedSquareMeters).toBe(1700);

    await releaseEnterpriseFromSite(service, 'e1');
    expect((await storedSite(service)).properties.allocatedSquareMeters).toBe(500);
    service.close();
  });

  it('an allocation is one undo step: undo releases it (enterprise and site together), redo allocates again', async () => {
    const service = await openService();
    await allocateEnterpriseToSite(service, 'e1', 'site-1');
    const editor = zoneEditorFor(service);
    expect(editor.getHistory().done.at(-1)?.label).toBe('企业入园：甲鞋业');
    expect((await editor.undo()).ok).toBe(true);
    expect((await storedSite(service)).properties.allocatedSquareMeters).toBe(500);
    expect(((await service.readStored('enterprises')) as Enterprise[]).find((enterprise) => enterprise.id === 'e1')?.parkSiteId).toBeNull();
    expect((await editor.redo()).ok).toBe(true);
    expect((await storedSite(service)).properties.allocatedSquareMeters).toBe(1700);
    expect(service.store.getState().records.enterprises.find((enterprise) => enterprise.id === 'e1')?.parkSiteId).toBe('site-1');
    service.close();
  });
});
