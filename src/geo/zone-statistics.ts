/**
 * Per-zone statistics of violations (违建图斑) in redevelopment zones (改造区块): counts and
 * ellipsoidal areas, clipped at the zone boundary, by status and by 建筑类型, demolished and remaining.
 *
 * A violation across two zones is split between them (each zone counts the part inside it); within
 * one zone a violation is measured once. Results are plain JSON data (safe for `postMessage`).
 */
import { BUILDING_TYPES, type BuildingType, type Violation, type Zone } from '../domain/records';
import { isDemolished, VIOLATION_STATUSES, type ViolationStatus } from '../domain/violation-status';
import {
  type CoverageMeasure,
  coverageFromInsideArea,
  DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS,
  isOutside,
  measureOverlap,
  type OverlapOptions,
  overlayInsideArea,
} from './clip-area';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { type PreparedArea, prepareArea } from './prepared-area';
import { type BoundingBox, boundingBoxesIntersect, BoxGrid, geometryBoundingBox, writeBoundingBox } from './spatial-index';

/** The violations of one zone. All areas are ellipsoidal (CGCS2000) square metres. */
export interface ZoneStatistics {
  zoneId: string;
  /** Area of the zone (holes excluded). */
  zoneAreaSquareMeters: number;
  /** Violations with a positive area (> the coverage tolerance, 1 cm² by default) inside the zone. */
  violationCount: number;
  /** Sum of the parts of those violations inside the zone. */
  violationAreaSquareMeters: number;
  /** Counted violations that are demolished (`isDemolished`). */
  demolishedCount: number;
  /** Part inside the zone of demolished violations. */
  demolishedAreaSquareMeters: number;
  /** Part inside the zone of violations not demolished: violationArea − demolishedArea (summed separately). */
  remainingAreaSquareMeters: number;
  countByStatus: Record<ViolationStatus, number>;
  areaByStatusSquareMeters: Record<ViolationStatus, number>;
  /** Counted violations by 建筑类型 (a violation with a type outside BUILDING_TYPES counts as 其他). */
  countByBuildingType: Record<BuildingType, number>;
  /** Part inside the zone by 建筑类型. */
  areaByBuildingTypeSquareMeters: Record<BuildingType, number>;
  /** Counted violations lying wholly inside the zone, ids ascending. */
  whollyInsideViolationIds: string[];
  /** Counted violations lying partly inside (cut by the zone boundary), ids ascending. */
  partlyInsideViolationIds: string[];
  /** Violations whose clip against this zone failed (invalid geometry): not counted, ids ascending. */
  unmeasuredViolationIds: string[];
}

/** One violation edit: `before` null for an addition, `after` null for a deletion. */
export interface ViolationChange {
  before: Violation | null;
  after: Violation | null;
}

function zeroByStatus(): Record<ViolationStatus, number> {
  return Object.fromEntries(VIOLATION_STATUSES.map((status) => [status, 0])) as Record<ViolationStatus, number>;
}

function zeroByBuildingType(): Record<BuildingType, number> {
  return Object.fromEntries(BUILDING_TYPES.map((type) => [type, 0])) as Record<BuildingType, number>;
}

/** The 建筑类型 a violation is counted under: its own, or 其他 when missing or unknown. */
export function buildingTypeOf(violation: MeasuredViolation): BuildingType {
  const type = violation.properties.buildingType;
  return type !== undefined && (BUILDING_TYPES as readonly string[]).includes(type) ? type : '其他';
}

/** Statistics of a zone with no violations. */
export function emptyZoneStatistics(zoneId: string, zoneAreaSquareMeters: number): ZoneStatistics {
  return {
    zoneId,
    zoneAreaSquareMeters,
    violationCount: 0,
    violationAreaSquareMeters: 0,
    demolishedCount: 0,
    demolishedAreaSquareMeters: 0,
    remainingAreaSquareMeters: 0,
    countByStatus: zeroByStatus(),
    areaByStatusSquareMeters: zeroByStatus(),
    countByBuildingType: zeroByBuildingType(),
    areaByBuildingTypeSquareMeters: zeroByBuildingType(),
    whollyInsideViolationIds: [],
    partlyInsideViolationIds: [],
    unmeasuredViolationIds: [],
  };
}

function cloneStatistics(statistics: ZoneStatistics): ZoneStatistics {
  return {
    ...statistics,
    countByStatus: { ...statistics.countByStatus },
    areaByStatusSquareMeters: { ...statistics.areaByStatusSquareMeters },
    countByBuildingType: { ...statistics.countByBuildingType },
    areaByBuildingTypeSquareMeters: { ...statistics.areaByBuildingTypeSquareMeters },
    whollyInsideViolationIds: [...statistics.whollyInsideViolationIds],
    partlyInsideViolationIds: [...statistics.partlyInsideViolationIds],
    unmeasuredViolationIds: [...statistics.unmeasuredViolationIds],
  };
}

/** The parts of a violation the statistics read (without `buildingType` it counts as 其他). */
export interface MeasuredViolation {
  id: string;
  geometry: Violation['geometry'];
  properties: Pick<Violation['properties'], 'status' | 'statusDates'> & { buildingType?: BuildingType };
}

/** Adds (sign 1) or removes (sign −1) one violation's overlap; mutates `statistics`. */
export function applyOverlap(statistics: ZoneStatistics, violation: MeasuredViolation, overlap: CoverageMeasure, sign: 1 | -1): void {
  const { id } = violation;
  if (overlap.coverage === 'outside') return;
  if (overlap.coverage === 'unmeasured') {
    if (sign === 1) statistics.unmeasuredViolationIds.push(id);
    else statistics.unmeasuredViolationIds = statistics.unmeasuredViolationIds.filter((other) => other !== id);
    return;
  }
  const area = sign * overlap.insideAreaSquareMeters;
  const { status, statusDates } = violation.properties;
  statistics.violationCount += sign;
  statistics.violationAreaSquareMeters += area;
  statistics.countByStatus[status] += sign;
  statistics.areaByStatusSquareMeters[status] += area;
  const type = buildingTypeOf(violation);
  statistics.countByBuildingType[type] += sign;
  statistics.areaByBuildingTypeSquareMeters[type] += area;
  if (isDemolished(status, statusDates)) {
    statistics.demolishedCount += sign;
    statistics.demolishedAreaSquareMeters += area;
  } else {
    statistics.remainingAreaSquareMeters += area;
  }
  const key = overlap.coverage === 'wholly' ? 'whollyInsideViolationIds' : 'partlyInsideViolationIds';
  if (sign === 1) statistics[key].push(id);
  else statistics[key] = statistics[key].filter((other) => other !== id);
}

/** Sorts the id lists and turns sums over no violations into exact zeros (undoing float residue). */
export function normalise(statistics: ZoneStatistics): ZoneStatistics {
  statistics.whollyInsideViolationIds.sort();
  statistics.partlyInsideViolationIds.sort();
  statistics.unmeasuredViolationIds.sort();
  if (statistics.violationCount === 0) statistics.violationAreaSquareMeters = 0;
  if (statistics.demolishedCount === 0) statistics.demolishedAreaSquareMeters = 0;
  if (statistics.violationCount === statistics.demolishedCount) statistics.remainingAreaSquareMeters = 0;
  for (const status of VIOLATION_STATUSES) {
    if (statistics.countByStatus[status] === 0) statistics.areaByStatusSquareMeters[status] = 0;
  }
  for (const type of BUILDING_TYPES) {
    if (statistics.countByBuildingType[type] === 0) statistics.areaByBuildingTypeSquareMeters[type] = 0;
  }
  return statistics;
}

function assertUniqueIds(violations: readonly MeasuredViolation[]): void {
  const seen = new Set<string>();
  for (let index = 0; index < violations.length; index++) {
    const { id } = violations[index] as MeasuredViolation;
    seen.add(id);
    if (seen.size === index) throw new RangeError(`computeZoneStatistics: duplicate violation id ${id}`);
  }
}

/** Each zone's prepared area, and a grid over their boxes to look violations up in. */
function prepareZones(zones: readonly Zone[]): { areas: PreparedArea[]; grid: BoxGrid } {
  const areas = zones.map((zone) => prepareArea(zone.geometry));
  const boxes = new Float64Array(4 * areas.length);
  areas.forEach((area, index) => boxes.set(area.boundingBox, 4 * index));
  return { areas, grid: new BoxGrid(boxes) };
}

/**
 * The coverage of one violation in one prepared zone, or null when it is outside: the one
 * measuring step of {@link computeZoneStatistics} and the incremental engine. `areaCache[areaSlot]`
 * holds the violation's ellipsoidal area, or NaN until it is needed (it is then computed and
 * stored there). `box` is the violation's bounding box.
 */
export function measureViolationInZone(
  zone: PreparedArea,
  geometry: MeasuredViolation['geometry'],
  box: BoundingBox,
  tolerance: number,
  areaCache: Float64Array,
  areaSlot: number,
): CoverageMeasure | null {
  const inside = overlayInsideArea(zone, geometry, box);
  if (isOutside(inside, tolerance)) return null;
  if (Number.isNaN(areaCache[areaSlot])) areaCache[areaSlot] = ellipsoidalAreaSquareMeters(geometry);
  const measure = coverageFromInsideArea(zone, geometry, inside, areaCache[areaSlot] as number, tolerance);
  return measure.coverage === 'outside' ? null : measure;
}

/**
 * Statistics of every zone, in the order of `zones`.
 *
 * Each violation is looked up in a grid over the zones' boxes. A violation that no zone edge comes
 * near is in or out by one point-in-polygon test; the others are measured by the area-only overlay
 * (`polygon-overlay.ts`; `turf.intersect` where it does not apply). Each violation's own area is
 * computed once, and only when some of it lies in a zone; each zone sums its violations in input
 * order. Empty `zones` gives `[]`; empty `violations` gives one {@link emptyZoneStatistics} per
 * zone. Throws a RangeError on duplicate violation ids.
 */
export function computeZoneStatistics(
  zones: readonly Zone[],
  violations: readonly MeasuredViolation[],
  options: OverlapOptions = {},
): ZoneStatistics[] {
  assertUniqueIds(violations);
  const tolerance = options.toleranceSquareMeters ?? DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS;
  const { areas, grid } = prepareZones(zones);
  const statistics = zones.map((zone, index) => emptyZoneStatistics(zone.id, (areas[index] as PreparedArea).areaSquareMeters));
  const box: BoundingBox = [0, 0, 0, 0];
  const areaCache = new Float64Array(1);
  for (const violation of violations) {
    writeBoundingBox(violation.geometry, box);
    const near = grid.search(box);
    if (near.length === 0) continue;
    areaCache[0] = NaN;
    for (const zone of near) {
      const measure = measureViolationInZone(areas[zone] as PreparedArea, violation.geometry, box, tolerance, areaCache, 0);
      if (measure !== null) applyOverlap(statistics[zone] as ZoneStatistics, violation, measure, 1);
    }
  }
  return statistics.map(normalise);
}

/**
 * One zone's statistics after one violation changed (status, geometry, addition or deletion):
 * `previous` minus the old violation's part plus the new one's. Costs two overlaps, not a recompute.
 * Returns `previous` itself when neither the old nor the new violation has area in the zone. Equals
 * {@link computeZoneStatistics} on the edited violations up to floating-point rounding of the sums
 * (~1e-12 relative); counts and ids are exact. `previous` must have been computed with the same
 * `options`. Pure: `previous` is not modified.
 */
export function updateOneZoneStatistics(
  zone: Zone,
  previous: ZoneStatistics,
  change: ViolationChange,
  options: OverlapOptions = {},
): ZoneStatistics {
  const touched = [change.before, change.after].filter((violation): violation is Violation => violation !== null);
  const zoneBox = geometryBoundingBox(zone.geometry);
  if (!touched.some((violation) => boundingBoxesIntersect(zoneBox, geometryBoundingBox(violation.geometry)))) {
    return previous;
  }
  const area = prepareArea(zone.geometry);
  const removed = change.before === null ? null : measureOverlap(area, change.before.geometry, options);
  const added = change.after === null ? null : measureOverlap(area, change.after.geometry, options);
  if ((removed?.coverage ?? 'outside') === 'outside' && (added?.coverage ?? 'outside') === 'outside') return previous;
  const next = cloneStatistics(previous);
  if (change.before !== null && removed !== null) applyOverlap(next, change.before, removed, -1);
  if (change.after !== null && added !== null) applyOverlap(next, change.after, added, 1);
  return normalise(next);
}

/**
 * Every zone's statistics after one violation changed; `previous` must come from
 * {@link computeZoneStatistics} (or this function) for the same `zones` and the same `options`,
 * matched by zone id. Zones the change does not touch keep their previous objects (reference-equal,
 * cheap to diff). Returns one entry per zone in `zones` order (`[]` for no zones). Throws a
 * RangeError when `previous` lacks a zone.
 */
export function updateZoneStatisticsForViolation(
  zones: readonly Zone[],
  previous: readonly ZoneStatistics[],
  change: ViolationChange,
  options: OverlapOptions = {},
): ZoneStatistics[] {
  const previousById = new Map(previous.map((statistics) => [statistics.zoneId, statistics]));
  return zones.map((zone) => {
    const statistics = previousById.get(zone.id);
    if (statistics === undefined) throw new RangeError(`updateZoneStatisticsForViolation: no statistics for zone ${zone.id}`);
    return updateOneZoneStatistics(zone, statistics, change, options);
  });
}
