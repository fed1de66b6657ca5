/**
 * deck.gl layers of the wall screen: hexagon cells of remaining violation area (coloured on a
 * heat ramp by area) and the outline of the hotspot the tour shows. Descriptors are rebuilt on
 * every update with stable ids; the data arrays keep their identity while the cells don't change,
 * so deck.gl does no work on a tour step other than swapping the highlight's (cached) data.
 */
import { PathLayer, PolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import { binaryLayerBuilds, type BinaryLayerStyle } from './binary-layers';
import { createBinaryLayers } from './binary-deck-layers';
import type { Rgba } from './palette';
import { WALL_LABEL_LAYER_ID } from './wall-style';

/** What the layers need of a hotspot cell (see features/wall/hotspots). */
export interface WallHotspotCell {
  id: string;
  ring: [number, number][];
  remainingAreaSquareMeters: number;
}

/** Dark purple → red → orange → pale yellow: more remaining area reads as hotter. */
export const HOTSPOT_RAMP: readonly Rgba[] = [
  [87, 16, 110, 175],
  [153, 33, 96, 190],
  [212, 72, 66, 205],
  [243, 128, 25, 215],
  [250, 193, 39, 225],
  [252, 255, 164, 235],
];
export const HIGHLIGHT_COLOR: Rgba = [0, 229, 255, 255];

/** The ramp colour at `share` (0…1, clamped) of the largest cell, on a square-root scale so small cells stay visible. */
export function hotspotColor(share: number): Rgba {
  const clamped = Math.min(1, Math.max(0, share));
  const position = Math.sqrt(clamped) * (HOTSPOT_RAMP.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(HOTSPOT_RAMP.length - 1, lower + 1);
  const fraction = position - lower;
  const a = HOTSPOT_RAMP[lower] as Rgba;
  const b = HOTSPOT_RAMP[upper] as Rgba;
  return [0, 1, 2, 3].map((channel) => Math.round((a[channel] as number) + ((b[channel] as number) - (a[channel] as number)) * fraction)) as unknown as Rgba;
}

export interface WallLayerInput {
  cells: readonly WallHotspotCell[];
  /** The largest remaining area of a cell (the top of the colour ramp), m². */
  maximumAreaSquareMeters: number;
  highlighted: WallHotspotCell | null;
  /** The remaining violations, drawn as footprints in close-ups. */
  remainingViolations: readonly Feature[];
  /** A hotspot close-up: cells fade and the footprints show. */
  closeUp: boolean;
  /** Line widths are multiplied by this (1 at 1080 px high). */
  scale: number;
}

export const FOOTPRINT_FILL: Rgba = [255, 255, 255, 215];
export const FOOTPRINT_LINE: Rgba = [6, 16, 28, 255];

/**
 * The footprints drawn from binary attributes (binary-layers.ts), built once per array of
 * remaining violations — in slices in the background at county scale, drawn when ready.
 */
const FOOTPRINT_STYLE: BinaryLayerStyle = { geometry: 'polygons', fill: FOOTPRINT_FILL, line: FOOTPRINT_LINE, lineWidthPixels: 1 };
const FOOTPRINT_LAYER_ID = 'wall-violations';

const highlightData = new WeakMap<WallHotspotCell, WallHotspotCell[]>();
const NO_HIGHLIGHT: WallHotspotCell[] = [];

/** The highlight's data array for a cell, created once per cell object. */
function highlightDataOf(cell: WallHotspotCell | null): WallHotspotCell[] {
  if (!cell) return NO_HIGHLIGHT;
  let data = highlightData.get(cell);
  if (!data) {
    data = [cell];
    highlightData.set(cell, data);
  }
  return data;
}

/**
 * Flat layers under labels: no depth writes, or MapLibre's symbol layers (which test depth)
 * would be hidden wherever a cell was drawn.
 */
const FLAT: { depthWriteEnabled: boolean; depthCompare: 'always' } = { depthWriteEnabled: false, depthCompare: 'always' };

/** Adds `beforeId` (read by @deck.gl/maplibre's interleaving, not declared in the layer prop types): drawn below the labels. */
function belowLabels<P extends object>(props: P): P {
  return { ...props, beforeId: WALL_LABEL_LAYER_ID };
}

export function createWallLayers(input: WallLayerInput): Layer[] {
  const maximum = input.maximumAreaSquareMeters > 0 ? input.maximumAreaSquareMeters : 1;
  return [
    new PolygonLayer<WallHotspotCell>(belowLabels({
      id: 'wall-hotspots',
      data: input.cells as WallHotspotCell[],
      getPolygon: (cell) => cell.ring,
      getFillColor: (cell) => hotspotColor(cell.remainingAreaSquareMeters / maximum) as unknown as [number, number, number, number],
      getLineColor: [6, 16, 28, 200],
      getLineWidth: 1,
      lineWidthUnits: 'pixels',
      lineWidthMinPixels: 1,
      stroked: true,
      filled: true,
      pickable: false,
      opacity: input.closeUp ? 0.5 : 1,
      parameters: FLAT,
      updateTriggers: { getFillColor: [maximum] },
    })),
    ...createBinaryLayers(
      { id: FOOTPRINT_LAYER_ID, style: FOOTPRINT_STYLE, visible: input.closeUp, opacity: 1, common: belowLabels({ parameters: FLAT, pickable: false }) },
      binaryLayerBuilds(FOOTPRINT_LAYER_ID, input.remainingViolations, FOOTPRINT_STYLE),
    ),
    new PathLayer<WallHotspotCell>(belowLabels({
      id: 'wall-highlight',
      data: highlightDataOf(input.highlighted),
      getPath: (cell) => cell.ring,
      getColor: HIGHLIGHT_COLOR as unknown as [number, number, number, number],
      getWidth: 4 * input.scale,
      widthUnits: 'pixels',
      jointRounded: true,
      capRounded: true,
      pickable: false,
      parameters: FLAT,
    })),
  ];
}
