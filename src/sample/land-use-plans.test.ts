import { describe, expect, test } from 'vitest';
import { SHARE_TOLERANCE } from '../domain/land-use';
import { negativeListEntry } from '../domain/park-allocation';
import { checkLandUsePlan } from '../geo/land-use-checks';
import { DEFAULT_SAMPLE_COUNTY_OPTIONS, generateCounty } from './sample-county';

const county = generateCounty(DEFAULT_SAMPLE_COUNTY_OPTIONS).records;

describe('sample land-use plans and 入园', () => {
  test('several zones have plans whose parcels match their shares within 0.5 %, inside the zone, without overlaps', () => {
    const zoneIds = [...new Set(county.landUseParcels.map((parcel) => parcel.properties.zoneId))];
    expect(zoneIds.length).toBeGreaterThanOrEqual(4);
    expect(county.landUseParcels.some((parcel) => parcel.properties.freedLandSource === 'footprints')).toBe(true);
    for (const zoneId of zoneIds) {
      const zone = county.zones.find((candidate) => candidate.id === zoneId);
      const parcels = county.landUseParcels.filter((parcel) => parcel.properties.zoneId === zoneId);
      const total = parcels.reduce((sum, parcel) => sum + parcel.properties.areaSquareMeters, 0);
      const shares = parcels.map((parcel) => parcel.properties.areaSquareMeters / total);
      const expected = zone?.properties.zoneType === '城中村改造' ? [0.3, 0.45, 0.25] : zone?.properties.zoneType === '工业区块整治' ? [0.2, 0.6, 0.2] : [0.4, 0.35, 0.25];
      shares.forEach((share, index) => expect(Math.abs(share - (expected[index] ?? 0)) / (expected[index] ?? 1)).toBeLessThan(SHARE_TOLERANCE));
      const checks = checkLandUsePlan({ zone: zone!.geometry, freedLand: null, parcels: parcels.map((parcel) => ({ id: parcel.id, landUseClass: parcel.properties.landUseClass, geometry: parcel.geometry })) });
      expect(checks.find((check) => check.id === 'inside')?.status).toBe('passed');
      expect(checks.find((check) => check.id === 'overlaps')?.status).toBe('passed');
    }
  });

  test('two waiting enterprises are in negative-list trades; no allocated one is', () => {
    const listed = county.enterprises.filter((enterprise) => negativeListEntry(enterprise.industry));
    expect(listed).toHaveLength(2);
    expect(listed.every((enterprise) => enterprise.parkSiteId === null && enterprise.name.includes(enterprise.industry))).toBe(true);
  });
});
