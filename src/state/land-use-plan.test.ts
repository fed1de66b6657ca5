import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SHARE_TOLERANCE, type LandUseParcel, type LandUseShare } from '../domain/land-use';
import type { Violation } from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { createRectangleRing, createViolation, createZone } from '../geo/test-fixtures';
import { createPlanByShares, LAND_USE_PLAN_REASONS, selectZoneLandUse } from './land-use-plan';
import { createProjectService, type ProjectService } from './project-service';
import { createZoneEditor } from './zone-editor';

const SHARES: LandUseShare[] = [
  { landUseClass: '耕', landUseCode: '0101', sharePercent: 40 },
  { landUseClass: '建', landUseCode: '0701', sharePercent: 35 },
  { landUseClass: '绿', landUseCode: '1401', sharePercent: 25 },
];

function createLandUseFixtureViolation(id: string, [west, south, east, north]: [number, number, number, number], status: '已拆除' | '处置中'): Violation {
  return createViolation(id, [createRectangleRing(west, south, east, north)], { status, statusDates: { 发现: '2025-01-10', 认定: '2025-02-01', 处置中: '2025-03-01', ...(status === '已拆除' ? { 已拆除: '2025-04-01' } : {}) } });
}

async function openService(violations: Violation[] = []): Promise<ProjectService> {
  const service = createProjectService({
    databaseName: `land-use-${Math.random().toString(36).slice(2)}`,
    sampleName: 'land-use test',
    loadSample: async () => ({ zones: [createZone('zone-a', [createRectangleRing(0, 0, 300, 200)])], violations }),
  });
  await service.opened;
  return service;
}

const stored = async (service: ProjectService) => (await service.readStored('landUseParcels')) as LandUseParcel[];

describe('land-use plan by shares', () => {
  it('stores one parcel per class within 0.5 % of its share; undo removes them and redo brings them back', async () => {
    const service = await openService();
    const editor = createZoneEditor(service);
    const result = await createPlanByShares(editor, service.store.getState().records, { zoneId: 'zone-a', source: 'zone', shares: SHARES });
    expect(result.ok).toBe(true);
    const parcels = await stored(service);
    expect(parcels.map((parcel) => [parcel.properties.landUseClass, parcel.properties.landUseCode])).toEqual([['耕', '0101'], ['建', '0701'], ['绿', '1401']]);
    const zoneArea = ellipsoidalAreaSquareMeters(service.store.getState().records.zones[0]?.geometry ?? null);
    parcels.forEach((parcel, index) => {
      const target = (zoneArea * (SHARES[index]?.sharePercent ?? 0)) / 100;
      expect(Math.abs(parcel.properties.areaSquareMeters - target) / target).toBeLessThan(SHARE_TOLERANCE);
    });
    const plan = selectZoneLandUse(service.store.getState().records, 'zone-a');
    expect(plan?.summary.classes.map((figure) => Math.round(figure.share * 100))).toEqual([40, 35, 25]);
    expect(plan?.checks.filter((check) => check.status === 'failed')).toEqual([]);

    await editor.undo();
    expect(await stored(service)).toEqual([]);
    await editor.redo();
    expect(await stored(service)).toHaveLength(3);
    service.close();
  });

  it('replaces the zone\'s earlier plan in one edit, and undo restores the earlier plan', async () => {
    const service = await openService();
    const editor = createZoneEditor(service);
    await createPlanByShares(editor, service.store.getState().records, { zoneId: 'zone-a', source: 'zone', shares: SHARES });
    const first = await stored(service);
    const half: LandUseShare[] = [{ landUseClass: '耕', landUseCode: '0102', sharePercent: 50 }, { landUseClass: '绿', landUseCode: '1402', sharePercent: 50 }, { landUseClass: '建', landUseCode: '1001', sharePercent: 0 }];
    await createPlanByShares(editor, service.store.getState().records, { zoneId: 'zone-a', source: 'zone', shares: half });
    expect((await stored(service)).map((parcel) => parcel.properties.landUseCode)).toEqual(['0102', '1402']);
    await editor.undo();
    expect((await stored(service)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(first);
    service.close();
  });

  it('divides only the demolished footprints when asked, and refuses a zone without any', async () => {
    const service = await openService([createLandUseFixtureViolation('v1', [20, 20, 60, 50], '已拆除'), createLandUseFixtureViolation('v2', [100, 20, 160, 70], '处置中')]);
    const editor = createZoneEditor(service);
    const result = await createPlanByShares(editor, service.store.getState().records, { zoneId: 'zone-a', source: 'footprints', shares: SHARES });
    expect(result.ok).toBe(true);
    const total = (await stored(service)).reduce((sum, parcel) => sum + parcel.properties.areaSquareMeters, 0);
    expect(total).toBeGreaterThan(40 * 30 * 0.98);
    expect(total).toBeLessThan(40 * 30 * 1.02);
    service.close();

    const empty = await openService();
    const refused = await createPlanByShares(createZoneEditor(empty), empty.store.getState().records, { zoneId: 'zone-a', source: 'footprints', shares: SHARES });
    expect(refused).toEqual({ ok: false, reason: LAND_USE_PLAN_REASONS.noFootprints });
    empty.close();
  });
});
