/**
 * The offline MapLibre style: a plain background and the base layers (乡镇界, 村界, rivers, roads and
 * Chinese labels) from GeoJSON sources filled by the app. No glyph, sprite or tile URL: MapLibre
 * draws every label glyph locally with the browser's fonts.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { BaseLayerId } from '../state/layer-settings';
import { BASE_COLORS } from './palette';

export const BASE_SOURCE_IDS = { townships: 'townships', villages: 'villages', roads: 'roads', rivers: 'rivers' } as const;
/** Deck.gl campaign layers are inserted below this layer, so labels stay on top. */
export const FIRST_LABEL_LAYER_ID = 'village-labels';
export const LABEL_FONT_STACK = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'Source Han Sans SC', sans-serif";

/** For each base layer of the panel: its MapLibre layers and the paint properties its opacity scales. */
export const BASE_LAYER_PARTS: Record<BaseLayerId, { layerId: string; opacityProperty: string; baseOpacity: number }[]> = {
  townships: [
    { layerId: 'township-fill', opacityProperty: 'fill-opacity', baseOpacity: 1 },
    { layerId: 'township-line', opacityProperty: 'line-opacity', baseOpacity: 0.9 },
    { layerId: 'township-labels', opacityProperty: 'text-opacity', baseOpacity: 1 },
  ],
  villages: [
    { layerId: 'village-fill', opacityProperty: 'fill-opacity', baseOpacity: 0 },
    { layerId: 'village-line', opacityProperty: 'line-opacity', baseOpacity: 0.8 },
    { layerId: 'village-labels', opacityProperty: 'text-opacity', baseOpacity: 1 },
  ],
  rivers: [{ layerId: 'river-line', opacityProperty: 'line-opacity', baseOpacity: 1 }],
  roads: [
    { layerId: 'road-casing', opacityProperty: 'line-opacity', baseOpacity: 1 },
    { layerId: 'road-line', opacityProperty: 'line-opacity', baseOpacity: 1 },
  ],
};

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const townshipFillColor = [
  'match',
  ['%', ['to-number', ['get', 'colorIndex'], 0], BASE_COLORS.townshipFills.length],
  ...BASE_COLORS.townshipFills.flatMap((color, index) => [index, color]),
  BASE_COLORS.townshipFills[0],
] as unknown as string;

const LAYERS: LayerSpecification[] = [
  { id: 'background', type: 'background', paint: { 'background-color': BASE_COLORS.background } },
  { id: 'township-fill', type: 'fill', source: 'townships', paint: { 'fill-color': townshipFillColor } },
  { id: 'village-fill', type: 'fill', source: 'villages', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0 } },
  {
    id: 'river-line', type: 'line', source: 'rivers',
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': BASE_COLORS.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 14, 8, 17, 30] },
  },
  {
    id: 'road-casing', type: 'line', source: 'roads',
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': BASE_COLORS.roadCasing, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 14, 7, 17, 22] },
  },
  {
    id: 'road-line', type: 'line', source: 'roads',
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': ['match', ['get', 'class'], 'primary', BASE_COLORS.roadPrimary, BASE_COLORS.roadSecondary],
      'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 14, 5, 17, 18],
    },
  },
  {
    id: 'village-line', type: 'line', source: 'villages', minzoom: 10.5,
    paint: { 'line-color': BASE_COLORS.villageLine, 'line-width': 0.8, 'line-dasharray': [3, 2] },
  },
  {
    id: 'township-line', type: 'line', source: 'townships',
    paint: { 'line-color': BASE_COLORS.townshipLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.2, 14, 3], 'line-dasharray': [4, 2, 1, 2] },
  },
  {
    id: FIRST_LABEL_LAYER_ID, type: 'symbol', source: 'villages', minzoom: 11.5,
    layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT_STACK, 'text-size': 12, 'text-padding': 4 },
    paint: { 'text-color': BASE_COLORS.villageLabel, 'text-halo-color': BASE_COLORS.labelHalo, 'text-halo-width': 1.5 },
  },
  {
    id: 'township-labels', type: 'symbol', source: 'townships', maxzoom: 14,
    layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT_STACK, 'text-size': ['interpolate', ['linear'], ['zoom'], 9, 13, 13, 18] },
    paint: { 'text-color': BASE_COLORS.townshipLabel, 'text-halo-color': BASE_COLORS.labelHalo, 'text-halo-width': 2 },
  },
];

/** The style with empty sources; the map controller fills them with setData. */
export function createBaseStyle(): StyleSpecification {
  return {
    version: 8,
    name: '拆整一张图 离线底图',
    sources: Object.fromEntries(
      Object.values(BASE_SOURCE_IDS).map((id) => [id, { type: 'geojson', data: EMPTY }]),
    ),
    layers: LAYERS,
  } as StyleSpecification;
}
