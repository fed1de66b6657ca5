/**
 * deck.gl layers of the campaign layers, rebuilt on every update with stable ids (deck diffs
 * them). Each layer draws typed-array buffers built once per records array (binary-layers.ts):
 * panning never re-tessellates, and an edit that changes a record's attributes repaints only that
 * record's colours. Modules with layers of their own add a builder to {@link EXTRA_LAYER_BUILDERS}.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import type { LandUseParcelProperties } from '../domain/land-use';
import type { ViolationProperties } from '../domain/records';
import type { CampaignLayerId, LayerSetting } from '../state/layer-settings';
import type { ProjectRecords } from '../state/project-state';
import { FIRST_LABEL_LAYER_ID } from './base-style';
import { binaryLayerBuilds, type BinaryLayerStyle } from './binary-layers';
import { createBinaryLayers, type BinaryLayerProps } from './binary-deck-layers';
import { CAMPAIGN_COLORS, LAND_USE_CODE_COLORS, LAND_USE_LINE, VIOLATION_STATUS_COLORS, type Rgba } from './palette';
import { createCampaignExtraLayers } from './campaign-extra-layers';
import { RED_LINE_STYLE } from './red-line-layer';

/** From this zoom on the violations layer draws only the footprints near the view (binary-near-view.ts). */
export const NEAR_VIEW_ZOOM = 14;

const FLAT_LAYER_PARAMETERS = { depthWriteEnabled: false, depthCompare: 'always' } as const;

/** Props every campaign layer shares: below the labels, and flat (no depth writes, or MapLibre's labels drawn later are hidden behind them). */
const COMMON_PROPS = { beforeId: FIRST_LABEL_LAYER_ID, parameters: FLAT_LAYER_PARAMETERS };

const violationFill = (feature: Feature): Rgba =>
  VIOLATION_STATUS_COLORS[(feature.properties as ViolationProperties).status] ?? VIOLATION_STATUS_COLORS['发现'];
const violationLine = (feature: Feature): Rgba => {
  const [red, green, blue] = violationFill(feature);
  return [Math.round(red * 0.6), Math.round(green * 0.6), Math.round(blue * 0.6), 255];
};

const landUseFill = (feature: Feature): Rgba =>
  LAND_USE_CODE_COLORS[(feature.properties as LandUseParcelProperties).landUseCode] ?? LAND_USE_CODE_COLORS['1401'];

/** Layer styles; `geometry: 'points'` draws circles, anything else fills and outlines polygons. */
const STYLES: Record<CampaignLayerId, BinaryLayerStyle> = {
  landUseParcels: { geometry: 'polygons', fill: landUseFill, line: LAND_USE_LINE, lineWidthPixels: 1 },
  redLines: RED_LINE_STYLE,
  villageBlocks: { geometry: 'polygons', fill: CAMPAIGN_COLORS.villageBlockFill, line: CAMPAIGN_COLORS.villageBlockLine, lineWidthPixels: 2 },
  industrialBlocks: { geometry: 'polygons', fill: CAMPAIGN_COLORS.industrialBlockFill, line: CAMPAIGN_COLORS.industrialBlockLine, lineWidthPixels: 2 },
  zones: { geometry: 'polygons', fill: CAMPAIGN_COLORS.zoneFill, line: CAMPAIGN_COLORS.zoneLine, lineWidthPixels: 3 },
  parkSites: { geometry: 'polygons', fill: CAMPAIGN_COLORS.parkSiteFill, line: CAMPAIGN_COLORS.parkSiteLine, lineWidthPixels: 2 },
  // Footprints are 1–3 px wide at zoom 13; from zoom 14 only those near the view are drawn, outlined.
  violations: { geometry: 'polygons', fill: violationFill, line: violationLine, lineWidthPixels: 0.6, nearViewFromZoom: NEAR_VIEW_ZOOM },
  fourNoUnits: {
    geometry: 'points',
    fill: (feature) => (feature.properties?.['rectifiedOn'] ? CAMPAIGN_COLORS.fourNoRectified : CAMPAIGN_COLORS.fourNoOpen),
    line: CAMPAIGN_COLORS.pointOutline,
    lineWidthPixels: 0.5,
    pointRadiusMeters: 25,
  },
};

const withoutHidden = new WeakMap<readonly unknown[], { hiddenId: string; records: readonly unknown[] }>();

/**
 * The records of a layer; for zones without `hiddenZoneId` (the zone the drawing tool shows while
 * it is edited), cached so the array keeps its identity while the same zone stays hidden.
 */
function recordsOf(records: ProjectRecords, layerId: CampaignLayerId, hiddenZoneId: string | null = null): readonly unknown[] {
  const all = records[layerId];
  if (layerId !== 'zones' || hiddenZoneId === null) return all;
  const cached = withoutHidden.get(all);
  if (cached?.hiddenId === hiddenZoneId) return cached.records;
  const filtered = records.zones.filter((zone) => zone.id !== hiddenZoneId);
  withoutHidden.set(all, { hiddenId: hiddenZoneId, records: filtered });
  return filtered;
}

/**
 * The deck layers of one campaign layer (fill and outline, or circles; empty while a big layer's
 * first build is still running). The fill layer's id is the layer id, so picking names the layer.
 */
export function createCampaignLayers(
  layerId: CampaignLayerId,
  records: ProjectRecords,
  setting: LayerSetting,
  hiddenZoneId: string | null = null,
  /** The settled view (zoom, area around it): dense layers outline only the features near it. */
  view?: BinaryLayerProps['view'],
): Layer[] {
  const style = STYLES[layerId];
  // Layers without a style here (CAMPAIGN_EXTRA_LAYER_IDS) are drawn by an extra layer builder.
  if (!style) return [];
  const data = recordsOf(records, layerId, hiddenZoneId) as readonly Feature[];
  const builds = binaryLayerBuilds(layerId, data, style);
  return createBinaryLayers({ id: layerId, style, visible: setting.visible, opacity: setting.opacity, common: COMMON_PROPS, view }, builds);
}

/** What an extra layer builder gets: the records and settings the campaign layers were built from. */
export interface ExtraLayerContext {
  records: ProjectRecords;
  layers: readonly LayerSetting[];
}

/**
 * Builders of layers drawn above the campaign layers and below the selection outline (e.g. red
 * lines, layers of new record kinds). Each returns its layers with stable ids, or none.
 */
export const EXTRA_LAYER_BUILDERS: ((context: ExtraLayerContext) => Layer[])[] = [createCampaignExtraLayers];

/** The layers of every extra builder, in order. */
export function createExtraLayers(context: ExtraLayerContext): Layer[] {
  return EXTRA_LAYER_BUILDERS.flatMap((build) => build(context));
}

/** A thick outline over the selected feature, drawn above every campaign layer (one feature: instant). */
export function createSelectionLayer(feature: Feature | null): Layer {
  return new GeoJsonLayer({
    id: 'selection',
    data: feature ? [feature] : [],
    pickable: false,
    stroked: true,
    filled: false,
    ...COMMON_PROPS,
    pointType: 'circle',
    getLineColor: CAMPAIGN_COLORS.selection as never,
    getLineWidth: 4,
    lineWidthUnits: 'pixels',
    getPointRadius: 8,
    pointRadiusUnits: 'pixels',
  } as never);
}
