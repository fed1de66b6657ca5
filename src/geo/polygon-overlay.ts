/**
 * Area-only overlay: the ellipsoidal area of (feature ∩ container) without building the clipped
 * geometry.
 *
 * Method (Green's theorem): the area of a region is the sum, over its boundary, of the same
 * per-edge term that `ellipsoidal-area.ts` sums over a ring (the spherical trapezoid between a
 * great-circle edge of the authalic sphere and the equator). The boundary of feature ∩ container
 * is made of the pieces of the feature's boundary inside the container and the pieces of the
 * container's boundary inside the feature, split where the two boundaries cross. Each piece is
 * summed with the same edge formula, between the same points `turf.intersect` would make vertices
 * (boundary crossings computed as straight lines in lon/lat, as polyclip-ts does), so the result is
 * the area `ellipsoidalAreaSquareMeters` gives for Turf's clipped polygon, up to rounding.
 *
 * Degenerate contact (shared vertices, vertices on edges, collinear overlapping edges, touching
 * from outside) is handled by simulation of simplicity (Edelsbrunner & Mücke, ACM TOG 9, 1990):
 * the container is treated as moved by an infinitesimal (ε, εη), which puts the two boundaries in
 * general position; the area is continuous in that move, so the limit is the exact answer. Every
 * decision is the exact sign of an orientation determinant (`robust-orientation.ts`), so the
 * decisions are consistent and the pieces close up; a ring whose crossings do not pair up (which
 * exact signs rule out) reports `'undecided'` and the caller clips with Turf instead.
 *
 * Each piece's term is taken relative to a parallel through the feature (the terms of a closed
 * boundary sum to the same area), so an error in a sliver piece costs the sliver's area, not the
 * area between it and the equator.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { BoundaryPieces } from './boundary-pieces';
import { polygonAreaSquareMeters } from './ellipsoidal-area';
import { type FlatPolygon, FlatPolygonWriter, isOverlayValid } from './flat-polygon';
import {
  authalicHalfAngleTangent,
  AUTHALIC_RADIUS_SQUARED,
  candidateEdges,
  containerPointInside,
  EdgeList,
  containerSide,
  type OverlayContainer,
  subjectPointInside,
  subjectSide,
  tangentsOf,
} from './overlay-container';
import { orientation } from './robust-orientation';
import type { BoundingBox } from './spatial-index';

export { type OverlayContainer, prepareOverlayContainer } from './overlay-container';

/** One crossing of a subject edge and a container edge. */
interface Crossing {
  /** Position along the subject edge (0 at its start, 1 at its end). */
  t: number;
  containerEdge: number;
  /** Position along the container edge. */
  u: number;
  x: number;
  y: number;
  tangent: number;
}

function clampUnit(value: number): number {
  return value > 1 ? 1 : value >= 0 ? value : 0;
}

function projection(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  return lengthSquared === 0 ? 0 : clampUnit(((px - ax) * dx + (py - ay) * dy) / lengthSquared);
}

/** The crossing of subject edge a→b (vertices ia, ib) with container edge c→d, or null (under the move). */
function crossingOf(subject: FlatPolygon, subjectTangents: Float64Array, container: OverlayContainer, ia: number, ib: number, edge: number): Crossing | null {
  const cPolygon = container.polygon;
  const id = cPolygon.next[edge] as number;
  const ax = subject.xs[ia] as number, ay = subject.ys[ia] as number, bx = subject.xs[ib] as number, by = subject.ys[ib] as number;
  const cx = cPolygon.xs[edge] as number, cy = cPolygon.ys[edge] as number, dx = cPolygon.xs[id] as number, dy = cPolygon.ys[id] as number;
  const orientationA = orientation(cx, cy, dx, dy, ax, ay);
  const orientationB = orientation(cx, cy, dx, dy, bx, by);
  if (subjectSide(orientationA, cx, cy, dx, dy) === subjectSide(orientationB, cx, cy, dx, dy)) return null;
  const orientationC = orientation(ax, ay, bx, by, cx, cy);
  const orientationD = orientation(ax, ay, bx, by, dx, dy);
  if (containerSide(orientationC, ax, ay, bx, by) === containerSide(orientationD, ax, ay, bx, by)) return null;
  if (orientationA === 0) return { t: 0, containerEdge: edge, u: projection(ax, ay, cx, cy, dx, dy), x: ax, y: ay, tangent: subjectTangents[ia] as number };
  if (orientationB === 0) return { t: 1, containerEdge: edge, u: projection(bx, by, cx, cy, dx, dy), x: bx, y: by, tangent: subjectTangents[ib] as number };
  if (orientationC === 0) return { t: projection(cx, cy, ax, ay, bx, by), containerEdge: edge, u: 0, x: cx, y: cy, tangent: container.tangents[edge] as number };
  if (orientationD === 0) return { t: projection(dx, dy, ax, ay, bx, by), containerEdge: edge, u: 1, x: dx, y: dy, tangent: container.tangents[id] as number };
  const t = clampUnit(orientationA / (orientationA - orientationB));
  const u = clampUnit(orientationC / (orientationC - orientationD));
  const x = ax + t * (bx - ax);
  const y = ay + t * (by - ay);
  return { t, containerEdge: edge, u, x, y, tangent: authalicHalfAngleTangent(y) };
}

function byPositionOnSubjectEdge(first: Crossing, second: Crossing): number {
  return first.t - second.t;
}

function byPositionOnContainerEdge(first: Crossing, second: Crossing): number {
  return first.containerEdge - second.containerEdge || first.u - second.u;
}

/** Adds a piece with the region on its left: reversed when the ring runs the other way. */
function addPiece(pieces: BoundaryPieces, multiplier: number, x1: number, y1: number, tangent1: number, x2: number, y2: number, tangent2: number): void {
  if (multiplier > 0) pieces.add(x1, y1, tangent1, x2, y2, tangent2);
  else pieces.add(x2, y2, tangent2, x1, y1, tangent1);
}

/**
 * Collects the pieces of the subject's boundary inside the container, ring by ring, and the
 * crossings into `crossings`. Returns false when a ring's crossings do not pair up.
 */
function collectSubjectPieces(
  subject: FlatPolygon,
  subjectTangents: Float64Array,
  container: OverlayContainer,
  edges: EdgeList,
  crossings: Crossing[],
  pieces: BoundaryPieces,
): boolean {
  const { xs, ys, next, ringStarts, ringMultipliers } = subject;
  const boxes = container.edgeBoxes;
  const onEdge: Crossing[] = [];
  for (let ring = 0; ring < subject.ringCount; ring++) {
    const start = ringStarts[ring] as number;
    const multiplier = ringMultipliers[ring] as number;
    const initial = subjectPointInside(container, xs[start] as number, ys[start] as number);
    let inside = initial;
    for (let a = start; a < (ringStarts[ring + 1] as number); a++) {
      const b = next[a] as number;
      const ax = xs[a] as number, ay = ys[a] as number, bx = xs[b] as number, by = ys[b] as number;
      onEdge.length = 0;
      for (let k = 0; k < edges.count; k++) {
        const edge = edges.items[k] as number;
        if ((boxes[4 * edge] as number) > Math.max(ax, bx) || (boxes[4 * edge + 2] as number) < Math.min(ax, bx)) continue;
        if ((boxes[4 * edge + 1] as number) > Math.max(ay, by) || (boxes[4 * edge + 3] as number) < Math.min(ay, by)) continue;
        const crossing = crossingOf(subject, subjectTangents, container, a, b, edge);
        if (crossing !== null) onEdge.push(crossing);
      }
      if (onEdge.length > 1) onEdge.sort(byPositionOnSubjectEdge);
      let x = ax;
      let y = ay;
      let tangent = subjectTangents[a] as number;
      for (const crossing of onEdge) {
        if (inside) addPiece(pieces, multiplier, x, y, tangent, crossing.x, crossing.y, crossing.tangent);
        inside = !inside;
        x = crossing.x;
        y = crossing.y;
        tangent = crossing.tangent;
        crossings.push(crossing);
      }
      if (inside) addPiece(pieces, multiplier, x, y, tangent, bx, by, subjectTangents[b] as number);
    }
    if (inside !== initial) return false;
  }
  return true;
}

/** Collects the pieces of the container edges `edges` inside the subject. */
function collectContainerPieces(subject: FlatPolygon, container: OverlayContainer, edges: EdgeList, crossings: Crossing[], pieces: BoundaryPieces): void {
  const { xs, ys, next, ringOfVertex, ringMultipliers } = container.polygon;
  const [west, south, east, north] = subject.boundingBox;
  crossings.sort(byPositionOnContainerEdge);
  let cursor = 0;
  for (let k = 0; k < edges.count; k++) {
    const c = edges.items[k] as number;
    const d = next[c] as number;
    const cx = xs[c] as number, cy = ys[c] as number;
    const multiplier = ringMultipliers[ringOfVertex[c] as number] as number;
    let inside = cx >= west && cx <= east && cy >= south && cy <= north && containerPointInside(subject, cx, cy);
    let x = cx;
    let y = cy;
    let tangent = container.tangents[c] as number;
    while (cursor < crossings.length && (crossings[cursor] as Crossing).containerEdge < c) cursor++;
    for (; cursor < crossings.length && (crossings[cursor] as Crossing).containerEdge === c; cursor++) {
      const crossing = crossings[cursor] as Crossing;
      if (inside) addPiece(pieces, multiplier, x, y, tangent, crossing.x, crossing.y, crossing.tangent);
      inside = !inside;
      x = crossing.x;
      y = crossing.y;
      tangent = crossing.tangent;
    }
    if (inside) addPiece(pieces, multiplier, x, y, tangent, xs[d] as number, ys[d] as number, container.tangents[d] as number);
  }
}

/**
 * The overlay's answer: the area inside (m²); `'all-inside'` when no container edge comes near the
 * feature and every part lies inside (the caller knows the feature's area); or `'undecided'`.
 */
export type InsideArea = number | 'all-inside' | 'undecided';

/** Whether the first vertex of a polygon's outer ring lies inside the container. */
function partInside(container: OverlayContainer, rings: readonly Position[][]): boolean {
  const vertex = rings[0]?.[0];
  return vertex !== undefined && subjectPointInside(container, vertex[0] as number, vertex[1] as number);
}

/** No container edge comes near the feature: each part is wholly in or out, by one point test. */
function insideAreaByParts(container: OverlayContainer, geometry: Polygon | MultiPolygon): InsideArea {
  if (geometry.type === 'Polygon') return partInside(container, geometry.coordinates) ? 'all-inside' : 0;
  let insideParts = 0;
  let area = 0;
  for (const rings of geometry.coordinates) {
    if (!partInside(container, rings)) continue;
    insideParts++;
    area += polygonAreaSquareMeters(rings);
  }
  if (insideParts === 0) return 0;
  return insideParts === geometry.coordinates.length ? 'all-inside' : area;
}

const scratchEdges = new EdgeList();
const scratchPieces = new BoundaryPieces();
const subjectWriter = new FlatPolygonWriter();
let scratchTangents: Float64Array = new Float64Array(64);

/**
 * Ellipsoidal area (m²) of the part of `geometry` inside the container; `box` is the geometry's
 * bounding box. `'all-inside'` when every part lies inside and no container edge comes near it;
 * `'undecided'` when the overlay does not apply (an invalid container or feature: self-crossing
 * rings, holes outside their shell, overlapping parts) and the caller must clip instead.
 * The returned area may be a rounding residue below 0 for a feature touching the container.
 */
export function overlayInsideAreaSquareMeters(container: OverlayContainer, geometry: Polygon | MultiPolygon, box: BoundingBox): InsideArea {
  if (!container.valid) return 'undecided';
  const edges = scratchEdges;
  candidateEdges(container, box, edges);
  if (edges.count === 0) return insideAreaByParts(container, geometry);
  const subject = subjectWriter.write(geometry);
  if (subject.nonFinite) return 'undecided';
  if (subject.vertexCount === 0) return 0;
  if (!isOverlayValid(subject)) return 'undecided';
  const subjectTangents = tangentsOf(subject, scratchTangents);
  scratchTangents = subjectTangents;
  const firstTangent = subjectTangents[0] as number;
  const reference = (2 * firstTangent) / (1 + firstTangent * firstTangent);
  const crossings: Crossing[] = [];
  const pieces = scratchPieces;
  pieces.clear();
  if (!collectSubjectPieces(subject, subjectTangents, container, edges, crossings, pieces)) return 'undecided';
  collectContainerPieces(subject, container, edges, crossings, pieces);
  const area = -pieces.sumExcess(reference) * AUTHALIC_RADIUS_SQUARED;
  return Number.isFinite(area) ? area : 'undecided';
}
