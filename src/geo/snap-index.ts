/**
 * Snapping while drawing: an index of the edges of the features on the map (blocks, violations,
 * zones), and the search for the vertex or edge point nearest to the pointer.
 *
 * The edges are held in one Float64Array and indexed by a flatbush R-tree over their bounding
 * boxes, so a query reads only the few edges within the pointer's tolerance box (building 50,000
 * edges takes a few milliseconds; a query well under one). Distances are measured on screen, in
 * pixels, through the projection the caller passes in, so the tolerance means the same at every
 * zoom. A vertex within the tolerance wins over an edge; the edge point is interpolated in
 * longitude/latitude (edges are straight lines there, as stored) and rounded to 7 decimals.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { roundPosition } from './normalise-zone-polygon';

export interface SnapIndex {
  /** Edges as consecutive `x1, y1, x2, y2` quadruples in lon/lat degrees. */
  readonly edges: Float64Array;
  /** null when there are no edges. */
  readonly tree: Flatbush | null;
}

export interface ScreenPoint {
  x: number;
  y: number;
}

/** Map projection between lon/lat and screen pixels (e.g. MapLibre's `project`/`unproject`). */
export interface SnapProjection {
  project(longitude: number, latitude: number): ScreenPoint;
  unproject(x: number, y: number): { lng: number; lat: number };
}

export interface SnapTarget {
  position: Position;
  kind: 'vertex' | 'edge';
  /** Screen distance from the pointer, px. */
  distancePixels: number;
}

/** Default snapping distance on screen, px. */
export const DEFAULT_SNAP_TOLERANCE_PIXELS = 10;

function collectEdges(geometries: Iterable<Polygon | MultiPolygon>): number[] {
  const edges: number[] = [];
  for (const geometry of geometries) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const rings of polygons) {
      for (const ring of rings) {
        for (let index = 0; index + 1 < ring.length; index++) {
          const from = ring[index] as Position;
          const to = ring[index + 1] as Position;
          edges.push(from[0] as number, from[1] as number, to[0] as number, to[1] as number);
        }
      }
    }
  }
  return edges;
}

/** Builds the index over every ring edge of the geometries (rings are expected closed). */
export function createSnapIndex(geometries: Iterable<Polygon | MultiPolygon>): SnapIndex {
  const edges = Float64Array.from(collectEdges(geometries));
  const count = edges.length / 4;
  if (count === 0) return { edges, tree: null };
  const tree = new Flatbush(count);
  for (let offset = 0; offset < edges.length; offset += 4) {
    const x1 = edges[offset] as number;
    const y1 = edges[offset + 1] as number;
    const x2 = edges[offset + 2] as number;
    const y2 = edges[offset + 3] as number;
    tree.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  tree.finish();
  return { edges, tree };
}

/** The edges whose boxes meet the lon/lat box of the pointer's tolerance square. */
function candidateEdges(index: SnapIndex, pointer: ScreenPoint, tolerancePixels: number, projection: SnapProjection): number[] {
  if (index.tree === null) return [];
  const corners = [
    projection.unproject(pointer.x - tolerancePixels, pointer.y - tolerancePixels),
    projection.unproject(pointer.x + tolerancePixels, pointer.y + tolerancePixels),
  ];
  const longitudes = corners.map((corner) => corner.lng);
  const latitudes = corners.map((corner) => corner.lat);
  return index.tree.search(Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes));
}

/**
 * The vertex nearest to `pointer` within `tolerancePixels`, else the nearest edge point within it,
 * else null.
 */
export function findSnapTarget(
  index: SnapIndex,
  pointer: ScreenPoint,
  projection: SnapProjection,
  tolerancePixels = DEFAULT_SNAP_TOLERANCE_PIXELS,
): SnapTarget | null {
  let vertex: SnapTarget | null = null;
  let edge: SnapTarget | null = null;
  for (const item of candidateEdges(index, pointer, tolerancePixels, projection)) {
    const offset = item * 4;
    const from: Position = [index.edges[offset] as number, index.edges[offset + 1] as number];
    const to: Position = [index.edges[offset + 2] as number, index.edges[offset + 3] as number];
    const a = projection.project(from[0] as number, from[1] as number);
    const b = projection.project(to[0] as number, to[1] as number);
    for (const [position, screen] of [[from, a], [to, b]] as const) {
      const distance = Math.hypot(screen.x - pointer.x, screen.y - pointer.y);
      if (distance <= tolerancePixels && (vertex === null || distance < vertex.distancePixels)) vertex = { position, kind: 'vertex', distancePixels: distance };
    }
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const lengthSquared = dx * dx + dy * dy;
    if (lengthSquared === 0) continue;
    const t = Math.min(1, Math.max(0, ((pointer.x - a.x) * dx + (pointer.y - a.y) * dy) / lengthSquared));
    const distance = Math.hypot(a.x + t * dx - pointer.x, a.y + t * dy - pointer.y);
    if (distance <= tolerancePixels && (edge === null || distance < edge.distancePixels)) {
      const position = roundPosition([(from[0] as number) + t * ((to[0] as number) - (from[0] as number)), (from[1] as number) + t * ((to[1] as number) - (from[1] as number))]);
      edge = { position, kind: 'edge', distancePixels: distance };
    }
  }
  return vertex ?? edge;
}
