/**
 * A container polygon (zone, 城中村 block, industrial block) prepared for many overlay queries:
 * its bounding box, ellipsoidal area, and an index of its ring edges, so that "does this building
 * touch the boundary at all?" costs a few segment tests instead of a polygon clip; and the same
 * container flattened for the area-only overlay (`polygon-overlay.ts`).
 *
 * All tests are planar in longitude/latitude degrees: a container edge is the straight line between
 * its vertices in lon/lat, exactly as `turf.intersect` (polyclip-ts) clips it.
 */
import { booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { type OverlayContainer, prepareOverlayContainer } from './polygon-overlay';
import { type BoundingBox, boundingBoxesIntersect, expandBoundingBox, geometryBoundingBox } from './spatial-index';

/**
 * Distance in degrees (≈ 0.1 mm) within which a feature edge counts as touching a container edge.
 * Generous on purpose: a false "touch" only sends the feature to the exact clip.
 */
export const CONTACT_TOLERANCE_DEGREES = 1e-9;

/** One ring of the container: its box and a vertex, to find rings lying inside a feature. */
interface RingSummary {
  readonly boundingBox: BoundingBox;
  readonly vertex: Position;
}

/** A container prepared by {@link prepareArea}. Holds typed arrays; do not send across workers. */
export interface PreparedArea {
  readonly geometry: Polygon | MultiPolygon;
  readonly boundingBox: BoundingBox;
  /** Ellipsoidal area of the container, m². */
  readonly areaSquareMeters: number;
  /** Ring edges as consecutive `x1, y1, x2, y2` quadruples. */
  readonly edges: Float64Array;
  /** Index over the edges; null when the geometry has no edges. */
  readonly edgeTree: Flatbush | null;
  readonly rings: readonly RingSummary[];
  /** The container flattened for the area-only overlay. */
  readonly overlay: OverlayContainer;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function collectEdges(geometry: Polygon | MultiPolygon): number[] {
  const edges: number[] = [];
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const from = ring[i] as Position;
        const to = ring[i + 1] as Position;
        edges.push(from[0] as number, from[1] as number, to[0] as number, to[1] as number);
      }
    }
  }
  return edges;
}

function buildEdgeTree(edges: Float64Array): Flatbush | null {
  const count = edges.length / 4;
  if (count === 0) return null;
  const tree = new Flatbush(count);
  for (let i = 0; i < edges.length; i += 4) {
    const x1 = edges[i] as number, y1 = edges[i + 1] as number, x2 = edges[i + 2] as number, y2 = edges[i + 3] as number;
    tree.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  tree.finish();
  return tree;
}

/**
 * The edge index and ring summaries serve only the clipping path (`measureOverlapByClipping`), so
 * they are built on first use: most containers are only ever measured by the overlay.
 */
class LazilyPreparedArea implements PreparedArea {
  readonly boundingBox: BoundingBox;
  readonly areaSquareMeters: number;
  readonly overlay: OverlayContainer;
  private clipping: { edges: Float64Array; edgeTree: Flatbush | null; rings: RingSummary[] } | null = null;

  constructor(readonly geometry: Polygon | MultiPolygon) {
    this.boundingBox = geometryBoundingBox(geometry);
    this.areaSquareMeters = ellipsoidalAreaSquareMeters(geometry);
    this.overlay = prepareOverlayContainer(geometry);
  }

  private prepareClipping(): { edges: Float64Array; edgeTree: Flatbush | null; rings: RingSummary[] } {
    if (this.clipping !== null) return this.clipping;
    const edges = Float64Array.from(collectEdges(this.geometry));
    const rings = polygonsOf(this.geometry).flat().filter((ring) => ring.length > 0).map((ring) => ({
      boundingBox: geometryBoundingBox({ type: 'Polygon', coordinates: [ring] }),
      vertex: ring[0] as Position,
    }));
    this.clipping = { edges, edgeTree: buildEdgeTree(edges), rings };
    return this.clipping;
  }

  get edges(): Float64Array {
    return this.prepareClipping().edges;
  }

  get edgeTree(): Flatbush | null {
    return this.prepareClipping().edgeTree;
  }

  get rings(): readonly RingSummary[] {
    return this.prepareClipping().rings;
  }
}

/** Prepares a container in O(n log n) for n vertices. */
export function prepareArea(geometry: Polygon | MultiPolygon): PreparedArea {
  return new LazilyPreparedArea(geometry);
}

/** Twice the signed area of the triangle (a, b, c) in degree²; > 0 when c is left of a→b. */
function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Whether segments a→b and c→d cross, or come within `CONTACT_TOLERANCE_DEGREES` of each other. */
function segmentsMeet(a: readonly number[], c: readonly number[]): boolean {
  const [ax, ay, bx, by] = a as [number, number, number, number];
  const [cx, cy, dx, dy] = c as [number, number, number, number];
  const d1 = orientation(cx, cy, dx, dy, ax, ay);
  const d2 = orientation(cx, cy, dx, dy, bx, by);
  const d3 = orientation(ax, ay, bx, by, cx, cy);
  const d4 = orientation(ax, ay, bx, by, dx, dy);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return (
    pointSegmentDistance(ax, ay, cx, cy, dx, dy) <= CONTACT_TOLERANCE_DEGREES ||
    pointSegmentDistance(bx, by, cx, cy, dx, dy) <= CONTACT_TOLERANCE_DEGREES ||
    pointSegmentDistance(cx, cy, ax, ay, bx, by) <= CONTACT_TOLERANCE_DEGREES ||
    pointSegmentDistance(dx, dy, ax, ay, bx, by) <= CONTACT_TOLERANCE_DEGREES
  );
}

function containerEdge(area: PreparedArea, edgeNumber: number): number[] {
  const offset = edgeNumber * 4;
  return Array.from(area.edges.subarray(offset, offset + 4));
}

/**
 * Whether any edge of `geometry` crosses or touches (within {@link CONTACT_TOLERANCE_DEGREES}) any
 * edge of the container. `box` is the geometry's bounding box.
 */
export function touchesBoundary(area: PreparedArea, geometry: Polygon | MultiPolygon, box: BoundingBox): boolean {
  if (area.edgeTree === null) return false;
  const near = expandBoundingBox(box, CONTACT_TOLERANCE_DEGREES);
  const candidates = area.edgeTree.search(near[0], near[1], near[2], near[3]).map((edge) => containerEdge(area, edge));
  if (candidates.length === 0) return false;
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const from = ring[i] as Position;
        const to = ring[i + 1] as Position;
        const edge = [from[0] as number, from[1] as number, to[0] as number, to[1] as number];
        if (candidates.some((candidate) => segmentsMeet(edge, candidate))) return true;
      }
    }
  }
  return false;
}

/**
 * Whether some ring of the container (an outer ring or a hole) lies inside `geometry`. Only
 * meaningful when {@link touchesBoundary} is false: then each ring is wholly inside or outside.
 */
export function hasRingInside(area: PreparedArea, geometry: Polygon | MultiPolygon, box: BoundingBox): boolean {
  return area.rings.some(
    (ring) => boundingBoxesIntersect(ring.boundingBox, box) && booleanPointInPolygon(ring.vertex, geometry),
  );
}

/** Whether a position lies inside the container (holes excluded; the boundary counts as inside). */
export function containsPosition(area: PreparedArea, position: Position): boolean {
  return booleanPointInPolygon(position, area.geometry);
}
