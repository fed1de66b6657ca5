import { describe, expect, it } from 'vitest';
import type { LandUseClass, LandUseParcel } from './land-use';
import { rollUpLandUse, summariseZonePlan } from './land-use-summary';
import { validateLandUseShares } from './land-use';

function createParcel(id: string, zoneId: string, landUseClass: LandUseClass, areaSquareMeters: number): LandUseParcel {
  const code = landUseClass === '耕' ? '0101' : landUseClass === '建' ? '1001' : '1401';
  return { type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [] }, properties: { zoneId, landUseClass, landUseCode: code, areaSquareMeters } };
}

describe('land-use summary', () => {
  it('gives area, 亩 and share per class of a zone', () => {
    const parcels = [createParcel('a', 'z1', '耕', 4000), createParcel('b', 'z1', '建', 3500), createParcel('c', 'z1', '绿', 2500), createParcel('d', 'z2', '耕', 999)];
    const summary = summariseZonePlan('z1', '区块一', parcels);
    expect(summary.totalSquareMeters).toBe(10000);
    expect(summary.totalMu).toBeCloseTo(15, 9);
    expect(summary.classes.map((figure) => figure.share)).toEqual([0.4, 0.35, 0.25]);
    expect(summary.classes[0]?.areaMu).toBeCloseTo(6, 9);
  });

  it('rolls up per township and county (垦造耕地 total)', () => {
    const parcels = [createParcel('a', 'z1', '耕', 4000), createParcel('b', 'z2', '耕', 1000), createParcel('c', 'z3', '绿', 500)];
    const zones = [
      { id: 'z1', properties: { name: '一', townshipId: 't1' } },
      { id: 'z2', properties: { name: '二', townshipId: 't1' } },
      { id: 'z3', properties: { name: '三', townshipId: 't2' } },
      { id: 'z4', properties: { name: '四', townshipId: 't2' } },
    ];
    const townships = [{ id: 't1', properties: { name: '甲镇' } }, { id: 't2', properties: { name: '乙镇' } }, { id: 't3', properties: { name: '丙镇' } }];
    const rollup = rollUpLandUse(parcels, zones, townships);
    expect(rollup.zones.map((zone) => zone.id)).toEqual(['z1', 'z2', 'z3']);
    expect(rollup.townships.map((township) => [township.id, township.classes[0]?.areaSquareMeters])).toEqual([['t1', 5000], ['t2', 0]]);
    expect(rollup.county.classes[0]?.areaSquareMeters).toBe(5000);
    expect(rollup.county.totalSquareMeters).toBe(5500);
  });
});

describe('validateLandUseShares', () => {
  it('accepts shares adding up to 100 and drops zero shares', () => {
    const result = validateLandUseShares([
      { landUseClass: '耕', landUseCode: '0101', sharePercent: 60 },
      { landUseClass: '建', landUseCode: '0701', sharePercent: 40 },
      { landUseClass: '绿', landUseCode: '1401', sharePercent: 0 },
    ]);
    expect(result.ok && result.value.length).toBe(2);
  });
  it('refuses shares not adding up to 100, negative shares and codes of another class', () => {
    expect(validateLandUseShares([{ landUseClass: '耕', landUseCode: '0101', sharePercent: 90 }]).ok).toBe(false);
    expect(validateLandUseShares([{ landUseClass: '耕', landUseCode: '0101', sharePercent: -10 }, { landUseClass: '建', landUseCode: '1001', sharePercent: 110 }]).ok).toBe(false);
    expect(validateLandUseShares([{ landUseClass: '耕', landUseCode: '1001', sharePercent: 100 }]).ok).toBe(false);
  });
});
