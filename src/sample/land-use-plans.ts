/**
 * Land-use plans (拆后土地利用) for some of the sample zones, made by shares exactly as a planner
 * would in the app: 城中村 zones get resettlement housing, industrial zones a 小微园 strip; every
 * other planned zone divides only its demolished footprints. And two waiting enterprises in
 * negative-list trades, so the refusal of 入园 can be seen in the sample.
 */
import type { LandUseParcel, LandUseShare } from '../domain/land-use';
import type { Enterprise, Violation, Zone } from '../domain/records';
import { isDemolished } from '../domain/violation-status';
import { footprintsInZone } from '../geo/freed-land';
import { planParcelsByShares } from '../geo/land-use-plan';

/** Every third zone gets a plan, up to this many. */
const PLANNED_ZONES = 5;

function sharesFor(zone: Zone): LandUseShare[] {
  switch (zone.properties.zoneType) {
    case '城中村改造':
      return [
        { landUseClass: '耕', landUseCode: '0101', sharePercent: 30 },
        { landUseClass: '建', landUseCode: '0701', sharePercent: 45 },
        { landUseClass: '绿', landUseCode: '1401', sharePercent: 25 },
      ];
    case '工业区块整治':
      return [
        { landUseClass: '耕', landUseCode: '0102', sharePercent: 20 },
        { landUseClass: '建', landUseCode: '1001', sharePercent: 60 },
        { landUseClass: '绿', landUseCode: '1402', sharePercent: 20 },
      ];
    case '低效用地再开发':
      return [
        { landUseClass: '耕', landUseCode: '0101', sharePercent: 40 },
        { landUseClass: '建', landUseCode: '1207', sharePercent: 35 },
        { landUseClass: '绿', landUseCode: '1401', sharePercent: 25 },
      ];
  }
}

export function createLandUsePlans(zones: readonly Zone[], violations: readonly Violation[]): LandUseParcel[] {
  const demolished = violations
    .filter((violation) => isDemolished(violation.properties.status, violation.properties.statusDates))
    .map((violation) => violation.geometry);
  const planned = zones.filter((_, index) => index % 3 === 0).slice(0, PLANNED_ZONES);
  return planned.flatMap((zone, index) => {
    const footprints = index % 2 === 1 ? footprintsInZone(zone.geometry, demolished) : null;
    const source = footprints ? 'footprints' : 'zone';
    return planParcelsByShares(footprints ?? zone.geometry, sharesFor(zone)).map((parcel, parcelIndex): LandUseParcel => ({
      type: 'Feature',
      id: `${zone.id}-parcel-${parcelIndex + 1}`,
      geometry: parcel.geometry,
      properties: { zoneId: zone.id, landUseClass: parcel.landUseClass, landUseCode: parcel.landUseCode, areaSquareMeters: parcel.areaSquareMeters, freedLandSource: source },
    }));
  });
}

const NEGATIVE_LIST_SAMPLE_INDUSTRIES = ['电镀', '印染'];

/** The last two waiting enterprises become negative-list trades (name and industry). */
export function withNegativeListEnterprises(enterprises: readonly Enterprise[]): Enterprise[] {
  const waiting = enterprises.filter((enterprise) => enterprise.parkSiteId === null).slice(-NEGATIVE_LIST_SAMPLE_INDUSTRIES.length);
  return enterprises.map((enterprise) => {
    const position = waiting.indexOf(enterprise);
    const industry = NEGATIVE_LIST_SAMPLE_INDUSTRIES[position];
    if (position < 0 || industry === undefined) return enterprise;
    return { ...enterprise, industry, name: enterprise.name.replace(enterprise.industry, industry) };
  });
}
