/**
 * A container (zone, 城中村 block) prepared for the area-only overlay (`polygon-overlay.ts`): its
 * rings flattened, the authalic tangent of each vertex, the bounding box of each edge (with an
 * R-tree for large containers), horizontal bands of edges for point-in-polygon tests, and whether
 * the overlay applies to it at all (rings that do not cross, holes inside their shells).
 *
 * Also the symbolic move of the overlay: the container is treated as shifted by an infinitesimal
 * (ε, εη), ε ≪ η ≪ 1, so that no feature vertex lies on a container edge and no container vertex
 * on a feature edge. {@link subjectSide} and {@link containerSide} turn an exact orientation into
 * the side under that move; the point-in-polygon tests below follow the same move, so every
 * decision of the overlay describes one consistent configuration.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import { authalicQ, CGCS2000_SEMI_MAJOR_AXIS_METERS } from './ellipsoidal-area';
import { flattenPolygon, type FlatPolygon, isOverlayValid } from './flat-polygon';
import { orientation } from './robust-orientation';
import type { BoundingBox } from './spatial-index';

const DEGREES_TO_RADIANS = Math.PI / 180;
const Q_POLE = authalicQ(Math.PI / 2);
/** R_q² of `ellipsoidal-area.ts` (same expression, same value). */
export const AUTHALIC_RADIUS_SQUARED = (CGCS2000_SEMI_MAJOR_AXIS_METERS * CGCS2000_SEMI_MAJOR_AXIS_METERS * Q_POLE) / 2;
/** Containers with more edges than this find the edges near a feature through an R-tree. */
const LINEAR_SCAN_MAX_EDGES = 48;

/** tan(ξ/2) of the authalic latitude ξ (as in `ellipsoidal-area.ts`). */
export function authalicHalfAngleTangent(latitudeDegrees: number): number {
  const sinXi = authalicQ(latitudeDegrees * DEGREES_TO_RADIANS) / Q_POLE;
  return sinXi / (1 + Math.sqrt(Math.max(0, 1 - sinXi * sinXi)));
}

/** The authalic tangent of each vertex, written into `into` when it is long enough (else a new array). */
export function tangentsOf(polygon: FlatPolygon, into: Float64Array = new Float64Array(polygon.vertexCount)): Float64Array {
  const tangents = into.length >= polygon.vertexCount ? into : new Float64Array(2 * polygon.vertexCount);
  for (let i = 0; i < polygon.vertexCount; i++) tangents[i] = authalicHalfAngleTangent(polygon.ys[i] as number);
  return tangents;
}

/** Edges by horizontal band, so a point-in-polygon test reads only the edges near its latitude. */
interface Bands {
  readonly minimumY: number;
  readonly height: number;
  readonly starts: Int32Array;
  readonly edges: Int32Array;
}

/** A container (zone, block) prepared for many overlays. Holds typed arrays and a flatbush tree. */
export interface OverlayContainer {
  readonly polygon: FlatPolygon;
  readonly tangents: Float64Array;
  /** Bounding box of each edge i → next(i): minX, minY, maxX, maxY. */
  readonly edgeBoxes: Float64Array;
  readonly edgeTree: Flatbush | null;
  readonly bands: Bands;
  /** False for self-crossing or badly nested rings: the overlay does not apply (clip with Turf). */
  readonly valid: boolean;
}

function edgeBoxesOf(polygon: FlatPolygon): Float64Array {
  const { xs, ys, next } = polygon;
  const boxes = new Float64Array(polygon.vertexCount * 4);
  for (let i = 0; i < polygon.vertexCount; i++) {
    const j = next[i] as number;
    boxes[4 * i] = Math.min(xs[i] as number, xs[j] as number);
    boxes[4 * i + 1] = Math.min(ys[i] as number, ys[j] as number);
    boxes[4 * i + 2] = Math.max(xs[i] as number, xs[j] as number);
    boxes[4 * i + 3] = Math.max(ys[i] as number, ys[j] as number);
  }
  return boxes;
}

function edgeTreeOf(boxes: Float64Array): Flatbush | null {
  const count = boxes.length / 4;
  if (count <= LINEAR_SCAN_MAX_EDGES) return null;
  const tree = new Flatbush(count);
  for (let i = 0; i < count; i++) tree.add(boxes[4 * i] as number, boxes[4 * i + 1] as number, boxes[4 * i + 2] as number, boxes[4 * i + 3] as number);
  tree.finish();
  return tree;
}

function bandIndex(y: number, minimumY: number, height: number, count: number): number {
  return Math.min(count - 1, Math.max(0, Math.floor((y - minimumY) / height)));
}

/** One band per two edges (up to 4096); a single band for a container small enough to scan. */
function bandsOf(polygon: FlatPolygon, boxes: Float64Array): Bands {
  const edgeCount = boxes.length / 4;
  const count = edgeCount <= LINEAR_SCAN_MAX_EDGES ? 1 : Math.min(4096, Math.ceil(edgeCount / 2));
  const [, minimumY, , maximumY] = polygon.boundingBox;
  const height = maximumY > minimumY ? (maximumY - minimumY) / count : 1;
  const sizes = new Int32Array(count + 1);
  for (let i = 0; i < edgeCount; i++) {
    const last = bandIndex(boxes[4 * i + 3] as number, minimumY, height, count);
    for (let band = bandIndex(boxes[4 * i + 1] as number, minimumY, height, count); band <= last; band++) sizes[band + 1]!++;
  }
  for (let band = 0; band < count; band++) sizes[band + 1]! += sizes[band] as number;
  const edges = new Int32Array(sizes[count] as number);
  const fill = sizes.slice(0, count);
  for (let i = 0; i < edgeCount; i++) {
    const last = bandIndex(boxes[4 * i + 3] as number, minimumY, height, count);
    for (let band = bandIndex(boxes[4 * i + 1] as number, minimumY, height, count); band <= last; band++) edges[fill[band]!++] = i;
  }
  return { minimumY, height, starts: sizes, edges };
}

function visitEdgePairs(tree: Flatbush | null, boxes: Float64Array, visit: (i: number, j: number) => boolean): boolean {
  const count = boxes.length / 4;
  for (let i = 0; i < count; i++) {
    const near = tree === null ? null : tree.search(boxes[4 * i] as number, boxes[4 * i + 1] as number, boxes[4 * i + 2] as number, boxes[4 * i + 3] as number);
    if (near === null) {
      for (let j = i + 1; j < count; j++) if (visit(i, j)) return true;
    } else {
      for (const j of near) if (j > i && visit(i, j)) return true;
    }
  }
  return false;
}

/** Prepares a container in O(n log n) for n vertices. */
export function prepareOverlayContainer(geometry: Polygon | MultiPolygon): OverlayContainer {
  const polygon = flattenPolygon(geometry);
  const edgeBoxes = edgeBoxesOf(polygon);
  const edgeTree = edgeTreeOf(edgeBoxes);
  return {
    polygon,
    tangents: tangentsOf(polygon),
    edgeBoxes,
    edgeTree,
    bands: bandsOf(polygon, edgeBoxes),
    valid: isOverlayValid(polygon, (visit) => visitEdgePairs(edgeTree, edgeBoxes, visit)),
  };
}

/**
 * Side of subject point (x, y) relative to container edge c→d after the container moved by
 * (ε, εη): the exact sign, and for a point on the line the sign the move gives it.
 */
export function subjectSide(side: number, cx: number, cy: number, dx: number, dy: number): number {
  if (side !== 0) return side > 0 ? 1 : -1;
  if (dy !== cy) return dy > cy ? 1 : -1;
  return dx > cx ? -1 : dx < cx ? 1 : 0;
}

/** Side of (moved) container point relative to subject edge a→b, from `side` = orientation(a, b, point). */
export function containerSide(side: number, ax: number, ay: number, bx: number, by: number): number {
  if (side !== 0) return side > 0 ? 1 : -1;
  if (by !== ay) return by > ay ? -1 : 1;
  return bx > ax ? 1 : bx < ax ? -1 : 0;
}

/** Whether subject point (x, y) lies inside the moved container (even–odd; never on its boundary). */
export function subjectPointInside(container: OverlayContainer, x: number, y: number): boolean {
  const { xs, ys, next } = container.polygon;
  const { minimumY, height, starts, edges } = container.bands;
  const [, south, , north] = container.polygon.boundingBox;
  if (y < south || y > north || container.polygon.vertexCount === 0) return false;
  const band = Math.min(starts.length - 2, Math.max(0, Math.floor((y - minimumY) / height)));
  let inside = false;
  for (let k = starts[band] as number; k < (starts[band + 1] as number); k++) {
    const c = edges[k] as number;
    const d = next[c] as number;
    const cy = ys[c] as number, dy = ys[d] as number;
    const dAbove = dy >= y;
    if ((cy >= y) === dAbove) continue;
    const cx = xs[c] as number, dx = xs[d] as number;
    const side = subjectSide(orientation(cx, cy, dx, dy, x, y), cx, cy, dx, dy);
    if (dAbove ? side > 0 : side < 0) inside = !inside;
  }
  return inside;
}

/** Whether container point (x, y), moved, lies inside the subject (even–odd). */
export function containerPointInside(subject: FlatPolygon, x: number, y: number): boolean {
  const { xs, ys, next } = subject;
  let inside = false;
  for (let a = 0; a < subject.vertexCount; a++) {
    const b = next[a] as number;
    const ay = ys[a] as number, by = ys[b] as number;
    const bAbove = by > y;
    if ((ay > y) === bAbove) continue;
    const ax = xs[a] as number, bx = xs[b] as number;
    const side = containerSide(orientation(ax, ay, bx, by, x, y), ax, ay, bx, by);
    if (bAbove ? side > 0 : side < 0) inside = !inside;
  }
  return inside;
}

/** Whether the line through edge i passes through or touches the box (exact): not all four corners strictly on one side. */
function lineMeetsBox(container: OverlayContainer, edge: number, box: BoundingBox): boolean {
  const { xs, ys, next } = container.polygon;
  const j = next[edge] as number;
  const ax = xs[edge] as number, ay = ys[edge] as number, bx = xs[j] as number, by = ys[j] as number;
  const first = Math.sign(orientation(ax, ay, bx, by, box[0], box[1]));
  if (first === 0) return true;
  return Math.sign(orientation(ax, ay, bx, by, box[2], box[1])) !== first
    || Math.sign(orientation(ax, ay, bx, by, box[2], box[3])) !== first
    || Math.sign(orientation(ax, ay, bx, by, box[0], box[3])) !== first;
}

/**
 * Container edges that may meet a feature with bounding box `box`: the edge's box meets it
 * (closed) and its line passes through it, in ascending order, into `into`.
 */
export function candidateEdges(container: OverlayContainer, box: BoundingBox, into: EdgeList): void {
  into.count = 0;
  if (container.edgeTree !== null) {
    for (const edge of container.edgeTree.search(box[0], box[1], box[2], box[3])) if (lineMeetsBox(container, edge, box)) into.push(edge);
    into.items.subarray(0, into.count).sort();
    return;
  }
  const boxes = container.edgeBoxes;
  const count = container.polygon.vertexCount;
  for (let i = 0; i < count; i++) {
    if ((boxes[4 * i] as number) <= box[2] && (boxes[4 * i + 2] as number) >= box[0] && (boxes[4 * i + 1] as number) <= box[3] && (boxes[4 * i + 3] as number) >= box[1] && lineMeetsBox(container, i, box)) into.push(i);
  }
}

/** A reusable list of edge numbers (an Int32Array and a count: no allocation per feature). */
export class EdgeList {
  items = new Int32Array(64);
  count = 0;

  push(edge: number): void {
    if (this.count === this.items.length) {
      const grown = new Int32Array(2 * this.items.length);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.count++] = edge;
  }
}
