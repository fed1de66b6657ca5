/** Typed-array buffers as deck.gl's binary data: fill, outline and point data, with the record ids for picking. */
import type { PointBuffers, PolygonBuffers, PolygonSubset } from './binary-polygons';

/** Binary data as deck reads it, with the record ids by feature index for picking. */
export interface BinaryData {
  length: number;
  startIndices?: Uint32Array;
  attributes: Record<string, unknown>;
  ids: readonly string[];
}

export function polygonData(build: { ids: readonly string[] }, polygons: Pick<PolygonBuffers | PolygonSubset, 'positions' | 'polygonStarts' | 'triangles' | 'vertexFeatures'>, fillColors: Uint8Array | null): BinaryData {
  const getPolygon = { value: polygons.positions, size: 2 };
  return {
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

