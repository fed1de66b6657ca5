/**
 * The plan summary: area and share of 耕 / 建 / 绿 per zone, rolled up per township and for the
 * county (e.g. total 垦造耕地). Figures come from the parcels' stored ellipsoidal areas.
 */
import { squareMetersToMu } from './area-units';
import { LAND_USE_CLASSES, type LandUseClass, type LandUseParcel } from './land-use';

export interface LandUseClassFigure {
  landUseClass: LandUseClass;
  areaSquareMeters: number;
  areaMu: number;
  /** Share of the plan's total area, 0–1 (0 when the plan is empty). */
  share: number;
  parcelCount: number;
}

export interface LandUseSummary {
  /** Zone id, township id or 'county'. */
  id: string;
  name: string;
  classes: LandUseClassFigure[];
  totalSquareMeters: number;
  totalMu: number;
  parcelCount: number;
}

function summarise(id: string, name: string, parcels: readonly LandUseParcel[]): LandUseSummary {
  const totalSquareMeters = parcels.reduce((sum, parcel) => sum + parcel.properties.areaSquareMeters, 0);
  const classes = LAND_USE_CLASSES.map((landUseClass): LandUseClassFigure => {
    const ofClass = parcels.filter((parcel) => parcel.properties.landUseClass === landUseClass);
    const areaSquareMeters = ofClass.reduce((sum, parcel) => sum + parcel.properties.areaSquareMeters, 0);
    return {
      landUseClass,
      areaSquareMeters,
      areaMu: squareMetersToMu(areaSquareMeters),
      share: totalSquareMeters > 0 ? areaSquareMeters / totalSquareMeters : 0,
      parcelCount: ofClass.length,
    };
  });
  return { id, name, classes, totalSquareMeters, totalMu: squareMetersToMu(totalSquareMeters), parcelCount: parcels.length };
}

/** The summary of one zone's plan (empty figures when the zone has no parcels). */
export function summariseZonePlan(zoneId: string, zoneName: string, parcels: readonly LandUseParcel[]): LandUseSummary {
  return summarise(zoneId, zoneName, parcels.filter((parcel) => parcel.properties.zoneId === zoneId));
}

export interface LandUseRollup {
  /** Zones that have a plan, in zone order. */
  zones: LandUseSummary[];
  /** Townships with at least one planned zone, in township order. */
  townships: LandUseSummary[];
  county: LandUseSummary;
}

/**
 * Per zone, per township (by the zone's township) and county-wide. Parcels whose zone is unknown
 * count only in the county total.
 */
export function rollUpLandUse(
  parcels: readonly LandUseParcel[],
  zones: readonly { id: string; properties: { name: string; townshipId: string } }[],
  townships: readonly { id: string; properties: { name: string } }[],
): LandUseRollup {
  const byZone = new Map<string, LandUseParcel[]>();
  for (const parcel of parcels) {
    const list = byZone.get(parcel.properties.zoneId) ?? [];
    list.push(parcel);
    byZone.set(parcel.properties.zoneId, list);
  }
  const planned = zones.filter((zone) => byZone.has(zone.id));
  const zoneSummaries = planned.map((zone) => summarise(zone.id, zone.properties.name, byZone.get(zone.id) ?? []));
  const townshipSummaries = townships.flatMap((township) => {
    const ofTownship = planned.filter((zone) => zone.properties.townshipId === township.id).flatMap((zone) => byZone.get(zone.id) ?? []);
    return ofTownship.length > 0 ? [summarise(township.id, township.properties.name, ofTownship)] : [];
  });
  return { zones: zoneSummaries, townships: townshipSummaries, county: summarise('county', '全县', parcels) };
}
