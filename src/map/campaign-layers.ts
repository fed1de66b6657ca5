/**
 * deck.gl layer descriptors of the campaign layers, rebuilt on every update with stable ids (deck
 * diffs them). Data arrays keep their identity between updates unless the records changed, so
 * deck only re-tessellates a layer whose records changed.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, FeatureCollection } from 'geojson';
import type { LandUseParcelProperties } from '../domain/land-use';
import type { ViolationProperties } from '../domain/records';
import type { CampaignLayerId, LayerSetting } from '../state/layer-settings';
import type { ProjectRecords } from '../state/project-state';
import { FIRST_LABEL_LAYER_ID } from './base-style';
import { CAMPAIGN_COLORS, LAND_USE_CODE_COLORS, LAND_USE_LINE, VIOLATION_STATUS_COLORS, type Rgba } from './palette';

const FLAT_LAYER_PARAMETERS = { depthWriteEnabled: false, depthCompare: 'always' } as const;

const collections = new WeakMap<readonly unknown[], FeatureCollection>();

/** The records as a FeatureCollection, cached per records array so deck sees the same data object. */
export function asCollection(records: readonly unknown[]): FeatureCollection {
  let collection = collections.get(records);
  if (!collection) {
    collection = { type: 'FeatureCollection', features: records as Feature[] };
    collections.set(records, collection);
  }
  return collection;
}

interface LayerStyle {
  fill: Rgba | ((feature: Feature) => Rgba);
  line: Rgba | ((feature: Feature) => Rgba);
  lineWidthPixels: number;
  pointRadiusMeters?: number;
}

const violationFill = (feature: Feature): Rgba =>
  VIOLATION_STATUS_COLORS[(feature.properties as ViolationProperties).status] ?? VIOLATION_STATUS_COLORS['发现'];
const violationLine = (feature: Feature): Rgba => {
  const [red, green, blue] = violationFill(feature);
  return [Math.round(red * 0.6), Math.round(green * 0.6), Math.round(blue * 0.6), 255];
};

const landUseFill = (feature: Feature): Rgba =>
  LAND_USE_CODE_COLORS[(feature.properties as LandUseParcelProperties).landUseCode] ?? LAND_USE_CODE_COLORS['1401'];

const STYLES: Record<CampaignLayerId, LayerStyle> = {
  landUseParcels: { fill: landUseFill, line: LAND_USE_LINE, lineWidthPixels: 1 },
  villageBlocks: { fill: CAMPAIGN_COLORS.villageBlockFill, line: CAMPAIGN_COLORS.villageBlockLine, lineWidthPixels: 2 },
  industrialBlocks: { fill: CAMPAIGN_COLORS.industrialBlockFill, line: CAMPAIGN_COLORS.industrialBlockLine, lineWidthPixels: 2 },
  zones: { fill: CAMPAIGN_COLORS.zoneFill, line: CAMPAIGN_COLORS.zoneLine, lineWidthPixels: 3 },
  parkSites: { fill: CAMPAIGN_COLORS.parkSiteFill, line: CAMPAIGN_COLORS.parkSiteLine, lineWidthPixels: 2 },
  violations: { fill: violationFill, line: violationLine, lineWidthPixels: 0.6 },
  fourNoUnits: {
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

export function createCampaignLayer(layerId: CampaignLayerId, records: ProjectRecords, setting: LayerSetting, hiddenZoneId: string | null = null): Layer {
  const style = STYLES[layerId];
  const data = recordsOf(records, layerId, hiddenZoneId);
  return new GeoJsonLayer({
    id: layerId,
    beforeId: FIRST_LABEL_LAYER_ID,
    data: asCollection(data),
    visible: setting.visible,
    opacity: setting.opacity,
    pickable: true,
    stroked: true,
    filled: true,
    // Flat 2D layers: don't write depth, or MapLibre's labels drawn later are hidden behind them.
    parameters: FLAT_LAYER_PARAMETERS,
    pointType: 'circle',
    getFillColor: style.fill as never,
    getLineColor: style.line as never,
    getLineWidth: style.lineWidthPixels,
    lineWidthUnits: 'pixels',
    lineWidthMinPixels: style.lineWidthPixels,
    // Points grow with the zoom: a dot of ~25 m on the ground, never smaller than 1.5 px.
    getPointRadius: style.pointRadiusMeters ?? 25,
    pointRadiusUnits: 'meters',
    pointRadiusMinPixels: 1.5,
    pointRadiusMaxPixels: 8,
    updateTriggers: { getFillColor: [data], getLineColor: [data] },
  } as never);
}

/** A thick outline over the selected feature, drawn above every campaign layer. */
export function createSelectionLayer(feature: Feature | null): Layer {
  return new GeoJsonLayer({
    id: 'selection',
    beforeId: FIRST_LABEL_LAYER_ID,
    data: feature ? [feature] : [],
    pickable: false,
    stroked: true,
    filled: false,
    parameters: FLAT_LAYER_PARAMETERS,
    pointType: 'circle',
    getLineColor: CAMPAIGN_COLORS.selection as never,
    getLineWidth: 4,
    lineWidthUnits: 'pixels',
    getPointRadius: 8,
    pointRadiusUnits: 'pixels',
  } as never);
}
