/**
 * Typed-array buffers as deck.gl's binary data: fill, outline and point data, with the record ids
 * for picking — positions as 64-bit longitude/latitude, or as 32-bit offsets from an origin.
 */
import type { PointBuffers, PolygonBuffers } from './binary-polygons';
import type { PolygonSubset } from './binary-subsets';

/** Binary data as deck reads it, with the record ids by feature index for picking. */
export interface BinaryData {
  length: number;
  startIndices?: Uint32Array;
  attributes: Record<string, unknown>;
  ids: readonly string[];
  /**
   * The longitude, latitude the positions are offsets from (deck's LNGLAT_OFFSETS), or undefined
   * when they are longitudes and latitudes.
   */
  origin?: readonly [number, number];
}

/** Positions as 32-bit offsets from an origin, the middle of their extent. */
export interface PositionOffsets {
  origin: [number, number];
  offsets: Float32Array;
}

/**
 * `positions` (x, y pairs) as 32-bit offsets from the middle of their extent. deck uploads 64-bit
 * positions as a high and a low 32-bit part, split on the main thread in the frame of the upload
 * (≈57 ms for a 16,384-footprint chunk here): offsets are half the bytes and need no split.
 * deck projects an offset with a second-order expansion around the origin: at 0.25° from it (a
 * county's half-width) the error is ≈0.5 m, a fraction of a pixel below zoom 14 (8 m per pixel),
 * so only layers that are drawn whole below that zoom take them (see nearViewFromZoom).
 */
export function positionOffsets(positions: Float64Array): PositionOffsets {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let index = 0; index < positions.length; index += 2) {
    const x = positions[index] as number;
    const y = positions[index + 1] as number;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  const origin: [number, number] = positions.length > 0 ? [(west + east) / 2, (south + north) / 2] : [0, 0];
  const offsets = new Float32Array(positions.length);
  for (let index = 0; index < positions.length; index += 2) {
    offsets[index] = (positions[index] as number) - origin[0];
    offsets[index + 1] = (positions[index + 1] as number) - origin[1];
  }
  return { origin, offsets };
}

/** Fill data of polygons; with `offsets` (of their positions), the positions are those offsets. */
export function polygonData(build: { ids: readonly string[] }, polygons: Pick<PolygonBuffers | PolygonSubset, 'positions' | 'polygonStarts' | 'triangles' | 'vertexFeatures'>, fillColors: Uint8Array | null, offsets?: PositionOffsets): BinaryData {
  const getPolygon = { value: offsets ? offsets.offsets : polygons.positions, size: 2 };
  return {
    ...(offsets ? { origin: offsets.origin } : {}),
    length: polygons.polygonStarts.length - 1,
    startIndices: polygons.polygonStarts,
    attributes: {
      getPolygon,
      indices: polygons.triangles,
      rowIndexes: { value: polygons.vertexFeatures, size: 1, type: 'uint32' },
      ...(fillColors ? { getFillColor: { value: fillColors, size: 4, normalized: true } } : {}),
      // deck's tesselator skips allocating its own (unused) position array for names present here.
      positions: getPolygon,
    },
    ids: build.ids,
  };
}

export function outlineData(build: { ids: readonly string[] }, polygons: Pick<PolygonBuffers, 'positions' | 'ringStarts'>, lineColors: Uint8Array | null): BinaryData {
  const getPath = { value: polygons.positions, size: 2 };
  return {
    length: polygons.ringStarts.length - 1,
    startIndices: polygons.ringStarts,
    attributes: {
      getPath,
      ...(lineColors ? { getColor: { value: lineColors, size: 4, normalized: true } } : {}),
      positions: getPath,
    },
    ids: build.ids,
  };
}

export function pointData(build: { ids: readonly string[] }, points: PointBuffers, fillColors: Uint8Array | null): BinaryData {
  return {
    length: points.featureCount,
    attributes: {
      getPosition: { value: points.positions, size: 2 },
      ...(fillColors ? { getFillColor: { value: fillColors, size: 4, normalized: true } } : {}),
    },
    ids: build.ids,
  };
}

