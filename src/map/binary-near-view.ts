/**
 * The features of a dense layer near the view, as fill and outline data of their own. Zoomed in
 * on a county of 100,000 footprints, a few thousand are near the view: drawing (and picking) only
 * those saves software rendering most of each frame. A spatial index of the features is built
 * once per build; the subsets are cached while the area and the colours stay the same.
 */
import Flatbush from 'flatbush';
import { outlineData, polygonData, type BinaryData } from './binary-data';
import type { PolygonBuffers } from './binary-polygons';
import { featureBoxes, featureTriangleStarts, polygonSubset, ringSubset } from './binary-subsets';

/** What the subsets are cut from: a layer build's polygons, ids and colours. */
export interface NearViewSource {
  polygons: PolygonBuffers;
  ids: readonly string[];
  fillColors: Uint8Array | null;
  lineColors: Uint8Array | null;
  /** Bumped when the colours are repainted (the subsets are cut again). */
  colorVersion: number;
}

export interface NearViewData {
  fill: BinaryData;
  outline: BinaryData;
}

interface NearViewCache {
  index: Flatbush;
  triangleStarts: Uint32Array;
  last?: { key: string; data: NearViewData };
}

const caches = new WeakMap<PolygonBuffers, NearViewCache>();

function cacheOf(polygons: PolygonBuffers): NearViewCache {
  let cache = caches.get(polygons);
  if (cache) return cache;
  const boxes = featureBoxes(polygons);
  const index = new Flatbush(Math.max(1, polygons.featureCount));
  for (let feature = 0; feature < polygons.featureCount; feature++) {
    const [west, south, east, north] = Number.isNaN(boxes[4 * feature]) ? [0, 0, 0, 0] : boxes.subarray(4 * feature, 4 * feature + 4);
    index.add(west as number, south as number, east as number, north as number);
  }
  if (polygons.featureCount === 0) index.add(0, 0, 0, 0);
  index.finish();
  cache = { index, triangleStarts: featureTriangleStarts(polygons) };
  caches.set(polygons, cache);
  return cache;
}

/** The fill and outline data of the features whose boxes meet `bounds` (west, south, east, north). */
export function nearViewData(source: NearViewSource, bounds: readonly [number, number, number, number]): NearViewData {
  const { polygons } = source;
  const cache = cacheOf(polygons);
  const key = `${bounds.join(',')}/${source.colorVersion}`;
  if (cache.last?.key === key) return cache.last.data;
  const features = cache.index.search(bounds[0], bounds[1], bounds[2], bounds[3]).filter((feature) => feature < polygons.featureCount).sort((a, b) => a - b);
  const ids = { ids: features.map((feature) => source.ids[feature] as string) };
  const fill = polygonSubset(polygons, cache.triangleStarts, features, source.fillColors);
  const rings = ringSubset(polygons, features, source.lineColors);
  const data = { fill: polygonData(ids, fill, fill.colors), outline: outlineData({ ids: [] }, rings, rings.colors) };
  cache.last = { key, data };
  return data;
}
