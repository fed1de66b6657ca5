/**
 * Bounding boxes and a static packed R-tree over them (flatbush), the pre-filter of every overlay
 * in `geo/`. Coordinates are longitude/latitude degrees; boxes are `[minX, minY, maxX, maxY]`.
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
