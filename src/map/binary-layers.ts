/**
 * The campaign layers as deck.gl layers over binary attributes: each layer's records are turned
 * into typed arrays once (positions, earcut triangles, per-vertex feature ids and colours) and
 * deck uploads them without tessellating. A new records array is compared with the one built:
 * records that changed only in their attributes repaint their own vertex range of the colour
 * buffer (deck then re-uploads that buffer, not the geometry); a changed geometry, or an added or
 * removed record, rebuilds the layer — layers of more than {@link SLICED_BUILD_THRESHOLD} features
 * in slices between macrotasks (the previous build stays on screen meanwhile, and listeners hear
 * when the new one is ready). Builds are shared by every map showing the same records.
 */
import Flatbush from 'flatbush';
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import {
  buildPointBuffers,
  buildPolygonBuffers,
  buildPolygonBuffersInSlices,
  featureBoxes,
  featureVertexRange,
  nextMacrotask,
  paintRange,
  pointColors,
  polygonVertexColors,
  polygonVertexColorsInSlices,
  ringSubset,
  attributeOnlyChanges,
  type PointBuffers,
  type PolygonBuffers,
} from './binary-polygons';

export { attributeOnlyChanges };
import type { Rgba } from './palette';

/** Layers with more features than this are built in slices (the sample county's 5,000 violations build at once). */
export const SLICED_BUILD_THRESHOLD = 20_000;

export interface BinaryLayerStyle {
  /** Geometry drawn: polygons (fill and outline) or points (circles). */
  geometry: 'polygons' | 'points';
  fill: Rgba | ((feature: Feature) => Rgba);
  line: Rgba | ((feature: Feature) => Rgba);
  lineWidthPixels: number;
  pointRadiusMeters?: number;
  /**
   * Dense layers: outlines are drawn from this zoom on, and only around the features near the
   * view (a thin outline around each of 100,000 footprints costs software rendering seconds per
   * frame, and at the county view they are too small to show one).
   */
  outlineMinZoom?: number;
}

export interface BinaryLayerProps {
  id: string;
  style: BinaryLayerStyle;
  visible: boolean;
  opacity: number;
  /** Extra props for every sublayer (e.g. `beforeId`, `parameters`). */
  common: Record<string, unknown>;
  /**
   * The map's zoom and the area around the view (west, south, east, north) when it last settled:
   * an outline with `outlineMinZoom` is built for the features in that area at that zoom and
   * above (without a view, never); while the map zooms out below it the overlay's layer filter
   * ({@link binaryLayerDrawnAt}) skips it.
   */
  view?: { zoom: number; bounds: readonly [number, number, number, number] };
}

/** Binary data as deck reads it, with the record ids by feature index for picking. */
interface BinaryData {
  length: number;
  startIndices?: Uint32Array;
  attributes: Record<string, unknown>;
  ids: readonly string[];
}

interface LayerBuild {
  records: readonly Feature[];
  style: BinaryLayerStyle;
  ids: string[];
  polygons: PolygonBuffers | null;
  points: PointBuffers | null;
  fillColors: Uint8Array | null;
  lineColors: Uint8Array | null;
  /** Bumped whenever the colours are repainted (deck re-uploads the colour buffers). */
  colorVersion: number;
  fillData: BinaryData;
  lineData: BinaryData | null;
  /** Spatial index of the features (built on first use by a culled outline). */
  index?: Flatbush;
  /** The last culled outline, for its area and colour version. */
  culled?: { key: string; data: BinaryData };
}

const OUTLINE_SUFFIX = '-outline';
const builds = new Map<string, LayerBuild>();
const pending = new Map<string, { records: readonly Feature[]; done: Promise<void> }>();
const listeners = new Set<() => void>();

/** Calls `listener` whenever a layer build finishes in the background; returns the unsubscribe. */
export function onBinaryLayersBuilt(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Resolves once no layer is being built in the background. */
export async function binaryLayersSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending.values()].map((job) => job.done));
}

const colorOf = (color: BinaryLayerStyle['fill'], feature: Feature): Rgba => (typeof color === 'function' ? color(feature) : color);

function polygonData(build: Pick<LayerBuild, 'ids'>, polygons: PolygonBuffers, fillColors: Uint8Array | null): BinaryData {
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

function outlineData(build: Pick<LayerBuild, 'ids'>, polygons: PolygonBuffers, lineColors: Uint8Array | null): BinaryData {
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

function pointData(build: Pick<LayerBuild, 'ids'>, points: PointBuffers, fillColors: Uint8Array | null): BinaryData {
  return {
    length: points.featureCount,
    attributes: {
      getPosition: { value: points.positions, size: 2 },
      ...(fillColors ? { getFillColor: { value: fillColors, size: 4, normalized: true } } : {}),
    },
    ids: build.ids,
  };
}

interface BuildColors {
  fillColors: Uint8Array | null;
  lineColors: Uint8Array | null;
}

function completeBuild(records: readonly Feature[], style: BinaryLayerStyle, polygons: PolygonBuffers | null, points: PointBuffers | null, colors?: BuildColors): LayerBuild {
  const ids = records.map((record) => String(record.id));
  const fillColors = colors ? colors.fillColors : typeof style.fill === 'function'
    ? polygons ? polygonVertexColors(polygons, (index) => colorOf(style.fill, records[index] as Feature)) : pointColors(points as PointBuffers, (index) => colorOf(style.fill, records[index] as Feature))
    : null;
  const lineColors = colors ? colors.lineColors : polygons && typeof style.line === 'function' ? polygonVertexColors(polygons, (index) => colorOf(style.line, records[index] as Feature)) : null;
  const build = { ids };
  return {
    records, style, ids, polygons, points, fillColors, lineColors, colorVersion: 0,
    fillData: polygons ? polygonData(build, polygons, fillColors) : pointData(build, points as PointBuffers, fillColors),
    lineData: polygons ? outlineData(build, polygons, lineColors) : null,
  };
}

function buildNow(records: readonly Feature[], style: BinaryLayerStyle): LayerBuild {
  const geometries = records.map((record) => record.geometry);
  return style.geometry === 'points'
    ? completeBuild(records, style, null, buildPointBuffers(geometries))
    : completeBuild(records, style, buildPolygonBuffers(geometries), null);
}

async function buildInSlices(records: readonly Feature[], style: BinaryLayerStyle): Promise<LayerBuild> {
  if (style.geometry === 'points') return buildNow(records, style);
  const polygons = await buildPolygonBuffersInSlices(records.map((record) => record.geometry));
  const paint = (color: BinaryLayerStyle['fill']) =>
    typeof color === 'function' ? polygonVertexColorsInSlices(polygons, (index) => color(records[index] as Feature)) : Promise.resolve(null);
  const fillColors = await paint(style.fill);
  const lineColors = await paint(style.line);
  await nextMacrotask();
  return completeBuild(records, style, polygons, null, { fillColors, lineColors });
}

/** Repaints the changed features' colours in place and hands deck new buffer descriptors (so it re-uploads them). */
function repaint(build: LayerBuild, records: readonly Feature[], changed: readonly number[]): void {
  build.records = records;
  if (changed.length === 0) return;
  const { style, polygons, fillColors, lineColors } = build;
  for (const index of changed) {
    const feature = records[index] as Feature;
    const [first, end] = polygons ? featureVertexRange(polygons, index) : [index, index + 1];
    if (fillColors) paintRange(fillColors, first, end, colorOf(style.fill, feature));
    if (lineColors) paintRange(lineColors, first, end, colorOf(style.line, feature));
  }
  build.colorVersion++;
  if (fillColors) build.fillData.attributes['getFillColor'] = { value: fillColors, size: 4, normalized: true };
  if (lineColors && build.lineData) build.lineData.attributes['getColor'] = { value: lineColors, size: 4, normalized: true };
}

function schedule(key: string, records: readonly Feature[], style: BinaryLayerStyle): void {
  if (pending.get(key)?.records === records) return;
  const job = {
    records,
    done: buildInSlices(records, style).then((build) => {
      if (pending.get(key) !== job) return;
      pending.delete(key);
      builds.set(key, build);
      for (const listener of listeners) listener();
    }),
  };
  pending.set(key, job);
}

/**
 * The current build of a layer for `records`: the same one when nothing changed, repainted when
 * only attributes changed, rebuilt otherwise (in the background for big layers: then the
 * previous build, or null for a first build, until the new one is ready).
 */
export function binaryLayerBuild(key: string, records: readonly Feature[], style: BinaryLayerStyle): LayerBuild | null {
  const current = builds.get(key);
  if (current && current.style === style) {
    if (current.records === records) {
      pending.delete(key);
      return current;
    }
    const changed = attributeOnlyChanges(current.records, records);
    if (changed) {
      pending.delete(key);
      repaint(current, records, changed);
      return current;
    }
  }
  if (records.length <= SLICED_BUILD_THRESHOLD) {
    pending.delete(key);
    const build = buildNow(records, style);
    builds.set(key, build);
    return build;
  }
  schedule(key, records, style);
  return current ?? null;
}

/** The outline data of the features whose boxes meet `bounds` (cached while the area and colours stay the same). */
function culledOutlineData(build: LayerBuild, bounds: readonly [number, number, number, number]): BinaryData | null {
  const polygons = build.polygons;
  if (!polygons) return null;
  const key = `${bounds.join(',')}/${build.colorVersion}`;
  if (build.culled?.key === key) return build.culled.data;
  if (!build.index) {
    const boxes = featureBoxes(polygons);
    const index = new Flatbush(Math.max(1, polygons.featureCount));
    for (let feature = 0; feature < polygons.featureCount; feature++) {
      const [west, south, east, north] = Number.isNaN(boxes[4 * feature]) ? [0, 0, 0, 0] : boxes.subarray(4 * feature, 4 * feature + 4);
      index.add(west as number, south as number, east as number, north as number);
    }
    if (polygons.featureCount === 0) index.add(0, 0, 0, 0);
    index.finish();
    build.index = index;
  }
  const features = build.index.search(bounds[0], bounds[1], bounds[2], bounds[3]).filter((feature) => feature < polygons.featureCount).sort((a, b) => a - b);
  const subset = ringSubset(polygons, features, build.lineColors);
  const getPath = { value: subset.positions, size: 2 };
  const data: BinaryData = {
    length: subset.ringStarts.length - 1,
    startIndices: subset.ringStarts,
    attributes: { getPath, ...(subset.colors ? { getColor: { value: subset.colors, size: 4, normalized: true } } : {}), positions: getPath },
    ids: [],
  };
  build.culled = { key, data };
  return data;
}

/** The record id of a picked feature of a binary layer, or null. */
export function pickedRecordId(layer: Layer | null | undefined, index: number): string | null {
  const data = layer?.props.data as Partial<BinaryData> | undefined;
  return data?.ids && index >= 0 ? data.ids[index] ?? null : null;
}

/** The deck layers (fill and outline, or circles) of one built layer. */
export function createBinaryLayers(props: BinaryLayerProps, build: LayerBuild | null): Layer[] {
  if (!build) return [];
  const { style } = build;
  const common = { pickable: true, ...props.common, visible: props.visible, opacity: props.opacity };
  const fillColor = typeof style.fill === 'function' ? undefined : style.fill;
  const lineColor = typeof style.line === 'function' ? undefined : style.line;
  if (style.geometry === 'points') {
    return [
      new ScatterplotLayer({
        ...common,
        id: props.id,
        data: build.fillData as never,
        filled: true,
        stroked: true,
        ...(fillColor ? { getFillColor: fillColor as never } : {}),
        getLineColor: lineColor as never,
        getLineWidth: style.lineWidthPixels,
        lineWidthUnits: 'pixels',
        lineWidthMinPixels: style.lineWidthPixels,
        // A dot of ~25 m on the ground, never smaller than 1.5 px nor larger than 8 px.
        getRadius: style.pointRadiusMeters ?? 25,
        radiusUnits: 'meters',
        radiusMinPixels: 1.5,
        radiusMaxPixels: 8,
        updateTriggers: { getFillColor: build.colorVersion },
      } as never),
    ];
  }
  const layers: Layer[] = [
    new SolidPolygonLayer({
      ...common,
      id: props.id,
      data: build.fillData as never,
      filled: true,
      extruded: false,
      _normalize: false,
      _windingOrder: 'CCW',
      positionFormat: 'XY',
      ...(fillColor ? { getFillColor: fillColor as never } : {}),
      updateTriggers: { getFillColor: build.colorVersion },
    } as never),
  ];
  const lineData = style.outlineMinZoom === undefined
    ? build.lineData
    : props.view && props.view.zoom >= style.outlineMinZoom ? culledOutlineData(build, props.view.bounds) : null;
  if (lineData) {
    layers.push(
      new PathLayer({
        ...common,
        id: `${props.id}${OUTLINE_SUFFIX}`,
        data: lineData as never,
        pickable: false,
        _pathType: 'open',
        positionFormat: 'XY',
        ...(lineColor ? { getColor: lineColor as never } : {}),
        getWidth: style.lineWidthPixels,
        widthUnits: 'pixels',
        widthMinPixels: style.lineWidthPixels,
        updateTriggers: { getColor: build.colorVersion },
      } as never),
    );
  }
  return layers;
}

/** Whether a deck layer created above is drawn at `zoom` (outlines of dense layers start at their `outlineMinZoom`). */
export function binaryLayerDrawnAt(layerId: string, zoom: number): boolean {
  if (!layerId.endsWith(OUTLINE_SUFFIX)) return true;
  const minZoom = builds.get(layerId.slice(0, -OUTLINE_SUFFIX.length))?.style.outlineMinZoom;
  return minZoom === undefined || zoom >= minZoom;
}
