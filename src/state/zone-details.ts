/**
 * Selector for the feature panel of a zone: its area and perimeter, its figures (violations by
 * status and 建筑类型 from the statistics worker, 城中村 and 四无 — `selectZoneFigures`), which
 * violations, 城中村 blocks and industrial blocks it covers wholly or partly, and how much it
 * overlaps other zones. Memoised on the records it reads and the figures given, so it recomputes
 * only after the zone, those layers or its figures changed, never on an unrelated render.
 */
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Polygon } from 'geojson';
import { balancedRound } from '../domain/balanced-rounding';
import { BUILDING_TYPES, type Zone } from '../domain/records';
import { VIOLATION_STATUSES } from '../domain/violation-status';
import { classifyCoverage, type AreaFeature } from '../geo/coverage';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { geodesicPerimeterMeters } from '../geo/geodesic-perimeter';
import { boundingBoxesIntersect, geometryBoundingBox } from '../geo/spatial-index';
import { measureZoneOverlaps } from '../geo/zone-overlap';
import type { ZoneStatistics } from '../geo/zone-statistics';
import type { ProjectRecords } from './project-state';
import type { ZoneFigures } from './zone-statistics';

/** Names listed per coverage list; the counts are always complete. */
export const COVERAGE_NAMES_SHOWN = 3;

export interface CoverageSummary {
  whollyCount: number;
  partlyCount: number;
  /** Names (codes for violations) of the first wholly covered features. */
  whollyNames: string[];
  partlyNames: string[];
}

export interface ZoneOverlapDetail {
  zoneId: string;
  name: string;
  areaSquareMeters: number;
}

/** One row of a zone's violations by status or by 建筑类型. */
export interface ZoneBreakdownRow {
  /** The status or 建筑类型. */
  key: string;
  count: number;
  /** Area inside the zone, m², rounded to whole m² with 强制调平 over the rows. */
  areaSquareMeters: number;
}

/** A zone's violations split by status or 建筑类型: the non-empty rows and their total. */
export interface ZoneBreakdown {
  rows: ZoneBreakdownRow[];
  totalCount: number;
  /** Rounded total, m²; the rows' areas add up to it exactly. */
  totalAreaSquareMeters: number;
}

/** The rows with violations, areas rounded to whole m² so that they add up to the rounded total (强制调平). */
export function zoneBreakdown(statistics: ZoneStatistics, by: 'status' | 'buildingType'): ZoneBreakdown {
  const keys: readonly string[] = by === 'status' ? VIOLATION_STATUSES : BUILDING_TYPES;
  const counts = (by === 'status' ? statistics.countByStatus : statistics.countByBuildingType) as Record<string, number>;
  const areas = (by === 'status' ? statistics.areaByStatusSquareMeters : statistics.areaByBuildingTypeSquareMeters) as Record<string, number>;
  const shown = keys.filter((key) => (counts[key] ?? 0) > 0);
  const rounded = balancedRound(shown.map((key) => areas[key] ?? 0), 0);
  const rows = shown.map((key, index) => ({ key, count: counts[key] ?? 0, areaSquareMeters: rounded[index] as number }));
  return {
    rows,
    totalCount: rows.reduce((sum, row) => sum + row.count, 0),
    totalAreaSquareMeters: rows.reduce((sum, row) => sum + row.areaSquareMeters, 0),
  };
}

export interface ZoneDetails {
  zoneId: string;
  /** Ellipsoidal area, m². */
  areaSquareMeters: number;
  /** Geodesic length of the boundary, m. */
  perimeterMeters: number;
  /**
   * Violation counts and clipped areas (by status and 建筑类型), 城中村 and 四无 figures; null while
   * the statistics have no entry for the zone (e.g. a zone drawn a moment ago).
   */
  statistics: ZoneFigures | null;
  /** The zone's violations by status and by 建筑类型 (empty while `statistics` is null). */
  byStatus: ZoneBreakdown;
  byBuildingType: ZoneBreakdown;
  violations: CoverageSummary;
  villageBlocks: CoverageSummary;
  industrialBlocks: CoverageSummary;
  overlaps: ZoneOverlapDetail[];
  /** Sum of the overlaps, m². */
  overlapAreaSquareMeters: number;
}

interface NamedFeature extends AreaFeature {
  properties: object;
}

function nameOf(feature: NamedFeature | undefined, key: 'name' | 'code'): string {
  const value = (feature?.properties as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : (feature?.id ?? '');
}

function summarise(wholly: readonly string[], partly: readonly string[], features: readonly NamedFeature[], key: 'name' | 'code'): CoverageSummary {
  const byId = new Map(features.map((feature) => [feature.id, feature]));
  const names = (ids: readonly string[]) => ids.slice(0, COVERAGE_NAMES_SHOWN).map((id) => nameOf(byId.get(id), key));
  return { whollyCount: wholly.length, partlyCount: partly.length, whollyNames: names(wholly), partlyNames: names(partly) };
}

function blockCoverage(zone: Zone, blocks: readonly NamedFeature[]): CoverageSummary {
  const box = geometryBoundingBox(zone.geometry);
  const near = blocks.filter((block) => boundingBoxesIntersect(box, geometryBoundingBox(block.geometry)));
  const { whollyInsideIds, partlyInsideIds } = classifyCoverage(zone.geometry, near);
  return summarise(whollyInsideIds, partlyInsideIds, near, 'name');
}

function computeZoneDetails(records: ProjectRecords, zone: Zone, statistics: ZoneFigures | null): ZoneDetails {
  const overlap = measureZoneOverlaps(zone.id, zone.geometry, records.zones);
  const zoneNames = new Map(records.zones.map((other) => [other.id, other.properties.name]));
  return {
    zoneId: zone.id,
    areaSquareMeters: ellipsoidalAreaSquareMeters(zone.geometry),
    perimeterMeters: geodesicPerimeterMeters(zone.geometry),
    statistics,
    byStatus: statistics ? zoneBreakdown(statistics, 'status') : { rows: [], totalCount: 0, totalAreaSquareMeters: 0 },
    byBuildingType: statistics ? zoneBreakdown(statistics, 'buildingType') : { rows: [], totalCount: 0, totalAreaSquareMeters: 0 },
    violations: summarise(statistics?.whollyInsideViolationIds ?? [], statistics?.partlyInsideViolationIds ?? [], records.violations, 'code'),
    villageBlocks: blockCoverage(zone, records.villageBlocks),
    industrialBlocks: blockCoverage(zone, records.industrialBlocks),
    overlaps: overlap.overlaps.map((entry) => ({ ...entry, name: zoneNames.get(entry.zoneId) ?? entry.zoneId })),
    overlapAreaSquareMeters: overlap.totalAreaSquareMeters,
  };
}

let cached: { zone: Zone; zones: unknown; violations: unknown; villageBlocks: unknown; industrialBlocks: unknown; figures: ZoneFigures | null; result: ZoneDetails } | null = null;

/**
 * The details of zone `zoneId`, or null when there is no such zone. `figures` are the zone's
 * entry of `selectZoneFigures` (the statistics worker's), or null while it has none.
 */
export function selectZoneDetails(records: ProjectRecords, zoneId: string, figures: ZoneFigures | null): ZoneDetails | null {
  const zone = records.zones.find((candidate) => candidate.id === zoneId);
  if (!zone) return null;
  if (
    cached &&
    cached.zone === zone &&
    cached.zones === records.zones &&
    cached.violations === records.violations &&
    cached.villageBlocks === records.villageBlocks &&
    cached.industrialBlocks === records.industrialBlocks &&
    cached.figures === figures
  ) {
    return cached.result;
  }
  const result = computeZoneDetails(records, zone, figures);
  cached = { zone, zones: records.zones, violations: records.violations, villageBlocks: records.villageBlocks, industrialBlocks: records.industrialBlocks, figures, result };
  return result;
}

/** The township containing a point of the polygon (the default of a new zone's form), or null. */
export function selectTownshipContaining(records: ProjectRecords, polygon: Polygon): string | null {
  const inside = pointOnFeature(polygon);
  return records.townships.find((township) => booleanPointInPolygon(inside, township.geometry))?.id ?? null;
}
