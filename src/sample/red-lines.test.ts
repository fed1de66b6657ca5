import { describe, expect, it } from 'vitest';
import { isRedLineType } from '../domain/red-lines';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { checkLandUsePlan } from '../geo/land-use-checks';
import { DEFAULT_SAMPLE_COUNTY_OPTIONS, generateCounty } from './sample-county';

describe('the sample control lines', () => {
  const county = generateCounty(DEFAULT_SAMPLE_COUNTY_OPTIONS);
  const { zones, landUseParcels, redLines } = county.records;
  const lines = redLines.map((line) => ({ name: line.properties.name, lineType: line.properties.lineType, geometry: line.geometry }));

  it('have a known type and their ellipsoidal area', () => {
    expect(county.records.redLines.length).toBeGreaterThanOrEqual(3);
    for (const line of county.records.redLines) {
      expect(isRedLineType(line.properties.lineType)).toBe(true);
      expect(line.properties.areaSquareMeters).toBeCloseTo(ellipsoidalAreaSquareMeters(line.geometry), 6);
    }
  });

  it('make the control-line check fail on some planned zones and pass on others', () => {
    const planned = zones.filter((zone) => landUseParcels.some((parcel) => parcel.properties.zoneId === zone.id));
    const statuses = planned.map((zone) => {
      const parcels = landUseParcels
        .filter((parcel) => parcel.properties.zoneId === zone.id)
        .map((parcel) => ({ id: parcel.id, landUseClass: parcel.properties.landUseClass, geometry: parcel.geometry }));
      return checkLandUsePlan({ zone: zone.geometry, freedLand: null, parcels, redLines: lines }).find((check) => check.id === 'redLines');
    });
    const failed = statuses.filter((check) => check?.status === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.some((check) => check?.offences?.some((offence) => offence.landUseClass === '建' && offence.lineType === '生态保护红线'))).toBe(true);
    expect(statuses.some((check) => check?.status === 'passed')).toBe(true);
  });
});
