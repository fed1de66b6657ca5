/**
 * Violations packed for the trip to the statistics worker: the footprints as typed arrays
 * (transferred, not copied: ~1 ms for 100,000 polygons instead of a ~0.4 s main-thread stall for
 * `structuredClone` of the features), plus the few properties the statistics read — the id, the
 * status, the 建筑类型 and the 已拆除 date (which makes a 销号 violation count as demolished). In the worker the
 * packed arrays are viewed as violations whose GeoJSON geometry is built on first read.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { BUILDING_TYPES, type Violation } from '../domain/records';
import { VIOLATION_STATUSES, type ViolationStatus } from '../domain/violation-status';
import { packedGeometryOf } from '../geo/lazy-geometry';
import type { PackedGeometry } from '../geo/packed-geometry';
import { buildingTypeOf, type MeasuredViolation } from '../geo/zone-statistics';

export interface PackedViolations {
  /** The ids, concatenated: one string clones as one copy, 100,000 strings take ~50–150 ms. */
  idText: string;
  /** Length of each id in `idText`. */
  idLengths: Uint32Array;
  /** Index into VIOLATION_STATUSES. */
  statuses: Uint8Array;
  /** Index into BUILDING_TYPES (see `buildingTypeOf`). */
  buildingTypes: Uint8Array;
  /** statusDates.已拆除 of each violation, concatenated. */
  demolitionDateText: string;
  /** Length of each demolition date in `demolitionDateText`; NO_DATE where there is none. */
  demolitionDateLengths: Uint32Array;
  /** 1 for a MultiPolygon, 0 for a Polygon. */
  multi: Uint8Array;
  /** Polygons of each violation. */
  polygonCounts: Uint32Array;
  /** Rings of each polygon, all violations in order. */
  ringCounts: Uint32Array;
  /** Positions of each ring, all rings in order. */
  positionCounts: Uint32Array;
  /** Longitude, latitude of every position, in order. */
  coordinates: Float64Array;
}

/** Marks a violation without a 已拆除 date in `demolitionDateLengths`. */
const NO_DATE = 0xffffffff;

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The record trimmed to what the statistics read (the form changes are sent in). */
export function toMeasuredViolation(violation: MeasuredViolation): MeasuredViolation {
  const { status, statusDates } = violation.properties;
  return { id: violation.id, geometry: violation.geometry, properties: { status, statusDates, buildingType: buildingTypeOf(violation) } };
}

interface Packing {
  packed: PackedViolations;
  ids: string[];
  demolitionDates: string[];
  polygon: number;
  ring: number;
  coordinate: number;
}

/** Polygons, rings and positions of some violations (a pass over ring lengths, not positions). */
interface PackingTotals {
  polygons: number;
  rings: number;
  positions: number;
}

/** Adds the polygons, rings and positions of violations start ≤ item < end to `totals`. */
function countRange(totals: PackingTotals, violations: readonly (Violation | MeasuredViolation)[], start: number, end: number): void {
  let { polygons: polygonTotal, rings: ringTotal, positions: positionTotal } = totals;
  for (let item = start; item < end; item++) {
    const source = packedGeometryOf(violations[item]);
    if (source) {
      polygonTotal += source.forEachRing((_polygon, _ring, _first, positionCount) => {
        ringTotal++;
        positionTotal += positionCount;
      });
      continue;
    }
    const polygons = polygonsOf((violations[item] as MeasuredViolation).geometry);
    polygonTotal += polygons.length;
    for (let p = 0; p < polygons.length; p++) {
      const rings = polygons[p] as Position[][];
      ringTotal += rings.length;
      for (let r = 0; r < rings.length; r++) positionTotal += (rings[r] as Position[]).length;
    }
  }
  totals.polygons = polygonTotal;
  totals.rings = ringTotal;
  totals.positions = positionTotal;
}

/** Allocates the arrays for `count` violations with these totals. */
function startPacking(count: number, totals: PackingTotals): Packing {
  return {
    packed: {
      idText: '',
      idLengths: new Uint32Array(count),
      statuses: new Uint8Array(count),
      buildingTypes: new Uint8Array(count),
      demolitionDateText: '',
      demolitionDateLengths: new Uint32Array(count),
      multi: new Uint8Array(count),
      polygonCounts: new Uint32Array(count),
      ringCounts: new Uint32Array(totals.polygons),
      positionCounts: new Uint32Array(totals.rings),
      coordinates: new Float64Array(2 * totals.positions),
    },
    ids: new Array<string>(count),
    demolitionDates: [],
    polygon: 0,
    ring: 0,
    coordinate: 0,
  };
}

/** Packs violations start ≤ item < end (in order, after those before `start`). */
function packRange(packing: Packing, violations: readonly (Violation | MeasuredViolation)[], start: number, end: number): void {
  const { packed } = packing;
  const { coordinates } = packed;
  let { polygon, ring, coordinate } = packing;
  for (let item = start; item < end; item++) {
    const { id, properties } = violations[item] as MeasuredViolation;
    packing.ids[item] = id;
    packed.idLengths[item] = id.length;
    packed.statuses[item] = VIOLATION_STATUSES.indexOf(properties.status);
    packed.buildingTypes[item] = BUILDING_TYPES.indexOf(buildingTypeOf(violations[item] as MeasuredViolation));
    const demolished = properties.statusDates['已拆除'];
    packed.demolitionDateLengths[item] = demolished === undefined ? NO_DATE : demolished.length;
    if (demolished !== undefined) packing.demolitionDates.push(demolished);
    const source = packedGeometryOf(violations[item]);
    if (source) {
      packing.polygon = polygon;
      packing.ring = ring;
      packing.coordinate = coordinate;
      packPackedGeometry(packing, item, source);
      ({ polygon, ring, coordinate } = packing);
      continue;
    }
    const { geometry } = violations[item] as MeasuredViolation;
    packed.multi[item] = geometry.type === 'MultiPolygon' ? 1 : 0;
    const polygons = polygonsOf(geometry);
    packed.polygonCounts[item] = polygons.length;
    for (let p = 0; p < polygons.length; p++) {
      const rings = polygons[p] as Position[][];
      packed.ringCounts[polygon++] = rings.length;
      for (let r = 0; r < rings.length; r++) {
        const positions = rings[r] as Position[];
        packed.positionCounts[ring++] = positions.length;
        for (let i = 0; i < positions.length; i++) {
          const position = positions[i] as Position;
          coordinates[coordinate++] = position[0] as number;
          coordinates[coordinate++] = position[1] as number;
        }
      }
    }
  }
  packing.polygon = polygon;
  packing.ring = ring;
  packing.coordinate = coordinate;
}

/** Packs one violation's geometry straight from the packed arrays it is held in (nothing is built). */
function packPackedGeometry(packing: Packing, item: number, source: PackedGeometry): void {
  const { packed } = packing;
  packed.multi[item] = source.type === 'MultiPolygon' ? 1 : 0;
  packed.polygonCounts[item] = source.forEachRing(
    (_polygon, _ring, first, positionCount) => {
      packed.positionCounts[packing.ring++] = positionCount;
      packed.coordinates.set(source.coordinates.subarray(first, first + 2 * positionCount), packing.coordinate);
      packing.coordinate += 2 * positionCount;
    },
    (_polygon, ringCount) => {
      packed.ringCounts[packing.polygon++] = ringCount;
    },
  );
}

function finishPacking({ packed, ids, demolitionDates }: Packing): { packed: PackedViolations; transferables: ArrayBuffer[] } {
  packed.idText = ids.join('');
  packed.demolitionDateText = demolitionDates.join('');
  const transferables = [packed.idLengths, packed.demolitionDateLengths, packed.statuses, packed.buildingTypes, packed.multi, packed.polygonCounts, packed.ringCounts, packed.positionCounts, packed.coordinates].map((array) => array.buffer as ArrayBuffer);
  return { packed, transferables };
}

/** Packs violations in O(n); `transferables` lists the buffers to transfer. */
export function packViolations(violations: readonly (Violation | MeasuredViolation)[]): { packed: PackedViolations; transferables: ArrayBuffer[] } {
  const totals: PackingTotals = { polygons: 0, rings: 0, positions: 0 };
  countRange(totals, violations, 0, violations.length);
  const packing = startPacking(violations.length, totals);
  packRange(packing, violations, 0, violations.length);
  return finishPacking(packing);
}

/** Resolves in a later task (a macrotask). */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * {@link packViolations} in slices of `sliceSize` violations, each in a task of its own — the
 * count of rings and positions too, and the first slice after a macrotask, so that nothing of it
 * adds to the task that asked (a store update) — and the main thread stays responsive (~8 ms per
 * slice of 4,000 instead of one ~150 ms block: short enough that a garbage collection landing in
 * a slice, 60–80 ms here while an import's records settle, still leaves the task under 100 ms).
 */
export async function packViolationsInSlices(
  violations: readonly (Violation | MeasuredViolation)[],
  sliceSize = 4_000,
): Promise<{ packed: PackedViolations; transferables: ArrayBuffer[] }> {
  const totals: PackingTotals = { polygons: 0, rings: 0, positions: 0 };
  for (let start = 0; start < violations.length; start += sliceSize) {
    await nextTask();
    countRange(totals, violations, start, Math.min(violations.length, start + sliceSize));
  }
  const packing = startPacking(violations.length, totals);
  for (let start = 0; start < violations.length; start += sliceSize) {
    await nextTask();
    packRange(packing, violations, start, Math.min(violations.length, start + sliceSize));
  }
  // Joining 100,000 ids is a slice of its own (≈10 ms).
  await nextTask();
  return finishPacking(packing);
}

/** Where each violation's polygons, rings and coordinates start in the packed arrays. */
interface PackedOffsets {
  polygonStarts: Uint32Array;
  ringStarts: Uint32Array;
  coordinateStarts: Uint32Array;
}

function offsetsOf(packed: PackedViolations): PackedOffsets {
  const count = packed.polygonCounts.length;
  const polygonStarts = new Uint32Array(count + 1);
  for (let item = 0; item < count; item++) polygonStarts[item + 1] = (polygonStarts[item] as number) + (packed.polygonCounts[item] as number);
  const ringStarts = new Uint32Array(packed.ringCounts.length + 1);
  for (let polygon = 0; polygon < packed.ringCounts.length; polygon++) ringStarts[polygon + 1] = (ringStarts[polygon] as number) + (packed.ringCounts[polygon] as number);
  const coordinateStarts = new Uint32Array(packed.positionCounts.length + 1);
  for (let ring = 0; ring < packed.positionCounts.length; ring++) coordinateStarts[ring + 1] = (coordinateStarts[ring] as number) + 2 * (packed.positionCounts[ring] as number);
  return { polygonStarts, ringStarts, coordinateStarts };
}

/** The GeoJSON geometry of one packed violation. Arrays built by push stay packed (fast to read). */
function geometryOf(packed: PackedViolations, offsets: PackedOffsets, item: number): Polygon | MultiPolygon {
  const { coordinates } = packed;
  const polygons: Position[][][] = [];
  for (let polygon = offsets.polygonStarts[item] as number; polygon < (offsets.polygonStarts[item + 1] as number); polygon++) {
    const rings: Position[][] = [];
    for (let ring = offsets.ringStarts[polygon] as number; ring < (offsets.ringStarts[polygon + 1] as number); ring++) {
      const positions: Position[] = [];
      for (let coordinate = offsets.coordinateStarts[ring] as number; coordinate < (offsets.coordinateStarts[ring + 1] as number); coordinate += 2) {
        positions.push([coordinates[coordinate] as number, coordinates[coordinate + 1] as number]);
      }
      rings.push(positions);
    }
    polygons.push(rings);
  }
  return packed.multi[item] === 1 ? { type: 'MultiPolygon', coordinates: polygons } : { type: 'Polygon', coordinates: polygons[0] ?? [] };
}

/** Bounding boxes from the packed coordinates (outer rings), equal to `packBoundingBoxes` of the geometries. */
function boxesOf(packed: PackedViolations, offsets: PackedOffsets): Float64Array {
  const count = packed.polygonCounts.length;
  const boxes = new Float64Array(4 * count);
  const { coordinates } = packed;
  for (let item = 0; item < count; item++) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let polygon = offsets.polygonStarts[item] as number; polygon < (offsets.polygonStarts[item + 1] as number); polygon++) {
      if ((packed.ringCounts[polygon] as number) === 0) continue;
      const outer = offsets.ringStarts[polygon] as number;
      for (let coordinate = offsets.coordinateStarts[outer] as number; coordinate < (offsets.coordinateStarts[outer + 1] as number); coordinate += 2) {
        const x = coordinates[coordinate] as number;
        const y = coordinates[coordinate + 1] as number;
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
    boxes[4 * item] = minX;
    boxes[4 * item + 1] = minY;
    boxes[4 * item + 2] = maxX;
    boxes[4 * item + 3] = maxY;
  }
  return boxes;
}

/** A violation whose geometry is built from the packed arrays on first read. */
class PackedViolation implements MeasuredViolation {
  private built: Polygon | MultiPolygon | null = null;

  constructor(
    readonly id: string,
    readonly properties: MeasuredViolation['properties'],
    private readonly packed: PackedViolations,
    private readonly offsets: PackedOffsets,
    private readonly item: number,
  ) {}

  get geometry(): Polygon | MultiPolygon {
    if (this.built === null) this.built = geometryOf(this.packed, this.offsets, this.item);
    return this.built;
  }
}

/**
 * The violations (id, status; statusDates holds only 已拆除) with geometries built lazily — a
 * violation no zone's box reaches never becomes GeoJSON — and their bounding boxes, for
 * `new ZoneStatisticsEngine(zones, violations, { boxes })`.
 */
export function viewPackedViolations(packed: PackedViolations): { violations: MeasuredViolation[]; boxes: Float64Array } {
  const offsets = offsetsOf(packed);
  const violations: MeasuredViolation[] = [];
  // Most violations have no 已拆除 date: they share one read-only properties object per status and 建筑类型.
  const withoutDate = VIOLATION_STATUSES.map((status) => BUILDING_TYPES.map((buildingType) => Object.freeze({ status, statusDates: Object.freeze({}), buildingType })));
  let idOffset = 0, dateOffset = 0;
  for (let item = 0; item < packed.idLengths.length; item++) {
    const idLength = packed.idLengths[item] as number;
    const id = packed.idText.slice(idOffset, idOffset + idLength);
    idOffset += idLength;
    const statusIndex = packed.statuses[item] as number;
    const typeIndex = packed.buildingTypes[item] as number;
    const dateLength = packed.demolitionDateLengths[item] as number;
    let properties = withoutDate[statusIndex]?.[typeIndex] as MeasuredViolation['properties'];
    if (dateLength !== NO_DATE) {
      const status = VIOLATION_STATUSES[statusIndex] as ViolationStatus;
      const buildingType = BUILDING_TYPES[typeIndex] as (typeof BUILDING_TYPES)[number];
      properties = { status, statusDates: { 已拆除: packed.demolitionDateText.slice(dateOffset, dateOffset + dateLength) }, buildingType };
      dateOffset += dateLength;
    }
    violations.push(new PackedViolation(id, properties, packed, offsets, item));
  }
  return { violations, boxes: boxesOf(packed, offsets) };
}

/** The violations rebuilt as plain records with their geometries (see {@link viewPackedViolations}). */
export function unpackViolations(packed: PackedViolations): MeasuredViolation[] {
  return viewPackedViolations(packed).violations.map(({ id, geometry, properties }) => ({ id, geometry, properties }));
}
