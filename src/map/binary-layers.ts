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
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import {
  buildPointBuffers,
  buildPolygonBuffers,
  buildPolygonBuffersInSlices,
  featureVertexRange,
  nextMacrotask,
  paintRange,
  pointColors,
  polygonVertexColors,
  polygonVertexColorsInSlices,
  attributeOnlyChanges,
  type PointBuffers,
  type PolygonBuffers,
} from './binary-polygons';

import { outlineData, pointData, polygonData, type BinaryData } from './binary-data';
import { nearViewData } from './binary-near-view';

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
   * Dense layers: from this zoom on only the features near the view are drawn and picked (fill
   * and outline; below it the whole layer is filled and not outlined — a thin outline around each
   * of 100,000 footprints costs software rendering seconds per frame, and at the county view they
   * are too small to show one).
   */
  nearViewFromZoom?: number;
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
   * a layer with `nearViewFromZoom` draws the features in that area, at that zoom and above, as
   * layers of their own (`…-near`, `…-outline`); the overlay's layer filter
   * ({@link binaryLayerDrawnAt}) then draws them instead of the whole layer.
   */
  view?: { zoom: number; bounds: readonly [number, number, number, number] };
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
}

const OUTLINE_SUFFIX = '-outline';
const NEAR_SUFFIX = '-near';
/** Dense layers that have their near-view layers at the moment (by layer id). */
const nearViewLayers = new Set<string>();
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

/** The campaign layer a picked deck layer belongs to (a near-view fill picks for its whole layer). */
export function pickedLayerId(layer: Layer): string {
  return layer.id.endsWith(NEAR_SUFFIX) ? layer.id.slice(0, -NEAR_SUFFIX.length) : layer.id;
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
  const fillLayer = (id: string, data: BinaryData) => new SolidPolygonLayer({
    ...common,
    id,
    data: data as never,
    filled: true,
    extruded: false,
    _normalize: false,
    _windingOrder: 'CCW',
    positionFormat: 'XY',
    ...(fillColor ? { getFillColor: fillColor as never } : {}),
    updateTriggers: { getFillColor: build.colorVersion },
  } as never);
  // The whole layer keeps its buffers while zoomed in (the layer filter skips it), so zooming out is instant.
  const layers: Layer[] = [fillLayer(props.id, build.fillData)];
  const dense = style.nearViewFromZoom !== undefined;
  const near = dense && build.polygons && props.view && props.view.zoom >= (style.nearViewFromZoom as number)
    ? nearViewData({ ...build, polygons: build.polygons }, props.view.bounds)
    : null;
  if (near) {
    nearViewLayers.add(props.id);
    layers.push(fillLayer(`${props.id}${NEAR_SUFFIX}`, near.fill));
  } else nearViewLayers.delete(props.id);
  const lineData = dense ? near?.outline ?? null : build.lineData;
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

/**
 * Whether a deck layer created above is drawn at `zoom`: a dense layer's near-view fill and
 * outline from its `nearViewFromZoom` on, its whole fill below it (or while it has no near-view
 * layers yet, e.g. zooming in before the map settled); every other layer always.
 */
export function binaryLayerDrawnAt(layerId: string, zoom: number): boolean {
  const suffix = layerId.endsWith(OUTLINE_SUFFIX) ? OUTLINE_SUFFIX : layerId.endsWith(NEAR_SUFFIX) ? NEAR_SUFFIX : '';
  const baseId = layerId.slice(0, layerId.length - suffix.length);
  const fromZoom = builds.get(baseId)?.style.nearViewFromZoom;
  if (fromZoom === undefined) return true;
  if (suffix) return zoom >= fromZoom;
  return zoom < fromZoom || !nearViewLayers.has(baseId);
}
