/**
 * Bounding boxes, a static packed R-tree over them (flatbush) and a uniform grid for a few hundred
 * boxes: the pre-filters of every overlay in `geo/`. Coordinates are longitude/latitude degrees;
 * boxes are `[minX, minY, maxX, maxY]`.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BoundingBox } from './bounding-box';

export type { BoundingBox };

/** An empty box that every `extendBoundingBox` call replaces. */
function emptyBoundingBox(): BoundingBox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

function extendBoundingBox(box: BoundingBox, ring: readonly Position[]): void {
  for (const position of ring) {
    const x = position[0] as number;
    const y = position[1] as number;
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
}

/**
 * The bounding box of a polygon or multipolygon (outer rings only: holes lie inside them).
 * An empty geometry gives `[Infinity, Infinity, -Infinity, -Infinity]`, which intersects nothing.
 */
export function geometryBoundingBox(geometry: Polygon | MultiPolygon): BoundingBox {
  const box = emptyBoundingBox();
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons) {
    if (rings[0] !== undefined) extendBoundingBox(box, rings[0]);
  }
  return box;
}

/** Whether two boxes share at least one point (touching counts). */
export function boundingBoxesIntersect(a: BoundingBox, b: BoundingBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The box grown by `margin` degrees on every side. */
export function expandBoundingBox(box: BoundingBox, margin: number): BoundingBox {
  return [box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin];
}

/** A static index over boxes; item numbers are positions in `boxes`. */
export interface BoundingBoxIndex {
  readonly boxes: readonly BoundingBox[];
  /** null when there are no boxes (flatbush cannot hold zero items). */
  readonly tree: Flatbush | null;
}

/** Builds the index in O(n log n). Empty boxes are indexed but never found. */
export function createBoundingBoxIndex(boxes: readonly BoundingBox[]): BoundingBoxIndex {
  if (boxes.length === 0) return { boxes, tree: null };
  const tree = new Flatbush(boxes.length);
  for (const box of boxes) {
    // An empty geometry's box is inverted; index it as a point far away so it is never found.
    if (box[0] > box[2]) tree.add(Number.MAX_VALUE, Number.MAX_VALUE, Number.MAX_VALUE, Number.MAX_VALUE);
    else tree.add(box[0], box[1], box[2], box[3]);
  }
  tree.finish();
  return { boxes, tree };
}

/** Positions of the boxes that intersect or touch `box`, ascending. */
export function searchBoundingBoxIndex(index: BoundingBoxIndex, box: BoundingBox): number[] {
  if (index.tree === null || box[0] > box[2]) return [];
  return index.tree.search(box[0], box[1], box[2], box[3]).sort((a, b) => a - b);
}

/**
 * Bounding boxes of many geometries packed as `minX, minY, maxX, maxY` quadruples (item i at
 * 4i): one allocation instead of one array per geometry. Empty geometries get an inverted box.
 */
export function packBoundingBoxes(geometries: readonly (Polygon | MultiPolygon)[]): Float64Array {
  const boxes = new Float64Array(geometries.length * 4);
  for (let item = 0; item < geometries.length; item++) writeBoundingBox(geometries[item] as Polygon | MultiPolygon, boxes, item);
  return boxes;
}

/** Writes the box of one geometry (outer rings; inverted when empty) as item `item` of packed boxes. */
export function writeBoundingBox(geometry: Polygon | MultiPolygon, boxes: Float64Array | BoundingBox, item = 0): void {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const count = geometry.type === 'Polygon' ? 1 : geometry.coordinates.length;
  for (let part = 0; part < count; part++) {
    const outer = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[part]?.[0];
    if (outer === undefined) continue;
    for (let i = 0; i < outer.length; i++) {
      const position = outer[i] as Position;
      const x = position[0] as number;
      const y = position[1] as number;
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

/**
 * A uniform grid over a few hundred boxes (zones), for looking up many small boxes (violations)
 * at a few comparisons each — cheaper than an R-tree query per violation. Built in O(n + cells).
 */
export class BoxGrid {
  private readonly columns: number;
  private readonly rows: number;
  private readonly west: number;
  private readonly south: number;
  private readonly cellWidth: number;
  private readonly cellHeight: number;
  /** Items of cell c are cellItems[cellStarts[c] .. cellStarts[c + 1]). */
  private readonly cellStarts: Int32Array;
  private readonly cellItems: Int32Array;
  private readonly stamps: Int32Array;
  private stamp = 0;
  private readonly found: number[] = [];

  /** `boxes` are packed `minX, minY, maxX, maxY` quadruples; inverted (empty) boxes are never found. */
  constructor(private readonly boxes: Float64Array) {
    const count = boxes.length / 4;
    let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
    for (let item = 0; item < count; item++) {
      if ((boxes[4 * item] as number) > (boxes[4 * item + 2] as number)) continue;
      west = Math.min(west, boxes[4 * item] as number);
      south = Math.min(south, boxes[4 * item + 1] as number);
      east = Math.max(east, boxes[4 * item + 2] as number);
      north = Math.max(north, boxes[4 * item + 3] as number);
    }
    const side = west > east ? 1 : Math.min(256, Math.max(1, Math.ceil(2 * Math.sqrt(count))));
    this.columns = side;
    this.rows = side;
    this.west = west;
    this.south = south;
    this.cellWidth = east > west ? (east - west) / side : 1;
    this.cellHeight = north > south ? (north - south) / side : 1;
    this.stamps = new Int32Array(count);
    const counts = new Int32Array(side * side + 1);
    this.forEachCell(count, (cell) => counts[cell + 1]!++);
    for (let cell = 0; cell < side * side; cell++) counts[cell + 1]! += counts[cell] as number;
    this.cellStarts = counts;
    this.cellItems = new Int32Array(counts[side * side] as number);
    const fill = counts.slice(0, side * side);
    this.forEachCell(count, (cell, item) => {
      this.cellItems[fill[cell]!++] = item;
    });
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.west) / this.cellWidth)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.south) / this.cellHeight)));
  }

  private forEachCell(count: number, visit: (cell: number, item: number) => void): void {
    if (this.west === Infinity) return;
    for (let item = 0; item < count; item++) {
      if ((this.boxes[4 * item] as number) > (this.boxes[4 * item + 2] as number)) continue;
      for (let row = this.row(this.boxes[4 * item + 1] as number); row <= this.row(this.boxes[4 * item + 3] as number); row++) {
        for (let column = this.column(this.boxes[4 * item] as number); column <= this.column(this.boxes[4 * item + 2] as number); column++) visit(row * this.columns + column, item);
      }
    }
  }

  /**
   * Items whose boxes meet `box` (closed), each once, in no particular order. The returned array
   * is reused by the next call.
   */
  search(box: BoundingBox): number[] {
    const found = this.found;
    found.length = 0;
    if (this.west === Infinity || box[0] > box[2]) return found;
    const boxes = this.boxes;
    if (++this.stamp === 0x7fffffff) { this.stamps.fill(0); this.stamp = 1; }
    const rowEnd = this.row(box[3]), columnEnd = this.column(box[2]);
    for (let row = this.row(box[1]); row <= rowEnd; row++) {
      for (let column = this.column(box[0]); column <= columnEnd; column++) {
        const cell = row * this.columns + column;
        for (let k = this.cellStarts[cell] as number; k < (this.cellStarts[cell + 1] as number); k++) {
          const item = this.cellItems[k] as number;
          if (this.stamps[item] === this.stamp) continue;
          this.stamps[item] = this.stamp;
          if ((boxes[4 * item] as number) <= box[2] && box[0] <= (boxes[4 * item + 2] as number) && (boxes[4 * item + 1] as number) <= box[3] && box[1] <= (boxes[4 * item + 3] as number)) found.push(item);
        }
      }
    }
    return found;
  }
}
