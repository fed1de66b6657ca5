/**
 * The dark variant of the offline base style for the wall screen: the same sources and layer ids
 * as `createBaseStyle` (so the same GeoJSON feeds it), night colours, and label and line sizes
 * multiplied by a scale so text stays readable from across a room on a 3840×2160 screen.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { FIRST_LABEL_LAYER_ID, createBaseStyle } from './base-style';

export const WALL_COLORS = {
  background: '#06101c',
  townshipFills: ['#0d2236', '#0f2639', '#0c1f31', '#10283c', '#0e2335', '#0b1d2e', '#112a3f'],
  townshipLine: '#6fd3ff',
  villageLine: '#2e5673',
  river: '#1d4f7a',
  roadCasing: '#0a1828',
  roadPrimary: '#3b5b78',
  roadSecondary: '#24405a',
  townshipLabel: '#e9f6ff',
  villageLabel: '#8fb3cc',
  labelHalo: '#04101c',
} as const;

/** Label layers of the wall style; deck.gl layers are drawn below the first one. */
export const WALL_LABEL_LAYER_ID = FIRST_LABEL_LAYER_ID;

type Paint = Record<string, unknown>;
type Layout = Record<string, unknown>;

function townshipFill(): unknown {
  return [
    'match',
    ['%', ['to-number', ['get', 'colorIndex'], 0], WALL_COLORS.townshipFills.length],
    ...WALL_COLORS.townshipFills.flatMap((color, index) => [index, color]),
    WALL_COLORS.townshipFills[0],
  ];
}

/** Paint and layout overrides per layer id of the base style. */
function overrides(scale: number): Record<string, { paint?: Paint; layout?: Layout }> {
  return {
    background: { paint: { 'background-color': WALL_COLORS.background } },
    'township-fill': { paint: { 'fill-color': townshipFill(), 'fill-opacity': 1 } },
    'river-line': { paint: { 'line-color': WALL_COLORS.river } },
    'road-casing': { paint: { 'line-color': WALL_COLORS.roadCasing } },
    'road-line': { paint: { 'line-color': ['match', ['get', 'class'], 'primary', WALL_COLORS.roadPrimary, WALL_COLORS.roadSecondary] } },
    'village-line': { paint: { 'line-color': WALL_COLORS.villageLine, 'line-width': 0.8 * scale } },
    'township-line': {
      paint: {
        'line-color': WALL_COLORS.townshipLine, 'line-opacity': 0.85,
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.4 * scale, 14, 3 * scale],
      },
    },
    [FIRST_LABEL_LAYER_ID]: {
      paint: { 'text-color': WALL_COLORS.villageLabel, 'text-halo-color': WALL_COLORS.labelHalo, 'text-halo-width': 1.5 * scale },
      layout: { 'text-size': 15 * scale },
    },
    'township-labels': {
      paint: { 'text-color': WALL_COLORS.townshipLabel, 'text-halo-color': WALL_COLORS.labelHalo, 'text-halo-width': 2.5 * scale },
      layout: {
        'text-size': ['interpolate', ['linear'], ['zoom'], 9, 17 * scale, 13, 24 * scale],
        'text-letter-spacing': 0.15,
        // Township names stay visible over the whole tour (the base style hides them from zoom 14).
      },
    },
  };
}

/** Layout properties that depend on the scale, for `setLayoutProperty` when the screen is resized. */
export function wallScaledProperties(scale: number): { layerId: string; kind: 'paint' | 'layout'; property: string; value: unknown }[] {
  return Object.entries(overrides(scale)).flatMap(([layerId, { paint, layout }]) => [
    ...Object.entries(paint ?? {}).filter(([property]) => property.endsWith('width')).map(([property, value]) => ({ layerId, kind: 'paint' as const, property, value })),
    ...Object.entries(layout ?? {}).filter(([property]) => property === 'text-size').map(([property, value]) => ({ layerId, kind: 'layout' as const, property, value })),
  ]);
}

/** The wall style with empty sources (filled with setData), at a text and line scale (1 at 1080 px high). */
export function createWallStyle(scale: number): StyleSpecification {
  const base = createBaseStyle();
  const changes = overrides(scale);
  const layers = base.layers.map((layer): LayerSpecification => {
    const change = changes[layer.id];
    const withoutMaxZoom = layer.id === 'township-labels' ? { ...layer, maxzoom: 24 } : layer;
    if (!change) return withoutMaxZoom;
    return {
      ...withoutMaxZoom,
      ...(change.paint ? { paint: { ...(('paint' in layer ? layer.paint : {}) as Paint), ...change.paint } } : {}),
      ...(change.layout ? { layout: { ...(('layout' in layer ? layer.layout : {}) as Layout), ...change.layout } } : {}),
    } as LayerSpecification;
  });
  return { ...base, name: '拆整一张图 指挥大屏底图', layers };
}
