/**
 * The deck.gl layers of the campaign layers' builds (binary-layers.ts): per chunk a fill layer and
 * an outline layer (or circles), and for dense layers zoomed in, the near-view fill and outline
 * (binary-near-view.ts) — whole fills first, then near-view fills, then outlines, so no chunk's
 * fill covers another's outline. Also what a picked deck layer stands for, and which layers the
 * overlay draws at a zoom.
 */
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import type { BinaryData } from './binary-data';
import { nearViewData } from './binary-near-view';
import { chunkLayerId, layerBuildOf, layerIdOfChunk, type BinaryLayerStyle, type LayerBuild } from './binary-layers';

const OUTLINE_SUFFIX = '-outline';
const NEAR_SUFFIX = '-near';
/** Chunks of dense layers that have their near-view layers at the moment (by chunk layer id). */
const nearViewLayers = new Set<string>();

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

/** The campaign layer a picked deck layer belongs to (a chunk, or a near-view fill, picks for its whole layer). */
export function pickedLayerId(layer: Layer): string {
  return layerIdOfChunk(layer.id.endsWith(NEAR_SUFFIX) ? layer.id.slice(0, -NEAR_SUFFIX.length) : layer.id);
}

/** The record id of a picked feature of a binary layer, or null. */
export function pickedRecordId(layer: Layer | null | undefined, index: number): string | null {
  const data = layer?.props.data as Partial<BinaryData> | undefined;
  return data?.ids && index >= 0 ? data.ids[index] ?? null : null;
}

/** The layers of one chunk, by their place in the drawing order. */
interface ChunkLayers {
  fills: Layer[];
  nears: Layer[];
  outlines: Layer[];
}

function chunkLayers(props: BinaryLayerProps, build: LayerBuild): ChunkLayers {
  const { style } = build;
  const id = chunkLayerId(props.id, build.chunk);
  const common = { pickable: true, ...props.common, visible: props.visible, opacity: props.opacity };
  const fillColor = typeof style.fill === 'function' ? undefined : style.fill;
  const lineColor = typeof style.line === 'function' ? undefined : style.line;
  if (style.geometry === 'points') {
    const circles = new ScatterplotLayer({
      ...common,
      id,
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
    } as never);
    return { fills: [circles], nears: [], outlines: [] };
  }
  const fillLayer = (layerId: string, data: BinaryData) => new SolidPolygonLayer({
    ...common,
    id: layerId,
    data: data as never,
    ...(data.origin ? { coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS, coordinateOrigin: [data.origin[0], data.origin[1], 0] } : {}),
    filled: true,
    extruded: false,
    _normalize: false,
    _windingOrder: 'CCW',
    positionFormat: 'XY',
    ...(fillColor ? { getFillColor: fillColor as never } : {}),
    updateTriggers: { getFillColor: build.colorVersion },
  } as never);
  // The whole chunk keeps its buffers while zoomed in (the layer filter skips it), so zooming out is instant.
  const layers: ChunkLayers = { fills: [fillLayer(id, build.fillData)], nears: [], outlines: [] };
  const dense = style.nearViewFromZoom !== undefined;
  const near = dense && build.polygons && props.view && props.view.zoom >= (style.nearViewFromZoom as number)
    ? nearViewData({ ...build, polygons: build.polygons }, props.view.bounds)
    : null;
  if (near) {
    nearViewLayers.add(id);
    layers.nears.push(fillLayer(`${id}${NEAR_SUFFIX}`, near.fill));
  } else nearViewLayers.delete(id);
  const lineData = dense ? near?.outline ?? null : build.lineData;
  if (lineData) {
    layers.outlines.push(
      new PathLayer({
        ...common,
        id: `${id}${OUTLINE_SUFFIX}`,
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
 * The deck layers (fill and outline, or circles) of a built layer's chunks: every chunk's whole
 * fill, then the near-view fills, then the outlines.
 */
export function createBinaryLayers(props: BinaryLayerProps, builds: LayerBuild | readonly LayerBuild[] | null): Layer[] {
  const list = builds === null ? [] : Array.isArray(builds) ? (builds as readonly LayerBuild[]) : [builds as LayerBuild];
  const parts = list.map((build) => chunkLayers(props, build));
  return [...parts.flatMap((part) => part.fills), ...parts.flatMap((part) => part.nears), ...parts.flatMap((part) => part.outlines)];
}

/**
 * Whether a deck layer created above is drawn at `zoom`: a dense layer's near-view fill and
 * outline from its `nearViewFromZoom` on, its whole fill below it (or while it has no near-view
 * layers yet, e.g. zooming in before the map settled); every other layer always.
 */
export function binaryLayerDrawnAt(layerId: string, zoom: number): boolean {
  const suffix = layerId.endsWith(OUTLINE_SUFFIX) ? OUTLINE_SUFFIX : layerId.endsWith(NEAR_SUFFIX) ? NEAR_SUFFIX : '';
  const chunkId = layerId.slice(0, layerId.length - suffix.length);
  const fromZoom = layerBuildOf(chunkId)?.style.nearViewFromZoom;
  if (fromZoom === undefined) return true;
  if (suffix) return zoom >= fromZoom;
  return zoom < fromZoom || !nearViewLayers.has(chunkId);
}
