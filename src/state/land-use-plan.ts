/**
 * Land-use plans of zones: make a plan by shares (replacing the zone's parcels in one transaction,
 * undoable with the planning map's undo/redo), and the selector of a zone's plan — its summary and
 * checks — memoised on the records it reads.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { rollUpLandUse, summariseZonePlan, type LandUseRollup, type LandUseSummary } from '../domain/land-use-summary';
import { validateLandUseShares, type FreedLandSource, type LandUseParcel, type LandUseShare } from '../domain/land-use';
import type { Zone } from '../domain/records';
import { isDemolished } from '../domain/violation-status';
import { footprintsInZone } from '../geo/freed-land';
import { checkLandUsePlan, type LandUseCheck } from '../geo/land-use-checks';
import { planParcelsByShares } from '../geo/land-use-plan';
import type { ProjectRecords } from './project-state';
import type { ZoneCommandResult, ZoneEditor } from './zone-editor';
import { ZONE_COMMAND_REASONS } from './zone-editor';

export const LAND_USE_PLAN_LABEL = '生成拆后土地利用方案';
export const LAND_USE_PLAN_REASONS = {
  noFootprints: '区块内没有已拆除的违建图斑，请改为按整个区块分配',
} as const;

/** The land a plan by shares divides, or null when the zone has none of that kind. */
export function freedLandOf(records: ProjectRecords, zone: Zone, source: FreedLandSource): Polygon | MultiPolygon | null {
  if (source === 'zone') return zone.geometry;
  const footprints = records.violations
    .filter((violation) => isDemolished(violation.properties.status, violation.properties.statusDates))
    .map((violation) => violation.geometry);
  return footprintsInZone(zone.geometry, footprints);
}

/** The parcel records of a plan by shares (ids `<zoneId>-parcel-<n>`), or a reason. */
export function buildPlanByShares(records: ProjectRecords, zoneId: string, source: FreedLandSource, shares: readonly LandUseShare[]): ZoneCommandResult<LandUseParcel[]> {
  const zone = records.zones.find((candidate) => candidate.id === zoneId);
  if (!zone) return { ok: false, reason: ZONE_COMMAND_REASONS.zoneMissing };
  const valid = validateLandUseShares(shares);
  if (!valid.ok) return valid;
  const land = freedLandOf(records, zone, source);
  if (!land) return { ok: false, reason: LAND_USE_PLAN_REASONS.noFootprints };
  const parcels = planParcelsByShares(land, valid.value).map((parcel, index): LandUseParcel => ({
    type: 'Feature',
    id: `${zoneId}-parcel-${index + 1}`,
    geometry: parcel.geometry,
    properties: { zoneId, landUseClass: parcel.landUseClass, landUseCode: parcel.landUseCode, areaSquareMeters: parcel.areaSquareMeters, freedLandSource: source },
  }));
  return { ok: true, value: parcels };
}

/**
 * Replaces the zone's parcels with a plan by shares: one history entry ("生成拆后土地利用方案") and
 * one transaction. Resolves with the new parcels' ids.
 */
export async function createPlanByShares(
  editor: ZoneEditor,
  records: ProjectRecords,
  request: { zoneId: string; source: FreedLandSource; shares: readonly LandUseShare[] },
): Promise<ZoneCommandResult<string[]>> {
  const built = buildPlanByShares(records, request.zoneId, request.source, request.shares);
  if (!built.ok) return built;
  const before = records.landUseParcels.filter((parcel) => parcel.properties.zoneId === request.zoneId);
  const saved = await editor.applyEdit({ kind: 'landUseParcels', label: LAND_USE_PLAN_LABEL, before, after: built.value });
  return saved.ok ? { ok: true, value: built.value.map((parcel) => parcel.id) } : saved;
}

export interface ZoneLandUse {
  zoneId: string;
  summary: LandUseSummary;
  /** Empty when the zone has no parcels. */
  checks: LandUseCheck[];
  /** The land the gap check measured against (the plan's source, else the whole zone). */
  source: FreedLandSource;
}

let cached: { zone: Zone; parcels: unknown; violations: unknown; redLines: unknown; result: ZoneLandUse } | null = null;

/** The plan of zone `zoneId` (summary and checks), or null when there is no such zone. */
export function selectZoneLandUse(records: ProjectRecords, zoneId: string): ZoneLandUse | null {
  const zone = records.zones.find((candidate) => candidate.id === zoneId);
  if (!zone) return null;
  if (cached && cached.zone === zone && cached.parcels === records.landUseParcels && cached.violations === records.violations && cached.redLines === records.redLines) {
    return cached.result;
  }
  const parcels = records.landUseParcels.filter((parcel) => parcel.properties.zoneId === zoneId);
  const source = parcels.find((parcel) => parcel.properties.freedLandSource)?.properties.freedLandSource ?? 'zone';
  const checks = parcels.length === 0 ? [] : checkLandUsePlan({
    zone: zone.geometry,
    freedLand: freedLandOf(records, zone, source),
    parcels: parcels.map((parcel) => ({ id: parcel.id, landUseClass: parcel.properties.landUseClass, geometry: parcel.geometry })),
    redLines: records.redLines.map((line) => ({ name: line.properties.name, lineType: line.properties.lineType, geometry: line.geometry })),
  });
  const result: ZoneLandUse = { zoneId, summary: summariseZonePlan(zoneId, zone.properties.name, parcels), checks, source };
  cached = { zone, parcels: records.landUseParcels, violations: records.violations, redLines: records.redLines, result };
  return result;
}

let cachedRollup: { parcels: unknown; zones: unknown; townships: unknown; result: LandUseRollup } | null = null;

/** Plan summaries per zone, township and county (e.g. total 垦造耕地); memoised on the records it reads. */
export function selectLandUseRollup(records: ProjectRecords): LandUseRollup {
  if (cachedRollup && cachedRollup.parcels === records.landUseParcels && cachedRollup.zones === records.zones && cachedRollup.townships === records.townships) {
    return cachedRollup.result;
  }
  const result = rollUpLandUse(records.landUseParcels, records.zones, records.townships);
  cachedRollup = { parcels: records.landUseParcels, zones: records.zones, townships: records.townships, result };
  return result;
}
