/**
 * Flat typed-array geometry of many polygon or point features, in the layout deck.gl's binary
 * layers read without re-tessellating: vertex positions, where each polygon and ring starts, the
 * triangles (earcut, computed once), the feature of every vertex (picking and colours) and
 * per-vertex RGBA colours that one edit repaints in place.
 */
import { earcut } from '@math.gl/polygon';
import type { Feature, Geometry, Position } from 'geojson';
import { geometrySourceOf, type GeometrySource } from '../geo/lazy-geometry';
import { PackedGeometry, type RingVisitor } from '../geo/packed-geometry';
import type { Rgba } from './palette';

export interface PolygonBuffers {
  featureCount: number;
  /** Longitude, latitude of every vertex; rings closed as stored. */
  positions: Float64Array;
  /** Vertex where each polygon (one part of a feature) starts; one entry more than polygons. */
  polygonStarts: Uint32Array;
  /** Vertex where each ring starts; one entry more than rings. */
  ringStarts: Uint32Array;
  /** Polygon where each feature starts; featureCount + 1 entries. */
  featurePolygonStarts: Uint32Array;
  /** Vertex indices, three per triangle. */
  triangles: Uint32Array;
  /** Feature index of every vertex. */
  vertexFeatures: Uint32Array;
}

export interface PointBuffers {
  featureCount: number;
  /** Longitude, latitude of every feature (NaN for one without a point). */
  positions: Float64Array;
}

function polygonsOf(geometry: Geometry | null | undefined): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/** Counts and output arrays of a polygon build, filled slice by slice. */
interface PolygonBuild {
  buffers: PolygonBuffers;
  triangleCount: number;
  polygon: number;
  ring: number;
  vertex: number;
  /** First vertex of the open polygon. */
  polygonStart: number;
  /** Where the open polygon's holes start, relative to polygonStart. */
  holeIndices: number[];
}

interface PolygonTotals {
  polygonTotal: number;
  ringTotal: number;
  vertexTotal: number;
}

/** Adds the polygons, rings and vertices of `geometries[start, end)` to `totals`. */
function countPolygons(geometries: readonly GeometrySource[], start: number, end: number, totals: PolygonTotals): PolygonTotals {
  const countRing: RingVisitor = (_polygon, _ring, _first, positionCount) => {
    totals.ringTotal++;
    totals.vertexTotal += positionCount;
  };
  for (let feature = start; feature < end; feature++) {
    const source = geometries[feature];
    if (source instanceof PackedGeometry) {
      totals.polygonTotal += source.forEachRing(countRing);
      continue;
    }
    for (const rings of polygonsOf(source)) {
      totals.polygonTotal++;
      totals.ringTotal += rings.length;
      for (const ring of rings) totals.vertexTotal += ring.length;
    }
  }
  return totals;
}

function startPolygonBuild(
  geometries: readonly GeometrySource[],
  { polygonTotal, ringTotal, vertexTotal }: PolygonTotals = countPolygons(geometries, 0, geometries.length, { polygonTotal: 0, ringTotal: 0, vertexTotal: 0 }),
): PolygonBuild {
  return {
    buffers: {
      featureCount: geometries.length,
      positions: new Float64Array(2 * vertexTotal),
      polygonStarts: new Uint32Array(polygonTotal + 1),
      ringStarts: new Uint32Array(ringTotal + 1),
      featurePolygonStarts: new Uint32Array(geometries.length + 1),
      // Earcut makes n + 2h − 2 triangles of n distinct vertices and h holes: 3 per vertex bounds it.
      triangles: new Uint32Array(3 * vertexTotal),
      vertexFeatures: new Uint32Array(vertexTotal),
    },
    triangleCount: 0,
    polygon: 0,
    ring: 0,
    vertex: 0,
    polygonStart: 0,
    holeIndices: [],
  };
}

/** Opens the next polygon (its first ring comes next). */
function startPolygon(build: PolygonBuild): void {
  build.polygonStart = build.vertex;
  build.buffers.polygonStarts[build.polygon++] = build.vertex;
  build.holeIndices.length = 0;
}

/** Opens the next ring of the open polygon (ring 0 the exterior); its `positionCount` vertices are written next. */
function startRing(build: PolygonBuild, ring: number, feature: number, positionCount: number): void {
  if (ring > 0) build.holeIndices.push(build.vertex - build.polygonStart);
  build.buffers.ringStarts[build.ring++] = build.vertex;
  build.buffers.vertexFeatures.fill(feature, build.vertex, build.vertex + positionCount);
}

/** Triangulates the open polygon. */
function endPolygon(build: PolygonBuild): void {
  const { buffers, polygonStart, vertex, holeIndices } = build;
  // Triangulated in longitude/latitude: for building-sized polygons the Mercator projection is
  // an affine map of it, and ear clipping does not change under affine maps.
  const triangles = earcut(buffers.positions.subarray(2 * polygonStart, 2 * vertex), holeIndices.length > 0 ? holeIndices : undefined, 2);
  for (const index of triangles) buffers.triangles[build.triangleCount++] = index + polygonStart;
}

function buildPolygonRange(build: PolygonBuild, geometries: readonly GeometrySource[], start: number, end: number): void {
  const { buffers } = build;
  const { positions, featurePolygonStarts } = buffers;
  for (let feature = start; feature < end; feature++) {
    featurePolygonStarts[feature] = build.polygon;
    const source = geometries[feature];
    if (source instanceof PackedGeometry) {
      // Rings straight from the packed arrays: no GeoJSON is built.
      const polygonCount = source.forEachRing(
        (_polygon, ring, first, positionCount) => {
          startRing(build, ring, feature, positionCount);
          positions.set(source.coordinates.subarray(first, first + 2 * positionCount), 2 * build.vertex);
          build.vertex += positionCount;
        },
        (polygon) => {
          if (polygon > 0) endPolygon(build);
          startPolygon(build);
        },
      );
      if (polygonCount > 0) endPolygon(build);
      continue;
    }
    for (const rings of polygonsOf(source)) {
      startPolygon(build);
      for (let r = 0; r < rings.length; r++) {
        const coordinates = rings[r] as Position[];
        startRing(build, r, feature, coordinates.length);
        let vertex = build.vertex;
        for (const position of coordinates) {
          positions[2 * vertex] = position[0] as number;
          positions[2 * vertex + 1] = position[1] as number;
          vertex++;
        }
        build.vertex = vertex;
      }
      endPolygon(build);
    }
  }
  featurePolygonStarts[end] = build.polygon;
  buffers.polygonStarts[build.polygon] = build.vertex;
  buffers.ringStarts[build.ring] = build.vertex;
}

function finishPolygonBuild(build: PolygonBuild): PolygonBuffers {
  return { ...build.buffers, triangles: build.buffers.triangles.slice(0, build.triangleCount) };
}

/** The polygon buffers of `geometries` (one feature each; points and lines draw nothing). */
export function buildPolygonBuffers(geometries: readonly GeometrySource[]): PolygonBuffers {
  const build = startPolygonBuild(geometries);
  buildPolygonRange(build, geometries, 0, geometries.length);
  return finishPolygonBuild(build);
}

/** Resolves after a macrotask, so input and rendering can run between slices of work. */
export const nextMacrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Main-thread time one slice of a background build may take before the rest waits for a later macrotask. */
export const SLICE_BUDGET_MS = 10;
/** Items between two looks at the clock. */
const SLICE_STEP = 256;

/**
 * Runs `work(from, to)` over `[0, total)` in steps of {@link SLICE_STEP} items, yielding a
 * macrotask whenever a slice has taken {@link SLICE_BUDGET_MS}: the slices stay short however slow
 * the code runs (the first run of a function is interpreted, a loaded machine is slower).
 */
export async function inTimedSlices(total: number, work: (from: number, to: number) => void): Promise<void> {
  let sliceStarted = performance.now();
  for (let from = 0; from < total; from += SLICE_STEP) {
    if (performance.now() - sliceStarted > SLICE_BUDGET_MS) {
      await nextMacrotask();
      sliceStarted = performance.now();
    }
    work(from, Math.min(total, from + SLICE_STEP));
  }
}

/**
 * {@link buildPolygonBuffers} in timed slices ({@link inTimedSlices}) with a macrotask between them,
 * instead of one block of ~0.3 s per 100,000 building footprints.
 */
export async function buildPolygonBuffersInSlices(geometries: readonly GeometrySource[]): Promise<PolygonBuffers> {
  // Counting 100,000 footprints' vertices takes tens of ms too: in slices as well.
  const totals = { polygonTotal: 0, ringTotal: 0, vertexTotal: 0 };
  await inTimedSlices(geometries.length, (from, to) => countPolygons(geometries, from, to, totals));
  await nextMacrotask();
  const build = startPolygonBuild(geometries, totals);
  await inTimedSlices(geometries.length, (from, to) => buildPolygonRange(build, geometries, from, to));
  if (geometries.length === 0) buildPolygonRange(build, geometries, 0, 0);
  return finishPolygonBuild(build);
}

export function buildPointBuffers(geometries: readonly GeometrySource[]): PointBuffers {
  const positions = new Float64Array(2 * geometries.length).fill(Number.NaN);
  geometries.forEach((geometry, index) => {
    if (geometry instanceof PackedGeometry) {
      if (geometry.type !== 'Point') return;
      positions[2 * index] = geometry.coordinates[geometry.coordinate] as number;
      positions[2 * index + 1] = geometry.coordinates[geometry.coordinate + 1] as number;
      return;
    }
    if (geometry?.type !== 'Point') return;
    positions[2 * index] = geometry.coordinates[0] as number;
    positions[2 * index + 1] = geometry.coordinates[1] as number;
  });
  return { featureCount: geometries.length, positions };
}

/** First and end (exclusive) vertex of a feature's polygons. */
export function featureVertexRange(buffers: PolygonBuffers, feature: number): [number, number] {
  const firstPolygon = buffers.featurePolygonStarts[feature] as number;
  const endPolygon = buffers.featurePolygonStarts[feature + 1] as number;
  return [buffers.polygonStarts[firstPolygon] as number, buffers.polygonStarts[endPolygon] as number];
}

/** Writes `color` into `target` (4 bytes per element) for elements first ≤ i < end. */
export function paintRange(target: Uint8Array, first: number, end: number, color: Rgba): void {
  for (let element = first; element < end; element++) {
    const offset = 4 * element;
    target[offset] = color[0];
    target[offset + 1] = color[1];
    target[offset + 2] = color[2];
    target[offset + 3] = color[3];
  }
}

/** Per-vertex colours of every feature, `colorOf(index)` once per feature. */
export function polygonVertexColors(buffers: PolygonBuffers, colorOf: (feature: number) => Rgba): Uint8Array {
  const colors = new Uint8Array(4 * (buffers.positions.length / 2));
  for (let feature = 0; feature < buffers.featureCount; feature++) {
    const [first, end] = featureVertexRange(buffers, feature);
    if (end > first) paintRange(colors, first, end, colorOf(feature));
  }
  return colors;
}

/** {@link polygonVertexColors} in timed slices ({@link inTimedSlices}) with a macrotask between them. */
export async function polygonVertexColorsInSlices(buffers: PolygonBuffers, colorOf: (feature: number) => Rgba): Promise<Uint8Array> {
  const colors = new Uint8Array(4 * (buffers.positions.length / 2));
  await inTimedSlices(buffers.featureCount, (from, to) => {
    for (let feature = from; feature < to; feature++) {
      const [first, end] = featureVertexRange(buffers, feature);
      if (end > first) paintRange(colors, first, end, colorOf(feature));
    }
  });
  return colors;
}

/** One colour per point feature. */
export function pointColors(buffers: PointBuffers, colorOf: (feature: number) => Rgba): Uint8Array {
  const colors = new Uint8Array(4 * buffers.featureCount);
  for (let feature = 0; feature < buffers.featureCount; feature++) paintRange(colors, feature, feature + 1, colorOf(feature));
  return colors;
}

/**
 * The records whose attributes changed (same id and geometry at the same place), or null when a
 * record was added, removed, moved or reshaped (the geometry must be rebuilt).
 */
export function attributeOnlyChanges(before: readonly Feature[], after: readonly Feature[]): number[] | null {
  if (before.length !== after.length) return null;
  const changed: number[] = [];
  for (let index = 0; index < after.length; index++) {
    const old = before[index] as Feature;
    const current = after[index] as Feature;
    if (old === current) continue;
    if (old.id !== current.id) return null;
    // Records sharing one unread packed geometry need not build it to be compared.
    const oldSource = geometrySourceOf(old);
    if (oldSource !== geometrySourceOf(current) && !sameGeometry(old.geometry, current.geometry)) return null;
    changed.push(index);
  }
  return changed;
}

/** Whether two geometries have the same type and coordinates (for records re-read from storage). */
export function sameGeometry(a: Geometry | null | undefined, b: Geometry | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.type !== b.type) return false;
  return sameCoordinates((a as { coordinates?: unknown }).coordinates, (b as { coordinates?: unknown }).coordinates);
}

function sameCoordinates(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (!sameCoordinates(a[index], b[index])) return false;
  return true;
}
