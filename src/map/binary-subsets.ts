/**
 * Some features of a polygon build copied out as buffers of their own — the rings for an outline
 * layer, the polygons (vertices, triangles, colours) for a fill layer — and each feature's bounding
 * box: what the near view of a dense layer draws and indexes (binary-near-view.ts).
 */
import { featureVertexRange, type PolygonBuffers } from './binary-polygons';

/** The rings (and their vertices and colours) of some features, copied out for an outline layer of just those. */
export interface RingSubset {
  positions: Float64Array;
  ringStarts: Uint32Array;
  colors: Uint8Array | null;
}

/** First ring index whose start is ≥ `vertex` (ring starts are ascending). */
function firstRingFrom(ringStarts: Uint32Array, vertex: number): number {
  let low = 0;
  let high = ringStarts.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((ringStarts[middle] as number) < vertex) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The rings of `features` (in the order given) with their per-vertex `colors`, as a separate set of buffers. */
export function ringSubset(buffers: PolygonBuffers, features: readonly number[], colors: Uint8Array | null): RingSubset {
  let vertexTotal = 0;
  let ringTotal = 0;
  const ranges = features.map((feature) => {
    const [first, end] = featureVertexRange(buffers, feature);
    const firstRing = firstRingFrom(buffers.ringStarts, first);
    const endRing = firstRingFrom(buffers.ringStarts, end);
    vertexTotal += end - first;
    ringTotal += endRing - firstRing;
    return [first, end, firstRing, endRing] as const;
  });
  const positions = new Float64Array(2 * vertexTotal);
  const ringStarts = new Uint32Array(ringTotal + 1);
  const subsetColors = colors ? new Uint8Array(4 * vertexTotal) : null;
  let vertex = 0;
  let ring = 0;
  for (const [first, end, firstRing, endRing] of ranges) {
    positions.set(buffers.positions.subarray(2 * first, 2 * end), 2 * vertex);
    if (colors && subsetColors) subsetColors.set(colors.subarray(4 * first, 4 * end), 4 * vertex);
    for (let r = firstRing; r < endRing; r++) ringStarts[ring++] = vertex + (buffers.ringStarts[r] as number) - first;
    vertex += end - first;
  }
  ringStarts[ring] = vertex;
  return { positions, ringStarts, colors: subsetColors };
}

/** The polygons (vertices, triangles, colours) of some features, copied out for a fill layer of just those. */
export interface PolygonSubset {
  positions: Float64Array;
  polygonStarts: Uint32Array;
  /** Vertex indices into the subset's vertices, three per triangle. */
  triangles: Uint32Array;
  /** Position in the `features` list of every subset vertex (the subset's own feature index). */
  vertexFeatures: Uint32Array;
  colors: Uint8Array | null;
}

/** Triangle where each feature's triangles start (featureCount + 1 entries; triangles are stored in feature order). */
export function featureTriangleStarts(buffers: PolygonBuffers): Uint32Array {
  const starts = new Uint32Array(buffers.featureCount + 1);
  const triangleCount = buffers.triangles.length / 3;
  let triangle = 0;
  for (let feature = 0; feature < buffers.featureCount; feature++) {
    starts[feature] = triangle;
    while (triangle < triangleCount && buffers.vertexFeatures[buffers.triangles[3 * triangle] as number] === feature) triangle++;
  }
  starts[buffers.featureCount] = triangleCount;
  return starts;
}

/** The polygons of `features` (ascending indices) as a buffer set of their own, with `triangleStarts` from {@link featureTriangleStarts}. */
export function polygonSubset(buffers: PolygonBuffers, triangleStarts: Uint32Array, features: readonly number[], colors: Uint8Array | null): PolygonSubset {
  let vertexTotal = 0;
  let polygonTotal = 0;
  let triangleTotal = 0;
  for (const feature of features) {
    const [first, end] = featureVertexRange(buffers, feature);
    vertexTotal += end - first;
    polygonTotal += (buffers.featurePolygonStarts[feature + 1] as number) - (buffers.featurePolygonStarts[feature] as number);
    triangleTotal += (triangleStarts[feature + 1] as number) - (triangleStarts[feature] as number);
  }
  const positions = new Float64Array(2 * vertexTotal);
  const polygonStarts = new Uint32Array(polygonTotal + 1);
  const triangles = new Uint32Array(3 * triangleTotal);
  const vertexFeatures = new Uint32Array(vertexTotal);
  const subsetColors = colors ? new Uint8Array(4 * vertexTotal) : null;
  let vertex = 0;
  let polygon = 0;
  let triangleIndex = 0;
  features.forEach((feature, position) => {
    const [first, end] = featureVertexRange(buffers, feature);
    positions.set(buffers.positions.subarray(2 * first, 2 * end), 2 * vertex);
    if (colors && subsetColors) subsetColors.set(colors.subarray(4 * first, 4 * end), 4 * vertex);
    vertexFeatures.fill(position, vertex, vertex + end - first);
    for (let p = buffers.featurePolygonStarts[feature] as number; p < (buffers.featurePolygonStarts[feature + 1] as number); p++) {
      polygonStarts[polygon++] = vertex + (buffers.polygonStarts[p] as number) - first;
    }
    for (let index = 3 * (triangleStarts[feature] as number); index < 3 * (triangleStarts[feature + 1] as number); index++) {
      triangles[triangleIndex++] = vertex + (buffers.triangles[index] as number) - first;
    }
    vertex += end - first;
  });
  polygonStarts[polygon] = vertex;
  return { positions, polygonStarts, triangles, vertexFeatures, colors: subsetColors };
}

/** Bounding box of each feature's vertices (west, south, east, north; NaN for a feature without any). */
export function featureBoxes(buffers: PolygonBuffers): Float64Array {
  const boxes = new Float64Array(4 * buffers.featureCount).fill(Number.NaN);
  for (let feature = 0; feature < buffers.featureCount; feature++) {
    const [first, end] = featureVertexRange(buffers, feature);
    if (end <= first) continue;
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    for (let vertex = first; vertex < end; vertex++) {
      const x = buffers.positions[2 * vertex] as number;
      const y = buffers.positions[2 * vertex + 1] as number;
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
    boxes.set([west, south, east, north], 4 * feature);
  }
  return boxes;
}
