import { describe, expect, it } from 'vitest';
import { allocateEnterprise, ALLOCATION_REASONS, negativeListEntry, releaseEnterprise, summariseParkAllocation } from './park-allocation';
import type { Enterprise, ParkSite, Target } from './records';

function createSite(id: string, capacity: number, allocated: number, zoneId = 'zone-1'): ParkSite {
  return {
    type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [] },
    properties: { name: `园区${id}`, zoneId, townshipId: 't1', capacitySquareMeters: capacity, allocatedSquareMeters: allocated, plotRatio: 2, stage: '开工', stageDates: {} },
  };
}

function createEnterprise(id: string, needed: number, industry = '鞋服', parkSiteId: string | null = null): Enterprise {
  return { id, name: `企业${id}`, industry, townshipId: 't1', floorAreaNeededSquareMeters: needed, source: '四无整治', parkSiteId };
}

describe('park allocation', () => {
  it('allocates and grows the site\'s allocated floor area', () => {
    const result = allocateEnterprise(createEnterprise('e1', 800), createSite('s1', 5000, 1000));
    expect(result.ok && [result.enterprise.parkSiteId, result.site.properties.allocatedSquareMeters]).toEqual(['s1', 1800]);
  });

  it('never exceeds capacity: refuses a need larger than the free area, accepts one that fills it exactly', () => {
    const site = createSite('s1', 5000, 4500);
    const refused = allocateEnterprise(createEnterprise('e1', 501), site);
    expect(refused).toEqual({ ok: false, reason: ALLOCATION_REASONS.overCapacity(501, 500) });
    const exact = allocateEnterprise(createEnterprise('e2', 500), site);
    expect(exact.ok && exact.site.properties.allocatedSquareMeters).toBe(5000);
    let current = createSite('s2', 3000, 0);
    for (let index = 0; index < 10; index += 1) {
      const step = allocateEnterprise(createEnterprise(`e${index}`, 700), current);
      if (step.ok) current = step.site;
      expect(current.properties.allocatedSquareMeters).toBeLessThanOrEqual(current.properties.capacitySquareMeters);
    }
    expect(current.properties.allocatedSquareMeters).toBe(2800);
  });

  it('refuses negative-list industries with the reason, and enterprises already in a park', () => {
    expect(negativeListEntry('五金电镀')).toBe('电镀');
    const refused = allocateEnterprise(createEnterprise('e1', 100, '印染'), createSite('s1', 5000, 0));
    expect(refused).toEqual({ ok: false, reason: ALLOCATION_REASONS.negativeList('印染', '印染') });
    expect(allocateEnterprise(createEnterprise('e2', 100, '鞋服', 's9'), createSite('s1', 5000, 0))).toEqual({ ok: false, reason: ALLOCATION_REASONS.alreadyAllocated });
  });

  it('releases an enterprise', () => {
    const released = releaseEnterprise(createEnterprise('e1', 800, '鞋服', 's1'), createSite('s1', 5000, 1800));
    expect([released.enterprise.parkSiteId, released.site.properties.allocatedSquareMeters]).toEqual([null, 1000]);
  });

  it('sums capacity, allocated, free and enterprises per site, zone and county, with the waiting list and target', () => {
    const sites = [createSite('s1', 5000, 1800), createSite('s2', 3000, 0), createSite('s3', 2000, 500, 'zone-2')];
    const enterprises = [createEnterprise('e1', 800, '鞋服', 's1'), createEnterprise('e2', 1000, '鞋服', 's1'), createEnterprise('e3', 500, '鞋服', 's3'), createEnterprise('e4', 200)];
    const targets: Target[] = [{ id: 'x', townshipId: 't1', year: 2026, demolitionSquareMeters: 0, fourNoUnitsFound: 0, parkFloorSquareMeters: 20000 }];
    const summary = summariseParkAllocation(sites, enterprises, [{ id: 'zone-1', properties: { name: '一' } }, { id: 'zone-2', properties: { name: '二' } }], targets, 2026);
    expect(summary.sites[0]).toMatchObject({ capacitySquareMeters: 5000, allocatedSquareMeters: 1800, freeSquareMeters: 3200, enterpriseCount: 2 });
    expect(summary.zones.map((zone) => [zone.id, zone.capacitySquareMeters, zone.enterpriseCount])).toEqual([['zone-1', 8000, 2], ['zone-2', 2000, 1]]);
    expect(summary.county).toMatchObject({ capacitySquareMeters: 10000, allocatedSquareMeters: 2300, freeSquareMeters: 7700, enterpriseCount: 3, targetSquareMeters: 20000, targetRate: 0.5 });
    expect(summary.waiting.map((enterprise) => enterprise.id)).toEqual(['e4']);
  });
});
