/**
 * Selector for the feature panel of a zone: its area and perimeter, its violation statistics, which
 * violations, 城中村 blocks and industrial blocks it covers wholly or partly, and how much it
 * overlaps other zones. Memoised on the records it reads, so it recomputes only after the zone or
 * those layers changed (e.g. after each geometry edit), never on an unrelated render.
 */
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Zone } from '../domain/records';
import { classifyCoverage, type AreaFeature } from '../geo/coverage';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { geodesicPerimeterMeters } from '../geo/geodesic-perimeter';
import { boundingBoxesIntersect, geometryBoundingBox } from '../geo/spatial-index';
import { measureZoneOverlaps } from '../geo/zone-overlap';
import type { ZoneStatistics } from '../geo/zone-statistics';
import type { ProjectRecords } from './project-state';
import { selectZoneStatistics } from './zone-statistics';

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

export interface ZoneDetails {
  zoneId: string;
  /** Ellipsoidal area, m². */
  areaSquareMeters: number;
  /** Geodesic length of the boundary, m. */
  perimeterMeters: number;
  /** Violation counts and clipped areas; null if the statistics have no entry for the zone. */
  statistics: ZoneStatistics | null;
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

function computeZoneDetails(records: ProjectRecords, zone: Zone): ZoneDetails {
  const statistics = selectZoneStatistics(records).find((entry) => entry.zoneId === zone.id) ?? null;
  const overlap = measureZoneOverlaps(zone.id, zone.geometry, records.zones);
  const zoneNames = new Map(records.zones.map((other) => [other.id, other.properties.name]));
  return {
    zoneId: zone.id,
    areaSquareMeters: ellipsoidalAreaSquareMeters(zone.geometry),
    perimeterMeters: geodesicPerimeterMeters(zone.geometry),
    statistics,
    violations: summarise(statistics?.whollyInsideViolationIds ?? [], statistics?.partlyInsideViolationIds ?? [], records.violations, 'code'),
    villageBlocks: blockCoverage(zone, records.villageBlocks),
    industrialBlocks: blockCoverage(zone, records.industrialBlocks),
    overlaps: overlap.overlaps.map((entry) => ({ ...entry, name: zoneNames.get(entry.zoneId) ?? entry.zoneId })),
    overlapAreaSquareMeters: overlap.totalAreaSquareMeters,
  };
}

let cached: { zone: Zone; zones: unknown; violations: unknown; villageBlocks: unknown; industrialBlocks: unknown; result: ZoneDetails } | null = null;

/** The details of zone `zoneId`, or null when there is no such zone. */
export function selectZoneDetails(records: ProjectRecords, zoneId: string): ZoneDetails | null {
  const zone = records.zones.find((candidate) => candidate.id === zoneId);
  if (!zone) return null;
  if (
    cached &&
    cached.zone === zone &&
    cached.zones === records.zones &&
    cached.violations === records.violations &&
    cached.villageBlocks === records.villageBlocks &&
    cached.industrialBlocks === records.industrialBlocks
  ) {
    return cached.result;
  }
  const result = computeZoneDetails(records, zone);
  cached = { zone, zones: records.zones, violations: records.violations, villageBlocks: records.villageBlocks, industrialBlocks: records.industrialBlocks, result };
  return result;
}

/** The township containing a point of the polygon (the default of a new zone's form), or null. */
export function selectTownshipContaining(records: ProjectRecords, polygon: Polygon): string | null {
  const inside = pointOnFeature(polygon);
  return records.townships.find((township) => booleanPointInPolygon(inside, township.geometry))?.id ?? null;
}
