/**
 * Outlines of labelled raster components as polygons in pixel-corner coordinates, and their
 * simplification.
 *
 * Tracing follows pixel edges ("crack following"): every side between a pixel of the component and
 * a pixel outside it is a directed edge with the component on its right (x east, y down), and the
 * edges are chained into closed rings. Outer rings then have a positive shoelace area in pixel
 * coordinates (they run clockwise as seen on screen, y down), holes a negative one. Where two pixels of the component touch only at a
 * corner, the chain turns left there, joining them: the outer ring and the hole it pinches off then
 * share that single vertex, which simple-feature polygons allow, instead of one self-touching ring.
 *
 * Simplification is Douglas–Peucker (Douglas & Peucker, Cartographica 10(2), 1973) on the closed
 * ring, anchored at the first vertex and the vertex farthest from it; a simplified polygon whose
 * rings cross is refused and the finer outline kept.
 */
import type { Component, Labelling } from './raster-components';

/** An open ring of [x, y] pixel-corner positions (the first vertex is not repeated). */
export type PixelRing = [number, number][];

export interface PixelPolygon {
  outer: PixelRing;
  holes: PixelRing[];
}

const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/** Signed shoelace area of an open ring in pixel units (positive for outer rings: clockwise as seen, y down). */
export function pixelRingArea(ring: PixelRing): number {
  let twice = 0;
  for (let index = 0; index < ring.length; index++) {
    const [x0, y0] = ring[index] as [number, number];
    const [x1, y1] = ring[(index + 1) % ring.length] as [number, number];
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

interface EdgeSet {
  startX: number[];
  startY: number[];
  direction: number[];
  /** Vertex key → indexes of the edges leaving it (one, or two at a corner-touching vertex). */
  leaving: Map<number, number[]>;
}

function collectEdges(labelling: Labelling, component: Component): EdgeSet {
  const { width, height, labels } = labelling;
  const edges: EdgeSet = { startX: [], startY: [], direction: [], leaving: new Map() };
  const add = (x: number, y: number, direction: number) => {
    const index = edges.direction.length;
    edges.startX.push(x);
    edges.startY.push(y);
    edges.direction.push(direction);
    const key = y * (width + 1) + x;
    const list = edges.leaving.get(key);
    if (list) list.push(index);
    else edges.leaving.set(key, [index]);
  };
  const label = component.label;
  for (let y = component.minY; y <= component.maxY; y++) {
    for (let x = component.minX; x <= component.maxX; x++) {
      const index = y * width + x;
      if (labels[index] !== label) continue;
      if (y === 0 || labels[index - width] !== label) add(x, y, 0);
      if (x + 1 === width || labels[index + 1] !== label) add(x + 1, y, 1);
      if (y + 1 === height || labels[index + width] !== label) add(x + 1, y + 1, 2);
      if (x === 0 || labels[index - 1] !== label) add(x, y + 1, 3);
    }
  }
  return edges;
}

/** Chains the edges into closed rings, keeping only the corners (where the direction changes). */
function chainRings(edges: EdgeSet, width: number): PixelRing[] {
  const used = new Uint8Array(edges.direction.length);
  const rings: PixelRing[] = [];
  for (let first = 0; first < used.length; first++) {
    if (used[first]) continue;
    const ring: PixelRing = [];
    let edge = first;
    let previousDirection = -1;
    while (!used[edge]) {
      used[edge] = 1;
      const direction = edges.direction[edge] as number;
      if (direction !== previousDirection) ring.push([edges.startX[edge] as number, edges.startY[edge] as number]);
      previousDirection = direction;
      const endX = (edges.startX[edge] as number) + (DX[direction] as number);
      const endY = (edges.startY[edge] as number) + (DY[direction] as number);
      const candidates = (edges.leaving.get(endY * (width + 1) + endX) ?? []).filter((candidate) => !used[candidate]);
      if (candidates.length === 0) break;
      const leftTurn = (direction + 3) % 4;
      edge = candidates.find((candidate) => edges.direction[candidate] === leftTurn) ?? (candidates[0] as number);
    }
    // The ring closes on its first edge; drop its start when the last edge runs the same way.
    if (ring.length > 1 && edges.direction[first] === previousDirection) ring.shift();
    if (ring.length >= 3) rings.push(ring);
  }
  return rings;
}

/**
 * The outline of one component: its outer ring and its holes of at least `minimumHolePixels`
 * pixels (smaller holes are filled). Coordinates are pixel corners.
 */
export function traceComponent(labelling: Labelling, component: Component, minimumHolePixels = 1): PixelPolygon {
  const rings = chainRings(collectEdges(labelling, component), labelling.width);
  let outer: PixelRing = [];
  let outerArea = 0;
  const holes: PixelRing[] = [];
  for (const ring of rings) {
    const area = pixelRingArea(ring);
    if (area > outerArea) {
      if (outer.length > 0) holes.push(outer);
      outer = ring;
      outerArea = area;
    } else if (area < 0) {
      holes.push(ring);
    }
  }
  return { outer, holes: holes.filter((hole) => pixelRingArea(hole) <= -minimumHolePixels) };
}

function perpendicularDistance(point: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(point[0] - a[0], point[1] - a[1]);
  return Math.abs(dy * point[0] - dx * point[1] + b[0] * a[1] - b[1] * a[0]) / length;
}

/** Douglas–Peucker on the open polyline points[from..to], marking kept vertices. */
function simplifySection(points: PixelRing, from: number, to: number, tolerance: number, keep: Uint8Array): void {
  const stack: [number, number][] = [[from, to]];
  while (stack.length > 0) {
    const [start, end] = stack.pop() as [number, number];
    let farthest = -1;
    let distance = tolerance;
    for (let index = start + 1; index < end; index++) {
      const candidate = perpendicularDistance(points[index] as [number, number], points[start] as [number, number], points[end % points.length] as [number, number]);
      if (candidate > distance) {
        distance = candidate;
        farthest = index;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([start, farthest], [farthest, end]);
  }
}

/** A closed ring simplified with Douglas–Peucker (`tolerance` in pixels); at least a triangle, or the ring unchanged. */
export function simplifyRing(ring: PixelRing, tolerance: number): PixelRing {
  if (ring.length <= 4 || tolerance <= 0) return ring.slice();
  const first = ring[0] as [number, number];
  let anchor = 1;
  let farthest = -1;
  ring.forEach((point, index) => {
    const distance = Math.hypot(point[0] - first[0], point[1] - first[1]);
    if (distance > farthest) {
      farthest = distance;
      anchor = index;
    }
  });
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[anchor] = 1;
  simplifySection(ring, 0, anchor, tolerance, keep);
  simplifySection(ring, anchor, ring.length, tolerance, keep);
  const simplified = ring.filter((_, index) => keep[index] === 1);
  return simplified.length >= 3 ? simplified : ring.slice();
}

function orientation(a: [number, number], b: [number, number], c: [number, number]): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** Whether segments ab and cd cross or overlap (touching only at a shared endpoint doesn't count). */
function segmentsConflict(a: [number, number], b: [number, number], c: [number, number], d: [number, number]): boolean {
  const shared = (p: [number, number], q: [number, number]) => p[0] === q[0] && p[1] === q[1];
  if (shared(a, c) || shared(a, d) || shared(b, c) || shared(b, d)) {
    // Collinear overlap beyond the shared point is still a conflict.
    return orientation(a, b, c) === 0 && orientation(a, b, d) === 0 && Math.max(a[0], b[0]) > Math.min(c[0], d[0]) && Math.max(c[0], d[0]) > Math.min(a[0], b[0]);
  }
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  const onSegment = (p: [number, number], q: [number, number], r: [number, number]) =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/** Whether any two edges of the polygon's rings cross (adjacent edges of one ring excepted). */
export function polygonEdgesCross(polygon: PixelPolygon): boolean {
  const rings = [polygon.outer, ...polygon.holes];
  const edges: { ring: number; index: number; a: [number, number]; b: [number, number] }[] = [];
  rings.forEach((ring, ringIndex) => ring.forEach((point, index) => edges.push({ ring: ringIndex, index, a: point, b: ring[(index + 1) % ring.length] as [number, number] })));
  for (let i = 0; i < edges.length; i++) {
    const first = edges[i] as (typeof edges)[number];
    for (let j = i + 1; j < edges.length; j++) {
      const second = edges[j] as (typeof edges)[number];
      if (first.ring === second.ring) {
        const count = (rings[first.ring] as PixelRing).length;
        const adjacent = Math.abs(first.index - second.index) === 1 || Math.abs(first.index - second.index) === count - 1;
        if (adjacent) continue;
      }
      if (segmentsConflict(first.a, first.b, second.a, second.b)) return true;
    }
  }
  return false;
}

/**
 * The polygon simplified with `tolerance` pixels, or with half of it, or unsimplified — the
 * coarsest whose rings don't cross and whose outer ring keeps its orientation.
 */
export function simplifyPolygon(polygon: PixelPolygon, tolerance: number): PixelPolygon {
  for (const candidateTolerance of [tolerance, tolerance / 2]) {
    const candidate: PixelPolygon = {
      outer: simplifyRing(polygon.outer, candidateTolerance),
      holes: polygon.holes.map((hole) => simplifyRing(hole, candidateTolerance)).filter((hole) => pixelRingArea(hole) < 0),
    };
    if (pixelRingArea(candidate.outer) > 0 && candidate.holes.length === polygon.holes.length && !polygonEdgesCross(candidate)) return candidate;
  }
  return polygon;
}
