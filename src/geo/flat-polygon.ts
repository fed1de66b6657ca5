/**
 * Polygons and multipolygons flattened into typed arrays for the area overlay
 * (`polygon-overlay.ts`): vertices without the closing duplicate, ring by ring, each vertex
 * pointing at the next one of its ring, and a multiplier per ring that turns the ring's signed area
 * into its contribution (+ for a shell, − for a hole, whatever the drawing direction).
 *
 * Also: an exact point-in-ring test, and the validity check that decides whether the overlay may
 * treat a geometry by the even–odd rule (which equals Turf's union semantics only for valid
 * polygons).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { orientation } from './robust-orientation';
import type { BoundingBox } from './spatial-index';

export interface FlatPolygon {
  readonly vertexCount: number;
  readonly ringCount: number;
  /** Longitudes (degrees) of all vertices, ring after ring (arrays may be longer than `vertexCount`). */
  readonly xs: Float64Array;
  /** Latitudes (degrees). */
  readonly ys: Float64Array;
  /** Index of the vertex after each vertex in its ring (the last one points at the first). */
  readonly next: Int32Array;
  /** Ring r holds vertices ringStarts[r] ≤ i < ringStarts[r + 1]. */
  readonly ringStarts: Int32Array;
  /** Ring of each vertex. */
  readonly ringOfVertex: Int32Array;
  /** +1 when the region lies left of the ring as stored (a counter-clockwise shell, a clockwise hole), −1 otherwise. */
  readonly ringMultipliers: Float64Array;
  /** 1 when the ring is a hole (not the first ring of its polygon). */
  readonly ringIsHole: Uint8Array;
  /** Index of each ring's shell (itself for a shell; −1 for a hole whose shell had no area). */
  readonly ringShell: Int32Array;
  readonly boundingBox: BoundingBox;
  /** Whether some coordinate is NaN or infinite (the overlay then does not apply). */
  readonly nonFinite: boolean;
}

/** Vertices of the ring without the closing duplicate; rings of fewer than 4 positions have no area and are skipped. */
function ringVertexCount(ring: readonly Position[]): number {
  if (ring.length < 4) return 0;
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  return first[0] === last[0] && first[1] === last[1] ? ring.length - 1 : ring.length;
}

/** Twice the planar signed area (degrees²) of vertices start ≤ i < end. */
function planarSignedArea(xs: Float64Array, ys: Float64Array, start: number, end: number): number {
  let sum = 0;
  const x0 = xs[start] as number;
  const y0 = ys[start] as number;
  for (let i = start + 1; i + 1 < end; i++) {
    sum += ((xs[i] as number) - x0) * ((ys[i + 1] as number) - y0) - ((xs[i + 1] as number) - x0) * ((ys[i] as number) - y0);
  }
  return sum;
}

function allCollinear(xs: Float64Array, ys: Float64Array, start: number, end: number): boolean {
  const ax = xs[start] as number, ay = ys[start] as number;
  let far = start;
  for (let i = start + 1; i < end; i++) if (xs[i] !== ax || ys[i] !== ay) { far = i; break; }
  if (far === start) return true;
  const bx = xs[far] as number, by = ys[far] as number;
  for (let i = far + 1; i < end; i++) if (orientation(ax, ay, bx, by, xs[i] as number, ys[i] as number) !== 0) return false;
  return true;
}

/**
 * Reusable storage for flattened polygons: {@link FlatPolygonWriter.write} overwrites the previous
 * result (and returns the writer itself), so the overlay can flatten thousands of features without
 * allocating typed arrays.
 */
export class FlatPolygonWriter implements FlatPolygon {
  vertexCount = 0;
  ringCount = 0;
  xs = new Float64Array(16);
  ys = new Float64Array(16);
  next = new Int32Array(16);
  ringOfVertex = new Int32Array(16);
  ringStarts = new Int32Array(5);
  ringMultipliers = new Float64Array(4);
  ringIsHole = new Uint8Array(4);
  ringShell = new Int32Array(4);
  boundingBox: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  nonFinite = false;

  private reserve(vertices: number, rings: number): void {
    if (vertices > this.xs.length) {
      const size = Math.max(vertices, 2 * this.xs.length);
      this.xs = new Float64Array(size);
      this.ys = new Float64Array(size);
      this.next = new Int32Array(size);
      this.ringOfVertex = new Int32Array(size);
    }
    if (rings > this.ringMultipliers.length) {
      const size = Math.max(rings, 2 * this.ringMultipliers.length);
      this.ringStarts = new Int32Array(size + 1);
      this.ringMultipliers = new Float64Array(size);
      this.ringIsHole = new Uint8Array(size);
      this.ringShell = new Int32Array(size);
    }
  }

  private extendBox(start: number, end: number): void {
    const box = this.boundingBox;
    for (let i = start; i < end; i++) {
      const x = this.xs[i] as number, y = this.ys[i] as number;
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }

  /** Copies one ring in; returns false (and copies nothing) when it bounds no area. */
  private writeRing(ring: readonly Position[], isHole: boolean, shell: number): boolean {
    const count = ringVertexCount(ring);
    if (count === 0) return false;
    const start = this.ringStarts[this.ringCount] as number;
    const { xs, ys, next, ringOfVertex } = this;
    for (let i = 0; i < count; i++) {
      const position = ring[i] as Position;
      xs[start + i] = position[0] as number;
      ys[start + i] = position[1] as number;
      next[start + i] = i + 1 < count ? start + i + 1 : start;
      ringOfVertex[start + i] = this.ringCount;
    }
    const signedArea = planarSignedArea(xs, ys, start, start + count);
    if (!Number.isFinite(signedArea)) this.nonFinite = true;
    if (!Number.isFinite(signedArea) || (signedArea === 0 && allCollinear(xs, ys, start, start + count))) return false;
    this.extendBox(start, start + count);
    this.ringMultipliers[this.ringCount] = (signedArea > 0) !== isHole ? 1 : -1;
    this.ringIsHole[this.ringCount] = isHole ? 1 : 0;
    this.ringShell[this.ringCount] = isHole ? shell : this.ringCount;
    this.ringCount++;
    this.ringStarts[this.ringCount] = start + count;
    return true;
  }

  /**
   * Flattens in O(n). Rings whose vertices are all collinear are dropped: they bound nothing. (A
   * ring with zero signed area that is not collinear, such as a symmetric bow-tie, is kept: the
   * validity check rejects it.)
   */
  write(geometry: Polygon | MultiPolygon): FlatPolygon {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    let vertices = 0;
    let rings = 0;
    for (const polygon of polygons) for (const ring of polygon) { vertices += ring.length; rings++; }
    this.reserve(vertices, rings);
    this.ringCount = 0;
    this.nonFinite = false;
    this.ringStarts[0] = 0;
    this.boundingBox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const polygon of polygons) {
      let shell = -1;
      for (let ringIndex = 0; ringIndex < polygon.length; ringIndex++) {
        const isHole = ringIndex > 0;
        if (this.writeRing(polygon[ringIndex] as Position[], isHole, shell) && !isHole) shell = this.ringCount - 1;
      }
    }
    this.vertexCount = this.ringStarts[this.ringCount] as number;
    return this;
  }
}

const sharedWriter = new FlatPolygonWriter();

/** Flattens a geometry into arrays of its own (for long-lived containers). */
export function flattenPolygon(geometry: Polygon | MultiPolygon): FlatPolygon {
  const written = sharedWriter.write(geometry);
  const vertices = written.vertexCount;
  const rings = written.ringCount;
  return {
    ...written,
    xs: written.xs.slice(0, vertices),
    ys: written.ys.slice(0, vertices),
    next: written.next.slice(0, vertices),
    ringOfVertex: written.ringOfVertex.slice(0, vertices),
    ringStarts: written.ringStarts.slice(0, rings + 1),
    ringMultipliers: written.ringMultipliers.slice(0, rings),
    ringIsHole: written.ringIsHole.slice(0, rings),
    ringShell: written.ringShell.slice(0, rings),
  };
}

/**
 * Where a point lies relative to one ring: 1 inside, −1 outside, 0 on the ring (exact).
 * Crossing-number test with a half-open rule on the ray's line.
 */
export function locateInRing(polygon: FlatPolygon, ring: number, x: number, y: number): -1 | 0 | 1 {
  const { xs, ys, next, ringStarts } = polygon;
  let inside = false;
  for (let i = ringStarts[ring] as number; i < (ringStarts[ring + 1] as number); i++) {
    const j = next[i] as number;
    const ax = xs[i] as number, ay = ys[i] as number, bx = xs[j] as number, by = ys[j] as number;
    const side = orientation(ax, ay, bx, by, x, y);
    if (side === 0 && x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && y >= Math.min(ay, by) && y <= Math.max(ay, by)) return 0;
    if ((ay > y) !== (by > y) && (by > ay ? side > 0 : side < 0)) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Whether edges i→next(i) and j→next(j) cross at a point interior to both (exact). */
function crossProperly(polygon: FlatPolygon, i: number, j: number): boolean {
  const { xs, ys, next } = polygon;
  const i2 = next[i] as number, j2 = next[j] as number;
  // Adjacent edges share a vertex: they may overlap (a spike) but cannot cross properly.
  if (i2 === j || j2 === i) return false;
  const ax = xs[i] as number, ay = ys[i] as number, bx = xs[i2] as number, by = ys[i2] as number;
  const cx = xs[j] as number, cy = ys[j] as number, dx = xs[j2] as number, dy = ys[j2] as number;
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)) return false;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return false;
  const c = Math.sign(orientation(ax, ay, bx, by, cx, cy));
  const d = Math.sign(orientation(ax, ay, bx, by, dx, dy));
  if (c === 0 || d === 0 || c === d) return false;
  const a = Math.sign(orientation(cx, cy, dx, dy, ax, ay));
  const b = Math.sign(orientation(cx, cy, dx, dy, bx, by));
  return a !== 0 && b !== 0 && a !== b;
}

/** Where ring `ring` lies relative to ring `other` (they do not cross): decided by its first vertex off `other`; 0 when every vertex is on it. */
function locateRing(polygon: FlatPolygon, ring: number, other: number): -1 | 0 | 1 {
  for (let i = polygon.ringStarts[ring] as number; i < (polygon.ringStarts[ring + 1] as number); i++) {
    const where = locateInRing(polygon, other, polygon.xs[i] as number, polygon.ys[i] as number);
    if (where !== 0) return where;
  }
  return 0;
}

function anyEdgesCross(polygon: FlatPolygon): boolean {
  for (let i = 0; i < polygon.vertexCount; i++) for (let j = i + 1; j < polygon.vertexCount; j++) if (crossProperly(polygon, i, j)) return true;
  return false;
}

/**
 * Whether the even–odd region of the rings is the polygon Turf would see: finite coordinates, no
 * two edges cross properly (touching at vertices and shared edges are allowed), every hole lies
 * inside its own shell, and every ring is nested in an even number of others when a shell, odd
 * when a hole.
 * `candidatePairs` lists the edge pairs that may meet (all pairs when omitted, O(n²)).
 */
export function isOverlayValid(polygon: FlatPolygon, candidatePairs?: (visit: (i: number, j: number) => boolean) => boolean): boolean {
  if (polygon.nonFinite) return false;
  if (candidatePairs === undefined ? anyEdgesCross(polygon) : candidatePairs((i, j) => i !== j && crossProperly(polygon, i, j))) return false;
  const rings = polygon.ringCount;
  if (rings === 1) return polygon.ringIsHole[0] === 0;
  for (let ring = 0; ring < rings; ring++) {
    const shell = polygon.ringShell[ring] as number;
    if (polygon.ringIsHole[ring] === 1 && (shell < 0 || locateRing(polygon, ring, shell) !== 1)) return false;
    let depth = 0;
    for (let other = 0; other < rings; other++) {
      if (other === ring) continue;
      const where = locateRing(polygon, ring, other);
      if (where === 0) return false;
      if (where === 1) depth++;
    }
    if (depth % 2 !== polygon.ringIsHole[ring]) return false;
  }
  return true;
}
