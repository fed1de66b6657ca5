/**
 * Hotspots of the wall screen: remaining (not yet disposed) violations binned into a hexagon grid,
 * weighted by area, and the top cells picked for the automatic tour.
 *
 * The grid lives in spherical Web Mercator metres with its origin at (0°, 0°), so a cell keeps its
 * id and shape when records are added or removed anywhere else (the tour does not jump around
 * after an edit). Mercator stretches distances by 1 / cos(latitude); the cell size is corrected
 * with the cosine of the reference latitude, so cells are `radiusMeters` on the ground there
 * (a county spans < 0.5° of latitude: < 0.5 % size drift across it).
 */
import type { Position } from 'geojson';
import type { Violation } from '../../domain/records';
import { packedGeometryOf } from '../../geo/lazy-geometry';
import { isDisposed } from '../../domain/violation-status';

const EARTH_RADIUS_METERS = 6378137;
const DEGREES = Math.PI / 180;
const SQRT3 = Math.sqrt(3);

/** One hexagon cell of remaining violation area. */
export interface HotspotCell {
  /** Axial coordinates of the cell, e.g. `"-12:40"`: stable across data changes. */
  id: string;
  /** Centre of the cell [longitude, latitude]. */
  center: [number, number];
  /** Closed ring of the hexagon, [longitude, latitude] pairs (7 positions). */
  ring: [number, number][];
  /** Bounding box of the hexagon [west, south, east, north]. */
  bbox: [number, number, number, number];
  remainingCount: number;
  remainingAreaSquareMeters: number;
  /** The township and village with the largest remaining area in the cell. */
  townshipId: string;
  villageId: string;
  /** Remaining count per status (发现 / 认定 / 处置中). */
  countByStatus: Record<string, number>;
}

export interface HotspotGridOptions {
  /** Centre-to-corner distance of a hexagon on the ground at `referenceLatitude`. */
  radiusMeters: number;
  /** Latitude (degrees) where cells have their nominal size; use a fixed value per county. */
  referenceLatitude: number;
}

function toMercator(longitude: number, latitude: number): [number, number] {
  const clamped = Math.max(-85, Math.min(85, latitude));
  return [EARTH_RADIUS_METERS * longitude * DEGREES, EARTH_RADIUS_METERS * Math.log(Math.tan(Math.PI / 4 + (clamped * DEGREES) / 2))];
}

function fromMercator(x: number, y: number): [number, number] {
  return [x / EARTH_RADIUS_METERS / DEGREES, (2 * Math.atan(Math.exp(y / EARTH_RADIUS_METERS)) - Math.PI / 2) / DEGREES];
}

/**
 * The average vertex of the first outer ring (closing vertex excluded): cheap and inside for
 * compact footprints. A footprint still held packed (an import's, see lazy-geometry.ts) is read
 * from its arrays, so the wall does not build 100,000 GeoJSON geometries.
 */
export function representativePoint(violation: Violation): [number, number] | null {
  const packed = packedGeometryOf(violation);
  if (packed) {
    let point: [number, number] | null = null;
    packed.forEachRing((polygon, ring, first, positionCount) => {
      if (polygon === 0 && ring === 0) point = ringAverage(positionCount, (index, axis) => packed.coordinates[first + 2 * index + axis] as number);
    });
    return point;
  }
  const geometry = violation.geometry;
  const ring: Position[] | undefined = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  return ring ? ringAverage(ring.length, (index, axis) => (ring[index] as Position)[axis] as number) : null;
}

/** The average of a closed ring's `positionCount` vertices but the closing one, read by `coordinate(index, axis)`; null if empty or not finite. */
function ringAverage(positionCount: number, coordinate: (index: number, axis: 0 | 1) => number): [number, number] | null {
  if (positionCount === 0) return null;
  const count = positionCount > 1 ? positionCount - 1 : 1;
  let sumX = 0;
  let sumY = 0;
  for (let index = 0; index < count; index++) {
    sumX += coordinate(index, 0);
    sumY += coordinate(index, 1);
  }
  const point: [number, number] = [sumX / count, sumY / count];
  return Number.isFinite(point[0]) && Number.isFinite(point[1]) ? point : null;
}

/** Axial coordinates (pointy-top hexagons) of the cell containing a Mercator point. */
function axialOf(x: number, y: number, size: number): [number, number] {
  const q = ((SQRT3 / 3) * x - y / 3) / size;
  const r = ((2 / 3) * y) / size;
  // Cube rounding (Red Blob Games, "Hexagonal Grids").
  const s = -q - r;
  let roundedQ = Math.round(q);
  let roundedR = Math.round(r);
  const roundedS = Math.round(s);
  const dq = Math.abs(roundedQ - q);
  const dr = Math.abs(roundedR - r);
  const ds = Math.abs(roundedS - s);
  if (dq > dr && dq > ds) roundedQ = -roundedR - roundedS;
  else if (dr > ds) roundedR = -roundedQ - roundedS;
  return [roundedQ, roundedR];
}

function cellGeometry(q: number, r: number, size: number): Pick<HotspotCell, 'center' | 'ring' | 'bbox'> {
  const centerX = size * SQRT3 * (q + r / 2);
  const centerY = size * 1.5 * r;
  const ring: [number, number][] = [];
  for (let corner = 0; corner < 6; corner++) {
    const angle = (60 * corner - 30) * DEGREES;
    ring.push(fromMercator(centerX + size * Math.cos(angle), centerY + size * Math.sin(angle)));
  }
  ring.push(ring[0] as [number, number]);
  const longitudes = ring.map((position) => position[0]);
  const latitudes = ring.map((position) => position[1]);
  return {
    center: fromMercator(centerX, centerY),
    ring,
    bbox: [Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes)],
  };
}

interface Accumulator {
  q: number;
  r: number;
  count: number;
  area: number;
  byTownship: Map<string, number>;
  byVillage: Map<string, number>;
  byStatus: Record<string, number>;
}

function largestKey(values: Map<string, number>): string {
  let best = '';
  let bestValue = -Infinity;
  for (const [key, value] of values) {
    if (value > bestValue || (value === bestValue && key < best)) {
      best = key;
      bestValue = value;
    }
  }
  return best;
}

/**
 * Bins the remaining violations (status not 已拆除 / 已整改 / 销号) into hexagons by their
 * representative point, summing their stored ellipsoidal areas. Cells without remaining area are
 * not returned; the result is sorted by remaining area, largest first (ties by id). Empty input
 * gives an empty array. Violations without a usable coordinate are skipped.
 */
export function binRemainingViolations(violations: readonly Violation[], options: HotspotGridOptions): HotspotCell[] {
  if (!(options.radiusMeters > 0)) throw new RangeError(`radiusMeters must be positive, got ${options.radiusMeters}`);
  const size = options.radiusMeters / Math.cos(options.referenceLatitude * DEGREES);
  const cells = new Map<string, Accumulator>();
  for (const violation of violations) {
    const { status, areaSquareMeters, townshipId, villageId } = violation.properties;
    if (isDisposed(status)) continue;
    const point = representativePoint(violation);
    if (!point) continue;
    const [x, y] = toMercator(point[0], point[1]);
    const [q, r] = axialOf(x, y, size);
    const id = `${q}:${r}`;
    let cell = cells.get(id);
    if (!cell) {
      cell = { q, r, count: 0, area: 0, byTownship: new Map(), byVillage: new Map(), byStatus: {} };
      cells.set(id, cell);
    }
    cell.count += 1;
    cell.area += areaSquareMeters;
    cell.byTownship.set(townshipId, (cell.byTownship.get(townshipId) ?? 0) + areaSquareMeters);
    cell.byVillage.set(villageId, (cell.byVillage.get(villageId) ?? 0) + areaSquareMeters);
    cell.byStatus[status] = (cell.byStatus[status] ?? 0) + 1;
  }
  const result: HotspotCell[] = [];
  for (const [id, cell] of cells) {
    if (!(cell.area > 0)) continue;
    result.push({
      id,
      ...cellGeometry(cell.q, cell.r, size),
      remainingCount: cell.count,
      remainingAreaSquareMeters: cell.area,
      townshipId: largestKey(cell.byTownship),
      villageId: largestKey(cell.byVillage),
      countByStatus: cell.byStatus,
    });
  }
  return result.sort((a, b) => b.remainingAreaSquareMeters - a.remainingAreaSquareMeters || a.id.localeCompare(b.id));
}

/** Distance between two [longitude, latitude] points on the sphere (haversine), in metres. */
export function distanceMeters(a: readonly [number, number], b: readonly [number, number]): number {
  const dLatitude = (b[1] - a[1]) * DEGREES;
  const dLongitude = (b[0] - a[0]) * DEGREES;
  const h = Math.sin(dLatitude / 2) ** 2 + Math.cos(a[1] * DEGREES) * Math.cos(b[1] * DEGREES) * Math.sin(dLongitude / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The tour stops: the cells with the most remaining area, skipping any cell closer than
 * `minimumSpacingMeters` to one already picked (so neighbouring cells of one cluster count once).
 * `cells` must be sorted largest first, as `binRemainingViolations` returns them.
 */
export function pickHotspots(cells: readonly HotspotCell[], count: number, minimumSpacingMeters: number): HotspotCell[] {
  const picked: HotspotCell[] = [];
  for (const cell of cells) {
    if (picked.length >= count) break;
    if (picked.some((other) => distanceMeters(other.center, cell.center) < minimumSpacingMeters)) continue;
    picked.push(cell);
  }
  return picked;
}

/** `bbox` grown by `meters` on every side (east–west scaled by the cosine of its mid latitude). */
export function expandBounds(bbox: readonly [number, number, number, number], meters: number): [number, number, number, number] {
  const latitudeDegrees = meters / 111_320;
  const longitudeDegrees = meters / (111_320 * Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180));
  return [bbox[0] - longitudeDegrees, bbox[1] - latitudeDegrees, bbox[2] + longitudeDegrees, bbox[3] + latitudeDegrees];
}
