/**
 * deck.gl layers of the comparison view, drawn over the imagery: violations and zones as outlines
 * with a faint fill (so the image stays readable), change patches filled by workflow status, and
 * the selected feature. Descriptors are rebuilt on every update with stable ids; data arrays keep
 * their identity while the records are unchanged.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, FeatureCollection } from 'geojson';
import type { ChangePatchProperties, ChangePatchStatus } from '../domain/change-patches';
import type { ViolationProperties } from '../domain/records';
import { FIRST_LABEL_LAYER_ID } from './base-style';
import { CAMPAIGN_COLORS, VIOLATION_STATUS_COLORS, rgbaToCss, type Rgba } from './palette';

export const CHANGE_PATCH_STATUS_COLORS: Record<ChangePatchStatus, Rgba> = {
  待核查: [236, 64, 122, 255],
  已核查: [255, 179, 0, 255],
  认定: [229, 57, 53, 255],
  整改中: [30, 136, 229, 255],
  销号: [158, 158, 158, 255],
};

/** 认定 patches found 合法 or 其他 are drawn green and grey: only 违法 stays red. */
export function changePatchColor(properties: Pick<ChangePatchProperties, 'status' | 'verdict'>): Rgba {
  if (properties.status === '认定' && properties.verdict === '合法') return [67, 160, 71, 255];
  if (properties.status === '认定' && properties.verdict === '其他') return [120, 144, 156, 255];
  return CHANGE_PATCH_STATUS_COLORS[properties.status];
}

export const CHANGE_PATCH_LEGEND = [
  ...(Object.entries(CHANGE_PATCH_STATUS_COLORS) as [ChangePatchStatus, Rgba][]).map(([status, color]) => ({ label: status === '认定' ? '认定（违法）' : status, color: rgbaToCss(color) })),
  { label: '认定（合法）', color: rgbaToCss(changePatchColor({ status: '认定', verdict: '合法' })) },
];

export const COMPARE_LAYER_IDS = { violations: 'compare-violations', zones: 'compare-zones', changePatches: 'compare-change-patches', selection: 'compare-selection', drawnArea: 'compare-drawn-area' } as const;

/** An area being drawn (open: the vertices so far) or drawn (closed) for change detection. */
export interface DrawnArea {
  positions: readonly [number, number][];
  closed: boolean;
}

const DRAWN_AREA_COLOR: Rgba = [0, 229, 255, 255];

/** The drawn area as features: its outline (a polygon once closed) and its vertices. */
function drawnAreaFeatures(area: DrawnArea | null): Feature[] {
  if (!area || area.positions.length === 0) return [];
  const positions = area.positions.map((position) => [...position]);
  const outline: Feature = area.closed && positions.length >= 3
    ? { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...positions, positions[0]!]] } }
    : { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: positions.length > 1 ? positions : [positions[0]!, positions[0]!] } };
  return [outline, ...positions.map((coordinates): Feature => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates } }))];
}

export interface CompareVectors {
  violations: readonly Feature[];
  zones: readonly Feature[];
  changePatches: readonly Feature[];
  selected: Feature | null;
  /** The detection area being drawn or drawn (null: none). */
  drawnArea?: DrawnArea | null;
  showViolations: boolean;
  showZones: boolean;
  showChangePatches: boolean;
}

const collections = new WeakMap<readonly Feature[], FeatureCollection>();

/** The features as a FeatureCollection, the same object while the array is the same (deck keeps its buffers). */
function asCollection(features: readonly Feature[]): FeatureCollection {
  let collection = collections.get(features);
  if (!collection) {
    collection = { type: 'FeatureCollection', features: features as Feature[] };
    collections.set(features, collection);
  }
  return collection;
}

const withAlpha = ([red, green, blue]: Rgba, alpha: number): Rgba => [red, green, blue, alpha];

export function createCompareLayers(vectors: CompareVectors): Layer[] {
  const common = { beforeId: FIRST_LABEL_LAYER_ID, pickable: true, stroked: true, filled: true, lineWidthUnits: 'pixels' };
  const statusOf = (feature: Feature) => VIOLATION_STATUS_COLORS[(feature.properties as ViolationProperties).status] ?? VIOLATION_STATUS_COLORS['发现'];
  const patchOf = (feature: Feature) => changePatchColor(feature.properties as ChangePatchProperties);
  return [
    new GeoJsonLayer({
      ...common, id: COMPARE_LAYER_IDS.zones, data: asCollection(vectors.zones), visible: vectors.showZones,
      // A barely visible fill, so a click anywhere inside a zone picks it (violations above it win).
      getFillColor: withAlpha(CAMPAIGN_COLORS.zoneLine, 14) as never,
      getLineColor: CAMPAIGN_COLORS.zoneLine as never, getLineWidth: 2.5, lineWidthMinPixels: 2.5,
    } as never),
    new GeoJsonLayer({
      ...common, id: COMPARE_LAYER_IDS.violations, data: asCollection(vectors.violations), visible: vectors.showViolations,
      getFillColor: ((feature: Feature) => withAlpha(statusOf(feature), 40)) as never, getLineColor: statusOf as never,
      getLineWidth: 1.5, lineWidthMinPixels: 1.5, updateTriggers: { getFillColor: [vectors.violations], getLineColor: [vectors.violations] },
    } as never),
    new GeoJsonLayer({
      ...common, id: COMPARE_LAYER_IDS.changePatches, data: asCollection(vectors.changePatches), visible: vectors.showChangePatches,
      getFillColor: ((feature: Feature) => withAlpha(patchOf(feature), 35)) as never, getLineColor: patchOf as never,
      getLineWidth: 2.5, lineWidthMinPixels: 2.5, updateTriggers: { getFillColor: [vectors.changePatches], getLineColor: [vectors.changePatches] },
    } as never),
    new GeoJsonLayer({
      id: COMPARE_LAYER_IDS.selection, beforeId: FIRST_LABEL_LAYER_ID, data: vectors.selected ? [vectors.selected] : [], pickable: false,
      stroked: true, filled: false, getLineColor: CAMPAIGN_COLORS.selection as never, getLineWidth: 4, lineWidthUnits: 'pixels',
    } as never),
    new GeoJsonLayer({
      id: COMPARE_LAYER_IDS.drawnArea, beforeId: FIRST_LABEL_LAYER_ID, data: drawnAreaFeatures(vectors.drawnArea ?? null), pickable: false,
      stroked: true, filled: true, getFillColor: withAlpha(DRAWN_AREA_COLOR, 30) as never, getLineColor: DRAWN_AREA_COLOR as never,
      getLineWidth: 2.5, lineWidthUnits: 'pixels', pointType: 'circle', getPointRadius: 4, pointRadiusUnits: 'pixels',
    } as never),
  ];
}
